"""Stories JSONL in, predictions JSONL out, one line at a time (constant memory)."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Callable, TextIO

from . import extract, prediction


class BadStoryError(Exception):
    """A line that is not a story; the message starts with its line number."""


def run_jsonl(infile: TextIO, outfile: TextIO, progress: Callable[[int], None] | None = None) -> int:
    """Stops at the first bad line (nothing is silently skipped); returns the number of stories."""
    count = 0
    for number, line in enumerate(infile, 1):
        if not line.strip():
            continue
        story = _story(line, number)
        published = _published(story, number)
        result = extract(story.get("title") or "", story.get("text") or "", published, story.get("lang"))
        outfile.write(json.dumps(prediction(story["id"], result), ensure_ascii=False) + "\n")
        count += 1
        if progress:
            progress(count)
    return count


def _story(line: str, number: int) -> dict:
    try:
        story = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadStoryError(f"{number}: not JSON: {exc.msg}") from None
    if not isinstance(story, dict) or not isinstance(story.get("id"), str):
        raise BadStoryError(f"{number}: a story needs a string 'id'")
    return story


def _published(story: dict, number: int) -> datetime:
    try:
        value = datetime.fromisoformat(str(story["published"]).replace("Z", "+00:00"))
    except (KeyError, ValueError):
        raise BadStoryError(f"{number}: 'published' must be an ISO 8601 date-time with offset") from None
    if value.tzinfo is None:
        raise BadStoryError(f"{number}: 'published' has no time-zone offset")
    return value
