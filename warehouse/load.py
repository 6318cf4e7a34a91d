"""The single writer: one transaction per run merges stories, incidents,
events, fetches and feed state, after writing the same rows to the lake.

Order matters for "nothing lost, nothing doubled": the lake partitions are
merged by key before the commit, so a crash before the commit is repaired by
the next run (feed state was not advanced, so the feeds are read again and
the same keys rewritten).
"""
from __future__ import annotations

import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from datetime import date, datetime
from functools import partial
from typing import Mapping, Sequence

import pyarrow as pa

from transforms import dedup, events
from transforms.models import Extraction, FeedRun, Story

from . import history, lake, lake_schema
from .db import connect
from .layout import Layout
from .rows import fetch_row, incident_rows, story_row
from .state import write_states


@dataclass(frozen=True)
class LoadSummary:
    new_stories: int = 0
    duplicates: int = 0
    already_stored: int = 0
    incidents: int = 0
    aggregates: int = 0
    events_new: int = 0
    events_updated: int = 0


def load_run(layout: Layout, run_id: str, runs: Sequence[FeedRun],
             extractions: Mapping[str, Extraction], now: datetime) -> LoadSummary:
    with connect(layout, write=True) as con:
        con.execute("BEGIN TRANSACTION")
        try:
            summary = _load(con, layout, run_id, runs, extractions, now)
            _pause_before_commit()
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return summary


def _pause_before_commit() -> None:
    """Crash-test hook: with WIREWATCH_PAUSE_BEFORE_COMMIT=<path>, touch <path> and wait to be killed."""
    marker = os.environ.get("WIREWATCH_PAUSE_BEFORE_COMMIT")
    if marker:
        Path(marker).touch()
        time.sleep(120)


def _load(con, layout: Layout, run_id: str, runs: Sequence[FeedRun],
          extractions: Mapping[str, Extraction], now: datetime) -> LoadSummary:
    stories, stored = _new_stories(con, [s for r in runs for s in r.stories])
    stories, reasons = dedup_stories(con, stories, now.date())
    story_rows = [story_row(s, reasons[s.story_id], extractions.get(s.story_id), now) for s in stories]
    inc_rows = [row for s in stories for row in incident_rows(s, extractions.get(s.story_id))]
    event_records, n_updated, moved_events = _cluster(con, stories, inc_rows, extractions, now)
    insert_rows(con, "stories", story_rows)
    insert_rows(con, "incidents", inc_rows)
    insert_rows(con, "fetches", [fetch_row(r, run_id, stored) for r in runs])
    write_states(con, [(r.feed, r.state) for r in runs], now)
    _write_lake(con, layout, story_rows, inc_rows, event_records, moved_events)
    return LoadSummary(
        new_stories=sum(1 for s in stories if s.dup_of is None),
        duplicates=sum(1 for s in stories if s.dup_of is not None),
        already_stored=len(stored),
        incidents=sum(1 for r in inc_rows if r["kind"] == "incident"),
        aggregates=sum(1 for r in inc_rows if r["kind"] == "aggregate"),
        events_new=len(event_records) - n_updated,
        events_updated=n_updated,
    )


