"""Attacks per day as an analyst would get them: each gold set served as feeds, one `wirewatch run`, the
warehouse's events per day compared with the gold's distinct events per day.

    .venv/bin/python benchmarks/served_bench.py                 # the real sets (../shared/eval/real, benchmarks/real*)
    .venv/bin/python benchmarks/served_bench.py --set FILE ...  # any gold files

Each set becomes a news site with ../shared/eval/make_site.py (French and English RSS, Atom and summary
feeds, article pages; republications on another feed) served on 127.0.0.1; `wirewatch run` ingests it
into a fresh data directory on Prefect's embedded server. Gold events are the set's incidents joined by
`same_incident_as` (and a republication's to its canonical story's: benchmarks/gold_events.py); the error is the total absolute difference of events per day over the gold events
(target <= 15%). Needs ../shared (skipped when absent); about a minute per set.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
from gold_events import gold_clusters   # benchmarks/ is on the path when a benchmark runs as a script

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "eval"
TARGET = 0.15


def real_sets() -> list[Path]:
    return [p for p in [SHARED / "real" / "stories.jsonl", *sorted(HERE.glob("real*/stories.jsonl"))] if p.exists()]


def gold_per_day(rows: list[dict]) -> Counter:
    """Distinct gold events per day (benchmarks/gold_events.py), dated by their first dated member."""
    event_of = gold_clusters(rows)
    by_event: dict[str, str] = {}
    for r in rows:
        for i, inc in enumerate(r["incidents"]):
            if f"{r['id']}#{i}" in event_of and inc.get("date"):
                by_event.setdefault(event_of[f"{r['id']}#{i}"], inc["date"])
    return Counter(by_event.values())


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


def served_per_day(stories: Path, workdir: Path) -> Counter:
    """Events per day in the warehouse after one `wirewatch run` over the set served as feeds."""
    site = workdir / "site"
    handler = partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    subprocess.run([sys.executable, str(SHARED / "make_site.py"), str(stories), str(site), "--base", base],
                   check=True, capture_output=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        data = workdir / "data"
        run = subprocess.run([sys.executable, "-m", "flows.cli", "run", "--feeds", str(site / "feeds.yaml"),
                              "--data", str(data)], capture_output=True, text=True, cwd=HERE.parent)
        if run.returncode != 0:
            raise RuntimeError(f"wirewatch run failed: {run.stderr.strip().splitlines()[-1:]}")
    finally:
        server.shutdown()
    with duckdb.connect(str(data / "warehouse.duckdb"), read_only=True) as con:
        rows = con.execute("SELECT CAST(date AS VARCHAR), count(*) FROM events WHERE date IS NOT NULL GROUP BY 1").fetchall()
    return Counter(dict(rows))


def error(gold: Counter, served: Counter) -> float:
    total = sum(gold.values())
    return sum(abs(gold[d] - served[d]) for d in set(gold) | set(served)) / total if total else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, action="append", help="gold JSONL (default: the real sets)")
    args = parser.parse_args()
    if not (SHARED / "make_site.py").exists():
        print("../shared/eval/make_site.py absent: skipped")
        return
    for path in args.set or real_sets():
        rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        with tempfile.TemporaryDirectory() as tmp:
            served = served_per_day(path, Path(tmp))
        gold = gold_per_day(rows)
        e = error(gold, served)
        print(f"{path.parent.name:10} events/day served as feeds: {sum(served.values())} events vs {sum(gold.values())} "
              f"gold, error {100 * e:.1f}% (target <= {100 * TARGET:.0f}%: {'ok' if e <= TARGET else 'BELOW'})",
              flush=True)


if __name__ == "__main__":
    main()
