"""The production path end to end: a real `prefect server start` on 127.0.0.1
(temporary PREFECT_HOME), `prefect deploy --all` from prefect.yaml, a process
worker on the `wirewatch` pool, and the deployed ingest run against a fixture
news site; then the warehouse, the artifacts, the task tags and the global
concurrency limit are checked on that server.

Triggered runs go to a work queue of their own, which is the only queue the
worker polls: the 15-minute schedule's runs (default queue, real feeds.yaml)
are never picked up here.
"""
from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import duckdb
import pytest
import requests

from flows.serve import local_server, prefect_executable, stop_process


def _retrying_session() -> requests.Session:
    """Like Prefect's own client: a busy server answers 503 (SQLite locked) and is asked again."""
    from requests.adapters import HTTPAdapter
    from urllib3.util.retry import Retry
    session = requests.Session()
    session.mount("http://", HTTPAdapter(max_retries=Retry(total=6, backoff_factor=0.5, allowed_methods=None,
                                                           status_forcelist=(429, 502, 503))))
    return session


HTTP = _retrying_session()
from tests.site_support import news_site
from warehouse.layout import Layout

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "stories"
QUEUE = "test-runs"
TERMINAL = ("COMPLETED", "FAILED", "CRASHED", "CANCELLED")


def prefect(*args: str, env: dict, timeout: float = 180) -> subprocess.CompletedProcess:
    result = subprocess.run([prefect_executable(), "--no-prompt", *args], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"prefect {' '.join(args)}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    """A server with the project's deployments and a worker polling the test queue; yields (api, env)."""
    home = tmp_path_factory.mktemp("prefect-home")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PREFECT_HOME", str(home))
        mp.delenv("PREFECT_API_URL", raising=False)
        with local_server() as api:
            env = {**os.environ, "PREFECT_API_URL": api, "PYTHONUNBUFFERED": "1"}
            prefect("work-pool", "create", "wirewatch", "--type", "process", env=env)
            prefect("work-queue", "create", QUEUE, "--pool", "wirewatch", env=env)
            prefect("deploy", "--all", env=env)
            log = open(home / "worker.log", "w")
            worker = subprocess.Popen([prefect_executable(), "worker", "start", "--pool", "wirewatch",
                                       "--type", "process", "--work-queue", QUEUE], cwd=REPO, env=env,
                                      stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            try:
                yield api, home / "worker.log"
            finally:
                stop_process(worker)
                log.close()


def deployment(api: str, name: str) -> dict:
    found = HTTP.post(f"{api}/deployments/filter",
                          json={"deployments": {"name": {"any_": [name]}}}, timeout=10).json()
    assert len(found) == 1, found
    return found[0]


def run_deployment(api: str, name: str, parameters: dict, worker_log: Path, timeout: float = 200) -> dict:
    dep = deployment(api, name)
    run = HTTP.post(f"{api}/deployments/{dep['id']}/create_flow_run",
                        json={"parameters": parameters, "work_queue_name": QUEUE}, timeout=10)
    assert run.status_code == 201, run.text
    run_id, deadline = run.json()["id"], time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = HTTP.get(f"{api}/flow_runs/{run_id}", timeout=10).json()
        if state["state"]["type"] in TERMINAL:
            return state
        time.sleep(2)
    raise AssertionError(f"{name} run not finished after {timeout} s; worker log:\n{worker_log.read_text()[-4000:]}")


def artifacts(api: str, flow_run_id: str) -> dict[str, dict]:
    found = HTTP.post(f"{api}/artifacts/filter",
                          json={"artifacts": {"flow_run_id": {"any_": [flow_run_id]}}}, timeout=10).json()
    return {a["key"]: a for a in found if a["key"]}


def test_prefect_yaml_deploys_three_deployments(deployed):
    api, _ = deployed
    ingest = deployment(api, "ingest")
    assert ingest["schedules"][0]["schedule"]["interval"] == 900
    assert ingest["concurrency_limit"] == 1 or ingest.get("global_concurrency_limit", {}).get("limit") == 1
    assert ingest["work_pool_name"] == "wirewatch"
    assert ingest["pull_steps"][0]["prefect.deployments.steps.set_working_directory"]["directory"] == str(REPO)
    assert deployment(api, "report-daily")["schedules"][0]["schedule"]["cron"] == "30 6 * * *"
    reprocess = deployment(api, "reprocess")
    assert reprocess["schedules"] == [] and set(reprocess["parameters"]) >= {"data_dir"}


def test_worker_runs_the_deployed_ingest_against_a_site(deployed, tmp_path):
    api, worker_log = deployed
    stories = [json.loads(line) for line in (FIXTURES / "basic.jsonl").read_text(encoding="utf-8").splitlines()
               if line.strip()]
    data = tmp_path / "data"
    with news_site(stories) as base:
        feeds = tmp_path / "feeds.yaml"
        feeds.write_text(requests.get(f"{base}/feeds.yaml", timeout=10).text, encoding="utf-8")
        run = run_deployment(api, "ingest", {"feeds_file": str(feeds), "data_dir": str(data)}, worker_log)
    assert run["state"]["type"] == "COMPLETED", f"{run['state']}\n{worker_log.read_text()[-4000:]}"
    con = duckdb.connect(str(Layout.at(data).db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM stories").fetchone()[0] == len(stories)
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] >= 1
        assert con.execute("SELECT count(DISTINCT run_id) FROM fetches").fetchone()[0] == 1
    finally:
        con.close()
    found = artifacts(api, run["id"])
    assert "ingest-summary" in found and "feeds ok" in found["ingest-summary"]["data"]
    tasks = HTTP.post(f"{api}/task_runs/filter",
                          json={"task_runs": {"flow_run_id": {"any_": [run["id"]]}}}, timeout=10).json()
    tags = {t["name"].rsplit("-", 1)[0]: set(t["tags"]) for t in tasks}
    assert "warehouse" in tags["load-warehouse"] and "fetch" in tags["fetch-feed"] and "extract" in tags["extract"]
    limit = HTTP.get(f"{api}/v2/concurrency_limits/wirewatch-warehouse", timeout=10).json()
    assert limit["limit"] == 1 and limit["active_slots"] == 0


def test_failing_feeds_table_and_daily_report_on_the_server(deployed, tmp_path):
    api, worker_log = deployed
    data = tmp_path / "data"
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text("feeds:\n  - name: gone-fr\n    url: http://127.0.0.1:9/rss.xml\n    lang: fr\n", encoding="utf-8")
    run = run_deployment(api, "ingest", {"feeds_file": str(feeds), "data_dir": str(data)}, worker_log)
    assert run["state"]["type"] in ("COMPLETED", "FAILED"), run["state"]
    table = artifacts(api, run["id"])["failing-feeds"]
    assert table["type"] == "table" and "gone-fr" in table["data"]
    daily = run_deployment(api, "report-daily", {"data_dir": str(data)}, worker_log)
    assert daily["state"]["type"] in ("COMPLETED", "FAILED"), daily["state"]
    assert {"attacks-per-week", "attacks-chart", "data-quality"} <= set(artifacts(api, daily["id"]))
    assert list((data / "reports").glob("*.png"))


HOLDER = """
import sys, time
from flows.limits import warehouse_writer
with warehouse_writer():
    print("held", flush=True)
    time.sleep(600)
"""


def test_a_killed_writer_frees_the_warehouse_slot(deployed, monkeypatch):
    """SIGKILL a process holding the slot: its lease lapses and the next writer gets the slot."""
    import signal
    import sys

    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.limits import LEASE_SECONDS, warehouse_writer
    api, _ = deployed
    monkeypatch.setenv("PREFECT_API_URL", api)      # warehouse_writer takes the slot only against a named server
    holder = subprocess.Popen([sys.executable, "-c", HOLDER], cwd=REPO, text=True, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, env={**os.environ, "PREFECT_API_URL": api},
                              start_new_session=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert HTTP.get(f"{api}/v2/concurrency_limits/wirewatch-warehouse", timeout=10).json()["active_slots"] == 1
        os.killpg(holder.pid, signal.SIGKILL)
        holder.wait(timeout=30)
        started = time.monotonic()
        with temporary_settings(updates={PREFECT_API_URL: api}), warehouse_writer(timeout_seconds=LEASE_SECONDS + 90):
            waited = time.monotonic() - started
    finally:
        stop_process(holder)
    assert 20 < waited < LEASE_SECONDS + 90          # it waited for the dead holder's lease to lapse
    assert HTTP.get(f"{api}/v2/concurrency_limits/wirewatch-warehouse", timeout=10).json()["active_slots"] == 0
