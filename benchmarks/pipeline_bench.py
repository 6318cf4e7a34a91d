"""The whole pipeline, measured stage by stage against its floors and its targets (issue 11).

    .venv/bin/python benchmarks/pipeline_bench.py --sizes 1000,10000,100000

Offline. For each size N: N synthetic French/English stories (benchmarks/synthetic_wires.py) served
as RSS/Atom feeds of ~100 entries by publishers on 127.0.0.1 (feed_farm.py, its own process); the
real ingest flow (Prefect, ephemeral local server) on a fresh data directory, with a clock around
each stage's functions (stage_clock.py); then a second run on the same, unchanged feeds. Floors on
the same data: feedparser alone parsing the same payloads, DuckDB scanning the lake's Parquet.
Then: extraction in one process against the process pool on one sample; story and event dedup cost
per story against 10k/100k/1M stories of stored history; attacks_weekly, a per-actor filter and the
report command's query over warehouses filled directly with 1M and 10M events; Prefect's per-task
overhead. Every figure is printed beside its target; nothing here is asserted.

--profile keeps a cProfile of the slowest stage of the largest size (that size is run once more
with the profiler on, so the figures above it stay undisturbed). Needs the dev extras (psutil).
"""
from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import feed_farm
import synthetic_wires
from stage_clock import PeakMemory, StageClock, union_length

STAGE_TARGETS = {   # "module:function" -> stage; the load's own share is load minus its nested stages
    "flows.ingest:fetch_feed": "fetch+parse", "flows.ingest:archive_raw": "fetch+parse",
    "flows.ingest:parse_payload": "fetch+parse", "flows.ingest:normalize_entry": "normalize",
    "warehouse.load:dedup_stories": "story dedup", "flows.ingest:extract_many": "extraction",
    "warehouse.load:_cluster": "event dedup", "warehouse.load:_write_lake": "lake write",
    "flows.ingest:load_run": "load",
}
STAGES = ["fetch+parse", "normalize", "story dedup", "extraction", "event dedup", "lake write", "warehouse load"]
GB = 2**30
TARGET = {"e2e": 500, "extract_per_core": 250, "weekly_10m": 1.0, "memory": 2 * GB, "floor_ratio": 3.0,
          "second_run": 0.10, "flat": 2.0}


@dataclass
class SizeRun:
    n: int
    feeds: int
    hosts: int
    e2e: float = 0.0
    stage: dict = field(default_factory=dict)
    other: float = 0.0
    peak: int = 0
    second: float = 0.0
    second_status: str = ""
    lake_bytes: int = 0
    db_bytes: int = 0
    feedparser: float = 0.0
    view: float = 0.0
    parquet: float = 0.0
    loaded: str = ""
    workers: int = 1
    tasks: int = 0
    profile: str = ""


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="wirewatch-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    _isolate_prefect(work)
    print(_machine())
    overhead = prefect_overhead(args.tasks)
    runs = [run_size(n, work, args.seed) for n in args.sizes]
    if args.profile and runs:
        _profile_slowest(runs[-1], work, args.seed)
    speedup = extraction_speedup(min(max(args.sizes, default=8000), 8000), args.seed)
    history = dedup_history(args.history, args.seed, work, args.batch) if args.history else []
    scale = queries_at_scale(args.scale, work) if args.scale else []
    report(runs, overhead, speedup, history, scale)
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ints = lambda text: [int(x) for x in text.split(",") if x.strip()]   # noqa: E731
    p.add_argument("--sizes", type=ints, default=[1000, 10000, 100000], help="stories per run (default 1k,10k,100k)")
    p.add_argument("--history", type=ints, default=[10000, 100000, 1000000],
                   help="stored stories for the dedup cost per story ('' skips)")
    p.add_argument("--scale", type=ints, default=[1000000, 10000000], help="events for the query timings ('' skips)")
    p.add_argument("--batch", type=int, default=1000, help="new stories checked against each history size")
    p.add_argument("--tasks", type=int, default=40, help="no-op tasks timed for Prefect's per-task cost")
    p.add_argument("--profile", action="store_true", help="cProfile the slowest stage of the largest size")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--workdir", help="keep feeds, data and profiles here (default: a temporary directory)")
    return p


