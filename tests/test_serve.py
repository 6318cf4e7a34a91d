"""`wirewatch serve` as a subprocess: with no PREFECT_API_URL it starts its own
server, registers ingest and report-daily with their schedules, runs a
triggered flow run, and on SIGINT stops serving and stops that server; with
PREFECT_API_URL it uses that server and leaves it running."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from flows.serve import local_server, stop_process
from tests.ops_support import clean_warehouse
from warehouse.layout import Layout

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
FEEDS = "feeds:\n  - name: local-fr\n    url: http://127.0.0.1:9/feed.xml\n    lang: fr\n"


def start_serve(tmp_path: Path, api_url: str | None) -> subprocess.Popen:
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "home"), "PYTHONUNBUFFERED": "1"}
    env.pop("PREFECT_API_URL", None)
    if api_url:
        env["PREFECT_API_URL"] = api_url
    feeds = tmp_path / "feeds.yaml"
    feeds.write_text(FEEDS, encoding="utf-8")
    return subprocess.Popen([sys.executable, "-m", "flows.cli", "serve", "--feeds", str(feeds),
                             "--data", str(tmp_path / "data"), "--interval", "7"],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            start_new_session=True)   # so stop_process can end its whole group


def wait_for_line(proc: subprocess.Popen, pattern: str, timeout: float = 150) -> tuple[re.Match, str]:
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            break
        seen.append(line)
        match = re.search(pattern, line)
        if match:
            return match, "".join(seen)
    raise AssertionError(f"no line matching {pattern!r} in:\n{''.join(seen)}")


def deployments(api: str) -> dict[str, dict]:
    found = requests.post(f"{api}/deployments/filter", json={}, timeout=10).json()
    return {d["name"]: d for d in found}


def wait_for_run(api: str, run_id: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        run = requests.get(f"{api}/flow_runs/{run_id}", timeout=10).json()
        if run["state"]["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
            return run
        time.sleep(1)
    raise AssertionError(f"flow run {run_id} not finished after {timeout} s: {run['state']}")


def interrupt(proc: subprocess.Popen) -> str:
    proc.send_signal(signal.SIGINT)
    out, _ = proc.communicate(timeout=60)
    return out


def test_serve_starts_its_own_server_and_stops_it(tmp_path):
    (tmp_path / "data").mkdir()
    clean_warehouse(Layout.at(tmp_path / "data").db).execute(
        "UPDATE feeds SET last_success = now()").close()
    proc = start_serve(tmp_path, api_url=None)
    try:
        match, _ = wait_for_line(proc, r"Prefect API (http://127\.0\.0\.1:\d+/api)")
        api = match.group(1)
        wait_for_line(proc, r"deployments are being served")
        found = deployments(api)
        assert set(found) == {"ingest", "report-daily"}
        assert found["ingest"]["schedules"][0]["schedule"]["interval"] == 7 * 60
        assert found["ingest"]["parameters"]["data_dir"] == str(tmp_path / "data")
        assert found["report-daily"]["schedules"][0]["schedule"]["cron"] == "30 6 * * *"
        run = requests.post(f"{api}/deployments/{found['report-daily']['id']}/create_flow_run",
                            json={}, timeout=10).json()
        assert wait_for_run(api, run["id"])["state"]["type"] == "COMPLETED"
        assert list((tmp_path / "data" / "reports").glob("*.png"))
        out = interrupt(proc)
    finally:
        stop_process(proc)
    assert proc.returncode == 0, out
    assert "wirewatch serve: stopped" in out
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{api}/health", timeout=5)


def test_serve_uses_the_configured_server_and_leaves_it_running(tmp_path, monkeypatch):
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "server-home"))
    with local_server() as api:
        proc = start_serve(tmp_path, api_url=api)
        try:
            match, _ = wait_for_line(proc, r"Prefect API (\S+);")
            assert match.group(1) == api
            wait_for_line(proc, r"deployments are being served")
            assert set(deployments(api)) == {"ingest", "report-daily"}
            time.sleep(5)   # the runner starts its loops after printing; an earlier Ctrl-C skips the pause
            out = interrupt(proc)
        finally:
            stop_process(proc)
        assert proc.returncode == 0, out
        assert requests.get(f"{api}/health", timeout=5).ok
        paused = deployments(api)
        assert all(d["paused"] for d in paused.values()), f"serve pauses its schedules when it stops:\n{out}"


def test_bad_feed_file_fails_before_serving(tmp_path):
    result = subprocess.run([sys.executable, "-m", "flows.cli", "serve", "--feeds", str(tmp_path / "none.yaml")],
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "no such feed file" in result.stderr
