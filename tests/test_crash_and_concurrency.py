"""Nothing lost, nothing doubled: a run killed (SIGKILL) in the middle of its load, and two runs at once."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
import requests

from flows.demo_site import load_demo_stories
from tests.site_support import news_site
from warehouse import lake
from warehouse.layout import Layout

TABLES = ("stories", "incidents", "events", "story_signatures")


def _start(feeds: Path, data: Path, home: Path, **env) -> subprocess.Popen:
    # each run gets its own Prefect home (its own embedded server and SQLite file); generous SQLite
    # timeouts because two servers and two flows share two cores here
    environment = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_API_URL": "",
                   "PREFECT_SERVER_DATABASE_TIMEOUT": "60", "PREFECT_SERVER_DATABASE_CONNECTION_TIMEOUT": "30", **env}
    environment.pop("PREFECT_API_URL")
    return subprocess.Popen([sys.executable, "-m", "flows.cli", "run", "--feeds", str(feeds), "--data", str(data)],
                            env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True, text=True)


def _snapshot(data: Path) -> dict:
    con = duckdb.connect(str(Layout.at(data).db), read_only=True)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        counts["story_ids"] = sorted(r[0] for r in con.execute("SELECT story_id FROM stories").fetchall())
    finally:
        con.close()
    for table in ("stories", "incidents", "events"):
        counts[f"lake_{table}"] = lake.read_table(Layout.at(data).lake, table).num_rows
    return counts


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with news_site(load_demo_stories()) as base:
        feeds = tmp_path_factory.mktemp("site") / "feeds.yaml"
        feeds.write_text(requests.get(f"{base}/feeds.yaml", timeout=10).text, encoding="utf-8")
        yield feeds


def test_sigkill_during_load_then_rerun_matches_an_uninterrupted_run(site, tmp_path):
    clean, crashed, marker = tmp_path / "clean", tmp_path / "crashed", tmp_path / "in-load"
    reference = _start(site, clean, tmp_path / "home1")
    victim = _start(site, crashed, tmp_path / "home2", WIREWATCH_PAUSE_BEFORE_COMMIT=str(marker))
    assert reference.wait(timeout=300) == 0, reference.stdout.read()
    deadline = time.monotonic() + 300
    while not marker.exists():
        assert victim.poll() is None and time.monotonic() < deadline, "the victim never reached its load"
        time.sleep(0.2)
    os.killpg(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    rerun = _start(site, crashed, tmp_path / "home2")
    assert rerun.wait(timeout=300) == 0, rerun.stdout.read()
    assert _snapshot(crashed) == _snapshot(clean)


def test_two_runs_at_once_both_finish_without_duplicates(site, tmp_path):
    data = tmp_path / "data"
    runs = [_start(site, data, tmp_path / f"home{i}") for i in (1, 2)]
    outputs = [r.communicate(timeout=300)[0] for r in runs]
    assert [r.returncode for r in runs] == [0, 0], outputs
    assert not any("Could not set lock" in out or "Conflicting lock" in out for out in outputs)
    snap = _snapshot(data)
    assert snap["stories"] == len(load_demo_stories()) == len(set(snap["story_ids"]))
    assert snap["lake_stories"] == snap["stories"]