def _new_stories(con, stories: Sequence[Story]) -> tuple[list[Story], set[str]]:
    """Stories not yet stored (first copy wins within the batch), and the ids already stored."""
    unique: dict[str, Story] = {}
    for s in stories:
        unique.setdefault(s.story_id, s)
    ids = list(unique)
    stored = {row[0] for row in con.execute(
        "SELECT story_id FROM stories WHERE story_id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()}
    return [s for sid, s in unique.items() if sid not in stored], stored


def dedup_stories(con, stories: list[Story], today: date | None = None) -> tuple[list[Story], dict[str, str | None]]:
    """`today`: the run's day, where an undated story looks for its original."""
    signatures = {s.story_id: dedup.signature(s.title, s.text) for s in stories}
    bands = {sid: dedup.band_keys(sig) for sid, sig in signatures.items()}
    known = history.known_for(con, stories, bands, today)
    decisions = {d.story_id: d for d in dedup.decide(stories, signatures, known, bands=bands)}
    history.record_signatures(con, signatures, {s.story_id: history.story_day(s) for s in stories}, bands)
    marked = [replace(s, dup_of=decisions[s.story_id].dup_of, cluster_id=decisions[s.story_id].cluster_id)
              for s in stories]
    return marked, {sid: d.reason for sid, d in decisions.items()}


def _cluster(con, stories: list[Story], inc_rows: list[dict], extractions: Mapping[str, Extraction],
             now: datetime) -> tuple[list, int, dict]:
    """Assign every new incident to an event; returns the new/updated events, how many existed, and the
    lake partitions that updated events moved out of (their day changed)."""
    by_id = {s.story_id: s for s in stories}
    refs = [events.IncidentRef(incident_id=row["incident_id"], story_id=row["story_id"],
                               canonical_story_id=by_id[row["story_id"]].dup_of or row["story_id"],
                               published_at=by_id[row["story_id"]].published_at,
                               incident=extractions[row["story_id"]].incidents[row["idx"]])
            for row in inc_rows if row["kind"] == "incident"]
    if not refs:
        return [], 0, {}
    existing = history.candidate_events(con, refs)
    assignments, records = events.assign(refs, existing, now)
    for row in inc_rows:
        row["event_id"] = assignments.get(row["incident_id"])
    existing_ids = {e.event_id for e in existing}
    updated = [e.event_id for e in records if e.event_id in existing_ids]
    before = lake_days(con, "events", updated)
    history.upsert_events(con, records)
    return records, len(updated), moved(before, lake_days(con, "events", updated))


def insert_rows(con, table: str, rows: list[dict]) -> None:
    if not rows:
        return
    con.register("_batch", pa.Table.from_pylist(rows))
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _batch")
    finally:
        con.unregister("_batch")


def set_event_ids(con, assignments: Mapping[str, str]) -> None:
    """Point incidents at their events (one set-based UPDATE, not a row-by-row loop)."""
    if not assignments:
        return
    con.register("_links", pa.table({"incident_id": list(assignments), "event_id": list(assignments.values())}))
    try:
        con.execute("UPDATE incidents SET event_id = _links.event_id FROM _links"
                    " WHERE incidents.incident_id = _links.incident_id")
    finally:
        con.unregister("_links")


_STORY_DAY = "coalesce(CAST(published_at AS DATE), CAST(ingested_at AS DATE))"
# The partition directory carries the day (`date=YYYY-MM-DD`), so a table's own
# `date` column is left out of the file (pandas and pyarrow refuse a column
# that repeats a partition key); `date_imputed` says when the partition day is
# the story's day because the text gave no date.
LAKE_TABLES = {  # table: (key, columns, partition day)
    "stories": ("story_id", "*", _STORY_DAY),
    "incidents": ("incident_id", "* EXCLUDE (date), date IS NULL AS date_imputed",
                  f"coalesce(date, (SELECT {_STORY_DAY} FROM stories s WHERE s.story_id = incidents.story_id))"),
    "events": ("event_id", "* EXCLUDE (date), date IS NULL AS date_imputed",
               "coalesce(date, CAST(first_seen AS DATE))"),
}


def lake_rows(con, table: str, ids: list[str] | None = None) -> pa.Table:
    """The table's rows as the lake stores them, with a `__day` partition column."""
    key, cols, day = LAKE_TABLES[table]
    where = f" WHERE {key} IN (SELECT unnest(?::VARCHAR[]))" if ids is not None else ""
    return con.sql(f"SELECT {cols}, {day} AS __day FROM {table}{where}",
                   params=[ids] if ids is not None else None).to_arrow_table()


def lake_days(con, table: str, ids: list[str]) -> dict[str, date]:
    """key -> the lake partition day its row belongs in now."""
    if not ids:
        return {}
    key, _, day = LAKE_TABLES[table]
    return dict(con.execute(f"SELECT {key}, {day} FROM {table} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))",
                            [ids]).fetchall())


def moved(before: Mapping[str, date], after: Mapping[str, date]) -> dict[date, list[str]]:
    """old day -> keys whose day changed."""
    out: dict[date, list[str]] = {}
    for key, day in before.items():
        if after.get(key, day) != day:
            out.setdefault(day, []).append(key)
    return out


def shape_for(table: str):
    """How the table's partitions are written: the dataset's fixed Arrow schema (warehouse/lake_schema.py)."""
    return partial(lake_schema.conform, table)


def _write_lake(con, layout: Layout, story_rows: list[dict], inc_rows: list[dict], event_records,
                moved_events: Mapping[date, list[str]]) -> None:
    batches = {"stories": [r["story_id"] for r in story_rows],
               "incidents": [r["incident_id"] for r in inc_rows],
               "events": [e.event_id for e in event_records]}
    for table, ids in batches.items():
        if ids:
            lake.merge_partitions(layout.lake, table, lake_rows(con, table, ids), LAKE_TABLES[table][0], "__day",
                                  shape_for(table))
    lake.drop_keys(layout.lake, "events", LAKE_TABLES["events"][0], moved_events, shape_for("events"))
