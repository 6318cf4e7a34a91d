"""Event clustering: incidents from any story, in either language, that
describe the same real-world event share one event.

Only language-independent keys are compared (docs/dedup.md):
- vetoes: another incident of the same story is already in the event; event
  families differ (air_drone_strike and shelling_missile are one
  remote-violence family, suicide_bomb and remote_explosive one explosive
  family, otherwise the type itself); dates more than one day apart; both
  countries known and different; places known to differ (different names at
  the same precision, both located or both not, or coordinates beyond the
  radius); weapons of different kinds (air / projectile / bomb / firearm /
  knife / grenade; a weapon that contradicts its own incident's type is
  ignored); incompatible death tolls (none vs some, or a gap no revision
  explains).
- evidence: the same place (name or coordinates) is required, unless
  neither side's place rules the other out and two other details agree
  (exact type, weapon, an actor, the killed or injured figures).
- a duplicate story's incidents join its canonical story's events.
Among the compatible events the one agreeing on most details wins.

An event's fields are a pure function of its members (the incidents it holds,
in publication order), so an event is the same whatever order its reports
arrived in; see summarise().
"""
from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Iterable, Sequence

from .models import Incident

FAMILY = {"air_drone_strike": "remote", "shelling_missile": "remote",
          "suicide_bomb": "explosive", "remote_explosive": "explosive"}
WEAPON_KIND = {"aircraft": "air", "drone": "air", "ballistic_missile": "projectile",
               "cruise_missile": "projectile", "missile": "projectile", "rocket": "projectile",
               "mortar": "projectile", "artillery": "projectile", "ied": "bomb", "vehicle_bomb": "bomb",
               "suicide_vest": "bomb", "grenade": "grenade", "firearm": "firearm", "knife": "knife"}
VAGUE_WEAPONS = frozenset({"missile", "other", "fire"})
# weapon kinds an event type can be carried out with; a weapon outside them contradicts the
# incident's own type (an extraction slip), so it is not used for or against a match
TYPE_WEAPON_KINDS = {"air_drone_strike": {"air"}, "shelling_missile": {"projectile"},
                     "suicide_bomb": {"bomb"}, "remote_explosive": {"bomb"}, "grenade": {"grenade"},
                     "attack": {"firearm", "knife"}, "armed_clash": {"firearm", "knife"}}
# geo_precision is that of the point (transforms/models.GEO_PRECISIONS); 'city' is the older name of 'town'
RADIUS_KM = {"site": 25.0, "town": 25.0, "city": 25.0, "district": 60.0, "region": 150.0, "country": 1000.0}
PRECISION_RANK = {"site": 5, "town": 4, "city": 4, "district": 3, "region": 2, "country": 1}
UNDATED_WINDOW_DAYS = 7
_EPOCH = datetime.min.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class IncidentRef:
    incident_id: str
    story_id: str
    canonical_story_id: str
    published_at: datetime | None
    incident: Incident


@dataclass(frozen=True)
class Member:
    """One incident as its event remembers it: what matching and field choice read."""
    incident_id: str
    story_id: str
    canonical_story_id: str
    published_at: datetime | None
    event_type: str | None = None
    date: date | None = None
    country: str | None = None
    location: str | None = None
    lat: float | None = None
    lon: float | None = None
    geo_precision: str | None = None
    actor1: str | None = None
    actor2: str | None = None
    weapon: str | None = None
    killed_min: int | None = None
    killed_max: int | None = None
    injured_min: int | None = None
    injured_max: int | None = None

    @property
    def is_duplicate(self) -> bool:
        return self.canonical_story_id != self.story_id


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
    members: tuple[Member, ...] = ()
    geo_precision: str | None = None     # of lat/lon: site | town | district | region | country


def member(ref: IncidentRef) -> Member:
    inc = ref.incident
    return Member(
        ref.incident_id, ref.story_id, ref.canonical_story_id, ref.published_at, inc.event_type, inc.date,
        inc.country, inc.location, inc.lat, inc.lon, inc.geo_precision, inc.actor1, inc.actor2, inc.weapon,
        inc.killed.min if inc.killed else None, inc.killed.max if inc.killed else None,
        inc.injured.min if inc.injured else None, inc.injured.max if inc.injured else None)


def event_id_for(first_incident_id: str) -> str:
    return "ev-" + hashlib.sha256(first_incident_id.encode()).hexdigest()[:16]


