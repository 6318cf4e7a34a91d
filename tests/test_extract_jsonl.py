"""Stories JSONL -> predictions JSONL: streaming, one prediction per story, bad lines stop the run."""
from __future__ import annotations

import io
import json
import tracemalloc

import pytest

from transforms.extract.jsonl import BadStoryError, run_jsonl

FR = {"id": "fr-1", "published": "2024-06-12T12:00:00+02:00", "lang": "fr", "title": "Attaque près de Mopti",
      "text": "Des hommes armés ont tué cinq civils mardi près de Mopti, au Mali, selon des sources locales."}
EN = {"id": "en-1", "published": "2024-06-12T12:00:00Z", "title": "Heart attack",
      "text": "The former minister died of a heart attack at his home on Tuesday, his family said."}


def _lines(*stories) -> str:
    return "".join(json.dumps(s, ensure_ascii=False) + "\n" for s in stories)


def test_one_prediction_per_story_in_order():
    out = io.StringIO()
    seen = []
    count = run_jsonl(io.StringIO(_lines(FR, EN) + "\n"), out, progress=seen.append)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert count == 2 and seen == [1, 2]
    assert [r["id"] for r in rows] == ["fr-1", "en-1"]
    assert rows[0]["lang"] == "fr" and rows[0]["attack"] is True
    assert rows[0]["incidents"][0]["killed"] == {"min": 5, "max": 5}
    assert rows[1] == {"id": "en-1", "lang": "en", "attack": False, "incidents": []}   # lang detected


@pytest.mark.parametrize("line, reason", [
    ("{not json", "not JSON"),
    ('["a", "list"]', "JSON object"),
    ('{"published": "2024-06-12T12:00:00Z", "title": "t", "text": "x"}', "'id'"),
    ('{"id": "a", "title": "t", "text": "x"}', "'published' is missing"),
    ('{"id": "a", "published": "yesterday", "text": "x"}', "not ISO 8601"),
    ('{"id": "a", "published": "2024-06-12T12:00:00", "text": "x"}', "no time-zone offset"),
    ('{"id": "a", "published": "2024-06-12T12:00:00Z", "text": 3}', "'text' must be a string"),
    ('{"id": "a", "published": "2024-06-12T12:00:00Z", "text": "x", "lang": "de"}', "'lang'"),
])
def test_a_bad_line_stops_with_its_number(tmp_path, line, reason):
    path = tmp_path / "IN.jsonl"
    path.write_text(_lines(FR) + "\n" + line + "\n" + _lines(EN), encoding="utf-8")
    out = io.StringIO()
    with path.open(encoding="utf-8") as infile, pytest.raises(BadStoryError) as err:
        run_jsonl(infile, out)
    assert err.value.line == 3 and reason in err.value.reason
    assert str(err.value).startswith("3: ")
    assert err.value.where.startswith(f"{path}:3: ")
    assert len(out.getvalue().splitlines()) == 1    # the story before the bad line was written


def test_memory_stays_flat_with_input_size():
    def peak(n: int) -> int:
        infile = io.StringIO(_lines(*[dict(FR, id=f"s{i}") for i in range(n)]))   # the input is not the extractor's
        tracemalloc.start()
        run_jsonl(infile, _Discard())
        result = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return result

    peak(5)   # lexicons and gazetteer loaded outside the measurement
    small, large = peak(20), peak(200)
    assert large < small * 1.5 + 256 * 1024


class _Discard(io.TextIOBase):
    def write(self, text: str) -> int:
        return len(text)
