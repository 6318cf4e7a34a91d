"""wirewatch report, events and sql on a small data directory whose counts are known
(tests/analyst_support.py), read from the lake while nothing else runs, and while a writer holds the
warehouse."""
from __future__ import annotations

import csv
import io
import json
import os
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from flows.cli import main
from tests import analyst_support
from tests.conftest import REPO
from warehouse.layout import Layout

UNTIL = ["--until", analyst_support.FIXED_UNTIL]


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("analyst")
    analyst_support.build(root)
    return root


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


# ---- report ------------------------------------------------------------------------------------------

def test_report_weekly_csv_has_the_known_counts(data, capsys):
    code, out, _ = run(capsys, "report", "--by", "week", "--format", "csv", *UNTIL, "--data", str(data))
    assert code == 0
    assert [(r["week"], r["country"], r["event_type"], r["attacks"], r["killed_min"], r["injured_min"])
            for r in csv_rows(out)] == [
        ("2025-05-05", "ML", "air_drone_strike", "1", "5", "0"),
        ("2025-05-05", "ML", "attack", "1", "10", "3"),
        ("2025-05-12", "ML", "attack", "1", "2", "0"),
        ("2025-05-12", "UA", "air_drone_strike", "1", "0", "7")]


@pytest.mark.parametrize("filters,expected", [
    (["--country", "ml", "--by", "month"], [("2025-05-01", "ML", "air_drone_strike", "1", "5"),
                                            ("2025-05-01", "ML", "attack", "2", "12")]),
    (["--type", "air_drone_strike", "--by", "month"], [("2025-05-01", "ML", "air_drone_strike", "1", "5"),
                                                       ("2025-05-01", "UA", "air_drone_strike", "1", "0")]),
    (["--actor", "EIGS"], [("2025-05-13", "ML", "attack", "1", "2")]),                # French acronym of ISSP
    (["--actor", "armée malienne"], []),            # a description as written matches only as written
    (["--actor", "Malian Army"], [("2025-05-06", "ML", "air_drone_strike", "1", "5"),   # actor1 or actor2
                                  ("2025-05-13", "ML", "attack", "1", "2")]),
    (["--actor", "Russie"], [("2025-05-14", "UA", "air_drone_strike", "1", "0")]),      # a state's French name
    (["--since", "2025-05-06", "--country", "ML"], [("2025-05-06", "ML", "air_drone_strike", "1", "5"),
                                                    ("2025-05-13", "ML", "attack", "1", "2")]),
])
def test_report_filters(data, capsys, filters, expected):
    code, out, _ = run(capsys, "report", "--format", "csv", *UNTIL, *filters, "--data", str(data))
    assert code == 0
    assert [tuple(r.values())[:5] for r in csv_rows(out)] == expected


def test_report_json_and_table(data, capsys):
    _, out, _ = run(capsys, "report", "--by", "week", "--format", "json", "--country", "UA", "--data", str(data))
    assert json.loads(out) == [{"week": "2025-05-12", "country": "UA", "event_type": "air_drone_strike",
                                "attacks": 1, "killed_min": 0, "injured_min": 7}]
    _, out, _ = run(capsys, "report", "--by", "week", *UNTIL, "--data", str(data))
    assert "2025-05-12" in out and "air_drone_strike" in out and "4 attacks, at least 17 killed" in out
    assert "+---" not in out and "---  ---" not in out      # rich's table, not the old hand-made one


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


def test_report_chart_is_a_png_of_the_expected_size(data, capsys, tmp_path):
    chart = tmp_path / "weekly.png"
    code, _, err = run(capsys, "report", "--by", "week", "--chart", str(chart), "--data", str(data))
    assert code == 0 and f"chart: {chart}" in err
    assert _png_size(chart) == (1000, 650)
    empty = tmp_path / "none.png"
    assert run(capsys, "report", "--country", "FR", "--chart", str(empty), "--data", str(data))[0] == 0
    assert _png_size(empty) == (1000, 650)


