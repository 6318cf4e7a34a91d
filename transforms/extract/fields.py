"""Stage 4 of extraction: an incident's fields from its grouped readings: type, date, place and country,
actors, weapon (tolls.py gives killed and injured), evidence and confidence."""
from __future__ import annotations

import re

from transforms.models import Incident

from . import rx
from .dates import DateFound, find_date
from .grouping import Draft
from .lexicon import lexicon
from .places import PlaceMention
from .reading import DENIAL, StoryContext
from .sides import actor_country, hit_country, known_by_the_act, roles, victims
from .tolls import toll
from .triggers import clash_or_attack, event_type
from .where import best_place, decide_country, pin, plausible, within

CLAIMED_BY = rx.compile(r"\b(?:selon|d'après|according to|a indiqué|ont indiqué|a déclaré|said|say|says|told)\s+"
                        r"(?:la |le |les |l'|l’|the |des |a |an |un |une )?(?P<src>[\w'’ -]{3,40}?)\s*(?:[,.;]|$)", re.I)
# the English order: "..., police said." / "..., a security source told AFP on Tuesday."
CLAIMED_AFTER = re.compile(r",\s+(?:the |a |an )?(?P<src>[\w'’ -]{3,40}?)\s+(?:said|says|told \w+)"
                           r"(?:\s+on \w+|\s+\w+day)?\s*[.;]?\s*$")


def incident(d: Draft, previous: Incident | None, story: StoryContext) -> Incident:
    body = [r for r in d.readings if not r.sentence.is_title] or d.readings
    texts = [r.sentence.text for r in d.readings]
    place, country = _where(d, previous, story)
    spot = pin(place, country, story.where, _spread(d, story))   # the point, its precision: the place's, else the nearest area's
    found = d.first("date") or story.lead_date or _report_day(d, story)
    kind = _told_elsewhere(d.kind(), texts, story.text) or "attack"
    arm = _weapon(d, kind)
    own = " ".join(t for t in texts if not DENIAL.search(t))
    actor1, actor2 = _actors(d)
    actor1 = None if actor1 and known_by_the_act(actor1) else actor1
    actor2 = actor2 or hit_country(actor1, country)
    if kind == "attack" and arm in (None, "firearm", "ied"):   # an ambush with explosives and guns
        kind = clash_or_attack(own, [p for r in d.readings for p in r.phrases if r.killed or r.injured], actor2)
    if kind == "suicide_bomb" and arm not in BOMBER_WEAPONS:
        arm = None   # the bomber's vest or vehicle, not the gunfire that followed nor 'the bomb went off' (a bare IED)
    return Incident(
        kind="incident", event_type=kind, date=found.value if found else story.published.date(),
        country=country, location=spot.location, lat=spot.lat, lon=spot.lon,
        actor1=actor1, actor2=actor2, weapon=arm or _default_weapon(kind, texts, story.text),
        killed=toll(body, "killed"), injured=toll(body, "injured"),
        date_precision=found.precision if found else "day",
        geo_precision=spot.precision,
        evidence=" ".join(texts), evidence_spans=tuple((r.sentence.start, r.sentence.end) for r in d.readings),
        casualty_phrases=tuple(p for r in d.readings for p in r.phrases),
        claimed_by=_claimed_by(texts), confidence=_confidence(d, place, found))


def _spread(d: Draft, story: StoryContext) -> bool:
    """'strikes in Iraq and Syria': the sentences place the incident in several countries (read in the
    story, as an incident split by country keeps only its own)."""
    return len({c.country for r in d.readings
                for c in within(story.where, r.sentence.start, r.sentence.end).located}) > 1


def _report_day(d: Draft, story: StoryContext) -> DateFound | None:
    """With no day of its own, the incident is dated by the day it was told ("Mali said yesterday that
    insurgents attacked..."): it happened by then, and publication is later still."""
    return next((f for r in d.readings if (f := find_date(r.sentence.text, story.published, reported=True))
                 and f.value and f.value <= story.published.date()), None)


def _where(d: Draft, previous: Incident | None, story: StoryContext) -> tuple[PlaceMention | None, str | None]:
    """The incident's place (most specific, agreeing with its country) and country."""
    places = plausible([r.place for r in d.readings if r.place], story.where)
    mentions = [(r.sentence.text, r.actors) for r in d.readings]
    national = actor_country(mentions) or next((n.country for r in d.readings for n in r.where.nationals), None)
    country = decide_country([c for r in d.readings for c in r.where.countries], places, story.where, national,
                             [c for r in d.readings for c in r.where.located],
                             [p for r in d.readings for p in r.where.places])
    place = best_place(places, country)
    if place is None and previous and previous.location and previous.country == country \
            and any(r.anaphora for r in d.readings):
        place = _inherited(previous)
    return place, country


