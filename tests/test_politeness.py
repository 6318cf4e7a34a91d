"""Per-host politeness from threads: concurrency per host and spacing between requests."""
import threading
import time
from contextlib import contextmanager
from concurrent.futures import ThreadPoolExecutor

import pytest

from flows.http import FetchLimits, fetch_feed
from flows.politeness import HostLimiter, host_key
from transforms.models import FeedConfig

from tests.faultserver import fault_server

LIMITS = FetchLimits(connect_timeout=2, read_timeout=2, deadline=10, retries=0)


class Recording(HostLimiter):
    """Notes when each request is let through (measured at the client: server threads start late under load)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.starts: list[float] = []

    @contextmanager
    def slot(self, url):
        with super().slot(url):
            self.starts.append(time.monotonic())
            yield


def gaps(starts):
    starts = sorted(starts)
    return [b - a for a, b in zip(starts, starts[1:])]


def test_at_most_n_requests_at_once_to_one_host():
    limiter = HostLimiter(per_host=2, min_interval=0.0)
    with fault_server() as server, ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda i: fetch_feed(FeedConfig(f"f{i}", server.url + "/slow"), None, LIMITS,
                                                     limiter=limiter), range(8)))
        assert server.max_in_flight == 2
    assert {r.status for r in results} == {"ok"}


def test_without_the_limit_the_server_does_see_parallel_requests():
    """The check above can fail: with a generous limit the same load runs 8 at once."""
    limiter = HostLimiter(per_host=8, min_interval=0.0)
    with fault_server() as server, ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: fetch_feed(FeedConfig(f"f{i}", server.url + "/slow"), None, LIMITS,
                                           limiter=limiter), range(8)))
        assert server.max_in_flight > 2


def test_the_fetch_limits_name_the_per_host_limit_when_no_limiter_is_given():
    limits = FetchLimits(connect_timeout=2, read_timeout=2, deadline=10, retries=0, per_host=3, min_interval=0.0)
    with fault_server() as server, ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: fetch_feed(FeedConfig(f"f{i}", server.url + "/slow"), None, limits), range(8)))
        assert server.max_in_flight == 3


def test_minimum_interval_between_requests_to_one_host():
    limiter = Recording(per_host=4, min_interval=0.15)
    with fault_server() as server, ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda i: fetch_feed(FeedConfig(f"f{i}", server.url + "/ok"), None, LIMITS,
                                                     limiter=limiter), range(5)))
        assert server.hits["/ok"] == 5
    assert {r.status for r in results} == {"ok"}
    assert len(limiter.starts) == 5 and min(gaps(limiter.starts)) >= 0.145


def test_retries_and_redirect_hops_are_spaced_too():
    limiter = Recording(per_host=2, min_interval=0.2)
    limits = FetchLimits(connect_timeout=2, read_timeout=2, deadline=10, retries=2, backoff=0.0)
    with fault_server() as server:
        fetch_feed(FeedConfig("f", server.url + "/error"), None, limits, limiter=limiter)
        fetch_feed(FeedConfig("f", server.url + "/moved-then-found"), None, limits, limiter=limiter)
        assert server.hits == {"/error": 3, "/moved-then-found": 1, "/found": 1, "/ok": 1}
    assert len(limiter.starts) == 6 and min(gaps(limiter.starts)) >= 0.195


def test_hosts_do_not_wait_for_each_other():
    limiter = HostLimiter(per_host=1, min_interval=0.5)
    started = time.monotonic()
    for url in ("http://a.example/x", "http://b.example/x", "http://c.example:8080/x"):
        with limiter.slot(url):
            pass
    assert time.monotonic() - started < 0.45       # one host's interval would make it 1 s


def test_one_host_waits_its_interval():
    limiter = HostLimiter(per_host=1, min_interval=0.2)
    started = time.monotonic()
    for _ in range(3):
        with limiter.slot("http://a.example/feed"):
            pass
    assert 0.38 <= time.monotonic() - started < 1.5


def test_slots_are_per_host_and_port_not_per_url():
    assert host_key("http://User:pw@Example.ORG/a") == host_key("http://example.org/b?c") == "example.org"
    assert host_key("http://example.org:8080/") == "example.org:8080"


def test_concurrency_bound_from_threads_without_network():
    limiter = HostLimiter(per_host=3, min_interval=0.0)
    lock, active, peak = threading.Lock(), [0], [0]

    def work(_):
        with limiter.slot("https://wire.example/rss"):
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            time.sleep(0.05)
            with lock:
                active[0] -= 1

    with ThreadPoolExecutor(10) as pool:
        list(pool.map(work, range(20)))
    assert peak[0] == 3


def test_nonsense_settings_are_refused():
    with pytest.raises(ValueError):
        HostLimiter(per_host=0)
    with pytest.raises(ValueError):
        HostLimiter(min_interval=-1)
