"""The Dask option: configured() picks the runner from the environment, tasks
really run on Dask workers, and ingest loads the same rows through a
LocalCluster (threads, two workers) as with the default runner."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest
import requests
from prefect import flow, task

from flows.config import ConfigError
from flows.runners import RunnerConfigError, configured, local_cluster_kwargs
from tests.site_support import news_site
from warehouse.layout import Layout

pytest.importorskip("prefect_dask")
FIXTURES = Path(__file__).parent / "fixtures" / "stories"
LOCAL = {"WIREWATCH_TASK_RUNNER": "dask", "WIREWATCH_DASK_WORKERS": "2", "WIREWATCH_DASK_PROCESSES": "0"}


@task
def where_am_i(n: int) -> tuple[int, str]:
    from distributed import get_worker
    return n * n, get_worker().address


@flow
def squares(n: int) -> list[tuple[int, str]]:
    return [f.result() for f in where_am_i.map(range(n))]


def test_default_is_the_flow_unchanged():
    assert configured(squares, {}) is squares
    assert configured(squares, {"WIREWATCH_TASK_RUNNER": "threads"}) is squares


def test_unknown_runner_is_a_config_error():
    with pytest.raises(RunnerConfigError, match="expected one of threads, dask"):
        configured(squares, {"WIREWATCH_TASK_RUNNER": "ray"})
    assert issubclass(RunnerConfigError, ConfigError)   # so the CLI prints one line


def test_address_means_an_existing_scheduler():
    runner = configured(squares, {"WIREWATCH_TASK_RUNNER": "dask",
                                  "WIREWATCH_DASK_ADDRESS": "tcp://10.0.0.5:8786"}).task_runner
    assert type(runner).__name__ == "DaskTaskRunner" and runner.address == "tcp://10.0.0.5:8786"


def test_local_cluster_options():
    assert local_cluster_kwargs(LOCAL) == {"n_workers": 2, "processes": False, "threads_per_worker": 1,
                                           "dashboard_address": None}
    with pytest.raises(RunnerConfigError, match="not a number"):
        local_cluster_kwargs({"WIREWATCH_DASK_WORKERS": "two"})


@pytest.mark.slow
def test_tasks_run_on_dask_workers(prefect_server):
    results = configured(squares, LOCAL)(5)
    assert [r[0] for r in results] == [0, 1, 4, 9, 16]
    assert all(addr.startswith("inproc://") or addr.startswith("tcp://") for _, addr in results)


def _stories() -> list[dict]:
    return [json.loads(line) for line in (FIXTURES / "basic.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.mark.slow
def test_ingest_on_a_local_dask_cluster(prefect_server, tmp_path):
    from flows.ingest import ingest
    stories = _stories()
    with news_site(stories) as base:
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(requests.get(f"{base}/feeds.yaml", timeout=10).text, encoding="utf-8")
        summary = configured(ingest, LOCAL)(feeds_file=str(feeds), data_dir=str(tmp_path / "data"))
    assert summary.failed == () and summary.load.new_stories + summary.load.duplicates == len(stories)
    con = duckdb.connect(str(Layout.at(tmp_path / "data").db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM stories").fetchone()[0] == len(stories)
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] >= 1
    finally:
        con.close()