@pytest.mark.parametrize("argv,problem", [
    (["report", "--type", "bombing"], "argument --type: invalid choice: 'bombing'"),
    (["report", "--since", "2025-02-30"], "argument --since: not a date (YYYY-MM-DD): '2025-02-30'"),
    (["report", "--country", "XX"], "argument --country: unknown country code 'XX'"),
    (["report", "--country", "Mali"], "argument --country: unknown country code 'Mali'"),
    (["report", "--since", "2025-06-01", "--until", "2025-05-01"], "--since 2025-06-01 is after --until 2025-05-01"),
    (["report", "--chart", "w.jpg"], "the chart is a PNG file"),
    (["report", "--format", "xml"], "argument --format: invalid choice: 'xml'"),
    (["events", "--until", "tomorrow"], "argument --until: not a date"),
    (["events", "--format", "kml"], "argument --format: invalid choice: 'kml'"),
    (["sql", "DELETE FROM events"], "read-only: DELETE statements are refused"),
    (["sql", "COPY events TO 'x.csv'"], "read-only: COPY statements are refused"),
    (["sql", "ATTACH 'other.duckdb'"], "read-only: ATTACH statements are refused"),
    (["sql", "EXPLAIN ANALYZE COPY (SELECT 1) TO 'x.csv'"], "read-only: EXPLAIN statements are refused"),
    (["sql", "SELECT 1; DROP VIEW events"], "one statement at a time, got 2"),
    (["sql", "SELEKT 1"], "Parser Error: syntax error"),
    (["sql", "SELECT * FROM nowhere"], "Table with name nowhere does not exist"),
])
def test_bad_values_are_one_line_and_exit_2(data, capsys, tmp_path, monkeypatch, argv, problem):
    monkeypatch.chdir(tmp_path)     # where a COPY that slipped through would write
    code = exit_code([*argv, "--data", str(data)])
    err = capsys.readouterr().err
    assert code == 2 and err.startswith("wirewatch: error: ") and err.count("\n") == 1 and problem in err, err
    assert not list(tmp_path.iterdir())


