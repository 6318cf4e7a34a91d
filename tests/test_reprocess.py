"""Reprocess rebuilds stories, incidents and events from the raw archive, idempotently."""
import duckdb
import pytest
import requests

from flows.demo_site import load_demo_stories
from flows.ingest import ingest
from flows.reprocess import reprocess
from warehouse import lake
from warehouse.layout import Layout

from tests.site_support import news_site

pytestmark = pytest.mark.usefixtures("prefect_server")


def _state(data):
    con = duckdb.connect(str(Layout.at(data).db), read_only=True)
    try:
        return {
            "stories": con.execute("SELECT story_id, dup_of FROM stories ORDER BY 1").fetchall(),
            "incidents": con.execute("SELECT incident_id, event_type, date, killed_min FROM incidents ORDER BY 1").fetchall(),
            "events": con.execute("SELECT count(*), sum(n_incidents) FROM events").fetchall(),
            "attacks": con.execute("SELECT * FROM attacks_daily").fetchall(),
        }
    finally:
        con.close()


def test_reprocess_rebuilds_the_same_warehouse_and_is_idempotent(tmp_path):
    data = tmp_path / "data"
    with news_site(load_demo_stories()) as base:
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(requests.get(f"{base}/feeds.yaml", timeout=10).text, encoding="utf-8")
        ingest(feeds_file=str(feeds), data_dir=str(data))
    before = _state(data)
    with duckdb.connect(str(Layout.at(data).db)) as con:   # simulate an older extractor's leftovers
        con.execute("UPDATE incidents SET killed_min = 999")
        con.execute("DELETE FROM events")
    first = reprocess(data_dir=str(data))
    after = _state(data)
    second = reprocess(data_dir=str(data))
    assert after == before
    assert _state(data) == after and first == second
    assert lake.read_table(Layout.at(data).lake, "events").num_rows == first.events
    assert lake.read_table(Layout.at(data).lake, "incidents").num_rows == first.incidents
