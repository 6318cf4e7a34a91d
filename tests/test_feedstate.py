"""The feed-state decider: one test per rule, on plain records."""
from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from transforms.feedstate import MAX_AGE_CAP, MAX_BACKOFF, backoff, due, next_state, skip_reason
from transforms.models import FeedConfig, FeedState, FetchResult

NOW = datetime(2026, 11, 3, 6, 0, tzinfo=timezone.utc)
FEED = FeedConfig("wire-fr", "https://example.org/rss")
OLD = FeedState(feed="wire-fr", url="https://example.org/rss", etag='"a"',
                last_modified="Mon, 02 Nov 2026 08:00:00 GMT", last_success=NOW - timedelta(hours=2))


def result(status="ok", url=FEED.url, **kw) -> FetchResult:
    return FetchResult(feed=FEED.name, url=url, status=status, started_at=NOW, **kw)


def test_first_success_starts_a_state_from_the_config():
    state = next_state(None, FEED, result(etag='"b"', last_modified="Tue, 03 Nov 2026 05:00:00 GMT"), NOW)
    assert state == FeedState(feed="wire-fr", url=FEED.url, etag='"b"', last_modified="Tue, 03 Nov 2026 05:00:00 GMT",
                              last_success=NOW, consecutive_failures=0, next_fetch_after=None)


def test_success_resets_failures_and_takes_the_new_validators():
    failing = replace(OLD, consecutive_failures=3, last_error="HTTP 500 Internal Server Error",
                      next_fetch_after=NOW - timedelta(minutes=1))
    state = next_state(failing, FEED, result(etag='"c"'), NOW)
    assert (state.consecutive_failures, state.last_error, state.last_success) == (0, None, NOW)
    assert (state.etag, state.last_modified, state.next_fetch_after) == ('"c"', None, None)


def test_not_modified_keeps_the_validators_and_counts_as_success():
    failing = replace(OLD, consecutive_failures=2, last_error="connection refused")
    state = next_state(failing, FEED, result("not_modified", http_status=304), NOW)
    assert (state.etag, state.last_modified) == (OLD.etag, OLD.last_modified)
    assert (state.consecutive_failures, state.last_error, state.last_success) == (0, None, NOW)


def test_not_modified_with_a_fresh_etag_takes_it():
    assert next_state(OLD, FEED, result("not_modified", etag='"d"'), NOW).etag == '"d"'


@pytest.mark.parametrize("status", ["ok", "not_modified"])
def test_permanent_redirect_becomes_the_url(status):
    state = next_state(OLD, FEED, result(status, permanent_redirect="https://example.org/feed.xml"), NOW)
    assert state.url == "https://example.org/feed.xml"


def test_the_redirected_url_is_kept_on_later_successes():
    moved = replace(OLD, url="https://example.org/feed.xml")
    assert next_state(moved, FEED, result(url=moved.url), NOW).url == moved.url


def test_a_redirect_seen_on_a_failed_fetch_is_not_remembered():
    state = next_state(OLD, FEED, result("error", error="not a feed", permanent_redirect="https://example.org/"), NOW)
    assert state.url == OLD.url


@pytest.mark.parametrize("failures, delay", [
    (1, timedelta(minutes=15)), (2, timedelta(minutes=30)), (3, timedelta(hours=1)), (7, timedelta(hours=16)),
    (8, MAX_BACKOFF), (50, MAX_BACKOFF),
])
def test_errors_back_off_exponentially_up_to_a_day(failures, delay):
    prev = replace(OLD, consecutive_failures=failures - 1)
    state = next_state(prev, FEED, result("error", error="HTTP 500 Internal Server Error"), NOW)
    assert state.consecutive_failures == failures
    assert state.next_fetch_after == NOW + delay
    assert state.last_error == "HTTP 500 Internal Server Error"
    assert (state.etag, state.last_modified, state.last_success) == (OLD.etag, OLD.last_modified, OLD.last_success)


