"""The analysts' queries over a warehouse filled directly with millions of generated events and
incidents (the real schema and views; one incident per event; ten years of dates, 40 countries,
30 actors), timed, and checked for filters the views do not push down into the events scan."""
from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import duckdb

from warehouse.db import ensure_schema
from warehouse.quality import attacks_per_week
from warehouse.queries import attacks

TYPES = "['air_drone_strike', 'shelling_missile', 'suicide_bomb', 'remote_explosive', 'grenade', 'armed_clash', 'attack']"
ACTORS = ["Islamic State", "al-Shabaab", "Boko Haram", "JNIM", "Taliban"] + [f"group {i}" for i in range(25)]
FILL_EVENTS = f"""
INSERT INTO events (event_id, event_type, date, country, location, lat, lon, actor1, actor2, weapon,
                    killed_min, killed_max, injured_min, injured_max, n_incidents, n_stories, first_seen, updated_at, members)
SELECT printf('ev-%012d', i), {TYPES}[CAST(1 + hash(i) % 7 AS BIGINT)], DATE '2016-01-01' + CAST(hash(i + 1) % 3650 AS INTEGER),
       'C' || (hash(i + 2) % 40), 'place ' || (hash(i + 3) % 5000), NULL, NULL, ?[CAST(1 + hash(i + 4) % 30 AS BIGINT)], 'civilians',
       NULL, CAST(hash(i + 5) % 20 AS INTEGER), NULL, CAST(hash(i + 6) % 30 AS INTEGER), NULL, 1, 1,
       TIMESTAMPTZ '2016-01-01 00:00:00+00', TIMESTAMPTZ '2026-01-01 00:00:00+00', '[]'
FROM range(?, ?) t(i)"""
FILL_INCIDENTS = """
INSERT INTO incidents (incident_id, story_id, idx, kind, event_type, date, country, location, actor1, killed_min,
                       injured_min, evidence, event_id, extractor_version)
SELECT printf('s%012d:0', i), printf('s%012d', i), 0, 'incident', event_type, date, country, location, actor1,
       killed_min, injured_min, 'generated evidence sentence ' || i, event_id, 'bench'
FROM (SELECT *, CAST(substr(event_id, 4) AS BIGINT) AS i FROM events) WHERE i >= ? AND i < ?"""
QUERIES = {
    "weekly": "SELECT week, country, sum(attacks) AS attacks FROM attacks_weekly GROUP BY ALL ORDER BY ALL",
    "actor": "SELECT CAST(date_trunc('week', date) AS DATE) AS week, count(*) AS attacks, sum(killed_min)"
             " FROM events WHERE actor1 = 'Islamic State' GROUP BY ALL ORDER BY ALL",
}
PARQUET_WEEKLY = ("SELECT CAST(date_trunc('week', date) AS DATE) AS week, country, count(*) AS attacks"
                  " FROM read_parquet('{path}') WHERE date IS NOT NULL GROUP BY ALL ORDER BY ALL")
PUSHDOWN = {  # view query -> the events column its filter should reach
    "attacks_weekly WHERE country = 'C1'": ("SELECT * FROM attacks_weekly WHERE country = 'C1'", "country"),
    "attacks_weekly WHERE week >= '2024-01-01'": ("SELECT * FROM attacks_weekly WHERE week >= DATE '2024-01-01'", "date"),
    "attacks_daily WHERE day >= '2024-01-01'": ("SELECT * FROM attacks_daily WHERE day >= DATE '2024-01-01'", "date"),
    "attacks_monthly WHERE month = '2024-01-01'": ("SELECT * FROM attacks_monthly WHERE month = DATE '2024-01-01'", "date"),
}


class ScaleBench:
    def __init__(self, folder: Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.con = duckdb.connect(str(folder / "scale.duckdb"))
        self.con.execute("SET TimeZone = 'UTC'")
        ensure_schema(self.con)
        self.size = 0

    def close(self) -> None:
        self.con.close()

    def grow(self, size: int) -> float:
        started = time.perf_counter()
        self.con.execute(FILL_EVENTS, [ACTORS, self.size, size])
        self.con.execute(FILL_INCIDENTS, [self.size, size])
        self.con.execute("CHECKPOINT")
        self.size = size
        return time.perf_counter() - started

    def measure(self, size: int) -> dict:
        build = self.grow(size)
        con = self.con
        parquet = self.folder / "events.parquet"
        con.execute(f"COPY (SELECT event_id, date, country, event_type FROM events) TO '{parquet}' (FORMAT parquet)")
        result = {"size": size, "build": build,
                  "weekly": median_time(lambda: con.execute(QUERIES["weekly"]).fetchall()),
                  "actor": median_time(lambda: con.execute(QUERIES["actor"]).fetchall()),
                  "report": median_time(lambda: attacks(con, "day")),
                  "report_week": median_time(lambda: attacks(con, "week")),
                  "daily_weeks": median_time(lambda: attacks_per_week(con)),
                  "parquet": median_time(lambda: con.execute(PARQUET_WEEKLY.format(path=parquet)).fetchall()),
                  "plans": not_pushed_down(con), "checked": len(PUSHDOWN)}
        parquet.unlink()
        return result


def median_time(fn, times: int = 3) -> float:
    fn()
    spans = []
    for _ in range(times):
        started = time.perf_counter()
        fn()
        spans.append(time.perf_counter() - started)
    return statistics.median(spans)


def not_pushed_down(con) -> dict[str, list[str]]:
    """name -> the query plan (one line per operator), for each view filter that does not reach the events scan."""
    out = {}
    for name, (sql, column) in PUSHDOWN.items():
        tree = json.loads(con.execute(f"EXPLAIN (FORMAT json) {sql}").fetchall()[0][1])
        scans = _scans(tree)
        filters = [str((scan.get("extra_info") or {}).get("Filters", "")) for scan in scans]
        if scans and not any(column in f for f in filters):   # no scan at all: statistics pruned it
            out[name] = plan_lines(tree)
    return out


def plan_lines(node, depth: int = 0) -> list[str]:
    """The plan as indented operator names, with the filters and tables that say where filtering happens."""
    if isinstance(node, list):
        return [line for child in node for line in plan_lines(child, depth)]
    info = node.get("extra_info") or {}
    detail = "; ".join(f"{k}: {info[k]}" for k in ("Table", "Filters", "Expression", "Groups") if info.get(k))
    own = [f"{'  ' * depth}{node.get('name', '?').strip()}{'  [' + detail + ']' if detail else ''}"]
    return own + [line for child in node.get("children", []) for line in plan_lines(child, depth + 1)]


def _scans(node) -> list[dict]:
    if isinstance(node, list):
        return [s for child in node for s in _scans(child)]
    found = [node] if "SCAN" in node.get("name", "") and "CTE" not in node.get("name", "") else []   # table scans
    return found + [s for child in node.get("children", []) for s in _scans(child)]