def _isolate_prefect(work: Path) -> None:
    """A Prefect home of our own and its ephemeral server: nothing shared with another run or user."""
    os.environ.pop("PREFECT_API_URL", None)
    os.environ["PREFECT_HOME"] = str(work / "prefect-home")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_BATCH_INTERVAL", "2")


def _machine() -> str:
    import duckdb
    import prefect
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) * 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), 0)
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"machine: {model}, {len(os.sched_getaffinity(0))} cores, {mem / GB:.0f} GB RAM; load average "
            f"at start {load}; Python {platform.python_version()}, Prefect {prefect.__version__}, "
            f"DuckDB {duckdb.__version__}")


# --- Prefect's own cost per task ---------------------------------------------------------------

def prefect_overhead(n: int = 40) -> dict:
    from prefect import flow, task

    @task(persist_result=False)
    def noop(i: int) -> int:
        return i

    @flow
    def sequential(k: int) -> None:
        for i in range(k):
            noop(i)

    @flow
    def mapped(k: int) -> None:
        for f in noop.map(range(k)):
            f.result()

    @flow
    def empty() -> None:
        return None

    started = time.perf_counter()
    empty()                         # starts the ephemeral server: not a per-run cost
    startup = time.perf_counter() - started
    flow_cost = statistics.median(_timed(empty) for _ in range(3))
    seq = (_timed(sequential, n) - flow_cost) / n
    par = (_timed(mapped, n) - flow_cost) / n
    _quiet_prefect_console()
    return {"startup": startup, "flow": flow_cost, "task_sequential": seq, "task_mapped": par}


def _timed(fn, *args) -> float:
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


def _quiet_prefect_console() -> None:
    """Flow and task logs still go to the Prefect API as in production; only the terminal copy is cut."""
    import logging
    for name in ("prefect", "prefect.flow_runs", "prefect.task_runs"):
        for handler in logging.getLogger(name).handlers:
            if type(handler).__name__ == "PrefectConsoleHandler":
                handler.setLevel(logging.WARNING)


# --- one size, end to end ----------------------------------------------------------------------

