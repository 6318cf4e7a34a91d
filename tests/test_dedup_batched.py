"""A batch checked with one history lookup finds the same duplicates as its stories checked one at
a time, each against everything stored before it (warehouse/load.py dedup_stories, a real DuckDB file)."""
from __future__ import annotations

from datetime import datetime, timezone

import duckdb

from benchmarks.synthetic_wires import stories as synthetic_stories
from transforms.models import Story
from transforms.normalize import content_hash
from warehouse.db import ensure_schema
from warehouse.load import dedup_stories, insert_rows
from warehouse.rows import story_row

NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)


def _stories(n: int) -> list[Story]:
    out = []
    for i, s in enumerate(synthetic_stories(n, seed=9, end=NOW)):
        url = f"https://wire.example/{s['dup_of'] if s['dup_of'] and i % 3 == 0 else s['id']}"   # some share a URL
        out.append(Story(story_id=s["id"], feed=s["outlet"], guid=s["id"], url=url, title=s["title"], text=s["text"],
                         lang=s["lang"], published_at=datetime.fromisoformat(s["published"]),
                         content_hash=content_hash(s["title"], s["text"])))
    return out


def _store(con, marked: list[Story], reasons: dict) -> None:
    insert_rows(con, "stories", [story_row(s, reasons[s.story_id], None, NOW) for s in marked])


def test_one_lookup_per_batch_finds_what_one_lookup_per_story_finds(tmp_path):
    stories = _stories(400)
    history, batch = stories[:150], stories[150:]
    decided = {}
    for path, batches in (("batched", [batch]), ("one-by-one", [[s] for s in batch])):
        con = duckdb.connect(str(tmp_path / f"{path}.duckdb"))
        ensure_schema(con)
        _store(con, *dedup_stories(con, history))
        results = {}
        for part in batches:
            marked, reasons = dedup_stories(con, part)
            _store(con, marked, reasons)
            results.update({s.story_id: (s.dup_of, reasons[s.story_id]) for s in marked})
        decided[path] = results
        con.close()
    assert decided["batched"] == decided["one-by-one"]
    found = {reason for _, reason in decided["batched"].values() if reason}
    assert {"near_duplicate", "url"} <= found   # duplicates of the history and within the batch were found
    assert sum(1 for dup, _ in decided["batched"].values() if dup in {s.story_id for s in history}) >= 1
