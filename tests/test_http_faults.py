"""Fetching against a misbehaving server on 127.0.0.1: every fault ends as a
readable result, never a crash, and within the limits it was given."""
import socket
import time
from dataclasses import replace

import pytest

from flows.http import FetchError, FetchLimits, fetch_feed, fetch_page
from flows.politeness import HostLimiter
from transforms.models import FeedConfig, FeedState

from tests.faultserver import ETAG, FEED, HTML_PAGE, LAST_MODIFIED, LATIN1_FEED, fault_server

FAST = FetchLimits(connect_timeout=2, read_timeout=1, deadline=3, max_bytes=2**20,
                   max_decompressed=4 * 2**20, retries=2, backoff=0.01, max_retry_after=2)
NO_WAIT = HostLimiter(per_host=8, min_interval=0.0)


@pytest.fixture(scope="module")
def server():
    with fault_server() as running:
        yield running


@pytest.fixture
def base(server):
    return server.url


def fetch(url, state=None, limits=FAST):
    return fetch_feed(FeedConfig("f", url), state, limits, limiter=NO_WAIT)


@pytest.mark.parametrize("path, error", [
    ("/missing", "HTTP 404 Not Found"),
    ("/gone", "HTTP 410 Gone"),
    ("/error", "HTTP 500 Internal Server Error"),
    ("/busy-long", "HTTP 503 Service Unavailable"),
    ("/throttled", "HTTP 429 Too Many Requests"),
    ("/loop", "redirect loop"),
    ("/ping", "redirect loop"),
    ("/hop/0", "more than 5 redirects"),
    ("/no-location", "HTTP 301 redirect without Location"),
    ("/to-ftp", "refused non-http(s) URL ftp://127.0.0.1/feed"),
    ("/to-file", "refused non-http(s) URL file:///etc/passwd"),
    ("/bomb", "decompressed body larger than 4 MB cap"),
    ("/deflate-bomb", "decompressed body larger than 4 MB cap"),
    ("/huge", "response larger than 1 MB cap"),
    ("/huge-declared", "response larger than 1 MB cap"),
    ("/brotli", "unsupported Content-Encoding br"),
    ("/bad-gzip", "corrupt compressed body"),
    ("/trickle", "timed out after 3 s (deadline)"),
    ("/slow-headers", "timed out after 3 s (deadline)"),
    ("/empty", "empty body"),
])
def test_fault_becomes_a_readable_error(base, path, error):
    result = fetch(base + path)
    assert (result.status, result.error) == ("error", error)
    assert result.elapsed < FAST.deadline + 1.5


def test_http_status_is_kept_on_errors(base):
    assert fetch(base + "/gone").http_status == 410
    assert fetch(base + "/busy-long").http_status == 503


def test_connection_refused():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]     # closed once the block ends: nobody listens there
    result = fetch(f"http://127.0.0.1:{port}/feed")
    assert (result.status, result.error, result.http_status) == ("error", "connection refused", None)


def test_server_that_never_answers_hits_the_read_timeout(base):
    limits = replace(FAST, retries=1, deadline=10)
    started = time.monotonic()
    result = fetch(base + "/silent", limits=limits)
    assert result.error == "timed out after 1 s"
    assert 2 <= time.monotonic() - started < 5      # two attempts of one second each, not the 10 s deadline


@pytest.mark.parametrize("path", ["/trickle", "/slow-headers"])
def test_trickling_server_is_cut_at_the_deadline_not_at_the_socket_timeout(base, path):
    limits = replace(FAST, read_timeout=5, deadline=0.8, retries=0)
    started = time.monotonic()
    result = fetch(base + path, limits=limits)
    assert result.error == "timed out after 0.8 s (deadline)"
    assert time.monotonic() - started < 4           # the socket timeout alone would never end a trickle


def test_endless_body_stops_at_the_cap_not_at_memory(base):
    limits = replace(FAST, max_bytes=256 * 1024)
    started = time.monotonic()
    result = fetch(base + "/huge", limits=limits)
    assert result.error == "response larger than 256 KB cap" and result.body is None
    assert time.monotonic() - started < 10


