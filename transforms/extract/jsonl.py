"""Stories JSONL in, predictions JSONL out, one line at a time (constant memory).

A malformed line stops the run with BadStoryError ("IN.jsonl:17: not JSON: ..."): a data pipeline
that skipped it would silently undercount. Blank lines are ignored. Predictions already written
for earlier lines stay written (the caller decides what to do with a partial output).
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Callable, TextIO

from . import explain, prediction
from .explanation import explanation_text


class BadStoryError(ValueError):
    """A line that is not a story. str() is "17: not JSON: ..." (the CLI puts the file name in front);
    .where is the whole "IN.jsonl:17: not JSON: ..." when the input file has a name."""

    def __init__(self, source: str, line: int, reason: str):
        super().__init__(f"{line}: {reason}")
        self.source, self.line, self.reason = source, line, reason

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}: {self.reason}"


def run_jsonl(infile: TextIO, outfile: TextIO, progress: Callable[[int], None] | None = None,
              explained: bool = False) -> int:
    """Extract every story of infile into outfile (with `explained`, the explanation text instead of the
    prediction JSON); returns the number of stories. Stops at the first bad line."""
    source = str(getattr(infile, "name", "<input>"))
    count = 0
    for number, line in enumerate(infile, 1):
        if not line.strip():
            continue
        story = _story(line, source, number)
        result = explain(story["title"], story["text"], story["published"], story["lang"])
        if explained:
            outfile.write(explanation_text(story["id"], story["published"], result) + "\n")
        else:
            outfile.write(json.dumps(prediction(story["id"], result.extraction), ensure_ascii=False) + "\n")
        count += 1
        if progress:
            progress(count)
    return count


def _story(line: str, source: str, number: int) -> dict:
    try:
        story = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadStoryError(source, number, f"not JSON: {exc.msg} (column {exc.colno})") from None
    if not isinstance(story, dict):
        raise BadStoryError(source, number, "a story must be a JSON object")
    if not isinstance(story.get("id"), str) or not story["id"]:
        raise BadStoryError(source, number, "a story needs a non-empty string 'id'")
    for key in ("title", "text"):
        if not isinstance(story.get(key, ""), str):
            raise BadStoryError(source, number, f"'{key}' must be a string")
    lang = story.get("lang")
    if lang not in (None, "", "fr", "en"):
        raise BadStoryError(source, number, f"'lang' must be 'fr' or 'en', not {lang!r}")
    return {"id": story["id"], "title": story.get("title") or "", "text": story.get("text") or "",
            "lang": lang or None, "published": _published(story, source, number)}


def _published(story: dict, source: str, number: int) -> datetime:
    raw = story.get("published")
    if not isinstance(raw, str):
        raise BadStoryError(source, number, "'published' is missing (ISO 8601 date-time with offset)")
    try:
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise BadStoryError(source, number, f"'published' is not ISO 8601: {raw!r}") from None
    if value.tzinfo is None:
        raise BadStoryError(source, number, f"'published' has no time-zone offset: {raw!r}")
    return value
