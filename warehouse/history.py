"""What the warehouse remembers for deduplication: story signatures and LSH
bands (so a republication weeks later is still caught), and events."""
from __future__ import annotations

from dataclasses import astuple, fields
from typing import Mapping, Sequence

import duckdb
import pyarrow as pa

from transforms.dedup import Known
from transforms.events import EventRecord, IncidentRef
from transforms.models import Story

DDL = """
CREATE TABLE IF NOT EXISTS story_signatures (story_id VARCHAR PRIMARY KEY, signature BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS story_bands (band BIGINT NOT NULL, story_id VARCHAR NOT NULL);
CREATE INDEX IF NOT EXISTS story_bands_band ON story_bands (band);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY, event_type VARCHAR, date DATE, country VARCHAR, location VARCHAR,
    lat DOUBLE, lon DOUBLE, actor1 VARCHAR, actor2 VARCHAR, weapon VARCHAR,
    killed_min INTEGER, killed_max INTEGER, injured_min INTEGER, injured_max INTEGER,
    n_incidents INTEGER, n_stories INTEGER, first_seen TIMESTAMPTZ, updated_at TIMESTAMPTZ,
    stories VARCHAR[], places VARCHAR[]);
CREATE INDEX IF NOT EXISTS events_date ON events (date);
"""
EVENT_COLUMNS = [f.name for f in fields(EventRecord)]
IDS = "(SELECT unnest(?::VARCHAR[]))"


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(DDL)


def known_for(con, stories: Sequence[Story], bands: Mapping[str, list[int]]) -> Known:
    guids = [f"{s.feed}\x00{s.guid}" for s in stories]
    by_guid = {(f, g): sid for f, g, sid in con.execute(
        f"SELECT feed, guid, story_id FROM stories WHERE feed || chr(0) || guid IN {IDS}", [guids]).fetchall()}
    by_url = dict(con.execute(f"SELECT url, coalesce(dup_of, story_id) FROM stories WHERE url IN {IDS}",
                              [[s.url for s in stories if s.url]]).fetchall())
    by_hash = dict(con.execute(
        f"SELECT content_hash, coalesce(dup_of, story_id) FROM stories WHERE content_hash IN {IDS}",
        [[s.content_hash for s in stories]]).fetchall())
    all_bands = sorted({b for keys in bands.values() for b in keys})
    candidates = dict(con.execute(
        "SELECT DISTINCT g.story_id, g.signature FROM story_bands b JOIN story_signatures g USING (story_id)"
        " WHERE b.band IN (SELECT unnest(?::BIGINT[]))", [all_bands]).fetchall())
    canonical = dict(con.execute(f"SELECT story_id, coalesce(dup_of, story_id) FROM stories WHERE story_id IN {IDS}",
                                 [list(candidates)]).fetchall())
    return Known(by_guid=by_guid, by_url=by_url, by_hash=by_hash, candidates=candidates, canonical=canonical)


def record_signatures(con, signatures: Mapping[str, bytes]) -> None:
    from transforms.dedup import band_keys
    if not signatures:
        return
    ids = list(signatures)
    con.register("_sigs", pa.table({"story_id": ids, "signature": [signatures[i] for i in ids]}))
    bands = [(b, sid) for sid in ids for b in band_keys(signatures[sid])]
    con.register("_bands", pa.table({"band": [b for b, _ in bands], "story_id": [s for _, s in bands]}))
    try:
        con.execute("INSERT OR REPLACE INTO story_signatures SELECT story_id, signature FROM _sigs")
        con.execute("INSERT INTO story_bands SELECT band, story_id FROM _bands")
    finally:
        con.unregister("_sigs")
        con.unregister("_bands")


def candidate_events(con, refs: Sequence[IncidentRef]) -> list[EventRecord]:
    days = sorted({r.incident.date for r in refs if r.incident.date})
    if not days:
        return []
    cur = con.execute(f"SELECT {', '.join(EVENT_COLUMNS)} FROM events WHERE date IN"
                      " (SELECT unnest(?::DATE[]) + d FROM (VALUES (-1), (0), (1)) t(d))", [days])
    return [_event(row) for row in cur.fetchall()]


def _event(row: tuple) -> EventRecord:
    values = dict(zip(EVENT_COLUMNS, row))
    values["stories"], values["places"] = tuple(values["stories"] or ()), tuple(values["places"] or ())
    return EventRecord(**values)


def upsert_events(con, events: Sequence[EventRecord]) -> None:
    if not events:
        return
    rows = [dict(zip(EVENT_COLUMNS, astuple(e))) for e in events]
    for row in rows:
        row["stories"], row["places"] = list(row["stories"]), list(row["places"])
    con.register("_events", pa.Table.from_pylist(rows))
    try:
        con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM _events)")
        con.execute("INSERT INTO events BY NAME SELECT * FROM _events")
    finally:
        con.unregister("_events")
