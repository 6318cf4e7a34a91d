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


EVENT_COLUMNS = ["event_id", "date", "country", "location", "lat", "lon", "event_type", "actor1", "actor2",
                 "weapon", "killed_min", "killed_max", "injured_min", "injured_max"]
EVENTS_SQL = """
WITH reports AS (
    SELECT i.event_id, i.evidence, i.confidence, s.story_id, s.feed, s.url, s.lang, s.published_at
    FROM incidents i JOIN stories s USING (story_id)
    WHERE i.kind = 'incident' AND i.event_id IS NOT NULL),
urls AS (
    SELECT event_id, list(url ORDER BY first_seen, url) AS urls
    FROM (SELECT event_id, url, min(published_at) AS first_seen FROM reports WHERE url IS NOT NULL GROUP BY ALL)
    GROUP BY event_id),
per_event AS (
    SELECT event_id, count(DISTINCT story_id) AS n_stories, count(DISTINCT feed) AS n_feeds,
           list(DISTINCT lang ORDER BY lang) FILTER (WHERE lang IS NOT NULL) AS languages,
           first(evidence ORDER BY confidence DESC NULLS LAST, published_at, story_id) AS evidence
    FROM reports GROUP BY event_id)
SELECT {columns}, coalesce(p.n_stories, 0) AS n_stories, coalesce(p.n_feeds, 0) AS n_feeds,
       coalesce(p.languages, []) AS languages, p.evidence, coalesce(u.urls, []) AS urls
FROM events e LEFT JOIN per_event p USING (event_id) LEFT JOIN urls u USING (event_id)
ORDER BY e.date NULLS LAST, e.country, e.event_id
"""


def event_evidence(con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[tuple]]:
    """One row per event: its fields, how many stories and feeds report it, in which languages, one
    evidence sentence (the most confident report's, earliest first) and the story URLs, oldest first."""
    columns = list(EVENT_COLUMNS)
    if "geo_precision" in _columns_of(con, "events"):    # added with the geography work; absent before
        columns.insert(columns.index("lon") + 1, "geo_precision")
    cursor = con.execute(EVENTS_SQL.format(columns=", ".join(f"e.{c}" for c in columns)))
    return [d[0] for d in cursor.description], cursor.fetchall()


def _columns_of(con: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    return {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
