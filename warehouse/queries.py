"""Read-side queries analysts and the CLI share."""
from __future__ import annotations

import duckdb

VIEWS = {"day": "attacks_daily", "week": "attacks_weekly", "month": "attacks_monthly"}


def attacks(con: duckdb.DuckDBPyConnection, by: str) -> tuple[list[str], list[tuple]]:
    """Attacks per period, country and event type; empty when the warehouse has no events yet."""
    if by not in VIEWS:
        raise ValueError(f"period must be one of {', '.join(VIEWS)}, got {by!r}")
    exists = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                         [VIEWS[by]]).fetchone()[0]
    if not exists:
        return [by, "country", "event_type", "attacks", "killed_min", "injured_min"], []
    cur = con.execute(f"SELECT * FROM {VIEWS[by]}")
    return [d[0] for d in cur.description], cur.fetchall()
