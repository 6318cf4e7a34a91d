"""Feed and page retrieval with hard limits: timeouts, a total deadline, a
size cap streamed (never read whole), a decompression cap, bounded retries
with back-off, conditional GET, http(s) only, an honest User-Agent.

Every request to a host goes through the per-host politeness limiter, one
slot per HTTP request (redirect hops and retries included).
"""
from __future__ import annotations

import socket
import threading
import time
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.poolmanager import ProxyManager

from flows.politeness import HostLimiter, shared_limiter
from transforms.models import FeedConfig, FeedState, FetchResult
from transforms.urls import without_credentials

VERSION = "0.1.0"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
PERMANENT_STATUS = frozenset({301, 308})
MAX_BACKOFF = 30.0
CHUNK = 16384
FEED_ACCEPT = ("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, "
               "*/*;q=0.5")
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"


@dataclass(frozen=True)
class FetchLimits:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    deadline: float = 60.0            # total wall-clock per fetch, whatever the server does
    max_bytes: int = 20 * 2**20       # on the wire, streamed
    max_decompressed: int = 50 * 2**20
    max_redirects: int = 5
    retries: int = 2                  # connection errors, timeouts, 5xx and 429 only
    backoff: float = 1.0              # seconds, doubled per attempt, capped at MAX_BACKOFF
    max_retry_after: float = 120.0    # a longer Retry-After is not waited for: the decider backs off
    per_host: int = 2                 # requests at once to one host
    min_interval: float = 0.5         # seconds between the starts of two requests to one host
    user_agent: str = f"wirewatch/{VERSION} (+https://github.com/wirewatch/wirewatch; news-wire incident counter)"


class FetchError(Exception):
    """A retrieval failed; the message is one readable line without credentials.

    `final` marks failures a retry cannot cure (size caps, deadline, bad redirects)."""

    def __init__(self, message: str, status: int | None = None, retry_after: float | None = None,
                 final: bool = False):
        super().__init__(message)
        self.status, self.retry_after, self.final = status, retry_after, final


@dataclass(frozen=True)
class _Response:
    status: int
    url: str
    headers: dict
    body: bytes
    permanent_redirect: str | None


def fetch_feed(feed: FeedConfig, state: FeedState | None = None, limits: FetchLimits = FetchLimits(),
               session: requests.Session | None = None, limiter: HostLimiter | None = None) -> FetchResult:
    """One conditional GET of a feed; never raises for network, HTTP or content problems."""
    url = state.url if state and state.url else feed.url
    started, clock = datetime.now(timezone.utc), time.monotonic()
    headers = {"Accept": FEED_ACCEPT, **_conditional(state)}
    try:
        resp = _retrieve(url, headers, limits, session, limiter)
    except FetchError as exc:
        return FetchResult(feed=feed.name, url=url, status="error", started_at=started, http_status=exc.status,
                           error=str(exc), retry_after=exc.retry_after, elapsed=time.monotonic() - clock)
    common = dict(feed=feed.name, url=url, started_at=started, http_status=resp.status, final_url=resp.url,
                  permanent_redirect=resp.permanent_redirect, etag=resp.headers.get("etag"),
                  last_modified=resp.headers.get("last-modified"), max_age=_max_age(resp.headers),
                  content_type=resp.headers.get("content-type"), elapsed=time.monotonic() - clock)
    if resp.status == 304:
        return FetchResult(status="not_modified", **common)
    if not resp.body.strip():
        return FetchResult(status="error", error="empty body", **common)
    return FetchResult(status="ok", body=resp.body, **common)


def fetch_page(url: str, limits: FetchLimits = FetchLimits(), session: requests.Session | None = None,
               limiter: HostLimiter | None = None, html_only: bool = False) -> bytes:
    """The decoded body of one page; raises FetchError (one line) on any failure, an empty body included.

    html_only refuses a response whose Content-Type says it is not a web page (a PDF, an image)."""
    resp = _retrieve(url, {"Accept": PAGE_ACCEPT}, limits, session, limiter)
    kind = resp.headers.get("content-type", "").split(";")[0].strip().lower()
    if html_only and kind and not (kind.startswith("text/") or "html" in kind or kind.endswith("xml")):
        raise FetchError(f"not a web page ({kind})", resp.status, final=True)
    if not resp.body.strip():
        raise FetchError("empty body", final=True)
    return resp.body


def _conditional(state: FeedState | None) -> dict:
    headers = {}
    if state and state.etag:
        headers["If-None-Match"] = state.etag
    if state and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _retrieve(url: str, headers: dict, limits: FetchLimits, session, limiter) -> _Response:
    own = session is None
    session = _watched(session or requests.Session())
    try:
        limiter = limiter or shared_limiter(limits.per_host, limits.min_interval)
        return _with_retries(url, headers, limits, session, limiter)
    finally:
        if own:
            session.close()