def test_retried_statuses_and_the_others():
    with fault_server() as server:
        for path in ("/error", "/missing", "/gone", "/throttled", "/throttled-bare", "/loop", "/bomb"):
            fetch(server.url + path)
        assert server.hits == {"/error": 3, "/missing": 1, "/gone": 1, "/throttled": 3, "/throttled-bare": 3,
                               "/loop": 1, "/bomb": 1}


def test_connection_refused_is_retried_then_reported_quickly():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    started = time.monotonic()
    assert fetch(f"http://127.0.0.1:{port}/").error == "connection refused"
    assert time.monotonic() - started < 5


def test_a_transient_503_is_retried_into_success():
    with fault_server() as server:
        result = fetch(server.url + "/flaky")
        assert result.status == "ok" and result.body == FEED and server.hits["/flaky"] == 2


def test_retry_after_is_honoured_then_recorded():
    with fault_server() as server:
        started = time.monotonic()
        result = fetch(server.url + "/busy", limits=replace(FAST, retries=1, deadline=5))
        waited = time.monotonic() - started
    assert server.hits["/busy"] == 2 and waited >= 1.0
    assert result.error == "HTTP 503 Service Unavailable" and result.retry_after == 1.0


def test_retry_after_beyond_the_cap_is_not_waited_for_but_recorded():
    with fault_server() as server:
        started = time.monotonic()
        result = fetch(server.url + "/busy-long")
        assert server.hits["/busy-long"] == 1 and time.monotonic() - started < 30   # not the hour asked for
    assert result.retry_after == 3600.0


def test_retry_after_as_an_http_date(base):
    result = fetch(base + "/busy-date")
    assert result.http_status == 503 and 80 <= result.retry_after <= 91


@pytest.mark.parametrize("path", ["/ok", "/gzip", "/deflate", "/raw-deflate"])
def test_bodies_are_decoded(base, path):
    result = fetch(base + path)
    assert result.status == "ok" and result.body == FEED


def test_wrong_charset_bytes_pass_through_untouched(base):
    result = fetch(base + "/latin1")
    assert result.body == LATIN1_FEED and result.content_type == "application/rss+xml; charset=utf-8"


def test_an_html_page_passes_through_for_the_parser_to_judge(base):
    result = fetch(base + "/html")
    assert result.status == "ok" and result.body == HTML_PAGE and result.content_type.startswith("text/html")


def test_conditional_get_with_etag(base):
    first = fetch(base + "/ok")
    assert (first.etag, first.last_modified, first.max_age) == (ETAG, LAST_MODIFIED, 600.0)
    again = fetch(base + "/ok", FeedState(feed="f", url=base + "/ok", etag=first.etag))
    assert (again.status, again.http_status, again.body) == ("not_modified", 304, None)


def test_conditional_get_with_last_modified(base):
    first = fetch(base + "/lastmod")
    assert first.status == "ok" and first.etag is None and first.max_age is None
    again = fetch(base + "/lastmod", FeedState(feed="f", url=base + "/lastmod", last_modified=first.last_modified))
    assert again.status == "not_modified"


def test_validators_are_sent(server):
    fetch(server.url + "/lastmod", FeedState(feed="f", url=server.url + "/lastmod", etag='"x"',
                                             last_modified=LAST_MODIFIED))
    headers = [h for path, h, _ in server.requests if path == "/lastmod"][-1]
    assert headers["If-None-Match"] == '"x"' and headers["If-Modified-Since"] == LAST_MODIFIED


def test_the_state_url_is_fetched_when_set(server):
    result = fetch_feed(FeedConfig("f", server.url + "/gone"), FeedState(feed="f", url=server.url + "/ok"),
                        FAST, limiter=NO_WAIT)
    assert result.status == "ok" and result.url == server.url + "/ok"


@pytest.mark.parametrize("path, remembered", [
    ("/moved", "/ok"), ("/moved-308", "/ok"), ("/found", None), ("/temp", None), ("/moved-then-found", "/found"),
])
def test_only_permanent_redirects_are_remembered(base, path, remembered):
    result = fetch(base + path)
    assert result.status == "ok" and result.final_url == base + "/ok"
    assert result.permanent_redirect == (base + remembered if remembered else None)


