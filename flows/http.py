"""Feed and page retrieval with hard limits: timeouts, a total deadline, a
size cap streamed (never read whole), a decompression cap, bounded retries
with back-off, conditional GET, http(s) only, an honest User-Agent."""
from __future__ import annotations

import time
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests

from transforms.models import FeedConfig, FeedState, FetchResult

VERSION = "0.1.0"
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
CHUNK = 16384


@dataclass(frozen=True)
class FetchLimits:
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    deadline: float = 60.0
    max_bytes: int = 20 * 2**20
    max_decompressed: int = 50 * 2**20
    max_redirects: int = 5
    retries: int = 2
    backoff: float = 1.0
    max_retry_after: float = 120.0
    user_agent: str = f"wirewatch/{VERSION} (+https://github.com/wirewatch/wirewatch; news-wire incident counter)"


class FetchError(Exception):
    """A retrieval failed; the message is one readable line without credentials."""

    def __init__(self, message: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(message)
        self.status, self.retry_after = status, retry_after


@dataclass(frozen=True)
class _Response:
    status: int
    url: str
    headers: dict
    body: bytes
    permanent_redirect: str | None


def safe_url(url: str) -> str:
    """The URL without user:password, for logs and messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))


def fetch_feed(feed: FeedConfig, state: FeedState | None = None, limits: FetchLimits = FetchLimits(),
               session: requests.Session | None = None) -> FetchResult:
    url = state.url if state and state.url else feed.url
    started, clock = datetime.now(timezone.utc), time.monotonic()
    headers = _conditional(state)
    try:
        resp = _with_retries(url, headers, limits, session)
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


def fetch_page(url: str, limits: FetchLimits = FetchLimits(), session: requests.Session | None = None) -> bytes:
    resp = _with_retries(url, {}, limits, session)
    return resp.body


def _conditional(state: FeedState | None) -> dict:
    headers = {}
    if state and state.etag:
        headers["If-None-Match"] = state.etag
    if state and state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    return headers


def _with_retries(url: str, headers: dict, limits: FetchLimits, session) -> _Response:
    from flows.politeness import default_limiter
    deadline = time.monotonic() + limits.deadline
    for attempt in range(limits.retries + 1):
        try:
            with default_limiter.slot(url):
                return _follow(url, headers, limits, session or requests.Session(), deadline)
        except FetchError as exc:
            wait = _wait(exc, attempt, limits)
            if wait is None or time.monotonic() + wait >= deadline:
                raise
            time.sleep(wait)
    raise AssertionError("unreachable")


def _wait(exc: FetchError, attempt: int, limits: FetchLimits) -> float | None:
    """Seconds to wait before retrying, or None when a retry cannot help."""
    if attempt >= limits.retries:
        return None
    if exc.status is not None and exc.status not in RETRY_STATUS:
        return None
    if getattr(exc, "final", False):
        return None
    if exc.retry_after is not None:
        return min(exc.retry_after, limits.max_retry_after)
    return min(limits.backoff * 2**attempt, 30.0)


def _follow(url: str, headers: dict, limits: FetchLimits, session, deadline: float) -> _Response:
    seen, permanent, all_permanent = set(), None, True
    for _ in range(limits.max_redirects + 1):
        _check_scheme(url)
        if url in seen:
            raise _final("redirect loop")
        seen.add(url)
        status, resp_headers, body = _get(url, headers, limits, session, deadline)
        if status in (301, 302, 303, 307, 308) and "location" in resp_headers:
            nxt = urljoin(url, resp_headers["location"])
            all_permanent = all_permanent and status in (301, 308)
            permanent = nxt if all_permanent else permanent
            url = nxt
            continue
        if status >= 400:
            raise FetchError(f"HTTP {status} {_reason(status)}", status, _retry_after(resp_headers))
        return _Response(status, url, resp_headers, body, permanent)
    raise _final(f"more than {limits.max_redirects} redirects")


def _final(message: str) -> FetchError:
    exc = FetchError(message)
    exc.final = True
    return exc


def _check_scheme(url: str) -> None:
    if urlsplit(url).scheme not in ("http", "https"):
        raise _final(f"refused non-http(s) URL {safe_url(url)}")


def _get(url: str, headers: dict, limits: FetchLimits, session, deadline: float) -> tuple[int, dict, bytes]:
    request_headers = {"User-Agent": limits.user_agent, "Accept-Encoding": "gzip, deflate", **headers}
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise _final(f"timed out after {limits.deadline:.0f} s (deadline)")
    try:
        resp = session.get(url, headers=request_headers, stream=True, allow_redirects=False,
                           timeout=(min(limits.connect_timeout, remaining), min(limits.read_timeout, remaining)))
    except requests.exceptions.ConnectionError as exc:
        raise FetchError(_connection_reason(exc)) from None
    except requests.exceptions.Timeout:
        raise FetchError(f"timed out after {limits.read_timeout:.0f} s") from None
    except requests.exceptions.RequestException as exc:
        raise FetchError(f"request failed: {type(exc).__name__}") from None
    with resp:
        resp_headers = {k.lower(): v for k, v in resp.headers.items()}
        body = _read_capped(resp, limits, deadline) if resp.status_code < 300 else b""
    return resp.status_code, resp_headers, body


def _connection_reason(exc: Exception) -> str:
    text = str(exc).lower()
    if "refused" in text:
        return "connection refused"
    if "timed out" in text or "timeout" in text:
        return "connection timed out"
    if "name or service" in text or "resolve" in text:
        return "host not found"
    return "connection failed"


def _read_capped(resp, limits: FetchLimits, deadline: float) -> bytes:
    """Read the raw stream chunk by chunk under the size cap and the deadline, then decode it."""
    raw = bytearray()
    try:
        # read1 returns whatever arrived, so a byte-a-second trickle still meets the deadline check
        while chunk := resp.raw.read1(CHUNK, decode_content=False):
            raw.extend(chunk)
            if len(raw) > limits.max_bytes:
                raise _final(f"response larger than {limits.max_bytes // 2**20} MB cap")
            if time.monotonic() > deadline:
                raise _final(f"timed out after {limits.deadline:.0f} s (deadline)")
    except FetchError:
        raise
    except Exception as exc:  # urllib3 raises its own timeout/protocol errors mid-body
        timed_out = "timeout" in type(exc).__name__.lower() or "timed out" in str(exc).lower()
        raise FetchError(f"timed out after {limits.read_timeout:.0f} s" if timed_out
                         else f"read failed: {type(exc).__name__}") from None
    return _decode(bytes(raw), resp.headers.get("content-encoding", ""), limits)


def _decode(raw: bytes, encoding: str, limits: FetchLimits) -> bytes:
    encoding = encoding.lower().strip()
    if encoding in ("gzip", "x-gzip"):
        return _inflate(raw, zlib.decompressobj(16 + zlib.MAX_WBITS), limits)
    if encoding == "deflate":
        try:
            return _inflate(raw, zlib.decompressobj(), limits)
        except FetchError as exc:
            if "cap" in str(exc):
                raise
            return _inflate(raw, zlib.decompressobj(-zlib.MAX_WBITS), limits)
    return raw


def _inflate(raw: bytes, inflater, limits: FetchLimits) -> bytes:
    out = bytearray()
    try:
        data = raw
        while data:
            out.extend(inflater.decompress(data, CHUNK))
            if len(out) > limits.max_decompressed:
                raise _final(f"decompressed body larger than {limits.max_decompressed // 2**20} MB cap")
            data = inflater.unconsumed_tail
    except zlib.error:
        raise _final("corrupt compressed body") from None
    return bytes(out)


def _retry_after(headers: dict) -> float | None:
    value = headers.get("retry-after")
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return None


def _max_age(headers: dict) -> float | None:
    for part in headers.get("cache-control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name.lower() == "max-age" and value.strip().isdigit():
            return float(value)
    return None


def _reason(status: int) -> str:
    from http import HTTPStatus
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
