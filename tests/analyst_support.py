"""A small data directory whose counts are known, for the analyst's commands, the data dictionary and
the lake-type tests: a warehouse written with the load step's own helpers and its lake exported the way
each run writes it (partitions merged by key, in two batches, through the lake schema).

The events, as an analyst would count them:
  week of 2025-05-05, ML: 1 attack (Mopti, 10..12 killed, 3 injured; French and English stories on two
                          feeds), 1 air_drone_strike (Kidal, at least 5 killed)
  week of 2025-05-12, ML: 1 attack (Ménaka, 2 killed, claimed by Islamic State Sahel Province)
                      UA: 1 air_drone_strike (Kharkiv, 0 killed, 7 injured; three stories on three feeds,
                          one a republication)
  undated, SO: a car bomb in Mogadishu (at least 12 killed), in the lake under its story's day
  TODAY - 3 and TODAY - 10, NG: Boko Haram, 20..25 then 4 killed; TODAY - 45, SY: shelling, 50+ killed
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

from warehouse import lake
from warehouse.db import connect
from warehouse.layout import Layout
from warehouse.load import LAKE_TABLES, insert_rows, lake_rows, shape_for

TODAY = datetime.now(timezone.utc).date()
FIXED_UNTIL = "2025-12-31"       # the 2025 events only: what --until gives to leave TODAY's out


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)


D = date(2025, 5, 5)
STORIES = [  # story_id, feed, lang, published, dup_of
    ("fr-1", "wire-fr", "fr", _at(D, 9), None),
    ("en-1", "wire-en", "en", _at(D, 11), None),
    ("en-2", "wire-en", "en", _at(D + timedelta(1), 8), None),
    ("en-6", "wire-en", "en", _at(D + timedelta(2), 8), None),            # no attack
    ("fr-2", "wire-fr", "fr", _at(D + timedelta(8), 10), None),
    ("en-3", "wire-en", "en", _at(D + timedelta(9), 7), None),
    ("fr-3", "wire-fr", "fr", _at(D + timedelta(9), 9), None),
    ("en-4", "wire-en2", "en", _at(D + timedelta(9), 12), "en-3"),        # republication of en-3
    ("en-5", "wire-en", "en", _at(D + timedelta(15), 10), None),
    ("en-7", "wire-en2", "en", None, None),                              # undated, never extracted
    ("fr-r1", "wire-fr", "fr", _at(TODAY - timedelta(3), 6), None),
    ("en-r2", "wire-en", "en", _at(TODAY - timedelta(10), 6), None),
    ("en-r3", "wire-en", "en", _at(TODAY - timedelta(45), 6), None),
]
EVENTS = [  # event_id, type, date, country, location, lat, lon, actor1, actor2, weapon, killed, injured, incidents
    ("ev-mopti", "attack", D, "ML", "Mopti", 14.49, -4.2, "JNIM", "civilians", "firearm", (10, 12), (3, 3),
     [("fr-1", (10, 10), "JNIM"), ("en-1", (12, 12), "JNIM")]),
    ("ev-kidal", "air_drone_strike", D + timedelta(1), "ML", "Kidal", 18.44, 1.41, "Malian army", None, "drone",
     (5, None), None, [("en-2", (5, None), "Malian army")]),
    ("ev-menaka", "attack", D + timedelta(8), "ML", "Ménaka", None, None, "Islamic State Sahel Province",
     "Malian army", "firearm", (2, 2), None, [("fr-2", (2, 2), "Islamic State Sahel Province")]),
    ("ev-kharkiv", "air_drone_strike", D + timedelta(9), "UA", "Kharkiv", 49.99, 36.23, "Russia", None, "drone",
     (0, 0), (7, 7), [("en-3", (0, 0), "Russia"), ("fr-3", (0, 0), "Russia"), ("en-4", (0, 0), "Russia")]),
    ("ev-mogadishu", "remote_explosive", None, "SO", "Mogadishu", 2.04, 45.34, "al-Shabaab", None,
     "vehicle_bomb", (12, None), None, [("en-5", (12, None), "al-Shabaab")]),
    ("ev-recent", "attack", TODAY - timedelta(3), "NG", "Maiduguri", 11.85, 13.16, "Boko Haram", "villagers",
     "firearm", (20, 25), None, [("fr-r1", (20, 25), "Boko Haram")]),
    ("ev-recent2", "suicide_bomb", TODAY - timedelta(10), "NG", "Konduga", None, None, "Boko Haram", None,
     "suicide_vest", (4, 4), (9, None), [("en-r2", (4, 4), "Boko Haram")]),
    ("ev-old", "shelling_missile", TODAY - timedelta(45), "SY", "Idlib", 35.93, 36.63, None, None, "artillery",
     (50, None), None, [("en-r3", (50, None), None)]),
]
# an aggregate tally in en-5: belongs to no event
AGGREGATE = {"incident_id": "en-5:1", "story_id": "en-5", "idx": 1, "kind": "aggregate", "event_type": "attack",
             "country": "SO", "count_min": 61, "count_max": None, "period_start": date(2025, 1, 1),
             "period_end": date(2025, 5, 19), "evidence": "More than 60 attacks this year, officials said.",
             "casualty_phrases": [], "confidence": 0.6, "extractor_version": "test"}


def story_rows() -> list[dict]:
    rows = []
    for sid, feed, lang, published, dup_of in STORIES:
        rows.append({"story_id": sid, "feed": feed, "guid": sid, "url": f"https://{feed}.example/{sid}",
                     "title": f"Story {sid}", "text": f"Text of {sid}.", "lang": lang, "published_at": published,
                     "content_hash": f"h-{sid}", "dup_of": dup_of, "cluster_id": dup_of,
                     "dup_reason": "near_duplicate" if dup_of else None,
                     "flags": ["undated"] if published is None else [], "fetch_id": "f1",
                     "attack": None if sid == "en-7" else sid != "en-6",
                     "extractor_version": None if sid == "en-7" else "test",
                     "ingested_at": datetime(2025, 5, 21, 12, tzinfo=timezone.utc)})
    return rows


INCIDENT_COLUMNS = ("incident_id story_id idx kind event_type date country location lat lon actor1 actor2 weapon "
                    "killed_min killed_max injured_min injured_max count_min count_max period_start period_end "
                    "date_precision geo_precision evidence evidence_start evidence_end casualty_phrases claimed_by "
                    "confidence event_id extractor_version").split()


def incident_rows() -> list[dict]:
    rows = [{**dict.fromkeys(INCIDENT_COLUMNS), **AGGREGATE}]     # every key: pyarrow reads them off row one
    for ev in EVENTS:
        event_id, etype, day, country, location, lat, lon, _, actor2, weapon, _, injured, reports = ev
        for sid, killed, actor1 in reports:
            rows.append({"incident_id": f"{sid}:0", "story_id": sid, "idx": 0, "kind": "incident",
                         "event_type": etype, "date": day, "country": country, "location": location,
                         "lat": lat, "lon": lon, "actor1": actor1, "actor2": actor2, "weapon": weapon,
                         "killed_min": killed[0], "killed_max": killed[1],
                         "injured_min": injured[0] if injured else None,
                         "injured_max": injured[1] if injured else None,
                         "date_precision": "day" if day else "unknown", "geo_precision": "city",
                         "evidence": f"Evidence of {event_id} in {sid}.", "evidence_start": 0, "evidence_end": 20,
                         "casualty_phrases": [f"{killed[0]} killed"], "confidence": 0.9 if sid != "en-1" else 0.95,
                         "event_id": event_id, "extractor_version": "test"})
    return rows


def event_rows() -> list[dict]:
    published = {s[0]: s[3] for s in STORIES}
    rows = []
    for event_id, etype, day, country, location, lat, lon, a1, a2, weapon, killed, injured, reports in EVENTS:
        rows.append({"event_id": event_id, "event_type": etype, "date": day, "country": country,
                     "location": location, "lat": lat, "lon": lon, "actor1": a1, "actor2": a2, "weapon": weapon,
                     "killed_min": killed[0], "killed_max": killed[1],
                     "injured_min": injured[0] if injured else None, "injured_max": injured[1] if injured else None,
                     "n_incidents": len(reports), "n_stories": len(reports),
                     "first_seen": min(published[r[0]] for r in reports),
                     "updated_at": datetime(2025, 5, 21, 12, tzinfo=timezone.utc),
                     "members": json.dumps([{"incident_id": f"{r[0]}:0"} for r in reports])})
    return rows


def build(root) -> Layout:
    """Write the warehouse and its lake under `root`; returns its layout."""
    layout = Layout.at(root)
    with connect(layout, write=True) as con:
        insert_rows(con, "stories", story_rows())
        insert_rows(con, "incidents", incident_rows())
        insert_rows(con, "events", event_rows())
        for table, (key, _, _) in LAKE_TABLES.items():
            ids = sorted(r[0] for r in con.execute(f"SELECT {key} FROM {table}").fetchall())
            for batch in (ids[::2], ids[1::2]):     # two merges per partition, as successive runs make them
                lake.merge_partitions(layout.lake, table, lake_rows(con, table, batch), key, "__day",
                                      shape_for(table))
    return layout