def test_an_honest_user_agent_on_every_request(server):
    fetch(server.url + "/moved-then-found")
    agents = {h.get("User-Agent") for _, h, _ in server.requests}
    assert agents == {FAST.user_agent} and FAST.user_agent.startswith("wirewatch/")


def test_only_http_and_https_urls_are_fetched():
    for url in ("ftp://127.0.0.1/feed", "file:///etc/passwd", "javascript:alert(1)"):
        assert fetch(url).error.startswith("refused non-http(s) URL")


def test_credentials_never_in_error_text(base):
    for path in ("/to-ftp", "/missing", "/hop/0"):
        url = base.replace("http://", "http://reader:s3cret@") + path
        result = fetch(url)
        assert result.status == "error" and "s3cret" not in result.error and "reader" not in result.error
    assert "s3cret" not in fetch("ftp://reader:s3cret@127.0.0.1/x").error


def test_fetch_page_returns_bytes_or_raises_one_line(base):
    assert fetch_page(base + "/html", FAST, limiter=NO_WAIT) == HTML_PAGE
    with pytest.raises(FetchError) as caught:
        fetch_page(base + "/missing", FAST, limiter=NO_WAIT)
    assert str(caught.value) == "HTTP 404 Not Found"
    with pytest.raises(FetchError, match="^empty body$"):
        fetch_page(base + "/empty", FAST, limiter=NO_WAIT)


def test_a_passed_session_is_used_and_left_open(base):
    import requests
    with requests.Session() as session:
        for _ in range(2):
            result = fetch_feed(FeedConfig("f", base + "/ok"), None, FAST, session, limiter=NO_WAIT)
            assert result.status == "ok"
        assert fetch_feed(FeedConfig("f", base + "/trickle"), None, replace(FAST, deadline=0.5), session,
                          limiter=NO_WAIT).error == "timed out after 0.5 s (deadline)"


def test_the_deadline_holds_through_a_proxy(server):
    import requests
    with requests.Session() as session:
        session.proxies = {"http": server.url}
        session.trust_env = False
        ok = fetch_feed(FeedConfig("f", "http://wire.invalid/ok"), None, FAST, session, limiter=NO_WAIT)
        slow = fetch_feed(FeedConfig("f", "http://wire.invalid/slow-headers"), None,
                          replace(FAST, read_timeout=5, deadline=0.8, retries=0), session, limiter=NO_WAIT)
    assert ok.status == "ok" and ok.body == FEED
    assert slow.error == "timed out after 0.8 s (deadline)" and slow.elapsed < 1.8


@pytest.mark.parametrize("path, limits, error", [
    ("/huge", replace(FAST, max_bytes=256 * 1024), "response larger than 256 KB cap"),
    ("/huge-declared", replace(FAST, max_bytes=256 * 1024), "response larger than 256 KB cap"),
    ("/bomb", replace(FAST, max_decompressed=2**20), "decompressed body larger than 1 MB cap"),
])
def test_memory_stays_near_the_cap(base, path, limits, error):
    """The caps, not the machine's memory, stop these bodies: peak Python allocation stays a few caps wide."""
    import tracemalloc
    tracemalloc.start()
    try:
        result = fetch(base + path, limits=limits)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.error == error
    assert peak < 4 * max(limits.max_bytes, limits.max_decompressed if path == "/bomb" else 0) + 2**20


def test_every_documented_route_exists_and_static_routes_are_served():
    from tests.faultserver import ROUTES, Static, _Faults
    for path in ROUTES:
        if "<" not in path:
            assert hasattr(_Faults, "route_" + path.strip("/").replace("-", "_")), path
    with fault_server({"/wire.xml": Static(200, FEED, {"ETag": '"s"'})}) as server:
        result = fetch(server.url + "/wire.xml")
    assert (result.status, result.body, result.etag) == ("ok", FEED, '"s"')
