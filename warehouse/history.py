"""What the warehouse remembers for deduplication: story signatures and LSH
bands (so a republication weeks later is still caught: up to
dedup.WINDOW_DAYS, 30 days, after the original), and events.

A band row's key carries the story's 30-day period (its bucket) above the
band key, so a lookup reads only the stories of the periods around the new
story, plus the undated ones: what a story costs to check does not grow with
the years stored (benchmarks/pipeline_bench.py). Every lookup is a
parameterised `= ANY(?)` on an ART-indexed column, which DuckDB answers by
index. The connection is handed in; nothing here opens the database file or
commits.
"""
from __future__ import annotations

import json
from dataclasses import asdict, fields
from datetime import date, datetime, timedelta
from typing import Mapping, Sequence

import numpy as np
import pyarrow as pa

from transforms.dedup import MIN_SHINGLES, NUM_PERM, WINDOW_DAYS, Known, band_keys, band_matrix
from transforms.events import EventRecord, IncidentRef, Member
from transforms.models import Story

BANDS_TABLE = "CREATE TABLE IF NOT EXISTS story_bands (band BIGINT NOT NULL, story_id VARCHAR NOT NULL, day DATE);"
# 2: 2-row text bands and text+facts bands (round 1's rows were 1-row bands, or hashed keys without a day)
BAND_LAYOUT = 2
BUCKET_SHIFT = 40   # a band key (band number above a 32-bit hash, dedup.band_matrix) fits below; the period above
DDL = f"""
CREATE TABLE IF NOT EXISTS story_signatures (story_id VARCHAR PRIMARY KEY, signature BLOB NOT NULL);
{BANDS_TABLE}
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
    if _bands_outdated(con):
        _rebuild_bands(con)
    con.execute(DDL)
    con.execute("CREATE OR REPLACE TABLE story_bands_layout AS SELECT ? AS version", [BAND_LAYOUT])
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()"
                                        " WHERE schema_name = current_schema()").fetchall()}
    for table, sql in LOOKUP_INDEXES.items():
        if table in tables:
            con.execute(sql)


def known_for(con, stories: Sequence[Story], bands: Mapping[str, list[int]], today: date | None = None) -> Known:
    """`today`: where an undated story looks for its originals (the run's day); without it, an
    undated story meets only the undated stored ones (and the batch)."""
    wanted = {(s.feed, s.guid) for s in stories}
    by_guid = {(f, g): sid for f, g, sid in con.execute(
        "SELECT feed, guid, story_id FROM stories WHERE guid = ANY(?::VARCHAR[])",
        [sorted({g for _, g in wanted})]).fetchall() if (f, g) in wanted}
    by_url = dict(con.execute("SELECT url, coalesce(dup_of, story_id) FROM stories WHERE url = ANY(?::VARCHAR[])",
                              [sorted({s.url for s in stories if s.url})]).fetchall())
    by_hash = dict(con.execute(
        "SELECT content_hash, coalesce(dup_of, story_id) FROM stories WHERE content_hash = ANY(?::VARCHAR[])",
        [sorted({s.content_hash for s in stories})]).fetchall())
    return Known(by_guid=by_guid, by_url=by_url, by_hash=by_hash, **candidates_for(con, stories, bands, today))


def candidates_for(con, stories: Sequence[Story], bands: Mapping[str, list[int]], today: date | None = None) -> dict:
    """Stored signatures sharing a band with a batch story and published within the window of one
    (undated ones always), each one's day and canonical story."""
    probes, days = set(), []
    for story in stories:
        day = story_day(story) or today
        days += [day] if day else []
        for period in probe_buckets(day):
            probes.update(with_bucket(k, period) for k in bands[story.story_id])
    if not probes:
        return {"candidates": {}, "canonical": {}, "days": {}}
    span = [min(days) - timedelta(WINDOW_DAYS), max(days) + timedelta(WINDOW_DAYS)] if days else [None, None]
    found = dict(con.execute("SELECT DISTINCT story_id, day FROM story_bands WHERE band = ANY(?::BIGINT[])"
                             " AND (day IS NULL OR ?::DATE IS NULL OR day BETWEEN ?::DATE AND ?::DATE)",
                             [sorted(probes), span[0], *span]).fetchall())
    if not found:
        return {"candidates": {}, "canonical": {}, "days": {}}
    ids = sorted(found)
    candidates = dict(con.execute("SELECT story_id, signature FROM story_signatures"
                                  " WHERE story_id = ANY(?::VARCHAR[])", [ids]).fetchall())
    canonical = {sid: sid for sid in candidates}
    canonical.update(con.execute("SELECT story_id, coalesce(dup_of, story_id) FROM stories"
                                 " WHERE story_id = ANY(?::VARCHAR[])", [ids]).fetchall())
    return {"candidates": {k: bytes(v) for k, v in candidates.items()}, "canonical": canonical,
            "days": {sid: found[sid] for sid in candidates}}


def story_day(story: Story) -> date | None:
    return story.published_at.date() if story.published_at else None


def bucket(day: date | None) -> int:
    """The WINDOW_DAYS-long period a day falls in, from 1; 0 for undated stories."""
    return 0 if day is None else day.toordinal() // WINDOW_DAYS + 1


def with_bucket(keys, buckets):
    """Band keys (an int or an array) with their stories' periods above them, so a lookup names the periods."""
    return keys | (buckets << BUCKET_SHIFT)


def probe_buckets(day: date | None) -> set[int]:
    """The periods that hold every day within the window of `day`, and the undated one."""
    if day is None:
        return {0}
    return {0} | {bucket(day + timedelta(d)) for d in (-WINDOW_DAYS, 0, WINDOW_DAYS)}


def band_table(ids: Sequence[str], values: np.ndarray, days: Sequence[date | None]) -> pa.Table:
    """story_bands rows of signatures of one length (n x 129 or n x 162 uint32 values) published on
    `days`: the band keys with the day's bucket above them; a signature too short for band keys has
    none, one without facts no text+facts keys."""
    keys = band_matrix(values)
    present = (keys >= 0) & (values[:, NUM_PERM] >= MIN_SHINGLES)[:, None]
    buckets = np.array([bucket(d) for d in days], dtype=np.int64)
    rows = np.nonzero(present)[0]
    return pa.table({"band": pa.array(with_bucket(keys, buckets[:, None])[present], pa.int64()),
                     "story_id": pa.array(np.array(ids, dtype=object)[rows], pa.string()),
                     "day": pa.array(np.array(list(days), dtype=object)[rows], pa.date32())})


def record_signatures(con, signatures: Mapping[str, bytes], days: Mapping[str, date | None],
                      bands: Mapping[str, list[int]] | None = None) -> None:
    """Store the signatures and their band keys (given, or computed here) with each story's day; a
    story already stored keeps its rows (idempotent)."""
    if not signatures:
        return
    stored = {r[0] for r in con.execute("SELECT story_id FROM story_signatures WHERE story_id = ANY(?::VARCHAR[])",
                                        [sorted(signatures)]).fetchall()}
    ids = sorted(set(signatures) - stored)
    if not ids:
        return
    rows = [(with_bucket(k, bucket(days[sid])), sid, days[sid]) for sid in ids
            for k in (bands[sid] if bands is not None else band_keys(signatures[sid]))]
    con.register("_sigs", pa.table({"story_id": ids,
                                    "signature": pa.array([signatures[i] for i in ids], pa.binary())}))
    con.register("_bands", pa.table({"band": pa.array([r[0] for r in rows], pa.int64()),
                                     "story_id": pa.array([r[1] for r in rows], pa.string()),
                                     "day": pa.array([r[2] for r in rows], pa.date32())}))
    try:
        con.execute("INSERT INTO story_signatures SELECT story_id, signature FROM _sigs")
        con.execute("INSERT INTO story_bands SELECT band, story_id, day FROM _bands")
    finally:
        con.unregister("_sigs")
        con.unregister("_bands")


def _bands_outdated(con) -> bool:
    """Band rows stored under an older layout: without a day, or before BAND_LAYOUT was recorded."""
    if not _has_table(con, "story_bands"):
        return False
    if not _has_table(con, "story_bands_layout"):
        return True
    return con.execute("SELECT max(version) FROM story_bands_layout").fetchone()[0] != BAND_LAYOUT


def _has_table(con, name: str) -> bool:
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?"
                            " AND schema_name = current_schema()", [name]).fetchone()[0])


