"""Stage 3 of extraction: readings grouped into incidents, by what their roles say and by compatibility.

A revision joins the incident told last; the wounded after the fact join the incident they fit, without
lending it the hospital's town or the day of the news; a claim or a detail joins the incident it
refers to. An incident reading joins an open incident when nothing sets them apart (type, place, day,
toll), and opens a new one otherwise. The title and the sentences that sum up several incidents
("attacks on two villages") come last, into the incident they fit, and bring no toll or place of their
own when the story tells the incidents one by one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from transforms.models import Range

from .numbers import NUMBER, parse_number
from .places import PlaceMention
from .reading import Reading
from .several import LINK_WORD
from .sides import sides_of
from .tolls import toll
from .triggers import REMOTE_ARMS, own_vest, sums_up_the_told
from .where import is_area

REMOTE = ("air_drone_strike", "shelling_missile")
# what a weak type may be told as elsewhere: a bare 'strike' is a strike of some kind, an explosion a bomb or an impact
LOOSE = {"air_drone_strike": REMOTE, "remote_explosive": REMOTE + ("remote_explosive", "suicide_bomb", "grenade")}
# 'the bomb went off' and 'the suicide bomber' tell one bombing: the bomber's is the type
BOMBING = {"remote_explosive", "suicide_bomb"}


@dataclass
class Draft:
    readings: list[Reading] = field(default_factory=list)

    def first(self, attr: str):
        # "l'attaque s'est produite jeudi"; then a day named before a vague one ('at the weekend')
        told = [r for r in self.readings if r.timed] + [r for r in self.readings if r.date and r.date.value] \
            if attr == "date" else []
        return next((getattr(r, attr) for r in told + self.readings if getattr(r, attr) is not None), None)

    def kind(self) -> str | None:
        """The first type a sentence states outright, else the weak one ('an explosion', 'a strike') of the
        sentence that told the incident first ('footage showed loud explosions' does not type an attack)."""
        stated = [r.event_type for r in self.readings if r.event_type and not r.weak_type]
        if "suicide_bomb" in stated and set(stated) <= BOMBING | {None}:
            return "suicide_bomb"
        first = self.readings[0]
        if first.weapon == "firearm" and not first.event_type and set(stated) <= BOMBING:
            return None   # gunmen told first: 'the mines the attackers leave behind' told later is no type of theirs
        return next(iter(stated), None) or first.event_type


@dataclass(frozen=True)
class Joined:
    """Where one reading went, and why (for --explain)."""
    reading: Reading
    incident: int     # index into the drafts
    why: str
    opened: bool = False   # it opened the incident


def group(readings: list[Reading]) -> tuple[list[Draft], list[Joined]]:
    body = [r for r in readings if not r.sentence.is_title]
    specific = [r for r in body if not r.summary] or body
    drafts: list[Draft] = []
    joined: list[Joined] = []
    for r in specific:
        if r.impact and any(d.first("event_type") in REMOTE for d in drafts):
            r = replace(r, event_type=None, weapon=None)   # the strike's explosion, not a bomb of its own
        if r.event_type == "suicide_bomb" and drafts and drafts[-1].kind() not in BOMBING and not r.date \
                and own_vest(r.sentence.text):
            r = replace(r, event_type=None, weapon=None)   # the gunmen's own vest: their attack goes on
        target, r, why = _target(drafts, r)
        if target is None:
            drafts.append(Draft([r]))
            joined.append(Joined(r, len(drafts) - 1, why, opened=True))
        else:
            target.readings.append(r)
            joined.append(Joined(r, drafts.index(target), why))
    for r in [r for r in body if r not in specific] + [r for r in readings if r.sentence.is_title]:
        joined.append(_place_general(drafts, r))
    return drafts, joined


def substantial(drafts: list[Draft], joined: list[Joined]) -> tuple[list[Draft], list[Joined]]:
    """Incidents that say something specific: a kind, a weapon, a toll, a place or who acted. 'He died after
    he was admitted for a check-up': a violence word alone is no incident."""
    kept = [d for d in drafts if any(r.event_type or r.weapon or r.killed or r.injured or r.place
                                     or any(a.kind in ("group", "generic") for a in r.actors) for r in d.readings)]
    number = {id(d): n for n, d in enumerate(kept)}
    if len(kept) == len(drafts):
        return drafts, joined
    out = []
    for j in joined:
        d = drafts[j.incident]
        if id(d) in number:
            out.append(replace(j, incident=number[id(d)]))
        else:
            out.append(replace(j, incident=-1, why=f"{j.why}; dropped: nothing specific (no kind, weapon, toll, place or actor)"))
    return kept, out


