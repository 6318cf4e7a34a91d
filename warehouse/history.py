"""What the warehouse remembers for deduplication: story signatures and LSH
bands (so a republication weeks later is still caught), and events.

Every lookup is a parameterised `= ANY(?)` on an ART-indexed column, which
DuckDB answers by index: checking one story costs about the same at 10k and
at 1M stored stories (benchmarks/dedup_bench.py). The connection is handed
in; nothing here opens the database file or commits.
"""
from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date, datetime, timedelta
from typing import Mapping, Sequence

import pyarrow as pa

from transforms.dedup import Known, band_keys
from transforms.events import EventRecord, IncidentRef, Member
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
    members VARCHAR, geo_precision VARCHAR);
ALTER TABLE events ADD COLUMN IF NOT EXISTS members VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS geo_precision VARCHAR;
CREATE INDEX IF NOT EXISTS events_date ON events (date);
"""
# lookups known_for() and candidate_events() make on the load step's tables
LOOKUP_INDEXES = {
    "stories": """CREATE INDEX IF NOT EXISTS stories_guid ON stories (guid);
                  CREATE INDEX IF NOT EXISTS stories_url ON stories (url);
                  CREATE INDEX IF NOT EXISTS stories_content_hash ON stories (content_hash);""",
    "incidents": "CREATE INDEX IF NOT EXISTS incidents_story ON incidents (story_id);",
}
EVENT_COLUMNS = [f.name for f in fields(EventRecord) if f.name != "members"]
MEMBER_FIELDS = [f.name for f in fields(Member)]


def ensure_schema(con) -> None:
    con.execute(DDL)
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()"
                                        " WHERE schema_name = current_schema()").fetchall()}
    for table, sql in LOOKUP_INDEXES.items():
        if table in tables:
            con.execute(sql)


def known_for(con, stories: Sequence[Story], bands: Mapping[str, list[int]]) -> Known:
    wanted = {(s.feed, s.guid) for s in stories}
    by_guid = {(f, g): sid for f, g, sid in con.execute(
        "SELECT feed, guid, story_id FROM stories WHERE guid = ANY(?::VARCHAR[])",
        [sorted({g for _, g in wanted})]).fetchall() if (f, g) in wanted}
    by_url = dict(con.execute("SELECT url, coalesce(dup_of, story_id) FROM stories WHERE url = ANY(?::VARCHAR[])",
                              [sorted({s.url for s in stories if s.url})]).fetchall())
    by_hash = dict(con.execute(
        "SELECT content_hash, coalesce(dup_of, story_id) FROM stories WHERE content_hash = ANY(?::VARCHAR[])",
        [sorted({s.content_hash for s in stories})]).fetchall())
    return Known(by_guid=by_guid, by_url=by_url, by_hash=by_hash, **candidates_for(con, bands))


def candidates_for(con, bands: Mapping[str, list[int]]) -> dict:
    """Stored signatures sharing a band with the batch, and each one's canonical story."""
    keys = sorted({b for ks in bands.values() for b in ks})
    ids = sorted({r[0] for r in con.execute("SELECT story_id FROM story_bands WHERE band = ANY(?::BIGINT[])",
                                            [keys]).fetchall()}) if keys else []
    if not ids:
        return {"candidates": {}, "canonical": {}}
    candidates = dict(con.execute("SELECT story_id, signature FROM story_signatures"
                                  " WHERE story_id = ANY(?::VARCHAR[])", [ids]).fetchall())
    canonical = {sid: sid for sid in candidates}
    canonical.update(con.execute("SELECT story_id, coalesce(dup_of, story_id) FROM stories"
                                 " WHERE story_id = ANY(?::VARCHAR[])", [ids]).fetchall())
    return {"candidates": {k: bytes(v) for k, v in candidates.items()}, "canonical": canonical}