def _with_retries(url: str, headers: dict, limits: FetchLimits, session, limiter) -> _Response:
    budget = _Budget(limits.deadline)
    for attempt in range(limits.retries + 1):
        try:
            return _follow(url, headers, limits, session, limiter, budget)
        except FetchError as exc:
            wait = _wait(exc, attempt, limits)
            if wait is None or wait >= budget.remaining():
                raise
            time.sleep(wait)
    raise AssertionError("unreachable")


def _wait(exc: FetchError, attempt: int, limits: FetchLimits) -> float | None:
    """Seconds to wait before retrying, or None when a retry cannot help (or would be impolite)."""
    if exc.final or attempt >= limits.retries:
        return None
    if exc.status is not None and exc.status not in RETRY_STATUS:
        return None
    if exc.retry_after is not None:
        return exc.retry_after if exc.retry_after <= limits.max_retry_after else None
    return min(limits.backoff * 2**attempt, MAX_BACKOFF)


def _follow(url: str, headers: dict, limits: FetchLimits, session, limiter, budget: _Budget) -> _Response:
    seen, permanent, all_permanent = set(), None, True
    for _ in range(limits.max_redirects + 1):
        _check_scheme(url)
        if url in seen:
            raise FetchError("redirect loop", final=True)
        seen.add(url)
        status, resp_headers, body = _get(url, headers, limits, session, limiter, budget)
        if status in REDIRECT_STATUS:
            if "location" not in resp_headers:
                raise FetchError(f"HTTP {status} redirect without Location", status, final=True)
            url = urljoin(url, resp_headers["location"].strip())
            all_permanent = all_permanent and status in PERMANENT_STATUS
            permanent = url if all_permanent else permanent
            continue
        if status >= 400:
            raise FetchError(f"HTTP {status} {_reason(status)}".strip(), status, _retry_after(resp_headers))
        return _Response(status, url, resp_headers, body, permanent)
    raise FetchError(f"more than {limits.max_redirects} redirects", final=True)


def _check_scheme(url: str) -> None:
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError(f"refused non-http(s) URL {without_credentials(url)}", final=True)


def _get(url: str, headers: dict, limits: FetchLimits, session, limiter, budget: _Budget):
    """One HTTP request under a politeness slot and the fetch's deadline watchdog -> (status, headers, body)."""
    headers = {"User-Agent": limits.user_agent, "Accept-Encoding": "gzip, deflate", **headers}
    queued = time.monotonic()
    with limiter.slot(url):
        budget.extend(time.monotonic() - queued)   # waiting our turn is not the server's slowness
        remaining = budget.remaining()
        if remaining <= 0:
            raise _deadline(limits)
        with _Watchdog(remaining) as dog:
            try:
                answer = _exchange(url, headers, limits, session, budget)
            except (FetchError, requests.exceptions.RequestException) as exc:
                if dog.fired:
                    raise _deadline(limits) from None
                raise exc if isinstance(exc, FetchError) else _request_error(exc, limits) from None
        if dog.fired:   # the watchdog cut the socket: whatever was read is truncated
            raise _deadline(limits)
        return answer


def _exchange(url: str, headers: dict, limits: FetchLimits, session, budget: _Budget) -> tuple[int, dict, bytes]:
    remaining = budget.remaining()
    resp = session.get(url, headers=headers, stream=True, allow_redirects=False,
                       timeout=(min(limits.connect_timeout, remaining), min(limits.read_timeout, remaining)))
    with resp:
        resp_headers = {k.lower(): v for k, v in resp.headers.items()}
        body = _read_capped(resp, limits, budget) if resp.status_code < 300 else b""
    return resp.status_code, resp_headers, body


def _deadline(limits: FetchLimits) -> FetchError:
    return FetchError(f"timed out after {limits.deadline:g} s (deadline)", final=True)


def _request_error(exc: requests.exceptions.RequestException, limits: FetchLimits) -> FetchError:
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return FetchError(f"connection timed out after {limits.connect_timeout:g} s")
    if isinstance(exc, requests.exceptions.Timeout):
        return FetchError(f"timed out after {limits.read_timeout:g} s")
    if isinstance(exc, requests.exceptions.ConnectionError):
        return FetchError(_connection_reason(exc))
    return FetchError(f"request failed: {type(exc).__name__}", final=True)


def _connection_reason(exc: Exception) -> str:
    text = str(exc).lower()
    if "refused" in text:
        return "connection refused"
    if "timed out" in text or "timeout" in text:
        return "connection timed out"
    if "name or service" in text or "resolve" in text or "nodename" in text:
        return "host not found"
    if "ssl" in text or "certificate" in text:
        return "TLS error"
    return "connection failed"


def _read_capped(resp, limits: FetchLimits, budget: _Budget) -> bytes:
    """Read the raw stream chunk by chunk under the size cap and the deadline, then decode it."""
    declared = resp.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(f"response larger than {_size(limits.max_bytes)} cap", final=True)
    raw = bytearray()
    try:
        # read1 returns whatever arrived, so a byte-a-second trickle still meets the deadline check
        while chunk := resp.raw.read1(CHUNK, decode_content=False):
            raw.extend(chunk)
            if len(raw) > limits.max_bytes:
                raise FetchError(f"response larger than {_size(limits.max_bytes)} cap", final=True)
            if budget.remaining() <= 0:
                raise _deadline(limits)
    except FetchError:
        raise
    except Exception as exc:  # urllib3 raises its own timeout/protocol errors mid-body
        timed_out = "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower()
        raise FetchError(f"timed out after {limits.read_timeout:g} s" if timed_out
                         else f"read failed: {type(exc).__name__}") from None
    return _decode(bytes(raw), resp.headers.get("content-encoding", ""), limits)