def _rebuild_bands(con, chunk: int = 100_000) -> None:
    """Migrate a warehouse whose band rows have an older layout (hashes of two values without a day,
    or round 1's 1-row bands): rebuild them from the stored signatures and the stories' publication
    days (UTC). A story without a day, or not in `stories`, stays undated: a candidate for every later
    story. A signature from before the facts gets text bands only."""
    con.execute("DROP TABLE story_bands")
    con.execute(BANDS_TABLE)   # the index comes after the bulk insert (ensure_schema's DDL)
    has_stories = _has_table(con, "stories")
    day = "(s.published_at AT TIME ZONE 'UTC')::DATE" if has_stories else "NULL::DATE"
    join = " LEFT JOIN stories s USING (story_id)" if has_stories else ""
    last = ""
    while True:   # pages by story id: the insert below would end a half-read query on this connection
        page = con.execute(f"SELECT g.story_id, g.signature, {day} AS day FROM story_signatures g{join}"
                           f" WHERE g.story_id > ? ORDER BY g.story_id LIMIT {chunk}", [last]).fetchall()
        if not page:
            return
        for size in sorted({len(g) for _, g, _ in page}):   # round 1's signatures are shorter
            ids, sigs, days = zip(*[row for row in page if len(row[1]) == size])
            values = np.frombuffer(b"".join(bytes(g) for g in sigs), dtype="<u4").reshape(len(ids), -1)
            con.register("_bands", band_table(ids, values, days))
            try:
                con.execute("INSERT INTO story_bands SELECT band, story_id, day FROM _bands")
            finally:
                con.unregister("_bands")
        last = page[-1][0]


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
    if not story_ids or not _has_table(con, "incidents"):
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
