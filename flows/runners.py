"""Which Prefect task runner a flow run uses (threads by default).

WIREWATCH_TASK_RUNNER=dask sends the flow's tasks (the mapped extract chunks
are the heavy part) to a Dask cluster through prefect-dask:
WIREWATCH_DASK_ADDRESS=tcp://host:8786 names an existing scheduler, else a
LocalCluster is started for the run (WIREWATCH_DASK_WORKERS workers,
WIREWATCH_DASK_PROCESSES=0 for threads in one process).
"""
from __future__ import annotations

import os
from typing import Mapping

from flows.config import ConfigError

RUNNERS = ("threads", "dask")


class RunnerConfigError(ConfigError):
    """The task-runner environment variables name something unusable (one line, like a feed config error)."""


def configured(flow, env: Mapping[str, str] | None = None):
    """The flow with the task runner chosen by the environment; unchanged by default."""
    env = os.environ if env is None else env
    choice = (env.get("WIREWATCH_TASK_RUNNER") or "threads").strip().lower()
    if choice not in RUNNERS:
        raise RunnerConfigError(f"WIREWATCH_TASK_RUNNER={choice!r}: expected one of {', '.join(RUNNERS)}")
    if choice == "threads":
        return flow
    return flow.with_options(task_runner=dask_runner(env))


def dask_runner(env: Mapping[str, str]):
    try:
        from prefect_dask import DaskTaskRunner
    except ImportError:
        raise RunnerConfigError("WIREWATCH_TASK_RUNNER=dask needs prefect-dask: pip install -e '.[dask]'") from None
    address = (env.get("WIREWATCH_DASK_ADDRESS") or "").strip()
    if address:
        return DaskTaskRunner(address=address)
    return DaskTaskRunner(cluster_class="distributed.LocalCluster", cluster_kwargs=local_cluster_kwargs(env))


def local_cluster_kwargs(env: Mapping[str, str]) -> dict:
    try:
        workers = int(env.get("WIREWATCH_DASK_WORKERS") or os.cpu_count() or 1)
    except ValueError:
        raise RunnerConfigError(f"WIREWATCH_DASK_WORKERS={env['WIREWATCH_DASK_WORKERS']!r}: not a number") from None
    processes = (env.get("WIREWATCH_DASK_PROCESSES") or "1").strip() not in ("0", "false", "no")
    return {"n_workers": max(1, workers), "processes": processes, "threads_per_worker": 1,
            "dashboard_address": None}
