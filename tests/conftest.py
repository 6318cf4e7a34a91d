"""Shared test fixtures: one Prefect test server for the whole session, paths."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def prefect_server():
    """A temporary Prefect API (SQLite) for every flow test; started once, it is slow to start."""
    from prefect.testing.utilities import prefect_test_harness
    with prefect_test_harness(server_startup_timeout=180):
        yield


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED / "eval" / "dev" / "stories.jsonl").exists():
        pytest.skip("../shared is absent (a user's clone): dev-set test skipped")
    return SHARED
