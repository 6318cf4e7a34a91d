"""The report-daily flow on a Prefect test server: artifacts and the PNG on a
clean warehouse; a Failed flow run naming the check on a broken one."""
import asyncio
from datetime import datetime, timezone

import pytest

from flows.daily import NoWarehouse, QualityFailed, report_daily
from tests.ops_support import clean_warehouse
from warehouse.layout import Layout

pytestmark = pytest.mark.slow


def make_warehouse(data_dir, defect: str | None = None):
    con = clean_warehouse(Layout.at(data_dir).db)
    con.execute("UPDATE feeds SET last_success = ?", [datetime.now(timezone.utc)])
    if defect:
        con.execute(defect)
    con.close()


def latest_artifact(key: str):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    async def read():
        async with get_client() as client:
            found = await client.read_latest_artifacts(
                artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))
            return found[0] if found else None
    return asyncio.run(read())


def test_clean_warehouse_publishes_table_and_chart(prefect_server, tmp_path):
    make_warehouse(tmp_path)
    report = report_daily(data_dir=str(tmp_path))
    assert report.failing == ()
    assert [(str(w), a) for w, a, _, _ in report.weeks] == [("2025-05-19", 1)]
    assert report.chart.parent == tmp_path / "reports"
    assert report.chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    table = latest_artifact("attacks-per-week")
    assert table.type == "table" and "2025-05-19" in str(table.data)
    chart = latest_artifact("attacks-chart")
    assert chart.type == "markdown" and "data:image/png;base64,iVBORw0KGgo" in chart.data
    quality = latest_artifact("data-quality")
    assert "FAILED" not in quality.data and "silent_feeds | ok" in quality.data


def test_failing_check_fails_the_run_and_names_the_check(prefect_server, tmp_path):
    make_warehouse(tmp_path, "INSERT INTO events (event_id, event_type, date) VALUES ('e-orphan', 'attack', DATE '2025-05-18')")
    state = report_daily(data_dir=str(tmp_path), return_state=True)
    assert state.is_failed()
    assert "event_without_incident (1 rows)" in state.message
    with pytest.raises(QualityFailed, match="event_without_incident"):
        state.result()
    quality = latest_artifact("data-quality")
    assert "event_without_incident | **FAILED** | 1" in quality.data and "e-orphan" in quality.data
    assert list((tmp_path / "reports").glob("*.png")), "the chart is written even when a check fails"


def test_no_warehouse_is_a_clear_failure(prefect_server, tmp_path):
    with pytest.raises(NoWarehouse, match="no warehouse yet"):
        report_daily(data_dir=str(tmp_path / "empty"))
