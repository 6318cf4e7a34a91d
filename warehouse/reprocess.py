"""Rebuild stories, incidents and events from re-derived stories (reprocess).

One transaction: the stories are replaced (same ids, so re-running is
idempotent), then every event is rebuilt from every incident in publication
order, so an extractor improvement reaches the counts. The lake tables are
rewritten from the warehouse before the commit.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Mapping, Sequence

from transforms import events
from transforms.models import Extraction, Story

from . import history, lake
from .db import connect
from .layout import Layout
from .load import LAKE_TABLES, dedup_stories, insert_rows, lake_rows, set_event_ids, shape_for
from .rows import incident_from_row, incident_rows, story_row

CHUNK = 2000


@dataclass(frozen=True)
class ReprocessSummary:
    stories: int
    incidents: int
    events: int


def stored_article_texts(layout: Layout, story_ids: Sequence[str]) -> dict[str, str]:
    """Texts of stories whose article page was fetched: pages are not archived, the stored text is kept."""
    if not layout.db.exists() or not story_ids:
        return {}
    with connect(layout, write=False) as con:
        rows = con.execute(
            "SELECT story_id, text FROM stories WHERE list_contains(flags, 'article_fetched')"
            " AND story_id IN (SELECT unnest(?::VARCHAR[]))", [list(story_ids)]).fetchall()
    return dict(rows)


def fetched_urls(layout: Layout) -> dict[str, str]:
    """raw_path -> the URL its fetches row names, for payloads archived without their metadata."""
    if not layout.db.exists():
        return {}
    with connect(layout, write=False) as con:
        return dict(con.execute("SELECT raw_path, url FROM fetches WHERE raw_path IS NOT NULL").fetchall())


def replace_stories(layout: Layout, stories: Sequence[Story], extractions: Mapping[str, Extraction],
                    now: datetime) -> ReprocessSummary:
    with connect(layout, write=True) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            _forget(con, [s.story_id for s in stories])
            marked, reasons = dedup_stories(con, list(stories))
            insert_rows(con, "stories", [story_row(s, reasons[s.story_id], extractions.get(s.story_id), now)
                                     for s in marked])
            insert_rows(con, "incidents", [r for s in marked for r in incident_rows(s, extractions.get(s.story_id))])
            rebuild_events(con, now)
            _export_lake(con, layout)
            summary = ReprocessSummary(*(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                                         for t in ("stories", "incidents", "events")))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return summary


def _forget(con, ids: list[str]) -> None:
    for table in ("incidents", "stories", "story_signatures", "story_bands"):
        con.execute(f"DELETE FROM {table} WHERE story_id IN (SELECT unnest(?::VARCHAR[]))", [ids])


def rebuild_events(con, now: datetime) -> None:
    con.execute("DELETE FROM events")
    con.execute("UPDATE incidents SET event_id = NULL")
    # read everything first: the assignment below runs queries on this same connection (and transaction)
    rows = con.sql(
        "SELECT i.*, s.published_at, coalesce(s.dup_of, s.story_id) AS canonical FROM incidents i"
        " JOIN stories s ON s.story_id = i.story_id WHERE i.kind = 'incident'"
        " ORDER BY s.published_at NULLS LAST, i.story_id, i.idx").to_arrow_table().to_pylist()
    for start in range(0, len(rows), CHUNK):
        _assign_chunk(con, rows[start:start + CHUNK], now)


def _assign_chunk(con, rows: list[dict], now: datetime) -> None:
    refs = [events.IncidentRef(incident_id=r["incident_id"], story_id=r["story_id"],
                               canonical_story_id=r["canonical"], published_at=r["published_at"],
                               incident=incident_from_row(r)) for r in rows]
    assignments, records = events.assign(refs, history.candidate_events(con, refs), now)
    history.upsert_events(con, records)
    set_event_ids(con, assignments)


def _export_lake(con, layout: Layout) -> None:
    for table in LAKE_TABLES:
        lake.replace_table(layout.lake, table, lake_rows(con, table), "__day", shape_for(table))
