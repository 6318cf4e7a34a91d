"""Per-feed state rows (URL after redirects, validators, failures, back-off)."""
from __future__ import annotations

from typing import Iterable

import duckdb

from transforms.models import FeedConfig, FeedState

COLUMNS = ("feed", "url", "etag", "last_modified", "last_success", "last_error",
           "consecutive_failures", "next_fetch_after")


def read_states(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, FeedState]]:
    """feed name -> (config_url it was stored for, state)."""
    if not _has_table(con, "feeds"):
        return {}
    rows = con.execute(f"SELECT config_url, {', '.join(COLUMNS)} FROM feeds").fetchall()
    return {row[1]: (row[0], FeedState(*row[1:])) for row in rows}


def state_for(feed: FeedConfig, stored: dict[str, tuple[str, FeedState]]) -> FeedState | None:
    """The stored state, unless the configured URL changed since (then start afresh)."""
    config_url, state = stored.get(feed.name, (None, None))
    return state if config_url == feed.url else None


def write_states(con: duckdb.DuckDBPyConnection, states: Iterable[tuple[FeedConfig, FeedState]], now) -> None:
    for feed, s in states:
        con.execute(
            "INSERT OR REPLACE INTO feeds (config_url, feed, url, etag, last_modified, last_success, last_error,"
            " consecutive_failures, next_fetch_after, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [feed.url, s.feed, s.url, s.etag, s.last_modified, s.last_success, s.last_error,
             s.consecutive_failures, s.next_fetch_after, now])


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()[0])
