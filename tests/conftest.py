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


@pytest.fixture(scope="session")
def demo_data(prefect_server, tmp_path_factory) -> Path:
    """A data directory built once per session from the bundled demo site by the real ingest flow
    (what `wirewatch demo` does), for the tests that only read it."""
    import requests

    from flows.demo_site import load_demo_stories
    from flows.ingest import ingest
    from tests.site_support import news_site
    root = tmp_path_factory.mktemp("demo")
    with news_site(load_demo_stories()) as base:
        feeds = root / "feeds.yaml"
        feeds.write_text(requests.get(f"{base}/feeds.yaml", timeout=10).text, encoding="utf-8")
        ingest(feeds_file=str(feeds), data_dir=str(root / "demo-data"))
    return root / "demo-data"