def exit_code(argv: list[str]) -> int:
    """main's return value, or the status argparse exits with."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code


def test_no_lake_is_one_line(tmp_path, capsys):
    for command in (["report"], ["events"], ["sql", "SELECT 1"]):
        code, _, err = run(capsys, *command, "--data", str(tmp_path))
        assert code == 2 and err.count("\n") == 1 and "no lake yet; run 'wirewatch run' or 'wirewatch demo'" in err


# ---- events ------------------------------------------------------------------------------------------

def test_events_csv_one_row_per_event_with_its_sources(data, capsys):
    _, out, _ = run(capsys, "events", "--format", "csv", "--data", str(data))
    rows = {r["event_id"]: r for r in csv_rows(out)}
    assert set(rows) == {e[0] for e in analyst_support.EVENTS}
    mopti = rows["ev-mopti"]
    assert (mopti["date"], mopti["country"], mopti["location"], mopti["event_type"]) == \
           ("2025-05-05", "ML", "Mopti", "attack")
    assert (mopti["killed_min"], mopti["killed_max"], mopti["injured_min"]) == ("10", "12", "3")
    assert (mopti["n_stories"], mopti["n_feeds"], mopti["languages"]) == ("2", "2", "en fr")
    assert mopti["evidence"] == "Evidence of ev-mopti in en-1."          # the most confident report
    assert mopti["urls"].split() == ["https://wire-fr.example/fr-1", "https://wire-en.example/en-1"]  # oldest first
    kharkiv = rows["ev-kharkiv"]      # the republication on a third feed counts as a third source
    assert (kharkiv["n_stories"], kharkiv["n_feeds"]) == ("3", "3")
    assert rows["ev-mogadishu"]["date"] == ""          # undated stays undated (not the lake's partition day)


def test_events_filters_and_table(data, capsys):
    _, out, _ = run(capsys, "events", "--format", "json", "--actor", "Daesh", "--data", str(data))
    assert json.loads(out) == []
    _, out, _ = run(capsys, "events", "--format", "json", "--actor", "boko haram", "--since", "2025-06-01",
                    "--data", str(data))
    assert sorted(e["event_id"] for e in json.loads(out)) == ["ev-recent", "ev-recent2"]
    _, out, _ = run(capsys, "events", "--country", "ML", "--data", str(data))
    assert "3 events ML" in out and "10-12" in out and "5+" in out and "https://wire-fr.example/fr-2" in out


def test_events_geojson_is_an_rfc7946_feature_collection(data, capsys):
    _, out, _ = run(capsys, "events", "--format", "geojson", "--data", str(data))
    doc = json.loads(out)
    assert doc["type"] == "FeatureCollection" and set(doc) == {"type", "features"}
    features = {f["id"]: f for f in doc["features"]}
    assert set(features) == {e[0] for e in analyst_support.EVENTS}
    for f in doc["features"]:
        assert f["type"] == "Feature" and isinstance(f["properties"], dict)
        if f["geometry"] is not None:
            assert f["geometry"]["type"] == "Point"
            lon, lat = f["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert features["ev-kharkiv"]["geometry"]["coordinates"] == [36.23, 49.99]       # [lon, lat]
    assert features["ev-menaka"]["geometry"] is None                                   # place without coordinates
    props = features["ev-kharkiv"]["properties"]
    assert props["date"] == "2025-05-14" and props["n_feeds"] == 3 and len(props["urls"]) == 3
    assert "lat" not in props and "lon" not in props


# ---- sql ---------------------------------------------------------------------------------------------

def test_sql_answers_from_the_lake(data, capsys):
    _, out, _ = run(capsys, "sql", "SELECT count(*) AS n FROM events WHERE date IS NULL", "--format", "csv",
                    "--data", str(data))
    assert csv_rows(out) == [{"n": "1"}]
    _, out, _ = run(capsys, "sql", "FROM attacks_weekly WHERE country = 'UA'", "--format", "json",
                    "--data", str(data))
    assert json.loads(out) == [{"week": "2025-05-12", "country": "UA", "event_type": "air_drone_strike",
                                "attacks": 1, "killed_min": 0, "injured_min": 7}]
    _, out, _ = run(capsys, "sql", "SHOW TABLES", "--data", str(data))
    assert all(name in out for name in ("stories", "incidents", "events", "attacks_monthly"))


HOLD_WRITER = """
import sys, time
from warehouse.db import connect
from warehouse.layout import Layout
with connect(Layout.at(sys.argv[1]), write=True) as con:        # the file lock and the read-write handle
    con.execute("BEGIN TRANSACTION")
    con.execute("DELETE FROM events")                             # a load in flight, not committed
    print("holding", flush=True)
    time.sleep(120)
"""


@pytest.mark.slow
def test_sql_answers_while_another_process_holds_the_warehouse_writer(data):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    writer = subprocess.Popen([sys.executable, "-c", HOLD_WRITER, str(data)], env=env, cwd=REPO,
                              stdout=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert writer.stdout.readline().strip() == "holding"
        with pytest.raises(Timeout):       # it does hold the warehouse: a warehouse reader would queue
            FileLock(str(Layout.at(data).lock)).acquire(timeout=0.5)
        # the writer's lock makes any warehouse reader wait up to 15 minutes; the lake answers at once
        result = subprocess.run([sys.executable, "-m", "flows.cli", "sql", "SELECT count(*) AS n FROM events",
                                 "--format", "csv", "--data", str(data)],
                                env=env, cwd=REPO, capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        assert csv_rows(result.stdout) == [{"n": str(len(analyst_support.EVENTS))}]
        assert writer.poll() is None, "the writer was still holding the warehouse"
    finally:
        writer.kill()
        writer.wait(timeout=30)
