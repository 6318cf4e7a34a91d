"""From sentences to incidents: what each violent sentence says (a Unit), how units group into
incidents (Drafts), and the fields each incident gets."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from transforms.models import Incident, Range

from .casualties import casualties, is_toll_update
from .dates import NEXT_DAY, DateFound, find_date
from .places import PlaceMention
from .actors import ActorMention
from .roles import actor_country, roles, shifted, victims
from .sentences import Sentence
from .triggers import (aftermath, armed_on_both_sides, claims_it, combined_salvo, event_type, is_summary,
                       only_an_explosion, refers_back, uncounted_summary, weapon)
from .where import Where, best_place, decide_country, is_area, pin, plausible, within

REMOTE = ("air_drone_strike", "shelling_missile")
# "la ville", "the town": the sentence speaks of a place named before
DENIAL = re.compile(r"\b(?:denied|denies|deny|rejected the accusation|a démenti|ont démenti|dément|démentent|"
                    r"a nié|ont nié|nie|rejette|a rejeté)\b", re.I)
ANAPHORA = re.compile(r"\b(?:la (?:même )?(?:ville|localité|zone|région)|le (?:même )?village|"
                      r"the (?:same )?(?:town|village|city|area|region))\b", re.I)
# the perpetrator's own count ("the group said it had killed 47 soldiers", "affirment avoir tué")
BOAST = re.compile(r"\b(?:said|says|saying|claimed|claims|claiming|announced|announcing)\s+(?:that\s+)?"
                   r"(?:it|they|its fighters|its forces)\s+(?:had\s+|have\s+)?(?:killed|wounded|injured)|"
                   r"\bclaim(?:ed|s)? to have (?:killed|wounded)|"
                   r"\b(?:affirm\w*|dit|disent|revendiqu\w*|assur\w*|annonc\w*)\s+avoir\s+(?:tué|blessé|abattu)", re.I)
CLAIMED_BY = re.compile(r"\b(?:selon|d'après|according to|a indiqué|ont indiqué|a déclaré|said|say|says|told)\s+"
                        r"(?:la |le |les |l'|l’|the |des |a |an |un |une )?(?P<src>[\w'’ -]{3,40}?)\s*(?:[,.;]|$)", re.I)
# the English order: "..., police said." / "..., a security source told AFP on Tuesday."
CLAIMED_AFTER = re.compile(r",\s+(?:the |a |an )?(?P<src>[\w'’ -]{3,40}?)\s+(?:said|says|told \w+)"
                           r"(?:\s+on \w+|\s+\w+day)?\s*[.;]?\s*$")


@dataclass
class Unit:
    """What one sentence says about an incident."""
    sentence: Sentence
    event_type: str | None
    weapon: str | None
    date: DateFound | None
    where: Where
    place: PlaceMention | None
    killed: Range | None
    injured: Range | None
    phrases: list[str]
    summary: bool
    anaphora: bool
    update: bool = False      # "le bilan s'est alourdi à 14 morts": restates the previous incident's toll
    actors: tuple[ActorMention, ...] = ()
    back: bool = False        # "ISWAP claimed the attack": speaks of an incident already told
    impact: bool = False      # an explosion named, no bomb: may be a strike's impact
    uncounted: bool = False   # "dans des frappes": a summary that does not say how many incidents


@dataclass
class Draft:
    units: list[Unit] = field(default_factory=list)

    def first(self, attr: str):
        return next((getattr(u, attr) for u in self.units if getattr(u, attr) is not None), None)


def unit(sentence: Sentence, lang: str, published: datetime, previous: date | None, story: Where,
         found: DateFound | None, actors: list[ActorMention]) -> Unit:
    """What one sentence says; `found` is its date as read without context (re-read when it says "the next day")."""
    text = sentence.text
    killed, injured, phrases = casualties(text)
    w = within(story, sentence.start, sentence.end)
    w = replace(w, places=tuple(_plausible(list(w.places), story)))
    update = is_toll_update(text)
    if previous and NEXT_DAY.search(text):
        found = find_date(text, published, previous)
    found = None if update else found
    denied = bool(DENIAL.search(text))   # the other side's version names no kind of incident of its own
    kind = None if denied else event_type(text)
    return Unit(sentence, kind, None if denied else weapon(text), found, w,
                best_place(list(w.places), None), killed, injured, phrases, is_summary(text),
                bool(ANAPHORA.search(text)), update, shifted(actors, sentence.start, sentence.end), refers_back(text),
                only_an_explosion(text, kind), uncounted_summary(text))


def group(units: list[Unit]) -> list[Draft]:
    """Sentences about the same incident merge; a new type, place, day or toll starts another.

    Specific sentences form the incidents; the title and summary sentences
    ("attacks on two villages") are placed last, into the incident they fit,
    and bring no toll or place of their own when specific sentences exist.
    """
    body = [u for u in units if not u.sentence.is_title]
    specific = [u for u in body if not u.summary] or body
    drafts: list[Draft] = []
    for u in specific:
        if u.impact and any(d.first("event_type") in REMOTE for d in drafts):
            u = replace(u, event_type=None, weapon=None)   # the strike's explosion, not a bomb of its own
        if u.update and drafts and not u.event_type:
            drafts[-1].units.append(u)
            continue
        wounded_after = bool(drafts) and aftermath(u.sentence.text) and not (u.event_type or u.killed)
        if wounded_after:
            u = replace(u, place=None, date=None)   # the hospital's town and the day of the news are not the incident's
        # a claim's toll is the group's boast and its place may be the group's name ('EI-Sahel'): no incident of its own
        if u.back and drafts and (claims_it(u.sentence.text) or not (u.killed or u.injured or u.place)):
            target = [d for d in drafts if not u.event_type or d.first("event_type") in (None, u.event_type)] or drafts
            dated = target[-1].first("date") is not None   # then the day named is a claim's or a witness's
            target[-1].units.append(replace(u, date=None) if dated else u)
            continue
        target = next((d for d in drafts if _fits(d, u)), None)
        if target is None:
            drafts.append(Draft([u]))
        else:   # 'parmi les blessés, huit dans un état grave' is not the number wounded
            target.units.append(replace(u, injured=None) if wounded_after and target.first("injured") else u)
    for u in [u for u in body if u not in specific] + [u for u in units if u.sentence.is_title]:
        _place_general(drafts, u)
    return drafts


def _place_general(drafts: list[Draft], u: Unit) -> None:
    """A title or summary sentence joins the incident it fits. A summary's toll is the sum of the incidents
    told apart ('23 tués dans des frappes': 15 at Jabalia, 8 at Khan Younis), dropped when those add up to
    it and kept when they do not; 'five killed in strikes on Rafah' beside a rocket salvo is an incident of its own."""
    if not drafts:
        drafts.append(Draft([u]))
        return
    fitting = next((d for d in drafts if _fits(d, u)), None)
    if u.uncounted and fitting is None and not _accounted(u, drafts):
        drafts.append(Draft([u]))
        return
    general = (u.summary and len(drafts) > 1 and _accounted(u, drafts)) or fitting is None \
        or (len(drafts) > 1 and u.sentence.is_title)
    (fitting or drafts[0]).units.append(replace(u, killed=None, injured=None, place=None) if general else u)


def _accounted(u: Unit, drafts: list[Draft]) -> bool:
    """The summary's dead are no more than the dead of the incidents told apart (or it names none)."""
    tolls = [_toll(d.units, "killed") for d in drafts]
    return u.killed is None or u.killed.min <= sum(t.max or t.min for t in tolls if t)


