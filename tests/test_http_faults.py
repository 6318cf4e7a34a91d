"""Fetching against a misbehaving server on 127.0.0.1: every fault ends as a readable result, never a crash."""
import socket

import pytest

from flows.http import FetchLimits, fetch_feed
from transforms.models import FeedConfig, FeedState

from tests.faultserver import FEED, fault_server

FAST = FetchLimits(connect_timeout=2, read_timeout=1, deadline=3, max_bytes=2**20,
                   max_decompressed=4 * 2**20, retries=2, backoff=0.01)


@pytest.fixture(autouse=True)
def no_politeness_delay(monkeypatch):
    from flows import politeness
    monkeypatch.setattr(politeness.default_limiter, "min_interval", 0.0)


@pytest.fixture(scope="module")
def base():
    with fault_server() as server:
        yield server.url


def fetch(url, state=None, limits=FAST):
    return fetch_feed(FeedConfig("f", url), state, limits)


@pytest.mark.parametrize("path, error", [
    ("/missing", "HTTP 404 Not Found"),
    ("/gone", "HTTP 410 Gone"),
    ("/error", "HTTP 500 Internal Server Error"),
    ("/busy", "HTTP 503 Service Unavailable"),
    ("/loop", "redirect loop"),
    ("/to-ftp", "refused non-http(s) URL ftp://127.0.0.1/feed"),
    ("/bomb", "decompressed body larger than 4 MB cap"),
    ("/huge", "response larger than 1 MB cap"),
    ("/trickle", "timed out after 3 s (deadline)"),
    ("/silent", "timed out after 1 s"),
    ("/empty", "empty body"),
])
def test_fault_becomes_a_readable_error(base, path, error):
    result = fetch(base + path)
    assert result.status == "error"
    assert result.error == error


def test_connection_refused():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert fetch(f"http://127.0.0.1:{port}/").error == "connection refused"


def test_5xx_is_retried_but_4xx_is_not():
    with fault_server() as server:
        fetch(server.url + "/error")
        fetch(server.url + "/missing")
        assert server.hits == {"/error": 1 + FAST.retries, "/missing": 1}


@pytest.mark.parametrize("path", ["/gzip", "/deflate", "/ok"])
def test_bodies_are_decoded(base, path):
    result = fetch(base + path)
    assert result.status == "ok" and result.body == FEED


def test_conditional_get_and_cache_headers(base):
    first = fetch(base + "/ok")
    assert first.etag == '"v1"' and first.max_age == 600
    again = fetch(base + "/ok", FeedState(feed="f", url=base + "/ok", etag=first.etag))
    assert again.status == "not_modified" and again.body is None


def test_permanent_redirect_is_remembered(base):
    result = fetch(base + "/moved")
    assert result.status == "ok" and result.permanent_redirect == base + "/ok"


def test_credentials_never_in_error_text(base):
    url = base.replace("http://", "http://user:secret@") + "/to-ftp"
    assert "secret" not in (fetch(url).error or "")
