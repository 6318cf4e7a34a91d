"""One feed per edge case in tests/fixtures/feeds/, its expectation beside it (<name>.expect.json)."""
import json
from pathlib import Path

import pytest

from transforms.normalize import normalize_entry
from transforms.parse import NotAFeed, parse_feed

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
CASES = sorted(p for p in FEEDS.iterdir() if p.suffix == ".xml")


@pytest.mark.parametrize("feed", CASES, ids=[p.stem for p in CASES])
def test_feed_fixture(feed):
    expect = json.loads(feed.with_suffix(".expect.json").read_text(encoding="utf-8"))
    if "error" in expect:
        with pytest.raises(NotAFeed) as err:
            parse_feed(feed.read_bytes(), feed="fixture", url="http://127.0.0.1/feed")
        assert str(err.value) == expect["error"]
        return
    parsed = parse_feed(feed.read_bytes(), feed="fixture", url="http://127.0.0.1/feed")
    assert len(parsed.entries) == expect["entries"]
    stories = [normalize_entry(e) for e in parsed.entries]
    for story, want in zip(stories, expect["stories"]):
        got = {"guid": story.guid, "title": story.title, "url": story.url, "lang": story.lang,
               "text_start": story.text[:len(want.get("text_start", ""))], "flags": list(story.flags),
               "published_at": story.published_at.isoformat() if story.published_at else None}
        assert {k: got[k] for k in want} == want


def test_every_fixture_has_its_expectation():
    assert all(p.with_suffix(".expect.json").exists() for p in CASES)