def _decode(raw: bytes, encoding: str, limits: FetchLimits) -> bytes:
    encoding = encoding.lower().strip()
    if encoding in ("", "identity"):
        return raw
    if encoding in ("gzip", "x-gzip"):
        return _inflate(raw, zlib.decompressobj(16 + zlib.MAX_WBITS), limits)
    if encoding == "deflate":
        # "deflate" is meant to be zlib-wrapped, but some servers send a raw deflate stream
        wbits = zlib.MAX_WBITS if _zlib_header(raw) else -zlib.MAX_WBITS
        return _inflate(raw, zlib.decompressobj(wbits), limits)
    raise FetchError(f"unsupported Content-Encoding {encoding}", final=True)


def _zlib_header(raw: bytes) -> bool:
    """RFC 1950: compression method 8 and a header checksum divisible by 31."""
    return len(raw) >= 2 and raw[0] & 0x0F == 8 and (raw[0] << 8 | raw[1]) % 31 == 0


def _inflate(raw: bytes, inflater, limits: FetchLimits) -> bytes:
    """Inflate in bounded steps so a bomb stops at the cap instead of filling memory."""
    out = bytearray()
    data = raw
    try:
        while data and not inflater.eof:
            out.extend(inflater.decompress(data, CHUNK))
            if len(out) > limits.max_decompressed:
                raise FetchError(f"decompressed body larger than {_size(limits.max_decompressed)} cap", final=True)
            data = inflater.unconsumed_tail
    except zlib.error:
        raise FetchError("corrupt compressed body", final=True) from None
    return bytes(out)


def _size(n: int) -> str:
    if n >= 2**20 and n % 2**20 == 0:
        return f"{n // 2**20} MB"
    if n >= 1024 and n % 1024 == 0:
        return f"{n // 1024} KB"
    return f"{n} bytes"


def _retry_after(headers: dict) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP-date; None when absent or unreadable."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    when = when if when.tzinfo else when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _max_age(headers: dict) -> float | None:
    for part in headers.get("cache-control", "").split(","):
        name, _, value = part.strip().partition("=")
        value = value.strip().strip('"')
        if name.strip().lower() == "max-age" and value.isdigit():
            return float(value)
    return None


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


# --- the total deadline ---------------------------------------------------------
# Socket timeouts bound each read, not the sum: a server sending one header byte
# per second would hold a fetch for hours. A timer per request shuts the socket
# down at the deadline, which wakes a blocked read wherever it is (headers or body).

_current = threading.local()


class _Budget:
    """A fetch's wall-clock allowance across its redirects and retries."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()

    def extend(self, seconds: float) -> None:
        self.end += seconds


class _Watchdog:
    def __init__(self, seconds: float):
        self.fired = False
        self._sock = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(seconds, 0.0), self._fire)
        self._timer.daemon = True

    def __enter__(self) -> _Watchdog:
        _current.watchdog = self
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()
        _current.watchdog = None

    def attach(self, sock) -> None:
        with self._lock:
            self._sock = sock
            if self.fired:
                _shutdown(sock)

    def _fire(self) -> None:
        with self._lock:
            self.fired = True
            _shutdown(self._sock)


def _shutdown(sock) -> None:
    if sock is None:
        return
    try:
        socket.socket.shutdown(sock, socket.SHUT_RDWR)   # the plain socket call, also under TLS
    except OSError:
        pass


def _attach_current(sock) -> None:
    dog = getattr(_current, "watchdog", None)
    if dog is not None:
        dog.attach(sock)


class _WatchedHTTPConnection(HTTPConnection):
    def getresponse(self, *args, **kwargs):
        _attach_current(self.sock)
        return super().getresponse(*args, **kwargs)


class _WatchedHTTPSConnection(HTTPSConnection):
    def getresponse(self, *args, **kwargs):
        _attach_current(self.sock)
        return super().getresponse(*args, **kwargs)


class _WatchedHTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


_WATCHED_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}


class _DeadlineAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = _WATCHED_POOLS

    def proxy_manager_for(self, proxy, **kwargs):
        manager = super().proxy_manager_for(proxy, **kwargs)
        if type(manager) is ProxyManager:   # SOCKS managers bring their own pool classes
            manager.pool_classes_by_scheme = _WATCHED_POOLS
        return manager


def _watched(session: requests.Session) -> requests.Session:
    """The session with the deadline adapter mounted (once) for http and https."""
    for prefix in ("http://", "https://"):
        if not isinstance(session.adapters.get(prefix), _DeadlineAdapter):
            session.mount(prefix, _DeadlineAdapter())
    return session
