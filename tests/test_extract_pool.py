"""Extraction in a process pool gives what one process gives (flows/extract_pool.py)."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from flows.demo_site import load_demo_stories
from flows.extract_pool import POOL_MIN, WorkersConfigError, extract_here, extract_many, pool_workers
from transforms.models import Story

NOW = datetime(2025, 6, 1, tzinfo=timezone.utc)


def _stories() -> list[Story]:
    out = []
    for row in load_demo_stories():
        published = datetime.fromisoformat(row["published"].replace("Z", "+00:00"))
        for copy in range(2):   # twice, so each of the two workers gets several pool jobs
            out.append(Story(story_id=f"{row['id']}-{copy}", feed="demo", guid=row["id"], url=None,
                             title=row["title"], text=row["text"], lang=row.get("lang") or "",
                             published_at=published if copy else None, content_hash=row["id"]))
    return out


def test_the_pool_gives_the_same_incidents_as_one_process():
    stories = _stories()
    alone = extract_here(stories, NOW)
    pooled = extract_many(stories, NOW, workers=2, part=7)    # many small jobs: order and merging exercised
    assert list(pooled) == list(alone) and pooled == alone
    assert sum(len(e.incidents) for e in alone.values()) > 10


def test_a_small_batch_stays_in_this_process_and_a_large_one_uses_the_cores():
    assert pool_workers(POOL_MIN - 1, env={}) == 1
    assert pool_workers(POOL_MIN, env={"WIREWATCH_EXTRACT_WORKERS": "3"}) == 3
    assert pool_workers(POOL_MIN, env={"WIREWATCH_EXTRACT_WORKERS": "1"}) == 1


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_a_bad_worker_count_is_one_clear_error(value):
    with pytest.raises(WorkersConfigError, match=rf"^WIREWATCH_EXTRACT_WORKERS='{value}': expected a number"):
        pool_workers(POOL_MIN, env={"WIREWATCH_EXTRACT_WORKERS": value})
