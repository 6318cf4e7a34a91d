"""The attacks_* views count distinct events per period, checked against a count made here in Python."""
import random
from collections import defaultdict
from datetime import date, timedelta

import duckdb
import pytest

from warehouse.db import ensure_schema
from warehouse.queries import attacks


@pytest.fixture(scope="module")
def warehouse():
    con = duckdb.connect()
    ensure_schema(con)
    rng = random.Random(11)
    rows = []
    for n in range(300):
        day = date(2025, 12, 1) + timedelta(days=rng.randrange(75))    # across a year's end and months
        rows.append((f"ev-{n}", rng.choice(["attack", "air_drone_strike"]), day if n % 17 else None,
                     rng.choice(["ML", "UA"]), rng.choice([None, 0, 3]), rng.choice([None, 5])))
    con.executemany("INSERT INTO events (event_id, event_type, date, country, killed_min, injured_min)"
                    " VALUES (?, ?, ?, ?, ?, ?)", rows)
    return con, rows


def expected(rows, period):
    out = defaultdict(lambda: [0, 0, 0])
    for _, event_type, day, country, killed, injured in rows:
        if day is None:
            continue
        start = {"day": day, "week": day - timedelta(days=day.weekday()), "month": day.replace(day=1)}[period]
        cell = out[(start, country, event_type)]
        cell[0] += 1
        cell[1] += killed or 0
        cell[2] += injured or 0
    return sorted((*key, *cell) for key, cell in out.items())


@pytest.mark.parametrize("period", ["day", "week", "month"])
def test_attacks_per_period_count_each_dated_event_once(warehouse, period):
    con, events = warehouse
    columns, rows = attacks(con, period)
    assert columns == [period, "country", "event_type", "attacks", "killed_min", "injured_min"]
    assert sorted(tuple(r) for r in rows) == expected(events, period)


def test_weeks_start_on_monday_and_months_on_the_first(warehouse):
    con, events = warehouse
    _, weeks = attacks(con, "week")
    _, months = attacks(con, "month")
    assert {r[0].weekday() for r in weeks} == {0} and {r[0].day for r in months} == {1}
    assert sum(r[3] for r in weeks) == sum(r[3] for r in months) == sum(1 for r in events if r[2])