def assign(new: Sequence[IncidentRef], existing: Sequence[EventRecord], now: datetime):
    """incident_id -> event_id for every new incident (aggregates are skipped), and the new or updated events.

    Originals are placed before duplicates, each in publication order; an incident already a member
    of an existing event keeps it unchanged (re-running a batch changes nothing)."""
    events = {e.event_id: e for e in existing}
    nearby = Nearby(existing)
    held = {m.incident_id: e.event_id for e in existing for m in e.members}
    touched, assignments = set(), {}
    refs = [r for r in new if r.incident.kind == "incident"]
    for ref in sorted(refs, key=lambda r: (r.canonical_story_id != r.story_id,
                                          r.published_at or _EPOCH, r.incident_id)):
        if ref.incident_id in held:
            assignments[ref.incident_id] = held[ref.incident_id]
            continue
        m = member(ref)
        target = _choose(m, [events[i] for i in nearby.candidates(m)])
        event = summarise(event_id_for(m.incident_id) if target is None else target.event_id,
                          (target.members if target else ()) + (m,), now)
        events[event.event_id] = event
        nearby.add(event)
        held[m.incident_id] = event.event_id
        touched.add(event.event_id)
        assignments[m.incident_id] = event.event_id
    return assignments, [events[e] for e in sorted(touched)]


class Nearby:
    """The events an incident could join, found without looking at every event of the batch.

    _choose() only ever picks a duplicate's own events (those holding its canonical story) or an
    event that passes _dates_fit and the country veto. So events are filed by the day those rules
    read (the event's date; for an undated event, its earliest publication day), by whether that
    day is a date, and by country; candidates() returns every event filed where a member could
    match, a superset of what _choose() can pick, so the choice is the same as over all events.
    """

    def __init__(self, events: Iterable[EventRecord] = ()):
        self.by_day: dict[tuple[bool, date], dict[str | None, set[str]]] = {}
        self.by_story: dict[str, set[str]] = {}
        self.filed: dict[str, tuple[tuple[bool, date], str | None] | None] = {}
        for event in events:
            self.add(event)

    def add(self, event: EventRecord) -> None:
        """File a new event, or refile an updated one (its date and country may have changed)."""
        old = self.filed.get(event.event_id)
        if old:
            self.by_day[old[0]][old[1]].discard(event.event_id)
        day = event.date or min((x.published_at.date() for x in event.members if x.published_at), default=None)
        slot = ((event.date is not None, day), event.country) if day else None
        self.filed[event.event_id] = slot
        if slot:
            self.by_day.setdefault(slot[0], {}).setdefault(slot[1], set()).add(event.event_id)
        for x in event.members:
            self.by_story.setdefault(x.story_id, set()).add(event.event_id)
            self.by_story.setdefault(x.canonical_story_id, set()).add(event.event_id)

    def candidates(self, m: Member) -> set[str]:
        ids = set(self.by_story.get(m.canonical_story_id, ())) if m.is_duplicate else set()
        for key in _days(m):
            buckets = self.by_day.get(key, {})
            for country in ((m.country, None) if m.country else list(buckets)):
                ids |= buckets.get(country, set())
        return ids


def _days(m: Member) -> list[tuple[bool, date]]:
    """(dated, day) slots whose events _dates_fit can accept for m."""
    window = range(UNDATED_WINDOW_DAYS + 1)
    if m.date:
        return ([(True, m.date + timedelta(d)) for d in (-1, 0, 1)]
                + [(False, m.date - timedelta(d)) for d in window])
    if m.published_at:
        anchor = m.published_at.date()
        return [(dated, anchor - timedelta(d)) for dated in (True, False) for d in window]
    return []


# --- matching --------------------------------------------------------------------

def _choose(m: Member, events: Iterable[EventRecord]) -> EventRecord | None:
    pool = [e for e in events if not any(x.story_id == m.story_id for x in e.members)]
    if m.is_duplicate:
        own = [e for e in pool if any(m.canonical_story_id in (x.story_id, x.canonical_story_id)
                                      for x in e.members)]
        if own:
            fitting = [e for e in own if _compatible(m, e)] or own
            return max(fitting, key=lambda e: (_score(m, e), e.event_id))
    scored = [(_score(m, e), e.event_id, e) for e in pool if _compatible(m, e) and _enough(m, e)]
    return max(scored, key=lambda t: (t[0], t[1]))[2] if scored else None


