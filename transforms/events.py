"""Event clustering: incidents from any story, in either language, that
describe the same real-world event share one event.

An incident joins an existing event when every language-independent key
agrees: event family (air/drone strikes and shelling/missiles are one
remote-violence family), date within one day, same country, same place
(English name, or coordinates within 25 km) when both name one, compatible
tolls, and no other incident of the same story already in the event. Among
matching events the one agreeing on most details wins. Event fields: the
first report's type and date, the most specific place, killed/injured
minimum = the highest reported minimum (a later, higher toll updates the
event), maximum = the highest reported maximum (open when any report is).
"""
from __future__ import annotations

import hashlib
import math
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Sequence

from .models import Incident

REMOTE = frozenset({"air_drone_strike", "shelling_missile"})
RADIUS_KM = 25.0


@dataclass(frozen=True)
class IncidentRef:
    incident_id: str
    story_id: str
    canonical_story_id: str
    published_at: datetime | None
    incident: Incident


@dataclass(frozen=True)
class EventRecord:
    event_id: str
    event_type: str | None
    date: date | None
    country: str | None
    location: str | None
    lat: float | None
    lon: float | None
    actor1: str | None
    actor2: str | None
    weapon: str | None
    killed_min: int | None
    killed_max: int | None
    injured_min: int | None
    injured_max: int | None
    n_incidents: int
    n_stories: int
    first_seen: datetime | None
    updated_at: datetime | None
    stories: tuple[str, ...] = ()       # member story ids
    places: tuple[str, ...] = ()        # normalized member place names


def assign(new: Sequence[IncidentRef], existing: Sequence[EventRecord], now: datetime):
    """incident_id -> event_id for every new incident, and the new or updated events."""
    events = {e.event_id: e for e in existing}
    touched, assignments = set(), {}
    for ref in sorted(new, key=lambda r: (r.published_at is None, r.published_at or 0, r.incident_id)):
        match = _best(ref, events.values())
        event = _absorb(match, ref, now) if match else _start(ref, now)
        events[event.event_id] = event
        touched.add(event.event_id)
        assignments[ref.incident_id] = event.event_id
    return assignments, [events[e] for e in sorted(touched)]


def _family(event_type: str | None) -> str | None:
    return "remote" if event_type in REMOTE else event_type


def _norm(name: str | None) -> str:
    if not name:
        return ""
    return unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode().replace("-", " ").strip()


def _same_place(inc: Incident, ev: EventRecord) -> bool | None:
    """True/False when both name a place, None when either does not."""
    if not inc.location or not ev.places:
        return None
    if _norm(inc.location) in ev.places:
        return True
    if None not in (inc.lat, inc.lon, ev.lat, ev.lon):
        return _km(inc.lat, inc.lon, ev.lat, ev.lon) <= RADIUS_KM
    return False


def _km(lat1, lon1, lat2, lon2) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    return 6371 * math.acos(max(-1.0, min(1.0, math.sin(p1) * math.sin(p2) +
                                          math.cos(p1) * math.cos(p2) * math.cos(dl))))


def _tolls_compatible(low: int | None, high: int | None, ev_low: int | None, ev_high: int | None) -> bool:
    if low is None or ev_low is None:
        return True
    if low == 0 or ev_low == 0:
        return low == ev_low
    return True


def _compatible(ref: IncidentRef, ev: EventRecord) -> bool:
    inc = ref.incident
    if ref.story_id in ev.stories or _family(inc.event_type) != _family(ev.event_type):
        return False
    if inc.date is None or ev.date is None or abs((inc.date - ev.date).days) > 1:
        return False
    if inc.country and ev.country and inc.country != ev.country:
        return False
    if _same_place(inc, ev) is False:
        return False
    killed = inc.killed or None
    return _tolls_compatible(killed.min if killed else None, killed.max if killed else None,
                             ev.killed_min, ev.killed_max)


def _score(ref: IncidentRef, ev: EventRecord) -> int:
    inc = ref.incident
    return (2 * bool(_same_place(inc, ev)) + (inc.date == ev.date) + (inc.event_type == ev.event_type)
            + (inc.weapon is not None and inc.weapon == ev.weapon)
            + 2 * (ref.canonical_story_id in ev.stories))


def _best(ref: IncidentRef, events) -> EventRecord | None:
    scored = [(_score(ref, ev), ev.event_id, ev) for ev in events if _compatible(ref, ev)]
    return max(scored, key=lambda t: (t[0], t[1]))[2] if scored else None


def _start(ref: IncidentRef, now: datetime) -> EventRecord:
    inc = ref.incident
    return EventRecord(
        event_id="ev-" + hashlib.sha256(ref.incident_id.encode()).hexdigest()[:16],
        event_type=inc.event_type, date=inc.date, country=inc.country, location=inc.location,
        lat=inc.lat, lon=inc.lon, actor1=inc.actor1, actor2=inc.actor2, weapon=inc.weapon,
        killed_min=inc.killed.min if inc.killed else None, killed_max=inc.killed.max if inc.killed else None,
        injured_min=inc.injured.min if inc.injured else None,
        injured_max=inc.injured.max if inc.injured else None,
        n_incidents=1, n_stories=1, first_seen=ref.published_at or now, updated_at=now,
        stories=(ref.story_id,), places=(_norm(inc.location),) if inc.location else ())


def _absorb(ev: EventRecord, ref: IncidentRef, now: datetime) -> EventRecord:
    inc = ref.incident
    more_specific = inc.location and (not ev.location or
                                      _rank(inc.geo_precision) > 0 and ev.lat is None and inc.lat is not None)
    killed = _merge_range(ev.killed_min, ev.killed_max, inc.killed)
    injured = _merge_range(ev.injured_min, ev.injured_max, inc.injured)
    return replace(
        ev, country=ev.country or inc.country,
        location=inc.location if more_specific else ev.location,
        lat=inc.lat if more_specific else ev.lat, lon=inc.lon if more_specific else ev.lon,
        actor1=ev.actor1 or inc.actor1, actor2=ev.actor2 or inc.actor2, weapon=ev.weapon or inc.weapon,
        killed_min=killed[0], killed_max=killed[1], injured_min=injured[0], injured_max=injured[1],
        n_incidents=ev.n_incidents + 1, n_stories=ev.n_stories + (ref.story_id not in ev.stories),
        updated_at=now, stories=ev.stories + (ref.story_id,),
        places=ev.places + ((_norm(inc.location),) if inc.location and _norm(inc.location) not in ev.places else ()))


def _rank(precision: str | None) -> int:
    return {"site": 4, "city": 3, "region": 2, "country": 1}.get(precision or "", 0)


def _merge_range(low: int | None, high: int | None, new) -> tuple[int | None, int | None]:
    if new is None:
        return low, high
    if low is None:
        return new.min, new.max
    merged_low = max(low, new.min)
    merged_high = None if high is None or new.max is None else max(high, new.max)
    if merged_high is not None and merged_high < merged_low:
        merged_high = merged_low
    return merged_low, merged_high
