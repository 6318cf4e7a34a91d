"""The analyst's side on the bundled demo, as the README promises it after `wirewatch demo`: the
notebook runs top to bottom, the weekly chart and the GeoJSON are produced, and the lake's counts are
the warehouse's."""
from __future__ import annotations

import json
import struct

import duckdb
import pytest

from flows.cli import main
from tests.conftest import REPO
from warehouse.layout import Layout
from warehouse.lakeview import lake_connection

NOTEBOOK = REPO / "examples" / "attacks_over_time.ipynb"


@pytest.mark.slow
def test_the_notebook_runs_top_to_bottom_on_the_demo(demo_data, tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    from nbclient import NotebookClient
    monkeypatch.setenv("WIREWATCH_DATA", str(demo_data))    # the kernel inherits the environment
    monkeypatch.setenv("MPLBACKEND", "Agg")
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()   # raises on any cell error
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    weekly = next(o for o in outputs if "event_type" in o.get("data", {}).get("text/plain", ""))
    assert "2025-05-05" in weekly["data"]["text/plain"] and "2025-05-12" in weekly["data"]["text/plain"]
    with lake_connection(Layout.at(demo_data)) as con:
        deadliest = con.execute("SELECT location FROM events ORDER BY killed_min DESC NULLS LAST LIMIT 1").fetchone()
    assert deadliest[0] in outputs[-1]["data"]["text/plain"]


def test_weekly_chart_and_geojson_after_the_demo(demo_data, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(demo_data.parent)          # the demo's ./demo-data, found without --data
    assert main(["report", "--by", "week", "--chart", str(tmp_path / "w.png")]) == 0
    head = (tmp_path / "w.png").read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", head[16:24]) == (1000, 650)
    capsys.readouterr()
    assert main(["events", "--format", "geojson"]) == 0
    out, err = capsys.readouterr()
    doc = json.loads(out)
    con = duckdb.connect(str(Layout.at(demo_data).db), read_only=True)
    try:
        located, events = con.execute("SELECT count(lat), count(*) FROM events").fetchone()
    finally:
        con.close()
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == events
    assert sum(f["geometry"] is not None for f in doc["features"]) == located > 0
    assert "reading demo-data/" in err


@pytest.mark.parametrize("query", ["SELECT count(*) FROM stories", "SELECT count(*) FROM incidents",
                                   "SELECT count(*), sum(killed_min), count(date) FROM events",
                                   "SELECT * FROM attacks_weekly ORDER BY ALL",
                                   "SELECT event_id, n_stories, location FROM events ORDER BY ALL"])
def test_the_lake_answers_what_the_warehouse_answers(demo_data, query):
    con = duckdb.connect(str(Layout.at(demo_data).db), read_only=True)
    try:
        expected = con.execute(query).fetchall()
    finally:
        con.close()
    with lake_connection(Layout.at(demo_data)) as lake:
        assert lake.execute(query).fetchall() == expected
