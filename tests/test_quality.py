"""Data-quality checks on a real DuckDB file: a clean warehouse passes every
check; each defect trips exactly its own check."""
from datetime import timedelta

import pytest

from tests.ops_support import NOW, clean_warehouse
from warehouse.quality import CHECKS, QualityParams, attacks_per_week, run_checks

DEFECTS = {  # check name -> SQL that introduces exactly that defect
    "silent_feeds": "UPDATE feeds SET last_success = TIMESTAMPTZ '2025-05-20 09:00:00+00' WHERE feed = 'wire-en'",
    "incident_after_publication": "UPDATE incidents SET date = DATE '2025-05-23' WHERE incident_id = 'i-en'",
    "event_without_incident": "INSERT INTO events (event_id, event_type, date) VALUES ('e-orphan', 'attack', DATE '2025-05-18')",
    "incident_without_event": "INSERT INTO incidents (incident_id, story_id, idx, kind, event_type) "
                              "VALUES ('i-lost', 's-en', 1, 'incident', 'attack')",
    "inverted_ranges": "UPDATE incidents SET injured_min = 5, injured_max = 3 WHERE incident_id = 'i-fr'",
    "duplicate_of_missing_story": "UPDATE stories SET dup_of = 's-gone' WHERE story_id = 's-en'",
}


def test_every_check_has_a_defect_fixture():
    assert set(DEFECTS) == {c.name for c in CHECKS}


def test_clean_warehouse_passes_every_check(tmp_path):
    con = clean_warehouse(tmp_path / "w.duckdb")
    results = run_checks(con, QualityParams(now=NOW))
    assert [r.name for r in results if not r.passed] == []
    assert len(results) == len(CHECKS)


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_defect_trips_only_its_check(tmp_path, name):
    con = clean_warehouse(tmp_path / "w.duckdb")
    con.execute(DEFECTS[name])
    failing = [r for r in run_checks(con, QualityParams(now=NOW)) if not r.passed]
    assert [r.name for r in failing] == [name]
    assert len(failing[0].rows) == 1
    assert len(failing[0].columns) == len(failing[0].rows[0])


def test_feed_that_never_succeeded_is_silent_only_after_a_day(tmp_path):
    con = clean_warehouse(tmp_path / "w.duckdb")
    con.execute("INSERT INTO feeds (feed, config_url, url, consecutive_failures, updated_at)"
                " VALUES ('new-fr', 'http://x/n', 'http://x/n', 1, ?)", [NOW])
    con.execute("INSERT INTO fetches (fetch_id, feed, url, status, started_at) VALUES ('n1', 'new-fr', 'http://x/n', 'error', ?)",
                [NOW - timedelta(hours=6)])
    assert all(r.passed for r in run_checks(con, QualityParams(now=NOW)))
    later = QualityParams(now=NOW + timedelta(hours=20))   # first fetch 26 h ago, others' success 22 h
    silent = next(r for r in run_checks(con, later) if r.name == "silent_feeds")
    assert [row[0] for row in silent.rows] == ["new-fr"]


def test_publication_slack_is_a_parameter(tmp_path):
    con = clean_warehouse(tmp_path / "w.duckdb")
    con.execute("UPDATE incidents SET date = DATE '2025-05-21' WHERE incident_id = 'i-en'")
    assert all(r.passed for r in run_checks(con, QualityParams(now=NOW)))
    strict = QualityParams(now=NOW, publication_slack=timedelta(0))
    late = next(r for r in run_checks(con, strict) if r.name == "incident_after_publication")
    assert [row[0] for row in late.rows] == ["i-en"]


def test_attacks_per_week_counts_distinct_events(tmp_path):
    con = clean_warehouse(tmp_path / "w.duckdb")
    con.execute("INSERT INTO events (event_id, event_type, date, country, killed_min, injured_min) "
                "VALUES ('e2', 'attack', DATE '2025-05-21', 'MZ', 5, NULL),"
                " ('e3', 'attack', DATE '2025-05-27', 'ML', 1, 4)")
    weeks = attacks_per_week(con)
    assert [(str(w), a, k, i) for w, a, k, i in weeks] == [("2025-05-19", 2, 7, 0), ("2025-05-26", 1, 1, 4)]
