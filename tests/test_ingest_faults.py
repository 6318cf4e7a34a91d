"""One ingest run whose feeds are every fault of the fault server, plus content
faults served from the parse fixtures and one healthy feed: the run finishes,
each feed has one `fetches` row with a readable reason, what can be read is
stored, and a second run honours back-off, Retry-After, max-age and
conditional GET."""
from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pytest
import yaml

from flows.http import FetchLimits
from flows.ingest import ingest
from transforms.models import FeedConfig
from warehouse.layout import Layout

from tests.faultserver import ROUTES, Static, fault_server

pytestmark = pytest.mark.usefixtures("prefect_server")
FIXTURES = Path(__file__).parent / "fixtures" / "feeds"
LIMITS = FetchLimits(connect_timeout=1, read_timeout=1, deadline=3, max_bytes=2**20, max_decompressed=4 * 2**20,
                     retries=1, backoff=0.01, max_retry_after=0.5, per_host=16, min_interval=0.0)
HEALTHY = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Dépêches</title>
<item><title>Attentat à la voiture piégée à Mogadiscio</title><guid>h-fr-1</guid>
<link>https://news.example.org/fr/1?utm_source=rss</link><pubDate>Tue, 03 Nov 2026 06:00:00 GMT</pubDate>
<description>Au moins douze personnes ont été tuées mardi dans l'explosion d'une voiture piégée.</description></item>
<item><title>Drone strike hits Kharkiv power plant</title><guid>h-en-1</guid>
<link>https://news.example.org/en/1</link><pubDate>Tue, 03 Nov 2026 07:00:00 GMT</pubDate>
<description>Two workers were wounded when a drone struck the plant overnight, officials said.</description></item>
</channel></rss>""".encode()
LATIN1 = (FIXTURES / "latin1-declared.xml").read_bytes()
CP1252 = (FIXTURES / "windows1252-undeclared.xml").read_bytes()
CONTENT = {  # path: body served as 200 without Content-Type charset
    "/healthy": HEALTHY,
    "/latin1-declared": LATIN1,
    "/latin1-undeclared": LATIN1.replace(b' encoding="ISO-8859-1"', b""),
    "/cp1252-declared": CP1252.replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="windows-1252"?>'),
    "/cp1252-undeclared": CP1252,
    **{f"/{name}": (FIXTURES / f"{name}.xml").read_bytes() for name in (
        "malformed-xml", "billion-laughs", "external-entity-http", "external-entity-file", "parameter-entity",
        "html-page", "random-bytes", "duplicate-guids")},
}
# an external entity naming this very server: refused, and never requested
XXE = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY leak SYSTEM "BASE/entity-target">]>'
       b'<rss version="2.0"><channel><title>&leak;</title><item><title>Frappe</title><guid>x</guid></item>'
       b"</channel></rss>")
DTD_REFUSED = "refused: DTD with entity declarations"
NOT_A_FEED = "no entries and not a feed:"   # a prefix: feedparser's complaint follows
FAILS = {  # feed name: reason in fetches.error and in the run summary
    "missing": "HTTP 404 Not Found", "gone": "HTTP 410 Gone", "error": "HTTP 500 Internal Server Error",
    "busy": "HTTP 503 Service Unavailable", "busy-long": "HTTP 503 Service Unavailable",
    "busy-date": "HTTP 503 Service Unavailable", "throttled": "HTTP 429 Too Many Requests",
    "throttled-bare": "HTTP 429 Too Many Requests", "no-location": "HTTP 301 redirect without Location",
    "loop": "redirect loop", "ping": "redirect loop", "hop-0": "more than 5 redirects",
    "to-ftp": "refused non-http(s) URL ftp://127.0.0.1/feed",
    "to-file": "refused non-http(s) URL file:///etc/passwd",
    "brotli": "unsupported Content-Encoding br", "bad-gzip": "corrupt compressed body",
    "bomb": "decompressed body larger than 4 MB cap", "deflate-bomb": "decompressed body larger than 4 MB cap",
    "huge": "response larger than 1 MB cap", "huge-declared": "response larger than 1 MB cap",
    "trickle": "timed out after 3 s (deadline)", "slow-headers": "timed out after 3 s (deadline)",
    "silent": "timed out after 1 s", "empty": "empty body", "html": "HTML page, not a feed",
    "pdf": NOT_A_FEED, "refused": "connection refused",
    "billion-laughs": DTD_REFUSED, "external-entity-http": DTD_REFUSED, "external-entity-file": DTD_REFUSED,
    "parameter-entity": DTD_REFUSED, "xxe-here": DTD_REFUSED,
    "html-page": "HTML page, not a feed", "random-bytes": NOT_A_FEED,
}
STORIES = {  # feed name: stories stored (the fault server's own feed holds one)
    "ok": 1, "lastmod": 1, "flaky": 1, "moved": 1, "moved-308": 1, "found": 1, "temp": 1, "moved-then-found": 1,
    "gzip": 1, "deflate": 1, "raw-deflate": 1, "latin1": 1, "slow": 1, "healthy": 2, "relocated": 2,
    "latin1-declared": 1, "latin1-undeclared": 1, "cp1252-declared": 1, "cp1252-undeclared": 1,
    "malformed-xml": 2, "duplicate-guids": 2,
}


def _name(path: str) -> str:
    return path.strip("/").replace("/", "-")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _feeds_file(tmp_path, base: str) -> Path:
    paths = [p.replace("<n>", "0") for p in ROUTES] + list(CONTENT) + ["/xxe-here", "/relocated"]
    feeds = [{"name": _name(p), "url": base + p} for p in paths]
    feeds.append({"name": "refused", "url": f"http://127.0.0.1:{_free_port()}/rss"})
    path = tmp_path / "feeds.yaml"
    path.write_text(yaml.safe_dump({"feeds": feeds}), encoding="utf-8")
    return path


def _rows(data, sql: str) -> list[tuple]:
    con = duckdb.connect(str(Layout.at(data).db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _matches(reasons: dict, expected: dict) -> dict:
    """Reasons that differ from the expected ones (a NOT_A_FEED expectation is a prefix)."""
    return {k: reasons.get(k) for k in expected.keys() | reasons.keys()
            if not (reasons.get(k) == expected.get(k) or
                    (expected.get(k) == NOT_A_FEED and (reasons.get(k) or "").startswith(NOT_A_FEED)))}


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    data = tmp / "data"
    statics = {p: Static(200, body, {"ETag": '"h1"'} if p == "/healthy" else {}) for p, body in CONTENT.items()}
    with fault_server(statics) as server:
        server.add("/xxe-here", Static(200, XXE.replace(b"BASE", server.url.encode())))
        server.add("/relocated", Static(301, b"", {"Location": "/healthy"}))   # no max-age on the target
        feeds = _feeds_file(tmp, server.url)
        first = ingest(feeds_file=str(feeds), data_dir=str(data), limits=LIMITS)
        after_first = {"fetches": _rows(data, "SELECT feed, status, error, bozo, entries FROM fetches"),
                       "hits": dict(server.hits), "requests": len(server.requests)}
        second = ingest(feeds_file=str(feeds), data_dir=str(data), limits=LIMITS)
        second_requests = server.requests[after_first["requests"]:]
    return {"data": data, "base": server.url, "first": first, "second": second, "after_first": after_first,
            "second_requests": second_requests, "feeds": yaml.safe_load(feeds.read_text())["feeds"]}


def test_the_run_finishes_with_one_fetch_row_per_feed(two_runs):
    first, names = two_runs["first"], {f["name"] for f in two_runs["feeds"]}
    assert first.exit_code == 0
    assert {row[0] for row in two_runs["after_first"]["fetches"]} == names
    assert len(two_runs["after_first"]["fetches"]) == len(names)
    assert set(first.feeds_ok) | {f for f, _ in first.failed} == names and not first.skipped


def test_every_failure_has_its_reason_in_fetches_and_in_the_summary(two_runs):
    rows = two_runs["after_first"]["fetches"]
    assert _matches({feed: error for feed, status, error, _, _ in rows if status == "error"}, FAILS) == {}
    assert _matches(dict(two_runs["first"].failed), FAILS) == {}
    text = two_runs["first"].text()
    assert "failed bomb: decompressed body larger than 4 MB cap; backing off until " in text
    assert "after 1 failure" in dict(two_runs["first"].backoff)["busy-long"]
    assert "failed refused: connection refused" in text
    assert "/entity-target" not in two_runs["after_first"]["hits"]


def test_readable_feeds_are_stored(two_runs):
    stored = dict(_rows(two_runs["data"], "SELECT feed, count(*) FROM stories GROUP BY feed"))
    assert stored == STORIES
    titles = {t for (t,) in _rows(two_runs["data"], "SELECT title FROM stories")}
    assert {"Été meurtrier sur les routes à Besançon", "Minister’s “final offer” rejected",
            "Fusillade à Sète", "Attentat à la voiture piégée à Mogadiscio"} <= titles
    url = _rows(two_runs["data"], "SELECT DISTINCT url FROM stories WHERE guid = 'h-fr-1'")
    assert url == [("https://news.example.org/fr/1",)]    # tracking parameter removed


def test_bozo_and_duplicate_guids_are_recorded(two_runs):
    rows = {feed: (status, bozo, entries) for feed, status, _, bozo, entries in two_runs["after_first"]["fetches"]}
    assert rows["malformed-xml"][:1] == ("ok",) and rows["malformed-xml"][1] and rows["malformed-xml"][2] == 2
    assert rows["duplicate-guids"] == ("ok", None, 3)    # three entries, two distinct stories stored


def test_permanent_redirects_are_remembered(two_runs):
    urls = dict(_rows(two_runs["data"], "SELECT feed, url FROM feeds"))
    base = two_runs["base"]
    assert urls["moved"] == urls["moved-308"] == base + "/ok"
    assert urls["moved-then-found"] == base + "/found"    # the permanent part of the chain only
    assert urls["found"] == base + "/found" and urls["temp"] == base + "/temp"
    assert urls["relocated"] == base + "/healthy"


def test_the_second_run_asks_the_remembered_url_directly(two_runs):
    paths = [path for path, _, _ in two_runs["second_requests"]]
    assert "/relocated" not in paths and paths.count("/healthy") == 2
    assert "relocated" in two_runs["second"].not_modified


def test_the_second_run_skips_feeds_in_back_off_without_a_request(two_runs):
    second = two_runs["second"]
    skipped = dict(second.skipped)
    assert set(FAILS) <= set(skipped) and second.failed == ()
    assert skipped["busy"].startswith("backing off until") and skipped["busy"].endswith("after 1 failure")
    assert {p for p, _, _ in two_runs["second_requests"]}.isdisjoint({"/busy", "/missing", "/bomb", "/silent"})
    assert "skipped busy: backing off until" in second.text() and second.exit_code == 0


def test_retry_after_longer_than_the_back_off_sets_the_next_fetch(two_runs):
    rows = dict(_rows(two_runs["data"], "SELECT feed, next_fetch_after - last_error_at FROM ("
                      "SELECT f.feed, f.next_fetch_after, (SELECT max(started_at) FROM fetches x WHERE"
                      " x.feed = f.feed AND x.status = 'error') AS last_error_at FROM feeds f)"))
    assert timedelta(minutes=59) < rows["busy-long"] < timedelta(minutes=61)    # Retry-After: 3600
    assert timedelta(minutes=14) < rows["busy"] < timedelta(minutes=16)         # Retry-After: 1, back-off wins


def test_the_second_run_sends_conditional_gets(two_runs):
    second, requests = two_runs["second"], two_runs["second_requests"]
    statuses = dict(_rows(two_runs["data"], "SELECT feed, status FROM fetches WHERE status <> 'error'"
                                            " AND fetch_id NOT IN (SELECT min(fetch_id) FROM fetches GROUP BY feed)"))
    assert statuses["healthy"] == statuses["lastmod"] == "not_modified"
    assert {"healthy", "lastmod"} <= set(second.feeds_ok) and second.load.new_stories == 0
    assert sorted(second.not_modified) == ["healthy", "lastmod", "relocated"]
    assert "ok (3 not modified)" in second.text()
    sent = {path: headers for path, headers, _ in requests}
    assert sent["/healthy"].get("If-None-Match") == '"h1"'
    assert sent["/lastmod"].get("If-Modified-Since") == "Mon, 02 Nov 2026 08:00:00 GMT"
    # Cache-Control max-age=600 on /ok: not due yet, and said so
    assert dict(second.skipped)["ok"].endswith("(Cache-Control max-age)") and "/ok" not in sent


def test_each_feed_has_one_row_per_run(two_runs):
    counts = _rows(two_runs["data"], "SELECT DISTINCT count(*) FROM fetches GROUP BY feed")
    assert counts == [(2,)]


def test_feed_credentials_stay_out_of_logs_archive_and_stories(tmp_path, capfd):
    relative = (FIXTURES / "relative-links.xml").read_bytes()
    with fault_server({"/rel.xml": Static(200, relative)}) as server:
        authed = server.url.replace("http://", "http://wire:s3cret@")
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(yaml.safe_dump({"feeds": [{"name": "rel", "url": authed + "/rel.xml"},
                                                   {"name": "gone", "url": authed + "/gone"}]}), encoding="utf-8")
        summary = ingest(feeds_file=str(feeds), data_dir=str(tmp_path / "data"), limits=LIMITS)
        sent = [headers.get("Authorization") for path, headers, _ in server.requests if path in ("/rel.xml", "/gone")]
    data = tmp_path / "data"
    logged = _rows(data, "SELECT url, error FROM fetches") + _rows(data, "SELECT url, guid FROM stories")
    assert len(logged) == 4 and "s3cret" not in repr(logged)
    assert f"{server.url}/world/bridge-reopens.html" in repr(logged)
    archived = "".join(p.read_text() for p in (data / "raw").rglob("*.json"))
    assert archived and "s3cret" not in archived
    assert "s3cret" not in summary.text() + "".join(capfd.readouterr())
    assert sent and all(auth and auth.startswith("Basic ") for auth in sent)   # yet the server got them


def test_a_parser_crash_on_one_payload_is_that_feeds_error(tmp_path, monkeypatch):
    """The archive keeps the payload, the feed gets a reason, the other feeds go on."""
    import flows.ingest as ingest_module
    real = ingest_module.parse_payload

    def crashing(body, feed, meta):
        if feed == "crash":
            raise RecursionError("maximum recursion depth exceeded")
        return real(body, feed, meta)

    monkeypatch.setattr(ingest_module, "parse_payload", crashing)
    layout = Layout.at(tmp_path / "data")
    with fault_server({"/healthy": Static(200, HEALTHY)}) as server:
        feeds = [FeedConfig(name, f"{server.url}/healthy") for name in ("crash", "fine")]
        runs = {f.name: ingest_module.fetch_and_parse(f, None, layout, datetime.now(timezone.utc), LIMITS).run
                for f in feeds}
    assert (runs["crash"].status, runs["crash"].error) == ("error", "parsing failed: RecursionError")
    assert runs["crash"].raw_path and runs["crash"].state.consecutive_failures == 1
    assert (runs["fine"].status, len(runs["fine"].stories)) == ("ok", 2)