def _actors(d: Draft) -> tuple[str | None, str | None]:
    """Who acted and who was hit, from the body first; the title's actors come last, after the body's
    victims ('air strike kills 12 civilians' in the body beats '... as Arakan Army advances' in the title)."""
    body = sorted((r for r in d.readings if not r.sentence.is_title and not DENIAL.search(r.sentence.text)),
                  key=lambda r: r.sentence.start)   # in the story's order, not the other side's version
    actor1, actor2 = roles([(r.sentence.text, r.actors) for r in body])
    actor2 = _hit(actor2) or victims([p for r in body for p in r.phrases], [r.sentence.text for r in body])
    if len(body) == len(d.readings) or (actor1 and actor2):
        return actor1, actor2
    title1, title2 = roles([(r.sentence.text, r.actors) for r in d.readings if r.sentence.is_title])
    actor1 = actor1 or (title1 if title1 != actor2 else None)
    actor2 = actor2 or (_hit(title2) if title2 != actor1 else None)
    return actor1, actor2 or victims([p for r in d.readings for p in r.phrases], [r.sentence.text for r in d.readings])


ATTACKER_CLASS = re.compile(r"(?:les |des |the )?(?:islamistes?|islamists?|jihadistes?|djihadistes?|jihadists?|terroristes?|"
                            r"terrorists?|militants?|insurgés?|insurgents?)(?: \w+)?", re.I)


def _hit(target: str | None) -> str | None:
    """A target is who was hit: never the attackers named by their act or class ('the suicide bomber' among
    the dead, 'des islamistes radicaux' who claimed it)."""
    if target and (known_by_the_act(target) or ATTACKER_CLASS.fullmatch(target)):
        return None
    return target


def _inherited(previous: Incident) -> PlaceMention:
    return PlaceMention(0, 0, previous.location, previous.location, previous.country, previous.lat, previous.lon,
                        previous.geo_precision or "town", "pattern")


# a kind of missile or bomb told anywhere in the incident names the weapon more exactly than a bare one
SPECIFIC = {"missile": ("ballistic_missile", "cruise_missile"), "ied": ("vehicle_bomb", "suicide_vest"),
            "artillery": ("rocket",)}   # "shelling" beside the rockets or Grad launchers that fired it
BOMBER_WEAPONS = ("suicide_vest", "vehicle_bomb")
VEHICLE = re.compile(r"\b(?:car|vehicle|truck|véhicule|voiture|camion)s?\b", re.I)


FIRED = ("ballistic_missile", "cruise_missile", "rocket", "mortar", "artillery", "missile")


def _weapon(d: Draft, kind: str) -> str | None:
    named = [r.weapon for r in d.readings if r.weapon]
    if kind == "shelling_missile" and any(w in FIRED for w in named):   # 'les tirs' of a shelling are no gunfire
        named = [w for w in named if w in FIRED]
    first = named[0] if named else None
    return next((w for w in named if w in SPECIFIC.get(first, ())), first)


def _default_weapon(kind: str, texts: list[str], story: str) -> str | None:
    """A weapon the kind implies: a grenade attack's grenade, a suicide bomber's vest (unless a vehicle is
    named); a bombing whose sentences name no weapon was the vehicle bomb the story names elsewhere (in a
    quote, a caption: 'ils ont fait sauter le véhicule bourré d'explosifs', 'the truck bombing'); nothing else
    is invented (a shooting named no gun: the schema's null)."""
    if kind in BOMBINGS and _vehicle_bomb().search(story):
        return "vehicle_bomb"
    if kind == "suicide_bomb":
        return "vehicle_bomb" if any(VEHICLE.search(t) for t in texts) else "suicide_vest"
    return {"grenade": "grenade"}.get(kind)


BOMBINGS = ("suicide_bomb", "remote_explosive")


# what a bombing is called without its type: 'l'attentat', 'the bombing'
BOMBING_NOUN = re.compile(r"(?<![\w-])(?:attentats?|bombings?)(?![\w-])", re.I)


def _told_elsewhere(kind: str | None, texts: list[str], story: str) -> str | None:
    """An 'attentat' or 'bombing' whose own sentences give no type, or no more than a planted bomb, is the
    bombing the story tells elsewhere ('Parmi les kamikazes figuraient...', 'la bombe a explosé pendant la
    prière', 'the suicide bomber was a teenager')."""
    if kind not in (None, "remote_explosive") or not any(BOMBING_NOUN.search(t) for t in texts):
        return kind
    told = event_type(story)
    return told if told in BOMBINGS else kind


def _vehicle_bomb() -> re.Pattern:
    return dict(lexicon()["weapons"])["vehicle_bomb"]


def _claimed_by(texts: list[str]) -> str | None:
    for text in texts:
        m = CLAIMED_AFTER.search(text) or CLAIMED_BY.search(text)
        if m:
            return m.group("src").strip()
    return None


def _confidence(d: Draft, place: PlaceMention | None, found: DateFound | None) -> float:
    score = 0.4 + 0.1 * min(len(d.readings), 3) + (0.1 if place else 0) + (0.1 if found else 0)
    return round(min(score, 0.95), 2)
