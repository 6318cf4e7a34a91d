"""feedparser's own test feeds (../shared/peer-feeds) through ingestion: every file served on
127.0.0.1 and listed as a feed; the run finishes, each feed has one fetch row, and every entry
feedparser itself reads is stored (less exact repeats within a feed).

The 1,400 feeds go through the ingest flow's own stage functions (read state, fetch+archive+
parse+normalize with 16 feeds at a time, extract, then the load `load_warehouse` wraps) rather
than the flow, to stay well under a minute, and without the article stage, because these feeds
link to example.com and other hosts off this machine (it has its own tests in
test_article.py and test_ingest_articles.py).
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import duckdb
import feedparser
import pytest

from flows.http import FetchLimits
from flows.ingest import extract_stories, fetch_and_parse, read_feed_state
from transforms.models import FeedConfig
from warehouse.layout import Layout
from warehouse.load import load_run
from warehouse.state import state_for

from tests.folder_server import feed_path, serve_folder

LIMITS = FetchLimits(connect_timeout=2, read_timeout=5, deadline=10, retries=0, per_host=16, min_interval=0.0)
# What a payload may be refused as (fetches.error up to the first colon). Two files are, today, and
# feedparser reads no entry from either: illformed/rss_empty_document.xml ("no entries and not a feed":
# a comment and no element) and wellformed/rdf/doctype_contains_entity_decl.xml ("refused: DTD with
# entity declarations", refused before parsing like billion laughs and external entities).
REFUSALS = {"empty body", "HTML page, not a feed", "no entries and not a feed", "refused"}


@pytest.fixture(scope="module")
def peer(tmp_path_factory):
    from tests.conftest import SHARED
    folder = SHARED / "peer-feeds"
    if not folder.is_dir():
        pytest.skip("../shared is absent (a user's clone): peer-feed test skipped")
    files = sorted(p for p in folder.rglob("*.xml") if p.is_file())
    layout = Layout.at(tmp_path_factory.mktemp("peer") / "data")
    names = {f"peer-{i:04d}": path for i, path in enumerate(files)}
    with serve_folder(folder) as base:
        feeds = [FeedConfig(name, f"{base}/{feed_path(path, folder)}") for name, path in names.items()]
        load = _ingest(feeds, layout)
    con = duckdb.connect(str(layout.db), read_only=True)
    try:
        fetches = con.execute("SELECT feed, count(*), any_value(status), any_value(error) FROM fetches"
                              " GROUP BY feed").fetchall()
        stored = dict(con.execute("SELECT feed, count(*) FROM stories GROUP BY feed").fetchall())
    finally:
        con.close()
    return {"names": names, "load": load, "fetches": {f: rest for f, *rest in fetches}, "stored": stored}


def _ingest(feeds: list[FeedConfig], layout: Layout):
    now = datetime.now(timezone.utc)
    stored = read_feed_state.fn(layout)
    with ThreadPoolExecutor(16) as pool:
        fetched = list(pool.map(lambda f: fetch_and_parse(f, state_for(f, stored), layout, now, LIMITS), feeds))
    runs = [f.run for f in fetched]
    new = list({s.story_id: s for r in runs for s in r.stories}.values())
    return load_run(layout, "peer-feeds", runs, extract_stories.fn(new, now), now)   # load_warehouse's body


def _readable(path) -> int:
    """Entries feedparser reads from the file, an entry repeated with the same id (or link) counted once."""
    keys = [e.get("id") or e.get("link") or (e.get("title"), e.get("summary"))
            for e in feedparser.parse(path.read_bytes()).entries]
    return len(set(map(str, keys)))


def test_the_run_finishes_with_one_fetch_row_per_feed(peer):
    assert len(peer["names"]) > 1000 and peer["load"].new_stories > 500
    assert set(peer["fetches"]) == set(peer["names"])
    assert {n for n, _, _ in peer["fetches"].values()} == {1}


def test_every_entry_feedparser_reads_is_stored(peer):
    lost = {}
    for name, path in peer["names"].items():
        theirs, ours = _readable(path), peer["stored"].get(name, 0)
        if ours < theirs:
            lost[path.name] = (ours, theirs, peer["fetches"][name][2])
    assert lost == {}


def test_refusals_are_only_for_what_is_no_feed(peer):
    reasons = {error.split(":")[0] for _, status, error in peer["fetches"].values() if status == "error"}
    assert reasons <= REFUSALS
