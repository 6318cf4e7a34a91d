"""The pure update decider: what a feed's state becomes after a fetch, and
whether a feed is due (the way lemon24/reader decides feed updates).

Rules:
- ok / not_modified: a success. Failures reset, validators taken from the
  response (a 304 keeps the old ones unless it sends new ones), a permanent
  redirect becomes the URL to fetch next time, max-age delays the next fetch
  (capped, so a feed is never starved).
- error: failures + 1, the reason kept, the next fetch delayed by an
  exponential back-off, or by Retry-After when the server asked for longer.
  Validators and URL are kept; a redirect seen on a failed fetch is not
  remembered (a feed moved to a page that is not a feed must not stick).
- skipped: nothing changes.
- a state kept for another URL than the one fetched (the configured URL
  changed) is dropped: the feed starts afresh from its configuration.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone

from .models import FeedConfig, FeedState, FetchResult

BASE_BACKOFF = timedelta(minutes=15)
MAX_BACKOFF = timedelta(hours=24)
MAX_AGE_CAP = timedelta(hours=1)
MAX_RETRY_AFTER = timedelta(days=7)   # a Retry-After far in the future is a server bug, not a plan


def due(state: FeedState | None, now: datetime) -> bool:
    """True unless the feed is in back-off (or asked not to be polled yet)."""
    return state is None or state.next_fetch_after is None or _utc(state.next_fetch_after) <= _utc(now)


def skip_reason(state: FeedState) -> str:
    """Why a feed is not due: back-off after failures, or the wait a successful response asked for."""
    until = f"{_utc(state.next_fetch_after):%Y-%m-%d %H:%M} UTC"
    n = state.consecutive_failures
    if n:
        return f"backing off until {until} after {n} failure{'s' if n > 1 else ''}"
    return f"not due until {until} (Cache-Control max-age)"


def next_state(prev: FeedState | None, feed: FeedConfig, result: FetchResult, now: datetime) -> FeedState:
    state = prev if _belongs(prev, feed, result) else FeedState(feed=feed.name, url=feed.url)
    if result.status == "skipped":
        return state
    if result.status in ("ok", "not_modified"):
        return _success(state, result, now)
    return _failure(state, result, now)


def backoff(failures: int) -> timedelta:
    """Delay after the n-th consecutive failure: 15 min, 30 min, 1 h, ... capped at 24 h."""
    if failures < 1:
        return timedelta(0)
    return min(BASE_BACKOFF * 2 ** min(failures - 1, 20), MAX_BACKOFF)


def _belongs(prev: FeedState | None, feed: FeedConfig, result: FetchResult) -> bool:
    return prev is not None and prev.feed == feed.name and prev.url == result.url


def _success(state: FeedState, result: FetchResult, now: datetime) -> FeedState:
    fresh = result.status == "ok"
    wait = timedelta(seconds=result.max_age) if result.max_age and result.max_age > 0 else None
    return replace(
        state,
        url=result.permanent_redirect or state.url,
        etag=result.etag if fresh else (result.etag or state.etag),
        last_modified=result.last_modified if fresh else (result.last_modified or state.last_modified),
        last_success=now, last_error=None, consecutive_failures=0,
        next_fetch_after=now + min(wait, MAX_AGE_CAP) if wait else None)


def _failure(state: FeedState, result: FetchResult, now: datetime) -> FeedState:
    failures = state.consecutive_failures + 1
    delay = backoff(failures)
    if result.retry_after:
        delay = max(delay, min(timedelta(seconds=result.retry_after), MAX_RETRY_AFTER))
    return replace(state, last_error=result.error or result.status, consecutive_failures=failures,
                   next_fetch_after=now + delay)


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