def test_retry_after_wins_when_longer_than_the_back_off():
    state = next_state(OLD, FEED, result("error", error="HTTP 503 Service Unavailable", retry_after=7200), NOW)
    assert state.next_fetch_after == NOW + timedelta(hours=2)


def test_retry_after_shorter_than_the_back_off_does_not_shorten_it():
    state = next_state(OLD, FEED, result("error", error="HTTP 429 Too Many Requests", retry_after=5), NOW)
    assert state.next_fetch_after == NOW + timedelta(minutes=15)


def test_an_absurd_retry_after_is_capped():
    state = next_state(OLD, FEED, result("error", error="HTTP 503", retry_after=10 * 365 * 86400.0), NOW)
    assert state.next_fetch_after == NOW + timedelta(days=7)


def test_max_age_delays_the_next_fetch():
    assert next_state(OLD, FEED, result(max_age=600), NOW).next_fetch_after == NOW + timedelta(minutes=10)


def test_max_age_is_capped_so_a_feed_is_never_starved():
    state = next_state(OLD, FEED, result("not_modified", max_age=86400 * 30), NOW)
    assert state.next_fetch_after == NOW + MAX_AGE_CAP


def test_max_age_zero_means_no_delay():
    assert next_state(OLD, FEED, result(max_age=0.0), NOW).next_fetch_after is None


def test_a_changed_config_url_resets_url_and_validators():
    moved_config = FeedConfig("wire-fr", "https://other.example/rss")
    remembered = replace(OLD, url="https://example.org/feed.xml", consecutive_failures=4)
    state = next_state(remembered, moved_config, result(url=moved_config.url), NOW)
    assert state.url == moved_config.url
    assert (state.etag, state.last_modified, state.consecutive_failures) == (None, None, 0)


def test_a_changed_config_url_failing_starts_its_own_count():
    moved_config = FeedConfig("wire-fr", "https://other.example/rss")
    state = next_state(replace(OLD, consecutive_failures=6), moved_config,
                       result("error", url=moved_config.url, error="HTTP 404 Not Found"), NOW)
    assert (state.url, state.consecutive_failures, state.etag) == (moved_config.url, 1, None)


def test_skipped_changes_nothing():
    backing = replace(OLD, consecutive_failures=2, next_fetch_after=NOW + timedelta(minutes=5))
    assert next_state(backing, FEED, result("skipped", error="backing off"), NOW) == backing


def test_due_rules():
    assert due(None, NOW)
    assert due(OLD, NOW)
    assert not due(replace(OLD, next_fetch_after=NOW + timedelta(seconds=1)), NOW)
    assert due(replace(OLD, next_fetch_after=NOW), NOW)
    # a naive timestamp from storage is read as UTC, not compared with an aware one and crashed
    assert not due(replace(OLD, next_fetch_after=datetime(2026, 11, 3, 6, 30)), NOW)


def test_a_failed_feed_is_not_due_until_its_back_off_ends():
    state = next_state(OLD, FEED, result("error", error="connection refused"), NOW)
    assert not due(state, NOW + timedelta(minutes=14))
    assert due(state, NOW + timedelta(minutes=15))
    assert skip_reason(state) == "backing off until 2026-11-03 06:15 UTC after 1 failure"
    assert skip_reason(replace(state, consecutive_failures=3)).endswith("after 3 failures")


def test_a_fresh_feed_waits_for_its_max_age_and_says_so():
    state = next_state(OLD, FEED, result("ok", max_age=600), NOW)
    assert not due(state, NOW + timedelta(minutes=9)) and due(state, NOW + timedelta(minutes=10))
    assert skip_reason(state) == "not due until 2026-11-03 06:10 UTC (Cache-Control max-age)"


def test_backoff_schedule():
    assert [backoff(n) for n in range(0, 4)] == [timedelta(0), timedelta(minutes=15), timedelta(minutes=30),
                                                  timedelta(hours=1)]