def _target(drafts: list[Draft], r: Reading) -> tuple[Draft | None, Reading, str]:
    """(the open incident the reading joins or None for a new one, the reading as it joins, why)."""
    if not drafts:
        return None, r, "the first incident told" if r.role == "incident" else f"a {r.role} with nothing told before"
    if r.role == "revision":
        return drafts[-1], r, "revises the toll of the incident told last"
    if r.role == "aftermath":
        # the hospital's town and the day of the news are not the incident's
        r = replace(r, place=None, date=None)
        target = next((d for d in drafts if _fits(d, r)), None)
        if target is None:
            return None, r, "the wounded of no incident told"
        # 'parmi les blessés, huit dans un état grave' is not the number wounded
        return target, replace(r, injured=None) if target.first("injured") else r, "the wounded after the fact"
    if r.role in ("claim", "detail"):
        same = [d for d in drafts if not r.event_type or d.first("event_type") in (None, r.event_type)] or drafts
        # '..., a day after a suicide bombing': the details that follow tell the incident, not the one it came after
        target = ([d for d in same if d.readings[0].linked is None] or same)[-1]
        dated = target.first("date") is not None and r.role == "claim"   # then the day named is the claim's
        return target, replace(r, date=None) if dated else r, f"a {r.role} of the incident told"
    if r.timed and not r.separate and _near(drafts[-1].first("date"), r.date):
        return drafts[-1], r, "tells when the incident told happened"
    if r.continues and not r.date and (not r.event_type or drafts[-1].kind() in (None, r.event_type)):
        return drafts[-1], r, "the attackers told before go on"
    target = None if r.separate else next((d for d in drafts if _fits(d, r)), None)
    if target is None:
        return None, r, "opens another incident ('separately')" if r.separate else \
            "differs from every incident told (type, place, day or toll)"
    return target, r, "tells an incident already told (same type, place, day, toll)"


def _near(a, b) -> bool:
    """Two dates of one incident as told: the same day or the next (a day told and a day corrected)."""
    return a is None or b is None or a.value is None or b.value is None or abs((a.value - b.value).days) <= 1


def _place_general(drafts: list[Draft], r: Reading) -> Joined:
    """A title or summary sentence joins the incident it fits. A summary's toll is the sum of the incidents
    told apart ('23 tués dans des frappes': 15 at Jabalia, 8 at Khan Younis), dropped when those add up to
    it and kept when they do not; 'five killed in strikes on Rafah' beside a rocket salvo is an incident of its own."""
    if not drafts:
        drafts.append(Draft([r]))
        return Joined(r, 0, "the only sentence telling the incident", opened=True)
    fitting = next((d for d in drafts if _fits(d, r)), None)
    if r.uncounted and fitting is None and not _accounted(r, drafts):
        drafts.append(Draft([r]))
        return Joined(r, len(drafts) - 1, "sums up strikes told nowhere else", opened=True)
    general = (r.summary and len(drafts) > 1 and (_accounted(r, drafts) or sums_up_the_told(r.sentence.text))) \
        or fitting is None \
        or (len(drafts) > 1 and r.sentence.is_title)
    target = fitting or drafts[0]
    if fitting is None and r.sentence.is_title and LINK_WORD.search(r.sentence.text):
        r = replace(r, event_type=None, weapon=None)   # 'X resumes air strikes after rebels kill 10': the other event's type
    target.readings.append(replace(r, killed=None, injured=None, place=None) if general else r)
    what = "the title" if r.sentence.is_title else "a summary"
    return Joined(r, drafts.index(target), f"{what}, placed last" + (": its toll and place are the incidents'" if general else ""))


def _accounted(r: Reading, drafts: list[Draft]) -> bool:
    """The summary's dead are no more than the dead of the incidents told apart (or it names none)."""
    tolls = [toll(d.readings, "killed") for d in drafts]
    return r.killed is None or r.killed.min <= sum(t.max or t.min for t in tolls if t)


def _fits(d: Draft, r: Reading) -> bool:
    d_type, d_place, d_date = d.kind(), d.first("place"), d.first("date")
    if r.retaliation and r.event_type != d_type and not any(x.retaliation for x in d.readings):
        return False   # the answer to an incident is another incident (the same strike told again has its type)
    d_weak = all(x.weak_type for x in d.readings if x.event_type)
    if r.event_type and d_type and r.event_type != d_type \
            and not (r.weak_type and d_type in LOOSE.get(r.event_type, ())) \
            and not (d_weak and r.event_type in LOOSE.get(d_type, ())) and not {r.event_type, d_type} <= BOMBING:
        return False
    if r.event_type and not d_type and _victims(r) and (d.first("killed") or d.first("injured")) \
            and not all(x.update for x in d.readings):
        return False   # 'the toll climbed to 62', then 'a bomber killed 57': the first toll of the incident revised
    if r.place and d_place and _apart(r.place, d_place) and r.place.kind == d_place.kind == "pattern":
        return False
    if r.place and d_place and _apart(r.place, d_place) and (r.killed or r.injured):
        return False
    if _town_of_its_own(r, d, d_place):
        return False
    if r.date and d_date and r.date.value != d_date.value and not _retold(r, d, d_date) \
            and not _day_disputed(r, d, d_date):
        return False
    if _placed_apart(r, d) or _sides_swapped(r, d):
        return False
    # figures that differ are sources disagreeing (tolls.py), but 'nobody was hurt' and 'one killed' are two incidents
    return not any(_none_and_some(getattr(r, kind), d.first(kind)) for kind in ("killed", "injured"))


