"""`wirewatch serve`: the one-machine scheduler with nothing to set up.

It uses the Prefect server named by PREFECT_API_URL or starts a local one
(`prefect server start` on 127.0.0.1, SQLite under PREFECT_HOME, a free port)
— `prefect.serve` refuses schedules on the ephemeral server — then serves the
ingest (every N minutes) and report-daily deployments until Ctrl-C/SIGTERM,
and stops the server it started.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Iterator

import requests

DAILY_CRON = "30 6 * * *"      # report-daily, UTC, as in prefect.yaml
START_TIMEOUT = 180.0
STOP_TIMEOUT = 30.0
# Concurrency leases (the warehouse slot, deployment concurrency) survive a
# server restart, so a slot held when the server stopped is reclaimed later.
LEASES_ON_DISK = {"PREFECT_SERVER_CONCURRENCY_LEASE_STORAGE": "prefect.server.concurrency.lease_storage.filesystem"}


class ServeError(Exception):
    """The Prefect server could not be started or reached; one line."""


@dataclass(frozen=True)
class ServeOptions:
    feeds_file: Path
    data_dir: Path
    interval_minutes: float = 15.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prefect_executable() -> str:
    """The `prefect` script beside this interpreter (the project's virtualenv)."""
    beside = Path(sys.executable).with_name("prefect")
    return str(beside) if beside.exists() else "prefect"


@contextmanager
def local_server(port: int | None = None, timeout: float = START_TIMEOUT) -> Iterator[str]:
    """Start `prefect server start` on 127.0.0.1 in a subprocess; yields its API URL; stops it after."""
    port = port or free_port()
    url = f"http://127.0.0.1:{port}/api"
    log = open(_server_log(), "ab")
    proc = subprocess.Popen([prefect_executable(), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            env={**LEASES_ON_DISK, **os.environ, "PREFECT_API_URL": url}, start_new_session=True)
    try:
        wait_healthy(url, proc, timeout)
        yield url
    finally:
        stop_process(proc)
        log.close()


def _server_log() -> Path:
    from prefect.settings import PREFECT_HOME
    home = Path(PREFECT_HOME.value()).expanduser()
    home.mkdir(parents=True, exist_ok=True)
    return home / "wirewatch-server.log"


def wait_healthy(url: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServeError(f"prefect server exited with status {proc.returncode} (log: {_server_log()})")
        try:
            if requests.get(f"{url}/health", timeout=2).ok:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise ServeError(f"prefect server at {url} not healthy after {timeout:.0f} s (log: {_server_log()})")


def stop_process(proc: subprocess.Popen, timeout: float = STOP_TIMEOUT) -> None:
    """SIGTERM the process group, then SIGKILL what is left."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=timeout)
    except ProcessLookupError:
        pass


@contextmanager
def prefect_api() -> Iterator[str]:
    """PREFECT_API_URL when set (environment or Prefect profile), else a local server started here."""
    from prefect.settings import PREFECT_API_URL, temporary_settings
    configured = PREFECT_API_URL.value()
    if configured:
        yield configured
        return
    with local_server() as url, temporary_settings(updates={PREFECT_API_URL: url}):
        yield url


def deployments(options: ServeOptions) -> list:
    from flows.daily import report_daily
    from flows.ingest import ingest
    return [
        ingest.to_deployment(
            name="ingest", interval=timedelta(minutes=options.interval_minutes), concurrency_limit=1,
            parameters={"feeds_file": str(options.feeds_file), "data_dir": str(options.data_dir)},
            tags=["wirewatch", "ingest"], description="Poll every configured feed; load what is new."),
        report_daily.to_deployment(
            name="report-daily", cron=DAILY_CRON, concurrency_limit=1,
            parameters={"data_dir": str(options.data_dir)}, tags=["wirewatch", "report"],
            description="Data-quality checks and attacks per week; fails when a check fails."),
    ]


def serve_forever(options: ServeOptions) -> None:
    """Block serving the deployments; returns on Ctrl-C or SIGTERM after stopping what it started."""
    from prefect import serve
    from flows.limits import ensure_warehouse_limit
    with prefect_api() as url:
        print(f"wirewatch serve: Prefect API {url}; ingest every {options.interval_minutes:g} min, "
              f"report-daily at {DAILY_CRON} (cron, UTC). Ctrl-C to stop.", flush=True)
        ensure_warehouse_limit()
        try:
            serve(*deployments(options))
        except SystemExit:      # the runner's SIGTERM handler exits; the server still has to stop
            pass
    print("wirewatch serve: stopped", flush=True)