def record_signatures(con, signatures: Mapping[str, bytes], bands: Mapping[str, list[int]] | None = None) -> None:
    """Store the signatures and their band keys (given, or computed here); a story already stored
    keeps its rows (idempotent)."""
    if not signatures:
        return
    stored = {r[0] for r in con.execute("SELECT story_id FROM story_signatures WHERE story_id = ANY(?::VARCHAR[])",
                                        [sorted(signatures)]).fetchall()}
    ids = sorted(set(signatures) - stored)
    if not ids:
        return
    pairs = [(b, sid) for sid in ids for b in (bands[sid] if bands is not None else band_keys(signatures[sid]))]
    con.register("_sigs", pa.table({"story_id": ids,
                                    "signature": pa.array([signatures[i] for i in ids], pa.binary())}))
    con.register("_bands", pa.table({"band": pa.array([b for b, _ in pairs], pa.int64()),
                                     "story_id": pa.array([s for _, s in pairs], pa.string())}))
    try:
        con.execute("INSERT INTO story_signatures SELECT story_id, signature FROM _sigs")
        con.execute("INSERT INTO story_bands SELECT band, story_id FROM _bands")
    finally:
        con.unregister("_sigs")
        con.unregister("_bands")


def candidate_events(con, incidents: Sequence[IncidentRef]) -> list[EventRecord]:
    """Events dated within a day of a batch incident (an undated one looks at the week before its
    story), plus every event of the canonical story of a duplicate in the batch, whatever its date."""
    days = set()
    for ref in incidents:
        if ref.incident.date:
            days.update(ref.incident.date + timedelta(d) for d in (-1, 0, 1))
        elif ref.published_at:
            start = ref.published_at.date()
            days.update(start - timedelta(d) for d in range(-1, 8))
    ids = _canonical_events(con, sorted({r.canonical_story_id for r in incidents
                                         if r.canonical_story_id != r.story_id}))
    if not days and not ids:
        return []
    cols = f"{', '.join(EVENT_COLUMNS)}, members"
    cur = con.execute(f"SELECT {cols} FROM events WHERE date = ANY(?::DATE[]) UNION"
                      f" SELECT {cols} FROM events WHERE event_id = ANY(?::VARCHAR[]) ORDER BY event_id",
                      [sorted(days), ids])
    return [event_from_row(row) for row in cur.fetchall()]


def _canonical_events(con, story_ids: list[str]) -> list[str]:
    if not story_ids or not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'incidents'"
                                        " AND schema_name = current_schema()").fetchone()[0]:
        return []
    return sorted({r[0] for r in con.execute(
        "SELECT event_id FROM incidents WHERE story_id = ANY(?::VARCHAR[]) AND event_id IS NOT NULL",
        [story_ids]).fetchall()})


def upsert_events(con, events: Sequence[EventRecord]) -> None:
    if not events:
        return
    rows = [event_row(e) for e in events]
    con.execute("DELETE FROM events WHERE event_id = ANY(?::VARCHAR[])", [[r["event_id"] for r in rows]])
    con.register("_events", pa.Table.from_pylist(rows))
    try:
        con.execute("INSERT INTO events BY NAME SELECT * FROM _events")
    finally:
        con.unregister("_events")


def event_row(event: EventRecord) -> dict:
    row = {c: getattr(event, c) for c in EVENT_COLUMNS}
    row["members"] = json.dumps([_member_json(m) for m in event.members], ensure_ascii=False)
    return row


def event_from_row(row: tuple) -> EventRecord:
    values = dict(zip(EVENT_COLUMNS + ["members"], row))
    members = json.loads(values.pop("members") or "[]")
    return EventRecord(**values, members=tuple(_member_from_json(m) for m in members))


def _member_json(m: Member) -> dict:
    d = asdict(m)
    d["published_at"] = m.published_at.isoformat() if m.published_at else None
    d["date"] = m.date.isoformat() if m.date else None
    return d


def _member_from_json(d: dict) -> Member:
    d = {k: d.get(k) for k in MEMBER_FIELDS}
    d["published_at"] = datetime.fromisoformat(d["published_at"]) if d["published_at"] else None
    d["date"] = date.fromisoformat(d["date"]) if d["date"] else None
    return Member(**d)
