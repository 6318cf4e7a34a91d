"""The pure update decider: what a feed's state becomes after a fetch."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from .models import FeedConfig, FeedState, FetchResult

BASE_BACKOFF = timedelta(minutes=15)
MAX_BACKOFF = timedelta(hours=24)
MAX_AGE_CAP = timedelta(hours=1)


def due(state: FeedState | None, now: datetime) -> bool:
    return state is None or state.next_fetch_after is None or state.next_fetch_after <= now


def next_state(prev: FeedState | None, feed: FeedConfig, result: FetchResult, now: datetime) -> FeedState:
    state = prev or FeedState(feed=feed.name, url=feed.url)
    if result.status == "skipped":
        return state
    if result.status in ("ok", "not_modified"):
        return _success(state, result, now)
    return _failure(state, result, now)


def _success(state: FeedState, result: FetchResult, now: datetime) -> FeedState:
    wait = timedelta(seconds=result.max_age) if result.max_age else None
    return replace(
        state, url=result.permanent_redirect or state.url, last_success=now, last_error=None,
        consecutive_failures=0,
        etag=result.etag if result.status == "ok" else (result.etag or state.etag),
        last_modified=result.last_modified if result.status == "ok" else (result.last_modified or state.last_modified),
        next_fetch_after=now + min(wait, MAX_AGE_CAP) if wait else None)


def _failure(state: FeedState, result: FetchResult, now: datetime) -> FeedState:
    failures = state.consecutive_failures + 1
    backoff = min(BASE_BACKOFF * 2 ** (failures - 1), MAX_BACKOFF)
    if result.retry_after:
        backoff = max(backoff, timedelta(seconds=result.retry_after))
    return replace(state, last_error=result.error, consecutive_failures=failures,
                   url=result.permanent_redirect or state.url, next_fetch_after=now + backoff)