def _compatible(m: Member, ev: EventRecord) -> bool:
    if _family(m.event_type) and _family(ev.event_type) and _family(m.event_type) != _family(ev.event_type):
        return False
    if m.country and ev.country and m.country != ev.country:
        return False
    place = same_place(m, ev.members)
    if place is False or not _dates_fit(m, ev, place):
        return False
    kinds = {weapon_kind(x) for x in ev.members} - {None}
    if weapon_kind(m) and kinds and weapon_kind(m) not in kinds:
        return False
    return tolls_compatible((m.killed_min, m.killed_max), (ev.killed_min, ev.killed_max))


def _dates_fit(m: Member, ev: EventRecord, place: bool | None) -> bool:
    if m.date and ev.date:
        return abs((m.date - ev.date).days) <= 1
    if not place:   # an undated report needs the same place and a publication soon after the event
        return False
    anchor = m.date or (m.published_at.date() if m.published_at else None)
    day = ev.date or min((x.published_at.date() for x in ev.members if x.published_at), default=None)
    return anchor is not None and day is not None and 0 <= (anchor - day).days <= UNDATED_WINDOW_DAYS


def weapon_kind(m: Member) -> str | None:
    """The weapon's kind when the weapon is usable evidence (known, and consistent with the type)."""
    kind = WEAPON_KIND.get(m.weapon or "")
    allowed = TYPE_WEAPON_KINDS.get(m.event_type or "")
    return kind if kind and (allowed is None or kind in allowed) else None


def _family(event_type: str | None) -> str | None:
    return FAMILY.get(event_type, event_type) if event_type else None


def _details(m: Member, ev: EventRecord) -> int:
    """How many details besides place and date agree: the exact type, the weapon, an actor, the killed
    figures, the injured figures."""
    actors = {norm_name(a) for x in ev.members for a in (x.actor1, x.actor2) if a}
    return ((m.event_type is not None and m.event_type == ev.event_type)
            + bool(weapon_kind(m) and m.weapon not in VAGUE_WEAPONS and m.weapon == ev.weapon)
            + bool({norm_name(a) for a in (m.actor1, m.actor2) if a} & actors)
            + (m.killed_min is not None and (m.killed_min, m.killed_max) == (ev.killed_min, ev.killed_max))
            + (m.injured_min is not None and (m.injured_min, m.injured_max) == (ev.injured_min, ev.injured_max)))


def _enough(m: Member, ev: EventRecord) -> bool:
    return bool(same_place(m, ev.members)) or _details(m, ev) >= 2


def _score(m: Member, ev: EventRecord) -> int:
    return 3 * bool(same_place(m, ev.members)) + (m.date == ev.date) + _details(m, ev)


def tolls_compatible(a: tuple[int | None, int | None], b: tuple[int | None, int | None]) -> bool:
    """None vs some deaths never match; otherwise a gap is fine when a revision can explain it
    (the higher figure at most three times the lower plus three)."""
    if a[0] is None or b[0] is None:
        return True
    if (a[1] == 0 and b[0] > 0) or (b[1] == 0 and a[0] > 0):
        return False
    low, high = sorted([a, b], key=lambda r: r[0])
    if low[1] is None or high[0] <= low[1]:
        return True
    return high[0] <= 3 * low[1] + 3


def norm_name(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()
    folded = re.sub(r"['’]s\b", "", folded)
    return " ".join(re.findall(r"[a-z0-9]+", folded))


def _names_match(a: str, b: str) -> bool:
    x, y = norm_name(a), norm_name(b)
    if not x or not y:
        return False
    return x == y or f" {x} " in f" {y} " or f" {y} " in f" {x} " or _spelling_variants(x, y)


def _spelling_variants(x: str, y: str) -> bool:
    """One name transliterated two ways ('Tunga-Makeri' / 'Tungan Makeri', 'Maiduguri' / 'Maidugiri'):
    one edit apart, spaces and hyphens aside, from six letters on (two edits would join North and
    South Waziristan)."""
    x, y = x.replace(" ", ""), y.replace(" ", "")
    return min(len(x), len(y)) >= 6 and _edits_within(x, y, 1)


def _edits_within(x: str, y: str, limit: int) -> bool:
    if abs(len(x) - len(y)) > limit:
        return False
    row = list(range(len(y) + 1))
    for i, cx in enumerate(x, 1):
        prev, row[0] = row[0], i
        for j, cy in enumerate(y, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (cx != cy))
        if min(row) > limit:
            return False
    return row[-1] <= limit


def same_place(m: Member, members: Sequence[Member]) -> bool | None:
    """True when some member names the same place or lies within the radius; False when the
    members' places are known to differ; None when it cannot be told."""
    verdicts = [_pair_place(m, x) for x in members if x.location or x.lat is not None]
    if any(v is True for v in verdicts):
        return True
    return False if verdicts and all(v is False for v in verdicts) else None


def _pair_place(a: Member, b: Member) -> bool | None:
    if a.location and b.location and _names_match(a.location, b.location):
        return True
    if None not in (a.lat, a.lon, b.lat, b.lon) and "country" not in (a.geo_precision, b.geo_precision):
        # a country's point says which country, not which place: no evidence of the same place
        coarser = min((a.geo_precision, b.geo_precision), key=lambda p: PRECISION_RANK.get(p or "", 3))
        return km(a.lat, a.lon, b.lat, b.lon) <= RADIUS_KM.get(coarser or "", 25.0)
    if not a.location or not b.location or (a.lat is None) != (b.lat is None):
        return None     # a village the gazetteer lacks may lie beside the town the other wire named
    return False if _rank(a.geo_precision) == _rank(b.geo_precision) else None


def _rank(precision: str | None) -> int:
    return PRECISION_RANK.get(precision or "town", 4)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    cos = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, cos)))