def run_size(n: int, work: Path, seed: int, profile: str | None = None) -> SizeRun:
    from flows.ingest import ingest
    from flows.extract_pool import pool_workers
    root = work / f"n{n}{'-profile' if profile else ''}"
    shutil.rmtree(root, ignore_errors=True)
    stories = synthetic_wires.stories(n, seed=seed)
    feeds = feed_farm.build_feeds(stories)
    feed_farm.write_feeds(feeds, root / "feeds")
    del stories
    run = SizeRun(n=n, feeds=len(feeds), hosts=-(-len(feeds) // feed_farm.PER_HOST), workers=pool_workers(n))
    print(f"[{n:,} stories] {len(feeds)} feeds on {run.hosts} publishers; load average "
          f"{os.getloadavg()[0]:.2f}", flush=True)
    with feed_farm.serve_farm(root / "feeds") as (ports, farm_pid):
        (root / "feeds.yaml").write_text(feed_farm.feeds_yaml(list(feeds), ports), encoding="utf-8")
        clock = StageClock(STAGE_TARGETS, profile=profile)
        with PeakMemory(exclude={farm_pid}) as memory, clock.running():
            started = time.perf_counter()
            first = _quietly(ingest, feeds_file=str(root / "feeds.yaml"), data_dir=str(root / "data"))
            run.e2e = time.perf_counter() - started
        again = StageClock(STAGE_TARGETS)
        with again.running():
            started = time.perf_counter()
            second = _quietly(ingest, feeds_file=str(root / "feeds.yaml"), data_dir=str(root / "data"))
            run.second = time.perf_counter() - started
    run.peak = memory.peak
    run.stage = _stage_seconds(clock)
    run.other = run.e2e - _all_stages(clock)
    run.tasks = _task_count(run.feeds, n)
    run.loaded = (f"{first.load.new_stories:,} new + {first.load.duplicates:,} duplicates, "
                  f"{first.load.incidents:,} incidents, {first.load.events_new:,} events")
    run.second_status = (f"{len(second.not_modified)} of {len(second.feeds_ok)} feeds 304, "
                         f"{second.load.new_stories} new stories; fetch {again.seconds('fetch+parse'):.1f} s "
                         f"({feed_farm.PER_HOST} feeds a publisher, 0.5 s apart), load {again.seconds('load'):.1f} s, "
                         f"other {run.second - _all_stages(again):.1f} s")
    run.lake_bytes, run.db_bytes = _du(root / "data" / "lake"), _du(root / "data" / "warehouse.duckdb")
    run.feedparser = feedparser_floor(root / "feeds")
    run.view, run.parquet = view_and_parquet(root / "data")
    if profile:
        run.profile = _save_profile(clock, root, profile)
    return run


def _quietly(fn, **kwargs):
    """The flow prints its run summary; the benchmark prints its own table instead."""
    with contextlib.redirect_stdout(io.StringIO()):
        return fn(**kwargs)


def _stage_seconds(clock: StageClock) -> dict:
    out = {s: clock.seconds(s) for s in STAGES if s != "warehouse load"}
    nested = sum(out[s] for s in ("story dedup", "event dedup", "lake write"))
    out["warehouse load"] = max(0.0, clock.seconds("load") - nested)
    return out


def _all_stages(clock: StageClock) -> float:
    return union_length([iv for ivs in clock.intervals.values() for iv in ivs])


def _task_count(feeds: int, n: int) -> int:
    from flows import ingest
    fetch = -(-feeds // ingest.FEED_CHUNK)
    extract = -(-n // ingest.POOLED_CHUNK)      # the thread runner's extract tasks
    return 2 * fetch + extract + 3      # fetch + articles batches, extract, state, known stories, load


def _du(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size + sum(p.stat().st_size for p in path.parent.glob(path.name + ".wal"))
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def feedparser_floor(folder: Path) -> float:
    """Seconds feedparser alone takes over the same payloads, with the options ingest gives it."""
    import feedparser
    payloads = [p.read_bytes() for p in sorted(folder.glob("*.xml"))]
    started = time.perf_counter()
    for body in payloads:
        feedparser.parse(body, response_headers={"content-type": "application/xml"}, sanitize_html=True,
                         resolve_relative_uris=True)
    return time.perf_counter() - started


WEEKLY_FROM_PARQUET = """
SELECT CAST(date_trunc('week', date) AS DATE) AS week, country, event_type, count(*) AS attacks,
       sum(coalesce(killed_min, 0)) AS killed_min, sum(coalesce(injured_min, 0)) AS injured_min
FROM read_parquet('{glob}', hive_partitioning = true) WHERE {where}
GROUP BY ALL ORDER BY ALL"""


def view_and_parquet(data: Path) -> tuple[float, float]:
    """attacks_weekly from the warehouse, and the same counts by DuckDB straight from the lake's Parquet."""
    import duckdb
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        view = best_of(lambda: con.execute("SELECT * FROM attacks_weekly").fetchall())
    finally:
        con.close()
    glob = str(data / "lake" / "events" / "*" / "*.parquet")
    scan = duckdb.connect()
    try:
        parquet = best_of(lambda: scan.execute(WEEKLY_FROM_PARQUET.format(glob=glob, where="NOT date_imputed")).fetchall())
    finally:
        scan.close()
    return view, parquet


def best_of(fn, times: int = 5) -> float:
    """Median of `times` runs after one warm-up."""
    fn()
    spans = []
    for _ in range(times):
        started = time.perf_counter()
        fn()
        spans.append(time.perf_counter() - started)
    return statistics.median(spans)


# --- profile -----------------------------------------------------------------------------------

def _profile_slowest(run: SizeRun, work: Path, seed: int) -> None:
    slowest = max(STAGES, key=lambda s: run.stage.get(s, 0.0))
    stage = "load" if slowest == "warehouse load" else slowest
    print(f"[profile] {run.n:,} stories again with cProfile around '{stage}'", flush=True)
    if stage == "extraction":   # the pool's work happens in other processes: profile it here
        os.environ["WIREWATCH_EXTRACT_WORKERS"] = "1"
    try:
        run.profile = run_size(run.n, work, seed, profile=stage).profile
    finally:
        os.environ.pop("WIREWATCH_EXTRACT_WORKERS", None)


def _save_profile(clock: StageClock, root: Path, stage: str) -> str:
    if clock.stats is None:
        return f"(no call of {stage} was profiled)"
    path = root.parent / f"profile-{stage.replace(' ', '-').replace('+', '-')}.prof"
    clock.stats.dump_stats(str(path))
    out = io.StringIO()
    clock.stats.stream = out
    clock.stats.sort_stats("cumulative").print_stats(25)
    return f"cProfile of '{stage}' kept in {path} (pstats); top 25 by cumulative time:\n{out.getvalue()}"


# --- extraction: one process against the pool ---------------------------------------------------

def extraction_speedup(n: int, seed: int) -> dict:
    from flows.extract_pool import extract_many, pool_workers
    from transforms.models import Story
    stories = [Story(story_id=s["id"], feed="bench", guid=s["id"], url=None, title=s["title"], text=s["text"],
                     lang=s["lang"], published_at=datetime.fromisoformat(s["published"]), content_hash=s["id"])
               for s in synthetic_wires.stories(n, seed=seed + 7)]
    now = datetime.now(timezone.utc)
    workers = max(2, pool_workers(max(n, 10**6)))
    one = _timed(extract_many, stories, now, 1)
    pooled = _timed(extract_many, stories, now, workers)
    return {"n": n, "one": n / one, "pooled": n / pooled, "workers": workers}


# --- dedup cost per story against a stored history ------------------------------------------------

def dedup_history(sizes: list[int], seed: int, work: Path, batch: int = 1000) -> list[dict]:
    from history_fill import HistoryBench
    print(f"[dedup history] a batch of {batch:,} new stories against {', '.join(f'{s:,}' for s in sizes)} "
          f"stored ones", flush=True)
    bench = HistoryBench(work / "history.duckdb", batch, seed, pool=min(max(sizes), 10_000))
    try:
        return [bench.measure(size) for size in sizes]
    finally:
        bench.close()


# --- queries at scale ------------------------------------------------------------------------------

def queries_at_scale(sizes: list[int], work: Path) -> list[dict]:
    from scale_queries import ScaleBench
    print(f"[queries] warehouses of {', '.join(f'{s:,}' for s in sizes)} events", flush=True)
    bench = ScaleBench(work / "scale")
    try:
        return [bench.measure(size) for size in sizes]
    finally:
        bench.close()


# --- the report ------------------------------------------------------------------------------------

def report(runs: list[SizeRun], overhead: dict, speedup: dict, history: list[dict], scale: list[dict]) -> None:
    print()
    for line in pipeline_table(runs):
        print(line)
    print()
    for line in summary_lines(runs, overhead, speedup, history, scale):
        print(line)
    for run in runs:
        if run.profile:
            print()
            print(run.profile)


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:,.0f}/s" if seconds > 0 else "-"


def pipeline_table(runs: list[SizeRun]) -> list[str]:
    head = ["stage (stories/s, seconds)"] + [f"{r.n:,} stories" for r in runs] + ["target"]
    rows = []
    for stage in STAGES:
        target = {"extraction": f">= {TARGET['extract_per_core']}/s per core"}.get(stage, "")
        rows.append([stage] + [f"{_rate(r.n, r.stage[stage])} ({r.stage[stage]:.1f} s)" for r in runs] + [target])
    rows.append(["Prefect, waits, other (s)"] + [f"{r.other:.1f} s ({r.tasks} tasks)" for r in runs] + [""])
    rows.append(["end to end"] + [f"{_rate(r.n, r.e2e)} ({r.e2e:.1f} s)" for r in runs]
                + [f">= {TARGET['e2e']}/s at 100k"])
    rows.append(["ingest / feedparser floor"] + [f"{r.e2e / r.feedparser:.1f}x (floor {_rate(r.n, r.feedparser)})"
                                                  for r in runs] + [f"<= {TARGET['floor_ratio']:.0f}x"])
    rows.append(["fetch+parse / feedparser floor"] + [f"{r.stage['fetch+parse'] / r.feedparser:.1f}x" for r in runs]
                + [""])
    rows.append(["peak memory (process tree)"] + [f"{r.peak / 2**20:,.0f} MB" for r in runs] + ["< 2 GB at 100k"])
    rows.append(["second run, unchanged feeds"] + [f"{r.second:.1f} s = {100 * r.second / r.e2e:.1f}%"
                                                    for r in runs] + ["< 10% of the first"])
    rows.append(["lake / warehouse on disk"] + [f"{r.lake_bytes / 2**20:.1f} / {r.db_bytes / 2**20:.1f} MB"
                                                 for r in runs] + [""])
    rows.append(["attacks_weekly: view / Parquet floor"] + [f"{1000 * r.view:.1f} / {1000 * r.parquet:.1f} ms"
                                                             for r in runs] + [""])
    lines = _table(head, rows)
    for r in runs:
        lines.append(f"  {r.n:,}: {r.feeds} feeds on {r.hosts} publishers; loaded {r.loaded}; extraction in "
                     f"{r.workers} process(es); second run: {r.second_status}")
    return lines


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(r[i])) for r in [head] + rows) for i in range(len(head))]
    fmt = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip()   # noqa: E731
    return [fmt(head), fmt(["-" * w for w in widths])] + [fmt(r) for r in rows]


def summary_lines(runs, overhead, speedup, history, scale) -> list[str]:
    lines = ["targets:"]
    if runs:
        big = runs[-1]
        lines.append(_check(f"end to end at {big.n:,} stories", big.n / big.e2e, ">=", TARGET["e2e"], "{:,.0f}/s"))
        lines.append(_check(f"peak memory at {big.n:,}", big.peak / GB, "<", TARGET["memory"] / GB, "{:.2f} GB"))
        lines.append(_check(f"ingest / feedparser floor at {big.n:,}", big.e2e / big.feedparser, "<=",
                            TARGET["floor_ratio"], "{:.1f}x"))
        lines.append(_check(f"second run / first at {big.n:,}", big.second / big.e2e, "<", TARGET["second_run"],
                            "{:.1%}"))
    lines.append(_check(f"extraction, one process ({speedup['n']:,} stories)", speedup["one"], ">=",
                        TARGET["extract_per_core"], "{:,.0f}/s"))
    lines.append(_check(f"extraction, pool of {speedup['workers']} per core", speedup["pooled"] / speedup["workers"],
                        ">=", TARGET["extract_per_core"], "{:,.0f}/s")
                 + f"; pool {speedup['pooled']:,.0f}/s = {speedup['pooled'] / speedup['one']:.2f}x one process")
    lines += history_lines(history)
    lines += scale_lines(scale)
    lines.append(f"Prefect: ephemeral server start {overhead['startup']:.1f} s (once per process); an empty flow "
                 f"run {1000 * overhead['flow']:.0f} ms; a task {1000 * overhead['task_sequential']:.0f} ms called "
                 f"in turn, {1000 * overhead['task_mapped']:.0f} ms each when mapped (threads)")
    return lines


def _check(label: str, value: float, op: str, target: float, fmt: str) -> str:
    ok = {">=": value >= target, "<=": value <= target, "<": value < target}[op]
    return f"  {'MET ' if ok else 'MISS'}  {label}: {fmt.format(value)} (target {op} {fmt.format(target)})"


def history_lines(history: list[dict]) -> list[str]:
    if not history:
        return []
    lines = []
    for kind in ("story", "event"):
        per = [h[kind] for h in history]
        ratio = per[-1] / per[0] if per[0] else float("inf")
        cells = ", ".join(f"{h['size']:,}: {1000 * h[kind]:.2f} ms" for h in history)
        lines.append(_check(f"{kind} dedup per story vs stored history ({cells}); "
                            f"{history[-1]['size']:,} / {history[0]['size']:,}", ratio, "<=", TARGET["flat"], "{:.2f}x"))
    lines.append(f"        (history: {history[-1]['note']})")
    return lines


def scale_lines(scale: list[dict]) -> list[str]:
    lines = []
    for s in scale:
        tag = f"{s['size']:,} events"
        lines.append(_check(f"attacks_weekly by country over {tag}", s["weekly"], "<", TARGET["weekly_10m"],
                            "{:.3f} s") + f" (built in {s['build']:.0f} s; Parquet floor {s['parquet']:.3f} s)")
        lines.append(f"        per-actor filter {s['actor']:.3f} s; report command (attacks_daily) {s['report']:.3f} s;"
                     f" report --by week {s['report_week']:.3f} s; daily report's weekly totals {s['daily_weeks']:.3f} s")
        if not s["plans"]:
            lines.append(f"        every view filter checked reaches the events scan ({s['checked']} EXPLAINed)")
        for name, plan in s["plans"].items():
            lines.append(f"        filter not pushed down into the events scan: {name}; plan:")
            lines += [f"          {step}" for step in plan]
    return lines


if __name__ == "__main__":
    sys.exit(main())
