"""Data-quality checks over the warehouse: each is one SQL query returning the
offending rows (none means the check passes).

Pure queries on a connection handed in; the only inputs are bound
parameters (the clock and the tolerances), so a check is reproducible.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb


@dataclass(frozen=True)
class Check:
    name: str
    description: str
    sql: str
    params: tuple[str, ...] = ()    # names looked up in the parameter dict


@dataclass(frozen=True)
class CheckResult:
    name: str
    description: str
    columns: tuple[str, ...]
    rows: tuple[tuple, ...]

    @property
    def passed(self) -> bool:
        return not self.rows


@dataclass(frozen=True)
class QualityParams:
    now: datetime
    max_silence: timedelta = timedelta(days=1)
    # published_at is UTC while an incident date is local: a story published
    # late in the UTC day may report an incident on the next local day.
    publication_slack: timedelta = timedelta(days=1)


CHECKS = (
    Check("silent_feeds",
          "a feed with no successful fetch for more than max_silence (counted from its first fetch if it never succeeded)",
          """
          SELECT f.feed, f.last_success, f.last_error, f.consecutive_failures
          FROM feeds f
          LEFT JOIN (SELECT feed, min(started_at) AS first_fetch FROM fetches GROUP BY feed) x USING (feed)
          WHERE coalesce(f.last_success, x.first_fetch, f.updated_at) < ?::TIMESTAMPTZ - ?::INTERVAL
          ORDER BY f.feed
          """, ("now", "max_silence")),
    Check("incident_after_publication",
          "an incident dated after its story was published (beyond publication_slack)",
          """
          SELECT i.incident_id, i.story_id, i.date, s.published_at
          FROM incidents i JOIN stories s USING (story_id)
          WHERE i.date IS NOT NULL AND s.published_at IS NOT NULL
            AND i.date > CAST(s.published_at + ?::INTERVAL AS DATE)
          ORDER BY i.incident_id
          """, ("publication_slack",)),
    Check("event_without_incident",
          "an event that no incident points to",
          """
          SELECT e.event_id, e.event_type, e.date, e.country
          FROM events e
          WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.event_id = e.event_id)
          ORDER BY e.event_id
          """),
    Check("incident_without_event",
          "an incident (not an aggregate) assigned to no event",
          """
          SELECT incident_id, story_id, event_type, date
          FROM incidents WHERE kind = 'incident' AND event_id IS NULL
          ORDER BY incident_id
          """),
    Check("inverted_ranges",
          "a killed/injured/count range whose minimum exceeds its maximum, or a negative count",
          """
          SELECT incident_id, killed_min, killed_max, injured_min, injured_max, count_min, count_max
          FROM incidents
          WHERE killed_min > killed_max OR injured_min > injured_max OR count_min > count_max
             OR least(killed_min, injured_min, count_min) < 0
          ORDER BY incident_id
          """),
    Check("duplicate_of_missing_story",
          "a story marked as a duplicate of a story the warehouse does not hold",
          """
          SELECT s.story_id, s.dup_of
          FROM stories s
          WHERE s.dup_of IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stories o WHERE o.story_id = s.dup_of)
          ORDER BY s.story_id
          """),
)


def run_check(con: duckdb.DuckDBPyConnection, check: Check, params: QualityParams) -> CheckResult:
    values = {"now": params.now, "max_silence": params.max_silence,
              "publication_slack": params.publication_slack}
    cur = con.execute(check.sql, [values[p] for p in check.params])
    return CheckResult(check.name, check.description, tuple(d[0] for d in cur.description),
                       tuple(cur.fetchall()))


def run_checks(con: duckdb.DuckDBPyConnection, params: QualityParams) -> list[CheckResult]:
    return [run_check(con, check, params) for check in CHECKS]


def attacks_per_week(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """(week, attacks, killed_min, injured_min) over every country and type, oldest first."""
    return con.execute(
        "SELECT week, sum(attacks)::BIGINT, sum(killed_min)::BIGINT, sum(injured_min)::BIGINT"
        " FROM attacks_weekly GROUP BY week ORDER BY week").fetchall()
