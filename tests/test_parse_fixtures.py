"""One feed per edge case in tests/fixtures/feeds/, its expectation beside it (<name>.expect.json).

Expectation keys: "error" / "error_startswith" (NotAFeed message), or "entries", optional "bozo",
"version", "distinct_story_ids", and "stories": per story any of guid, title, url, lang, flags,
published_at (ISO, UTC), text_start, lines (paragraph count), guid_is_hash.
"""
import json
import re
from pathlib import Path

import feedparser
import pytest

from transforms.normalize import normalize_entry
from transforms.parse import NotAFeed, parse_feed

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
CASES = sorted(p for p in FEEDS.iterdir() if p.suffix == ".xml")
URL = "http://127.0.0.1/feed/rss.xml"


def _expect(feed: Path) -> dict:
    return json.loads(feed.with_suffix(".expect.json").read_text(encoding="utf-8"))


def _observed(story, want: dict) -> dict:
    got = {"guid": story.guid, "title": story.title, "url": story.url, "lang": story.lang,
           "text_start": story.text[:len(want.get("text_start", ""))], "flags": list(story.flags),
           "published_at": story.published_at.isoformat() if story.published_at else None,
           "lines": len(story.text.split("\n")), "guid_is_hash": bool(re.fullmatch(r"[0-9a-f]{32}", story.guid))}
    return {k: got[k] for k in want}


@pytest.mark.parametrize("feed", CASES, ids=[p.stem for p in CASES])
def test_feed_fixture(feed):
    expect = _expect(feed)
    if "error" in expect or "error_startswith" in expect:
        with pytest.raises(NotAFeed) as err:
            parse_feed(feed.read_bytes(), feed="fixture", url=URL)
        assert str(err.value) == expect["error"] if "error" in expect else \
            str(err.value).startswith(expect["error_startswith"])
        return
    parsed = parse_feed(feed.read_bytes(), feed="fixture", url=URL)
    assert len(parsed.entries) == expect["entries"]
    for key in ("version",):
        if key in expect:
            assert parsed.version == expect[key]
    if "bozo" in expect:
        assert bool(parsed.bozo) is expect["bozo"], parsed.bozo
    stories = [normalize_entry(e) for e in parsed.entries]
    if "distinct_story_ids" in expect:
        assert len({s.story_id for s in stories}) == expect["distinct_story_ids"]
    assert len(stories) >= len(expect.get("stories", []))
    for story, want in zip(stories, expect["stories"]):
        assert _observed(story, want) == want


def test_every_fixture_has_its_expectation():
    assert len(CASES) >= 20
    assert all(p.with_suffix(".expect.json").exists() for p in CASES)


@pytest.mark.parametrize("name", ["billion-laughs", "external-entity-file", "external-entity-http",
                                  "parameter-entity"])
def test_feedparser_alone_does_not_expand_or_fetch_entities(name):
    """Defence in depth: even without our refusal, feedparser 6 neither expands nor fetches."""
    parsed = feedparser.parse((FEEDS / f"{name}.xml").read_bytes())
    dumped = json.dumps(parsed, default=str)
    assert "lollol" not in dumped and "root:" not in dumped and len(dumped) < 20000


def test_story_ids_are_stable_and_short():
    parsed = parse_feed((FEEDS / "duplicate-guids.xml").read_bytes(), feed="fixture", url=URL)
    first, again = normalize_entry(parsed.entries[0]), normalize_entry(parsed.entries[0])
    assert first.story_id == again.story_id and re.fullmatch(r"[0-9a-f]{16}", first.story_id)


@pytest.mark.parametrize("content_type", [None, "text/xml", "application/rss+xml", "text/xml; charset=utf-8",
                                          "text/html; charset=iso-8859-1", "text/plain"])
@pytest.mark.parametrize("name, title", [("latin1-declared", "Été meurtrier sur les routes à Besançon"),
                                         ("utf8-bom", "Côte d’Ivoire : une attaque repoussée")])
def test_http_content_type_does_not_garble_accents(name, title, content_type):
    parsed = parse_feed((FEEDS / f"{name}.xml").read_bytes(), feed="fixture", url=URL, content_type=content_type)
    assert normalize_entry(parsed.entries[0]).title == title
