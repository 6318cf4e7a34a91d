"""Reprocess rebuilds stories, incidents and events from the raw archive, idempotently."""
from pathlib import Path

import duckdb
import pytest
import requests

from flows.demo_site import load_demo_stories
from flows.ingest import ingest
from flows.reprocess import reprocess
from warehouse import lake
from warehouse.layout import Layout

from tests.faultserver import Static, fault_server
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


RELATIVE = (Path(__file__).parent / "fixtures" / "feeds" / "relative-links.xml").read_bytes()
# French, in ISO-8859-15 declared only by the HTTP header: without it the bytes read as windows-1252 (¤ for €)
EURO = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Économie</title>'
        "<item><title>Attaque d'un fourgon : 2 M€ volés à Lyon</title><guid>eu-1</guid>"
        "<description>Trois convoyeurs blessés.</description></item></channel></rss>").encode("iso-8859-15")


def _stories(data):
    con = duckdb.connect(str(Layout.at(data).db), read_only=True)
    try:
        return con.execute("SELECT story_id, guid, url, title, lang FROM stories ORDER BY 1").fetchall()
    finally:
        con.close()


def test_reprocess_reads_payloads_with_the_url_and_charset_they_were_fetched_with(tmp_path):
    data, feeds = tmp_path / "data", tmp_path / "feeds.yaml"
    routes = {"/old/feed": Static(302, b"", {"Location": "/rel/x/feed.xml"}), "/rel/x/feed.xml": Static(200, RELATIVE),
              "/euro": Static(200, EURO, {"Content-Type": "application/rss+xml; charset=iso-8859-15"})}
    with fault_server(routes) as server:
        feeds.write_text(f"feeds:\n- {{name: rel, url: '{server.url}/old/feed'}}\n"
                         f"- {{name: euro, url: '{server.url}/euro', lang: fr}}\n", encoding="utf-8")
        ingest(feeds_file=str(feeds), data_dir=str(data))
    ingested = _stories(data)
    reprocess(data_dir=str(data))
    assert _stories(data) == ingested
    urls = {guid: url for _, guid, url, _, _ in ingested}
    # resolved against the URL the feed came from after the 302 (../ from /rel/x/), not the configured one
    assert urls["rel-1"] == f"{server.url}/world/bridge-reopens.html"
    assert urls[f"{server.url}/rel/sport/match.html"] == f"{server.url}/rel/sport/match.html"
    assert "Attaque d'un fourgon : 2 M€ volés à Lyon" in {title for *_, title, _ in ingested}


def test_payloads_archived_without_metadata_use_their_fetches_url(tmp_path):
    """Archives written before the metadata sidecar existed: the URL comes from the payload's fetches row."""
    data, feeds = tmp_path / "data", tmp_path / "feeds.yaml"
    with fault_server({"/rel/x/feed.xml": Static(200, RELATIVE)}) as server:
        feeds.write_text(f"feeds:\n- {{name: rel, url: '{server.url}/rel/x/feed.xml'}}\n", encoding="utf-8")
        ingest(feeds_file=str(feeds), data_dir=str(data))
    ingested = _stories(data)
    sidecars = list((data / "raw").rglob("*.json"))
    assert len(sidecars) == 1
    sidecars[0].unlink()
    reprocess(data_dir=str(data))
    assert _stories(data) == ingested
    assert f"{server.url}/rel/sport/match.html" in {url for _, _, url, _, _ in ingested}