# --- an event's fields from its members ----------------------------------------------

def summarise(event_id: str, members: Sequence[Member], now: datetime) -> EventRecord:
    ms = tuple(sorted(members, key=lambda x: (x.published_at or _EPOCH, x.incident_id)))
    place = _place_member(ms)
    point = _point(ms, place)
    killed = toll([(x.killed_min, x.killed_max) for x in _reporting(ms, "killed_min")])
    injured = toll([(x.injured_min, x.injured_max) for x in _reporting(ms, "injured_min")])
    return EventRecord(
        event_id=event_id, event_type=_mode(x.event_type for x in ms), date=_mode(x.date for x in ms),
        country=_mode(x.country for x in ms), location=place.location if place else None,
        lat=point[0], lon=point[1], geo_precision=point[2], actor1=_mode(x.actor1 for x in ms), actor2=_mode(x.actor2 for x in ms),
        weapon=_mode(x.weapon for x in ms if x.weapon not in VAGUE_WEAPONS) or _mode(x.weapon for x in ms),
        killed_min=killed[0], killed_max=killed[1], injured_min=injured[0], injured_max=injured[1],
        n_incidents=len(ms), n_stories=len({x.story_id for x in ms}),
        first_seen=min((x.published_at for x in ms if x.published_at), default=now), updated_at=now,
        members=ms)


def _point(ms: Sequence[Member], place: Member | None) -> tuple[float | None, float | None, str | None]:
    """(lat, lon, precision): the chosen place's point, else the most precise point any member has
    (a country's when only the country is known)."""
    if place is not None:
        for x in ms:
            if x.lat is not None and x.location and _names_match(x.location, place.location):
                return x.lat, x.lon, x.geo_precision or "town"
    pointed = [x for x in ms if x.lat is not None]
    if not pointed:
        return None, None, None
    best = max(pointed, key=lambda x: _rank(x.geo_precision))
    return best.lat, best.lon, best.geo_precision


def _mode(values: Iterable):
    """Most frequent non-null value; ties go to the earliest report."""
    seen = [v for v in values if v is not None]
    if not seen:
        return None
    counts = Counter(seen)
    return max(seen, key=lambda v: (counts[v], -seen.index(v)))


def _place_member(ms: Sequence[Member]) -> Member | None:
    """The most specific place; among equally specific ones the most reported, then the earliest."""
    named = [x for x in ms if x.location]
    if not named:
        return None
    counts = Counter(norm_name(x.location) for x in named)
    return max(named, key=lambda x: (PRECISION_RANK.get(x.geo_precision or "", 0),
                                     counts[norm_name(x.location)], -named.index(x)))


def _reporting(ms: Sequence[Member], field: str) -> list[Member]:
    """Members that gave the figure, in publication order; copies of a story add nothing when originals gave it."""
    given = [x for x in ms if getattr(x, field) is not None]
    originals = [x for x in given if not x.is_duplicate]
    return originals or given


def toll(reports: Sequence[tuple[int, int | None]]) -> tuple[int | None, int | None]:
    """(low, high) from the reports in publication order: low is the latest report's minimum (a later,
    revised toll replaces an earlier one); high is open while the latest report is open-ended ("at least
    11"), otherwise the highest figure any report gave (UCDP's high estimate)."""
    if not reports:
        return None, None
    low, latest_high = reports[-1]
    if latest_high is None:
        return low, None
    return low, max([low] + [r[1] if r[1] is not None else r[0] for r in reports])
