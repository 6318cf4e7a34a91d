"""Event clustering looks only at nearby events: that must change no choice (transforms/events.py, Nearby)."""
from __future__ import annotations

import random
from datetime import date, datetime, timedelta, timezone

from transforms import events
from transforms.models import Incident, Range

NOW = datetime(2030, 1, 1, tzinfo=timezone.utc)
TYPES = ["air_drone_strike", "shelling_missile", "attack", "armed_clash", "remote_explosive", None]
PLACES = [("Gao", 16.27, -0.04), ("Mopti", 14.49, -4.2), ("Kidal", 18.44, 1.41), ("Menaka", None, None), (None, None, None)]


def _incident(rng: random.Random) -> Incident:
    place, lat, lon = rng.choice(PLACES)
    killed = rng.choice([None, Range(0, 0), Range(3, 3), Range(4, None), Range(5, 5)])
    return Incident(kind="incident", event_type=rng.choice(TYPES),
                    date=rng.choice([None, date(2029, 12, 1) + timedelta(rng.randrange(15))]),
                    country=rng.choice(["ML", "ML", "BF", None]), location=place, lat=lat, lon=lon,
                    geo_precision="city" if place else None, weapon=rng.choice([None, "drone", "firearm", "ied"]),
                    actor1=rng.choice([None, "JNIM", "Islamic State"]), killed=killed)


def _refs(rng: random.Random, n: int, prefix: str) -> list[events.IncidentRef]:
    refs = []
    for i in range(n):
        story = f"{prefix}{i}"
        canonical = rng.choice(refs).story_id if refs and rng.random() < 0.2 else story
        published = rng.choice([None, datetime(2029, 12, 1, 9, tzinfo=timezone.utc) + timedelta(hours=rng.randrange(400))])
        refs.append(events.IncidentRef(f"{story}:0", story, canonical, published, _incident(rng)))
    return refs


def test_every_event_an_incident_could_join_is_among_its_candidates():
    rng = random.Random(11)
    _, existing = events.assign(_refs(rng, 300, "old"), [], NOW)
    nearby = events.Nearby(existing)
    checked = joinable = 0
    for ref in _refs(rng, 300, "new") + _refs(random.Random(5), 100, "old"):
        m = events.member(ref)
        candidates = nearby.candidates(m)
        for event in existing:
            checked += 1
            if events._choose(m, [event]) is event:   # event alone would be chosen: it must be a candidate
                joinable += 1
                assert event.event_id in candidates, (m, event)
    assert joinable > 50 and checked > joinable   # the random data exercise both outcomes


def test_assign_over_nearby_events_equals_assign_over_all_events():
    rng = random.Random(3)
    first, existing = events.assign(_refs(rng, 200, "old"), [], NOW)
    batch = _refs(rng, 200, "new")
    got, records = events.assign(batch, existing, NOW)
    expected = _assign_scanning_everything(batch, existing)
    assert got == expected
    assert len(set(got.values())) < len(got)    # some incidents joined others' events


def _assign_scanning_everything(new, existing) -> dict[str, str]:
    """assign() as it was before the Nearby index: every event is a candidate for every incident."""
    evs = {e.event_id: e for e in existing}
    out = {}
    for ref in sorted(new, key=lambda r: (r.canonical_story_id != r.story_id,
                                          r.published_at or events._EPOCH, r.incident_id)):
        m = events.member(ref)
        target = events._choose(m, list(evs.values()))
        event = events.summarise(events.event_id_for(m.incident_id) if target is None else target.event_id,
                                 (target.members if target else ()) + (m,), NOW)
        evs[event.event_id] = event
        out[m.incident_id] = event.event_id
    return out
