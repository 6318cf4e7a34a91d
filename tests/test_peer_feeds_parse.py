"""feedparser's own test feeds (../shared/peer-feeds): nothing escapes but NotAFeed, and no entry feedparser reads is lost."""
import re
from pathlib import Path

import feedparser
import pytest

from transforms.normalize import normalize_entry
from transforms.parse import NotAFeed, parse_feed

ACTIVE_MARKUP = re.compile(r"<\s*(script|iframe|style|object|embed|img|svg)\b", re.I)
PEER = Path(__file__).resolve().parents[2] / "shared" / "peer-feeds"


def _files():
    if not PEER.is_dir():
        pytest.skip("../shared/peer-feeds is absent")
    return sorted(p for p in PEER.rglob("*") if p.is_file() and p.suffix in (".xml", ".rdf", ".atom", ".rss"))


def _ours(body: bytes) -> tuple[int, str]:
    try:
        parsed = parse_feed(body, feed="peer", url="http://127.0.0.1/feed.xml")
    except NotAFeed as refused:
        return 0, str(refused)
    for entry in parsed.entries:
        story = normalize_entry(entry)
        assert story.lang in ("fr", "en") and len(story.story_id) == 16
        assert not ACTIVE_MARKUP.search(story.title + story.text), story   # the sanitize cases stay text
    return len(parsed.entries), ""


def test_every_peer_feed_parses_and_keeps_feedparsers_entries():
    files = _files()
    lost = []
    for path in files:
        body = path.read_bytes()
        ours, refused = _ours(body)
        theirs = len(feedparser.parse(body).entries)
        if ours != theirs:
            lost.append(f"{path.relative_to(PEER)}: ours {ours}, feedparser {theirs} {refused}")
    assert len(files) > 1000
    assert lost == []


def test_refusals_are_only_for_what_is_no_feed():
    reasons = {_ours(p.read_bytes())[1].split(":")[0] for p in _files()}
    assert reasons <= {"", "empty body", "HTML page, not a feed", "no entries and not a feed",
                       "refused"}
