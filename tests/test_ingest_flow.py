"""The ingest flow end to end: a real HTTP site on 127.0.0.1 -> Prefect flow -> lake + warehouse."""
from __future__ import annotations

import json
import socket

import duckdb
import pytest
import yaml

from flows.demo_site import load_demo_stories
from flows.ingest import ingest
from warehouse import lake
from warehouse.layout import Layout

from tests.site_support import news_site

pytestmark = pytest.mark.usefixtures("prefect_server")
COUNTED = ("stories", "incidents", "events")


def _feeds_file(tmp_path, base, extra=()):
    import requests
    doc = yaml.safe_load(requests.get(f"{base}/feeds.yaml", timeout=10).text)
    doc["feeds"].extend(extra)
    path = tmp_path / "feeds.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return path


def _counts(data) -> dict:
    con = duckdb.connect(str(Layout.at(data).db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in COUNTED + ("fetches",)}
    finally:
        con.close()


def _query(data, sql):
    con = duckdb.connect(str(Layout.at(data).db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_ingest_loads_everything_and_a_rerun_adds_no_rows(tmp_path):
    data = tmp_path / "data"
    with news_site(load_demo_stories()) as base:
        feeds = _feeds_file(tmp_path, base)
        first = ingest(feeds_file=str(feeds), data_dir=str(data))
        after_first = _counts(data)
        second = ingest(feeds_file=str(feeds), data_dir=str(data))
        after_second = _counts(data)
    n_feeds = len(yaml.safe_load(feeds.read_text())["feeds"])
    assert first.exit_code == 0 and not first.failed
    assert first.load.new_stories + first.load.duplicates == len(load_demo_stories())
    assert {k: after_second[k] for k in COUNTED} == {k: after_first[k] for k in COUNTED}
    assert after_second["fetches"] == after_first["fetches"] + n_feeds   # fetches is a log: one row per feed per run
    assert second.load.new_stories == 0 and second.load.events_new == 0
    assert _query(data, "SELECT count(*) FROM attacks_daily")[0][0] > 0
    assert len(list((data / "raw").rglob("*.xml.gz"))) >= n_feeds
    assert lake.read_table(Layout.at(data).lake, "stories").num_rows == after_first["stories"]


def test_republication_and_follow_up_count_once(tmp_path):
    data = tmp_path / "data"
    with news_site(load_demo_stories()) as base:
        ingest(feeds_file=str(_feeds_file(tmp_path, base)), data_dir=str(data))
    dup = _query(data, "SELECT dup_of IS NOT NULL, dup_reason FROM stories WHERE guid = 'demo-fr-05'")
    assert dup == [(True, "near_duplicate")]
    # the same car bombing in two stories, the later one with a higher toll: one event, toll updated
    events = _query(data, "SELECT e.killed_min, count(DISTINCT i.story_id) FROM events e JOIN incidents i USING"
                          " (event_id) WHERE e.location = 'Mogadishu' GROUP BY e.event_id, e.killed_min")
    assert events == [(12, 2)]
    # the same drone strike on Kharkiv reported in French and in English: one event
    kharkiv = _query(data, "SELECT count(DISTINCT event_id), count(DISTINCT story_id) FROM incidents"
                           " WHERE location = 'Kharkiv'")
    assert kharkiv == [(1, 2)]


def test_failing_feeds_are_isolated_and_recorded(tmp_path):
    data = tmp_path / "data"
    with news_site(load_demo_stories()) as base:
        bad = [{"name": "gone", "url": f"{base}/feeds/missing.xml"},
               {"name": "refused", "url": f"http://127.0.0.1:{_free_port()}/rss"}]
        summary = ingest(feeds_file=str(_feeds_file(tmp_path, base, bad)), data_dir=str(data))
    assert summary.exit_code == 0
    assert dict(summary.failed) == {"gone": "HTTP 404 Not Found", "refused": "connection refused"}
    rows = dict(_query(data, "SELECT feed, error FROM fetches WHERE status = 'error'"))
    assert rows == {"gone": "HTTP 404 Not Found", "refused": "connection refused"}
    state = _query(data, "SELECT consecutive_failures, next_fetch_after IS NOT NULL FROM feeds WHERE feed = 'gone'")
    assert state == [(1, True)]


def test_every_feed_failing_exits_non_zero(tmp_path):
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(yaml.safe_dump({"feeds": [{"name": "down", "url": f"http://127.0.0.1:{_free_port()}/"}]}))
    summary = ingest(feeds_file=str(feeds), data_dir=str(tmp_path / "data"))
    assert summary.exit_code == 1 and summary.failed == (("down", "connection refused"),)


def test_seed_story_is_two_incidents_and_one_tally(tmp_path, shared_dir):
    stories = [json.loads(line) for line in (shared_dir / "eval/dev/stories.jsonl").read_text().splitlines()
               if line.strip()]
    seed = [dict(s, lang=s.get("gold_lang")) for s in stories if s["id"] == "seed-001"]
    data = tmp_path / "data"
    with news_site(seed) as base:
        ingest(feeds_file=str(_feeds_file(tmp_path, base)), data_dir=str(data))
    incidents = _query(data, "SELECT kind, CAST(date AS VARCHAR), count_min FROM incidents ORDER BY kind, event_type")
    assert incidents == [("aggregate", None, 61), ("incident", "2023-11-21", None), ("incident", "2023-11-21", None)]
    assert _query(data, "SELECT sum(attacks) FROM attacks_daily WHERE day = DATE '2023-11-21'") == [(2,)]
