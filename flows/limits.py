"""The Prefect global concurrency limit around the warehouse writer.

The file lock (warehouse/db.py) already serialises writers on one machine;
the global limit does it across every worker talking to one Prefect server,
and shows waiting writers in the UI. One slot: DuckDB has a single writer.

Only against a real server (PREFECT_API_URL set: a worker, `wirewatch serve`,
tests): a `wirewatch run` on Prefect's ephemeral server has that server to
itself, so the limit would coordinate nothing, and a run killed while holding
the slot would leak it for good, because each ephemeral server starts with no
memory of the lease (leases live in server memory by default; see
docs/operations.md for PREFECT_SERVER_CONCURRENCY_LEASE_STORAGE).
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from typing import Iterator

WAREHOUSE_LIMIT = "wirewatch-warehouse"
WAIT_SECONDS = 30 * 60
# A writer killed while holding the slot frees it when its lease lapses; the
# server's minimum (60 s) keeps a re-run after a crash from waiting long.
LEASE_SECONDS = 60


def shared_server() -> bool:
    from prefect.settings import PREFECT_API_URL
    return bool(PREFECT_API_URL.value())


def ensure_warehouse_limit() -> None:
    """Create the one-slot limit if the server lacks it (strict mode refuses a missing limit)."""
    from prefect.client.orchestration import get_client
    with get_client(sync_client=True) as client:
        client.upsert_global_concurrency_limit_by_name(WAREHOUSE_LIMIT, limit=1)


@contextmanager
def warehouse_writer(timeout_seconds: float = WAIT_SECONDS) -> Iterator[None]:
    """Hold the warehouse slot (strict: a server without the limit is an error, not a free pass).

    Only against a real Prefect server (PREFECT_API_URL set): the embedded,
    temporary server runs no lease-expiry service, so a slot left by a killed
    run would never free and every later run would hang; one machine is
    covered by the file lock anyway.
    """
    if not os.environ.get("PREFECT_API_URL"):
        yield
        return
    from prefect.concurrency.sync import concurrency
    ensure_warehouse_limit()
    with concurrency(WAREHOUSE_LIMIT, occupy=1, timeout_seconds=timeout_seconds,
                     lease_duration=LEASE_SECONDS, strict=True):
        yield
