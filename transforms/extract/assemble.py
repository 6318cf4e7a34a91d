"""From sentences to incidents: which sentences report violence as news, how
they group into incidents, and which fields each incident gets."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from transforms.models import Incident, Range

from .actors import find_actors
from .casualties import casualties
from .dates import DateFound, find_date
from .lexicon import lexicon
from .numbers import NUMBER, QUANTITY, quantity
from .places import PlaceMention, find_places
from .sentences import Sentence

TITLE_VETO = ("sport", "cyber", "medical", "animal", "justice", "memory")
SENTENCE_VETO = ("sport", "cyber", "medical", "animal", "justice", "memory", "hypothetical", "negation",
                 "air_defence")
SUMMARY = re.compile(r"\b(?:attaques|attacks|raids) (?:contre|on|against) (?:deux|trois|quatre|two|three|four|\d+)\b"
                     r"|\b(?:two|three|deux|trois) (?:raids|attaques|attacks)\b", re.I)
PRECISION = {"site": 4, "city": 3, "region": 2, "country": 1}
VICTIMS = re.compile(r"\b(?P<v>civils|civilians|villageois|villagers|habitants|residents|soldats|soldiers|militaires|"
                     r"policiers|policemen|police officers|police|troops|forces américaines|US forces|"
                     r"US troops|US service members|passengers|commuters|farmers|herders|fidèles|worshippers)\b", re.I)


@dataclass
class Unit:
    """What one sentence says about an incident."""
    sentence: Sentence
    event_type: str | None
    weapon: str | None
    date: DateFound | None
    place: PlaceMention | None
    killed: Range | None
    injured: Range | None
    phrases: list[str]
    summary: bool


@dataclass
class Draft:
    units: list[Unit] = field(default_factory=list)

    def first(self, attr: str):
        return next((getattr(u, attr) for u in self.units if getattr(u, attr) is not None), None)


def vetoed_title(title: str) -> bool:
    """A title about sport, cyber, health, animals, trials or memory; politics unless people were hurt."""
    cues = lexicon()["not_incident"]
    if any(cues[k].search(title) for k in TITLE_VETO):
        return True
    hurt = re.search(lexicon()["killed"] + "|" + lexicon()["injured"], title, re.I)
    return bool(cues["politics"].search(title)) and not hurt


def is_incident(sentence: Sentence, published: datetime) -> bool:
    lx = lexicon()
    text = sentence.text
    if not lx["violence"].search(text) or lx["background"].search(text):
        return False
    if any(lx["not_incident"][k].search(text) for k in SENTENCE_VETO):
        return False
    found = find_date(text, published)
    return not (found and found.value and found.value < published.date() - timedelta(days=7))


# a place named as where people were taken or came from, not where the incident happened
ELSEWHERE = re.compile(r"(?:vers|towards|flown to|taken to|rushed to|evacuated to|évacués vers|transférés (?:à|vers)|"
                       r"réfugiée? à|refuge in|hospital in|hôpital d[e']|from|depuis|sent from|dépêchés depuis)\s+"
                       r"(?:la |le |l'|l’|the )?$", re.I)
QUOTED = re.compile(r"[«“\"][^»”\"]{0,120}[»”\"]")


def unit(sentence: Sentence, lang: str, published: datetime, previous: date | None) -> Unit:
    text = sentence.text
    unquoted = QUOTED.sub(" ", text)   # a quoted claim ("killed in clashes") names no new kind of incident
    killed, injured, phrases = casualties(text)
    places = [p for p in find_places(text, lang) if not ELSEWHERE.search(text[max(0, p.start - 40):p.start])]
    place = max(places, key=lambda p: (PRECISION.get(p.precision, 0), -p.start), default=None)
    return Unit(sentence, _first(lexicon()["event_types"], unquoted), _first(lexicon()["weapons"], unquoted),
                find_date(text, published, previous), place, killed, injured, phrases,
                bool(SUMMARY.search(text) or SUMMARY_OF_MANY.search(text)))


def _first(table, text: str) -> str | None:
    return next((name for name, pattern in table if pattern.search(text)), None)


SUMMARY_OF_MANY = re.compile(r"\b(?:attaques|attacks|raids)\b[^.]{0,60}\b(?:contre|on|against|sur)\b[^.]{0,20}?"
                             r"\b(?:deux|trois|quatre|cinq|plusieurs|two|three|four|five|several|\d+) "
                             r"(?:villages|localités|towns|positions|sites|hamlets)", re.I)


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
        _place_unit(drafts, u)
    for u in [u for u in body if u not in specific] + [u for u in units if u.sentence.is_title]:
        if not drafts:
            drafts.append(Draft([u]))
            continue
        fitting = next((d for d in drafts if _fits(d, u)), None)
        general = u.summary or fitting is None
        (fitting or drafts[0]).units.append(replace(u, killed=None, injured=None, place=None) if general else u)
    return drafts


def _place_unit(drafts: list[Draft], u: Unit) -> None:
    target = next((d for d in drafts if _fits(d, u)), None)
    if target is None:
        drafts.append(Draft([u]))
    else:
        target.units.append(u)


def _overlap(a: Range, b: Range) -> bool:
    return a.min <= (b.max if b.max is not None else a.min) and b.min <= (a.max if a.max is not None else b.min)


def _fits(d: Draft, u: Unit) -> bool:
    d_type, d_place, d_date = d.first("event_type"), d.first("place"), d.first("date")
    if u.event_type and d_type and u.event_type != d_type:
        return False
    if u.event_type and not d_type and (u.killed or u.injured) and (d.first("killed") or d.first("injured")):
        return False
    if u.place and d_place and u.place.name != d_place.name and u.place.kind == d_place.kind == "pattern":
        return False
    if u.place and d_place and u.place.name != d_place.name and (u.killed or u.injured):
        return False
    if u.date and d_date and u.date.value != d_date.value:
        return False
    return not (u.killed and d.first("killed") and not _overlap(u.killed, d.first("killed")))


def to_incident(d: Draft, story_date: DateFound | None, countries: list[PlaceMention], published: datetime,
                lang: str) -> Incident:
    body = [u for u in d.units if not u.sentence.is_title] or d.units
    place = max((u.place for u in d.units if u.place), key=lambda p: PRECISION.get(p.precision, 0), default=None)
    found = d.first("date") or story_date
    event_type = d.first("event_type") or "attack"
    weapon = d.first("weapon")
    if event_type == "attack" and weapon in (None, "firearm") and _military_target(d):
        event_type = "armed_clash"
    return Incident(
        kind="incident", event_type=event_type,
        date=found.value if found else published.date(),
        country=_country(d, place, countries), location=place.name if place else None,
        lat=place.lat if place else None, lon=place.lon if place else None,
        actor1=_actor1(d, lang), actor2=_actor2(d), weapon=weapon or _default_weapon(event_type),
        killed=_toll(body, "killed"), injured=_toll(body, "injured"),
        date_precision=found.precision if found else "day",
        geo_precision=place.precision if place else None,
        evidence=" ".join(u.sentence.text for u in d.units),
        evidence_spans=tuple((u.sentence.start, u.sentence.end) for u in d.units),
        casualty_phrases=tuple(p for u in d.units for p in u.phrases),
        claimed_by=_claimed_by(d), confidence=min(0.95, 0.4 + 0.15 * len(d.units)))


def _toll(units: list[Unit], kind: str) -> Range | None:
    values = [getattr(u, kind) for u in units if getattr(u, kind) is not None]
    if not values:
        return None
    return max(values, key=lambda r: (r.min, r.max or r.min))


def _country(d: Draft, place: PlaceMention | None, countries: list[PlaceMention]) -> str | None:
    if place and place.country:
        return place.country
    spans = [(u.sentence.start, u.sentence.end) for u in d.units]
    inside = [c for c in countries if any(s <= c.start < e for s, e in spans)]
    for pool in ([c for c in inside if c.kind == "country"], [c for c in countries if c.kind == "country"],
                 inside, countries):
        if pool:
            return pool[0].country
    return None


def _military_target(d: Draft) -> bool:
    text = " ".join(u.sentence.text for u in d.units)
    return bool(re.search(r"\b(?:soldats|soldiers|militaires|troops|army|armée|base militaire|military base|camp "
                          r"militaire|army camp|army base|position militaire|military position|détachement|"
                          r"combats|clashes|fighting|gunbattle)\b", text, re.I))


def _default_weapon(event_type: str) -> str | None:
    return {"armed_clash": "firearm", "attack": "firearm", "grenade": "grenade"}.get(event_type)


def _actor1(d: Draft, lang: str) -> str | None:
    for u in d.units:
        mentions = find_actors(u.sentence.text, lang)
        if mentions:
            return mentions[0].name
    return None


def _actor2(d: Draft) -> str | None:
    for u in d.units:
        m = VICTIMS.search(u.sentence.text)
        if m:
            return m.group("v")
    return None


def _claimed_by(d: Draft) -> str | None:
    for u in d.units:
        m = re.search(r"\b(?:selon|according to|a indiqué|said) (?:la |le |les |l'|the )?(?P<src>[\w' -]{3,40}?)[,.]",
                      u.sentence.text, re.I)
        if m:
            return m.group("src").strip()
    return None


# --- aggregates --------------------------------------------------------------

AGG_COUNT = re.compile(rf"(?P<q>(?:(?:plus de|more than|au moins|at least|some|about)\s+)?(?:{NUMBER}|des dizaines|dozens|"
                       rf"une? \w+aines?))\s+(?:[\w-]+\s+){{0,4}}?(?:attaques|attacks|attentats|frappes de drones|"
                       rf"drone strikes|raids)\b", re.I)
AGG_TIMES = re.compile(r"(?:attaqué(?:e|s|es)?|attacked|targeted|visé(?:e|s|es)?) (?P<q>(?:plus de|more than|au moins|at least) [\w-]+) fois", re.I)
PERIOD = re.compile(r"\b(?:depuis le|since) (?P<since>\d{1,2}(?:er)? [a-zéû]+|[A-Za-z]+\.? \d{1,2})\b|\b(?:en|in) (?P<month>janvier|février|mars|avril|mai|juin|"
                    r"juillet|août|septembre|octobre|novembre|décembre|January|February|March|April|May|June|July|"
                    r"August|September|October|November|December)\b|(?P<week>la semaine dernière|last week)"
                    r"|(?P<same>over the same period|sur la même période)", re.I)


def aggregate(sentence: Sentence, published: datetime, previous: tuple | None) -> Incident | None:
    text = sentence.text
    m = AGG_COUNT.search(text) or AGG_TIMES.search(text)
    p = PERIOD.search(text)
    if not m or not p:
        return None
    q = QUANTITY.search(m.group("q"))
    count = quantity(q) if q else None
    if count is None or count.min < 2:
        return None
    start, end = _period(p, published, previous)
    if start is None:
        return None
    killed, injured, _ = casualties(text)
    return Incident(kind="aggregate", event_type=_first(lexicon()["event_types"], text),
                    count=count, period_start=start, period_end=end, killed=killed, injured=injured,
                    evidence=text, evidence_spans=((sentence.start, sentence.end),), date_precision="unknown")


def _period(p: re.Match, published: datetime, previous: tuple | None):
    pub = published.date()
    if p["since"]:
        found = find_date(p["since"], published)
        return (found.value, pub) if found and found.value else (None, None)
    if p["month"]:
        found = find_date(f"1 {p['month']}", published)
        if not found or not found.value:
            return None, None
        start = found.value
        nxt = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
        return start, min(nxt - timedelta(days=1), pub)
    if p["week"]:
        monday = pub - timedelta(days=pub.weekday() + 7)
        return monday, monday + timedelta(days=6)
    return previous if previous else (None, None)