def _overlap(a: Range, b: Range) -> bool:
    return a.min <= (b.max if b.max is not None else a.min) and b.min <= (a.max if a.max is not None else b.min)


def _fits(d: Draft, u: Unit) -> bool:
    d_type, d_place, d_date = d.first("event_type"), d.first("place"), d.first("date")
    if u.event_type and d_type and u.event_type != d_type and not _same_salvo(d, u, d_type):
        return False
    if u.event_type and not d_type and (u.killed or u.injured) and (d.first("killed") or d.first("injured")):
        return False
    if u.place and d_place and _apart(u.place, d_place) and u.place.kind == d_place.kind == "pattern":
        return False
    if u.place and d_place and _apart(u.place, d_place) and (u.killed or u.injured):
        return False
    if u.date and d_date and u.date.value != d_date.value:
        return False
    return not (u.killed and d.first("killed") and not _overlap(u.killed, d.first("killed")))


def _apart(a: PlaceMention, b: PlaceMention) -> bool:
    """Two places that cannot be one incident's: different names, unless one is an area (a district,
    a region) the other may lie in ('shelling on Kherson... in the Dnipro district')."""
    if a.name == b.name:
        return False
    nested = is_area(a) != is_area(b)
    return not (nested and None in (a.country, b.country) or nested and a.country == b.country)


def _same_salvo(d: Draft, u: Unit, d_type: str) -> bool:
    """'Une attaque de missiles et de drones... Un missile balistique a touché un immeuble': the missile
    belongs to the salvo already told."""
    return u.event_type in REMOTE and d_type in REMOTE and any(combined_salvo(x.sentence.text) for x in d.units)


