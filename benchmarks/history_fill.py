"""Story and event dedup cost per story against a growing stored history.

The history is written straight into a DuckDB file with the warehouse schema: stories (300 a day,
ending now), their MinHash signatures and LSH bands (dated like the stories, so the dedup window
leaves out what it would leave out of a real history), and 0.7 events per story spread over the same
days (so every batch day has the same number of nearby events whatever the history's size). One
batch of new synthetic stories, already extracted, then goes through the load step's own story
dedup (`dedup_stories`) and event clustering (`_cluster`) inside a transaction that is rolled back.

Stored signatures are real ones, of a pool of POOL synthetic stories cycled over the history: a
new story shares LSH bands with stored ones as often as it would with stories written like them
(random signatures would share none, and hide how the candidates grow with the history).
"""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa

import synthetic_wires
from transforms import dedup
from transforms.models import Story
from transforms.normalize import content_hash
from warehouse import history, load
from warehouse.db import ensure_schema
from warehouse.history import LOOKUP_INDEXES
from warehouse.rows import incident_rows

PER_DAY = 300
POOL = 10_000
EVENTS_PER_STORY = 0.7
PLACES = [p[0] for p in synthetic_wires.PLACES]


class HistoryBench:
    def __init__(self, path: Path, batch: int, seed: int, pool: int = POOL):
        from flows.extract_pool import extract_many
        path.unlink(missing_ok=True)
        self.con = duckdb.connect(str(path))
        self.con.execute("SET TimeZone = 'UTC'")
        ensure_schema(self.con)
        self.now = datetime.now(timezone.utc)
        self.stories = [_story(s) for s in synthetic_wires.stories(batch, seed=seed + 11, end=self.now)]
        self.extractions = extract_many(self.stories, self.now)
        self.size = 0
        sigs = [dedup.signature(s["title"], s["text"]) for s in synthetic_wires.stories(pool, seed=seed + 23)]
        sigs = [sig for sig in sigs if dedup.band_keys(sig)]    # a story too short for bands is no candidate
        self.pool_values = np.frombuffer(b"".join(sigs), dtype="<u4").reshape(len(sigs), -1)

    def close(self) -> None:
        self.con.close()

    def measure(self, size: int) -> dict:
        started = time.perf_counter()
        self._grow(size)
        build = time.perf_counter() - started
        story, event = self._time_batch()
        n = len(self.stories)
        print(f"  {size:>9,} stored: story dedup {1000 * story / n:.2f} ms, event dedup {1000 * event / n:.2f} ms"
              f" per story (history grown in {build:.0f} s)", flush=True)
        return {"size": size, "story": story / n, "event": event / n,
                "note": f"{size:,} stories over {size // PER_DAY:,} days, signatures of {len(self.pool_values):,} synthetic "
                        f"stories cycled; batch of {n:,} new stories"}

    def _time_batch(self) -> tuple[float, float]:
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            started = time.perf_counter()
            stories, _ = load.dedup_stories(con, list(self.stories))
            story = time.perf_counter() - started
            rows = [r for s in stories for r in incident_rows(s, self.extractions.get(s.story_id))]
            started = time.perf_counter()
            load._cluster(con, stories, rows, self.extractions, self.now)
            event = time.perf_counter() - started
        finally:
            con.execute("ROLLBACK")
        return story, event

    def _grow(self, size: int) -> None:
        """Bulk load first, index after: how a large history would be migrated in."""
        con = self.con
        indexes = con.execute("SELECT index_name, sql FROM duckdb_indexes() WHERE table_name IN"
                              " ('stories', 'story_bands', 'events')").fetchall()
        for name, _ in indexes:
            con.execute(f"DROP INDEX {name}")
        self._stories(self.size, size)
        self._events(int(self.size * EVENTS_PER_STORY), int(size * EVENTS_PER_STORY))
        for _, sql in indexes:
            con.execute(sql)
        con.execute(LOOKUP_INDEXES["stories"])
        self.size = size

    def _stories(self, start: int, stop: int) -> None:
        con, n = self.con, stop - start
        con.execute("INSERT INTO stories (story_id, feed, guid, url, title, text, lang, published_at, content_hash)"
                    " SELECT printf('h%012d', i), 'feed' || (i % 500), 'g' || i, 'https://old.example/' || i, 't', 'x',"
                    " 'en', ?::TIMESTAMPTZ - to_seconds(CAST(i * 86400 / ? AS BIGINT)), md5(i::VARCHAR)"
                    " FROM range(?, ?) t(i)", [self.now, PER_DAY, start, stop])
        cycle = np.arange(start, stop) % len(self.pool_values)
        values = self.pool_values[cycle]
        blobs = pa.FixedSizeBinaryArray.from_buffers(pa.binary(values.shape[1] * 4), n,
                                                     [None, pa.py_buffer(values.astype("<u4").tobytes())])
        ids = pa.array([f"h{i:012d}" for i in range(start, stop)])
        con.register("_sigs", pa.table({"story_id": ids, "signature": blobs.cast(pa.binary())}))
        con.execute("INSERT INTO story_signatures SELECT * FROM _sigs")
        con.unregister("_sigs")
        days = [(self.now - timedelta(seconds=round(i * 86400 / PER_DAY))).date() for i in range(start, stop)]
        con.register("_bands", history.band_table([f"h{i:012d}" for i in range(start, stop)], values, days))
        con.execute("INSERT INTO story_bands SELECT band, story_id, day FROM _bands")
        con.unregister("_bands")

    def _events(self, start: int, stop: int) -> None:
        per_day = PER_DAY * EVENTS_PER_STORY
        self.con.execute(
            "INSERT INTO events (event_id, event_type, date, country, location, killed_min, killed_max, injured_min,"
            " injured_max, n_incidents, n_stories, first_seen, updated_at, members)"
            " SELECT printf('ev-h%012d', i), ['air_drone_strike', 'attack', 'armed_clash', 'remote_explosive'][CAST(1 + i % 4 AS BIGINT)],"
            " CAST(?::TIMESTAMPTZ AS DATE) - CAST(i / ? AS INTEGER), NULL, ?[CAST(1 + hash(i) % ? AS BIGINT)], CAST(hash(i + 1) % 20 AS INTEGER),"
            " NULL, NULL, NULL, 1, 1, ?::TIMESTAMPTZ, ?::TIMESTAMPTZ,"
            " '[{\"incident_id\": \"h' || i || ':0\", \"story_id\": \"h' || i || '\", \"canonical_story_id\": \"h' || i ||"
            " '\", \"published_at\": null, \"event_type\": \"attack\", \"location\": \"' || ?[CAST(1 + hash(i) % ? AS BIGINT)] || '\"}]'"
            " FROM range(?, ?) t(i)",
            [self.now, per_day, PLACES, len(PLACES), self.now, self.now, PLACES, len(PLACES), start, stop])


def _story(s: dict) -> Story:
    published = datetime.fromisoformat(s["published"])
    return Story(story_id=s["id"], feed=s["outlet"], guid=s["id"], url=f"https://new.example/{s['id']}",
                 title=s["title"], text=s["text"], lang=s["lang"], published_at=published,
                 content_hash=content_hash(s["title"], s["text"]))
