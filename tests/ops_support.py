"""Helpers for the operations tests (quality, daily report, deployments)."""
from __future__ import annotations

import socket
from datetime import datetime, timedelta, timezone

import duckdb

from warehouse.db import ensure_schema

NOW = datetime(2025, 5, 22, 12, 0, tzinfo=timezone.utc)


def clean_warehouse(path) -> duckdb.DuckDBPyConnection:
    """Two feeds fetched recently, one French and one English story on one event."""
    con = duckdb.connect(str(path))
    con.execute("SET TimeZone = 'UTC'")
    ensure_schema(con)
    for feed in ("lemonde-fr", "wire-en"):
        con.execute("INSERT INTO feeds (feed, config_url, url, last_success, consecutive_failures, updated_at)"
                    " VALUES (?, 'http://x/f', 'http://x/f', ?, 0, ?)", [feed, NOW - timedelta(hours=2), NOW])
        con.execute("INSERT INTO fetches (fetch_id, feed, url, status, started_at) VALUES (?, ?, 'http://x/f', 'ok', ?)",
                    [f"f-{feed}", feed, NOW - timedelta(days=3)])
    for sid, feed, published in (("s-fr", "lemonde-fr", "2025-05-20 07:00:00+00"),
                                 ("s-en", "wire-en", "2025-05-20 12:30:00+00")):
        con.execute("INSERT INTO stories (story_id, feed, guid, published_at) VALUES (?, ?, ?, ?)",
                    [sid, feed, sid, published])
    for iid, sid in (("i-fr", "s-fr"), ("i-en", "s-en")):
        con.execute("INSERT INTO incidents (incident_id, story_id, idx, kind, event_type, date, killed_min,"
                    " killed_max, event_id) VALUES (?, ?, 0, 'incident', 'remote_explosive', DATE '2025-05-19', 2, 2, 'e1')",
                    [iid, sid])
    con.execute("INSERT INTO events (event_id, event_type, date, country, killed_min) "
                "VALUES ('e1', 'remote_explosive', DATE '2025-05-19', 'IQ', 2)")
    return con


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