def _victims(r: Reading) -> bool:
    """The reading counts victims; the attackers' own losses ('a suspected attacker was shot dead') are none."""
    return any(getattr(r, k) and k not in r.own for k in ("killed", "injured"))


def _sides_swapped(r: Reading, d: Draft) -> bool:
    """'US jets struck Houthi positions' beside 'the Houthis fired drones at a US destroyer': the side hit by the
    incident told acts in this one (or the other way round), so it answers that incident rather than tells it."""
    if not r.event_type or r.retaliation:   # an interception told, 'in retaliation for': two sides in one sentence
        return False
    mine = _sides(r)
    if mine[0] is None:
        return False
    theirs = [_sides(x) for x in d.readings]
    actor = next((a for a, _ in theirs if a), None)
    if actor is None or actor == mine[0]:
        return False
    return mine[0] in {t for _, t in theirs} or mine[1] == actor


def _sides(r: Reading) -> tuple[str | None, str | None]:
    return sides_of(r.sentence.text, r.actors)


def _town_of_its_own(r: Reading, d: Draft, d_place) -> bool:
    """'30 killed in raids in Niger State' then 'six died in the village of X': a town with a toll that
    differs from the one of an incident placed only in an area is one of the incidents inside it."""
    if not (r.place and r.place.precision in ("town", "site") and d_place and is_area(d_place)):
        return False
    if any(x.place and not is_area(x.place) for x in d.readings):
        return False
    return any(getattr(r, k) and d.first(k) and not _overlap(getattr(r, k), d.first(k)) for k in ("killed", "injured"))


def _overlap(a: Range, b: Range) -> bool:
    return (a.max is None or b.min <= a.max) and (b.max is None or a.min <= b.max)


def _retold(r: Reading, d: Draft, d_date) -> bool:
    """A sentence of no kind of its own, dated a day from the incident told and placed nowhere else: the day
    it was told again ('selon un communiqué publié mardi, 35 personnes ont été tuées'), not another incident.
    A sentence that opens on its day ('Samedi, un détachement a été attaqué') tells that day's incident,
    unless the incident's own day is only that of a revised toll."""
    if r.event_type or r.timed or r.linked:
        return False
    if r.day_first and not all(x.update for x in d.readings if x.date is not None):
        return False
    places = {x.place.name for x in d.readings if x.place}
    if not (r.place is None or is_area(r.place) or not places or r.place.name in places):
        return False
    if r.date.value is None or d_date.value is None:   # 'recently', 'at the weekend': a sentence with no toll of its own
        return not (r.killed or r.injured)
    return abs((r.date.value - d_date.value).days) <= 1


def _day_disputed(r: Reading, d: Draft, d_date) -> bool:
    """'two ballistic missiles fired on Tuesday', then 'intercepted two ballistic missiles on Wednesday': the same
    salvo told again a day apart, placed nowhere and with no toll of its own, is a source giving another day."""
    if not (r.weapon and r.weapon == d.first("weapon") and r.place is None and not (r.killed or r.injured)
            and not r.linked and _near(r.date, d_date)):
        return False
    mine = _salvo(r.sentence.text)
    return mine is not None and any(_salvo(x.sentence.text) == mine for x in d.readings)


PROJECTILES = re.compile(rf"(?<![\w-])({NUMBER}) (?:[\w-]+ ){{0,2}}?{REMOTE_ARMS}(?![\w-])", re.I)


def _salvo(text: str) -> int | None:
    """How many projectiles the sentence counts ('two ballistic missiles'), if it counts them."""
    m = PROJECTILES.search(text)
    return parse_number(m[1]) if m else None


def _none_and_some(a: Range | None, b: Range | None) -> bool:
    return a is not None and b is not None and (a.max == 0) != (b.max == 0)


IN = re.compile(r"\b(?:in|inside|en|au|aux|dans)\s+(?:the |la |le |l['’])?$", re.I)


def _placed_apart(r: Reading, d: Draft) -> bool:
    """Told as happening in one country and in another ('in Iraq' / 'in Syria'; not 'à la frontière du Mali')."""
    mine, theirs = _in_countries(r), {c for x in d.readings for c in _in_countries(x)}
    return bool(mine and theirs and not mine & theirs)


def _in_countries(r: Reading) -> set[str]:
    if r.country:
        return {r.country}
    text, start = r.sentence.text, r.sentence.start
    return {c.country for c in r.where.located if IN.search(text[max(0, c.start - start - 12):c.start - start])}


def _apart(a: PlaceMention, b: PlaceMention) -> bool:
    """Two places that cannot be one incident's: different names, unless one is an area (a district,
    a region) the other may lie in ('shelling on Kherson... in the Dnipro district')."""
    if a.name == b.name:
        return False
    nested = is_area(a) != is_area(b)
    return not (nested and None in (a.country, b.country) or nested and a.country == b.country)

