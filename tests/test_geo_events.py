"""Events carry the point of their most specific place and its precision; a warehouse made before the
events table had geo_precision gets the column; a country's point is no evidence of the same place."""
from __future__ import annotations

from datetime import date, datetime, timezone

import duckdb

from transforms import events
from transforms.models import Incident, Range
from warehouse import history
from warehouse.db import ensure_schema as full_schema

AT = datetime(2025, 3, 10, 8, tzinfo=timezone.utc)
OLD_EVENTS = """CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY, event_type VARCHAR, date DATE, country VARCHAR, location VARCHAR,
    lat DOUBLE, lon DOUBLE, actor1 VARCHAR, actor2 VARCHAR, weapon VARCHAR,
    killed_min INTEGER, killed_max INTEGER, injured_min INTEGER, injured_max INTEGER,
    n_incidents INTEGER, n_stories INTEGER, first_seen TIMESTAMPTZ, updated_at TIMESTAMPTZ, members VARCHAR)"""


def ref(sid: str, hours: int, **fields) -> events.IncidentRef:
    inc = Incident(kind="incident", event_type="shelling_missile", date=date(2025, 3, 10), country="UA",
                   killed=Range(2, 2), **fields)
    return events.IncidentRef(f"{sid}:0", sid, sid, AT.replace(hour=8 + hours), inc)


def test_the_event_takes_the_point_and_precision_of_its_most_specific_place():
    region = ref("a", 0, location="Kharkiv Oblast", lat=49.84, lon=36.34, geo_precision="region")
    town = ref("b", 1, location="Kupiansk", lat=49.71, lon=37.62, geo_precision="town")
    ids, records = events.assign([region, town], [], AT)
    assert len(set(ids.values())) == 1
    (event,) = records
    assert (event.location, event.lat, event.lon, event.geo_precision) == ("Kupiansk", 49.71, 37.62, "town")


def test_an_event_known_only_by_its_country_keeps_the_countrys_point():
    bare = ref("a", 0, lat=48.38, lon=31.17, geo_precision="country")
    (event,) = events.assign([bare], [], AT)[1]
    assert (event.location, event.lat, event.geo_precision) == (None, 48.38, "country")


def test_two_countries_points_do_not_make_one_place():
    a = events.member(ref("a", 0, lat=48.38, lon=31.17, geo_precision="country"))
    b = events.member(ref("b", 1, lat=48.38, lon=31.17, geo_precision="country"))
    assert events.same_place(a, [b]) is None    # unknown, not 'the same place'
    c = events.member(ref("c", 1, lat=48.39, lon=31.18, geo_precision="town"))
    d = events.member(ref("d", 1, lat=48.40, lon=31.19, geo_precision="town"))
    assert events.same_place(c, [d]) is True


def test_an_old_warehouse_gains_geo_precision_and_keeps_it(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    con.execute(OLD_EVENTS)
    full_schema(con)
    history.ensure_schema(con)
    cols = [r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'events'").fetchall()]
    assert "geo_precision" in cols
    town = ref("b", 1, location="Kupiansk", lat=49.71, lon=37.62, geo_precision="town")
    ids, records = events.assign([town], history.candidate_events(con, [town]), AT)
    history.upsert_events(con, records)
    assert con.execute("SELECT location, geo_precision FROM events").fetchall() == [("Kupiansk", "town")]
    (stored,) = history.candidate_events(con, [town])
    assert stored.geo_precision == "town"