def to_incident(d: Draft, previous: Incident | None, story_date: DateFound | None, story_where: Where,
                published: datetime, lang: str) -> Incident:
    body = [u for u in d.units if not u.sentence.is_title] or d.units
    texts = [u.sentence.text for u in d.units]
    places = _plausible([u.place for u in d.units if u.place], story_where)
    mentions = [(u.sentence.text, u.actors) for u in d.units]
    country = decide_country([c for u in d.units for c in u.where.countries], places, story_where,
                             actor_country(mentions) or next((n.country for u in d.units for n in u.where.nationals), None),
                             [c for u in d.units for c in u.where.located], [p for u in d.units for p in u.where.places])
    place = best_place(places, country)
    if place is None and previous and previous.location and previous.country == country \
            and any(u.anaphora for u in d.units):
        place = _inherited(previous)
    spot = pin(place, country, story_where)   # the point, its precision: the place's, else the nearest area's
    found = d.first("date") or story_date
    kind = d.first("event_type") or "attack"
    arm = d.first("weapon")
    own = " ".join(t for t in texts if not DENIAL.search(t))
    if kind == "attack" and arm in (None, "firearm") and armed_on_both_sides(own):
        kind = "armed_clash"
    actor1, actor2 = _actors(d)
    return Incident(
        kind="incident", event_type=kind, date=found.value if found else published.date(),
        country=country, location=spot.location, lat=spot.lat, lon=spot.lon,
        actor1=actor1, actor2=actor2, weapon=arm or _default_weapon(kind),
        killed=_toll(body, "killed"), injured=_toll(body, "injured"),
        date_precision=found.precision if found else "day",
        geo_precision=spot.precision,
        evidence=" ".join(texts), evidence_spans=tuple((u.sentence.start, u.sentence.end) for u in d.units),
        casualty_phrases=tuple(p for u in d.units for p in u.phrases),
        claimed_by=_claimed_by(texts), confidence=_confidence(d, place, found))


def _actors(d: Draft) -> tuple[str | None, str | None]:
    """Who acted and who was hit, from the body first; the title's actors come last, after the body's
    victims ('air strike kills 12 civilians' in the body beats '... as Arakan Army advances' in the title)."""
    body = sorted((u for u in d.units if not u.sentence.is_title and not DENIAL.search(u.sentence.text)),
                  key=lambda u: u.sentence.start)   # in the story's order, not the other side's version
    actor1, actor2 = roles([(u.sentence.text, u.actors) for u in body])
    actor2 = actor2 or victims([p for u in body for p in u.phrases], [u.sentence.text for u in body])
    if len(body) == len(d.units) or (actor1 and actor2):
        return actor1, actor2
    title1, title2 = roles([(u.sentence.text, u.actors) for u in d.units if u.sentence.is_title])
    actor1 = actor1 or (title1 if title1 != actor2 else None)
    actor2 = actor2 or (title2 if title2 != actor1 else None)
    return actor1, actor2 or victims([p for u in d.units for p in u.phrases], [u.sentence.text for u in d.units])


def _plausible(places: list[PlaceMention], story_where: Where) -> list[PlaceMention]:
    return plausible(places, story_where)   # homonyms are refused when the story's names are resolved (where.py)


def _inherited(previous: Incident) -> PlaceMention:
    return PlaceMention(0, 0, previous.location, previous.location, previous.country, previous.lat, previous.lon,
                        previous.geo_precision or "town", "pattern")


def _toll(units: list[Unit], kind: str) -> Range | None:
    """The latest toll update if any, else the highest figure stated."""
    updates = [getattr(u, kind) for u in units if u.update and getattr(u, kind) is not None]
    if updates:
        return updates[-1]
    stated = [u for u in units if getattr(u, kind) is not None]
    # a side's boast of what it inflicted gives way to any other source's figure
    values = [getattr(u, kind) for u in stated if not BOAST.search(u.sentence.text)] or \
        [getattr(u, kind) for u in stated]
    if not values:
        return None
    return max(values, key=lambda r: (r.min, r.max or r.min))


def _default_weapon(kind: str) -> str | None:
    return {"armed_clash": "firearm", "attack": "firearm", "grenade": "grenade"}.get(kind)


def _claimed_by(texts: list[str]) -> str | None:
    for text in texts:
        m = CLAIMED_AFTER.search(text) or CLAIMED_BY.search(text)
        if m:
            return m.group("src").strip()
    return None


def _confidence(d: Draft, place: PlaceMention | None, found: DateFound | None) -> float:
    score = 0.4 + 0.1 * min(len(d.units), 3) + (0.1 if place else 0) + (0.1 if found else 0)
    return round(min(score, 0.95), 2)
