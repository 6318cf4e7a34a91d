"""One sentence telling several incidents: by their tolls ("gunmen struck the villages of Ancha and Nkiedonwhro,
killing nine and six people respectively": each toll an incident, with the place named in the same rank),
by their weapons ("18 drones et un missile": the drones and the missiles of one salvo are two incidents), by
their countries ("US strikes in Iraq and Syria": one incident in each), or by a linked clause ("..., a day
after gunmen killed five")."""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from transforms.models import Range

from . import rx
from .casualties import casualties
from .dates import DateFound, date_data
from .lexicon import lexicon
from .numbers import NUMBER, parse_number
from .sentences import Sentence
from .triggers import claims_it, combined_salvo, event_type, weapon

REMOTE = ("air_drone_strike", "shelling_missile")
DRONES = re.compile(r"(?<![\w-])drones?(?![\w-])", re.I)
MISSILES = re.compile(r"(?<![\w-])(?:missiles?|roquettes?|rockets?)(?![\w-])", re.I)

TOLLS = re.compile(rf"(?<![\w-])(?P<list>(?:{NUMBER}),? (?:(?:{NUMBER}),? )*(?:and|et) (?:{NUMBER}))(?![\w-])", re.I)
RESPECTIVELY = rx.compile(r"\b(?:respectively|respectivement)\b", re.I)
# "deux attaques distinctes", "two separate bombings": the sentence itself says there were several
DISTINCT = rx.compile(r"\b(?:two|three|four|deux|trois|quatre) (?:separate |distinct |different |"
                      r"simultaneous |simultanées |distinctes |différentes |)(?:attacks|attaques|attentats|bombings|"
                      r"strikes|frappes|explosions|blasts|raids|ambushes|embuscades)\b", re.I)
WINDOW = 30
LINK_WORD = rx.compile(r"\b(?:after|before|après|avant|lendemain|surlendemain|veille|retaliation|response|représailles|"
                       r"riposte|réponse)\b", re.I)   # a cheap first test
# ', a day after ...' or 'the attack comes a day after ...', 'l'attaque survient au lendemain de ...'
LINKED = [(int(days), re.compile(rf"(?:,\s+|\b(?:intervient|interviennent|survient|surviennent|comes|came)\s+"
                                 rf"(?:just |only )?)(?:{pattern})", re.I))
          for days, pattern in date_data()["linked"].items()]


def apart(u) -> list:
    """The reading as it is, or one reading per incident the sentence tells at once: by tolls, weapons or
    countries. A toll the sentence does not share out stays with the first; 'nobody was hurt' holds for each."""
    out = [u]
    for split in (_by_tolls, _by_weapons, _by_countries):
        out = [part for r in out for part in split(r)]
    return out


def _by_weapons(u) -> list:
    """'18 des 23 drones ... ainsi qu'un missile', 'missiles and drones': each weapon family its incident, in
    the order named."""
    text = u.sentence.text
    if u.event_type not in REMOTE or not combined_salvo(text):
        return [u]
    drones, missiles = DRONES.search(text), MISSILES.search(text)
    if not (drones and missiles):
        return [u]
    drone = replace(u, event_type="air_drone_strike", weapon="drone", weak_type=False)
    missile = replace(u, event_type="shelling_missile", weapon=weapon(DRONES.sub(" ", text)), weak_type=False)
    first, second = (drone, missile) if drones.start() < missiles.start() else (missile, drone)
    # the second weapon's place is not the first's: 'drones on Dnipro ... a missile on Kryvyi Rih'
    return [first, replace(second, **_unshared(u), place=None, summary=False, uncounted=False)]


def _unshared(u) -> dict:
    """The toll a part told with the first does not take: none, when the sentence says nobody was hurt
    ('the drones and the missile were downed; nobody was hurt' holds for each)."""
    tolls = [t for t in (u.killed, u.injured) if t is not None]
    if tolls and all(t.max == 0 for t in tolls):
        return {}
    return {"killed": None, "injured": None}


AND_IN = re.compile(r"\s*(?:,|,? and|,? et)\s+(?:in |en |au |aux )?(?:the |la |le |l['’])?", re.I)


def _by_countries(u) -> list:
    """'US strikes in Iraq and Syria': an incident in each country the sentence places the strikes in."""
    text, start = u.sentence.text, u.sentence.start
    located = list(u.where.located)
    for c in sorted(u.where.countries, key=lambda c: c.start):
        if located and c not in located and any(AND_IN.fullmatch(text[l.end - start:c.start - start]) for l in located):
            located.append(c)   # 'in Iraq and Syria', 'en Irak et en Syrie'
    located = list({c.country: c for c in located}.values())
    if u.event_type not in REMOTE or len(located) < 2 or u.place is not None:
        return [u]
    parts = []
    for n, c in enumerate(located):
        where = replace(u.where, countries=(c,), located=(c,), places=())
        parts.append(replace(u, where=where, country=c.country, **({} if n == 0 else _unshared(u))))
    return parts


def _by_tolls(u) -> list:
    """One reading per toll when the sentence lists several incidents' tolls."""
    text = u.sentence.text
    if not (RESPECTIVELY.search(text) or DISTINCT.search(text)):
        return [u]
    m = TOLLS.search(text)
    kind = _kind(text, m) if m else ""
    if not kind:
        return [u]
    counts = [parse_number(n) for n in re.split(r",\s*|\s+(?:and|et)\s+", m["list"])]
    if len(counts) < 2 or any(c is None for c in counts):
        return [u]
    named = list({p.name: p for p in u.where.places[::-1] if p.precision in ("town", "site")}.values())
    named = sorted(named, key=lambda p: p.start)   # each name once, where first written
    places = named if len(named) == len(counts) else [u.place] * len(counts)
    return [replace(u, **{kind: Range(c, c)}, place=p, summary=False, uncounted=False,
                    **({} if i == 0 else {"injured" if kind == "killed" else "killed": None}))
            for i, (c, p) in enumerate(zip(counts, places))]


def _kind(text: str, m: re.Match) -> str:
    """'killed' or 'injured': the word for the dead or the wounded nearest the list ('' for neither)."""
    lx = lexicon()
    after = text[m.end():m.end() + WINDOW]
    before = text[max(0, m.start() - WINDOW):m.start()]
    for span in (after, before):
        for kind in ("killed", "injured"):
            if re.search(rf"\b(?:{lx[kind]})\b", span, re.I):
                return kind
    return "killed" if re.match(r"\s+(?:people |personnes )?(?:respectively|respectivement)", after, re.I) \
        and re.search(rf"\b(?:{lx['killed']})\b", before, re.I) else ""


def clauses(sentence: Sentence) -> list[tuple[Sentence, int]]:
    """The sentence, or its two incidents when a clause tells another by its distance in days, each with a
    toll: "A bomb killed three soldiers on Tuesday, a day after gunmen killed five villagers" -> (main, 0),
    (the clause, -1): the days from the main incident's date to the other's."""
    text = sentence.text
    if not LINK_WORD.search(text):
        return [(sentence, 0)]
    found = [(days, m) for days, rx in LINKED for m in [rx.search(text)] if m]
    if sentence.is_title or not found:
        return [(sentence, 0)]
    days, m = min(found, key=lambda f: f[1].start())
    head, tail = text[:m.start()], text[m.start() + (text[m.start()] == ","):]
    if not (_tolled(head) and _tolled(tail) or _typed_apart(head, tail)):
        return [(sentence, 0)]
    lead = len(tail) - len(tail.lstrip())
    return [(Sentence(sentence.start, sentence.start + len(head), head), 0),
            (Sentence(sentence.start + m.start() + 1 + lead, sentence.end, tail.strip()), days)]


CONTRAST = re.compile(r",\s+(?:while\s|whereas\s|tandis que\s|alors que\s|tandis qu['’]|alors qu['’])\s*", re.I)


# 'killing six, as Moscow steps up its strikes after drone attacks on its soil': what the incident comes amid
SETTING = re.compile(r",\s+(?:while|as|alors que|alors qu['’]|au moment où|tandis que|tandis qu['’])\s", re.I)


def contrasted(sentence: Sentence) -> list[Sentence]:
    """'A drone missed one tanker, while another tanker was struck by a drone': two attacks, each with its own
    kind and weapon, set side by side are two incidents (one per target). 'A strike killed six, as Russia steps
    up its bombardments after drone attacks on Moscow': the incident told first, read alone (the clause is its
    setting). The sentence whole otherwise."""
    if sentence.is_title:
        return [sentence]
    m = SETTING.search(sentence.text)
    if m and _setting(sentence.text[:m.start()], sentence.text[m.end():]):
        return [Sentence(sentence.start, sentence.start + m.start(), sentence.text[:m.start()])]
    m = CONTRAST.search(sentence.text)
    if m is None:
        return [sentence]
    head, tail = sentence.text[:m.start()], sentence.text[m.end():]
    if not all(event_type(side) and weapon(side) for side in (head, tail)):
        return [sentence]   # 'missiles killed eight, while Iran promised more strikes': a weapon used in each
    return [Sentence(sentence.start, sentence.start + len(head), head),
            Sentence(sentence.start + m.end(), sentence.end, tail)]


def _setting(head: str, tail: str) -> bool:
    """The head tells an incident with its kind and toll; the tail, with no toll and no claim of it, names other
    violence as what the incident comes after or answers."""
    return bool(event_type(head) and _tolled(head) and LINK_WORD.search(tail) and event_type(tail)) \
        and not (_tolled(tail) or claims_it(tail))


def _typed_apart(head: str, tail: str) -> bool:
    """'US jets struck militia sites, hours after rockets were fired at a base': two kinds of incident."""
    first, other = event_type(head), event_type(tail)
    return bool(first and other) and first != other


def _tolled(text: str) -> bool:
    killed, injured, _ = casualties(text)
    return bool(killed or injured)


def shifted_date(main: DateFound | None, fallback: date, days: int) -> DateFound | None:
    """The linked incident's date: the main one's moved by `days`; none of its own for 'hours after' (its
    sentences or the story's lead date it, as 'the rocket attack late on Saturday')."""
    if not days:
        return None
    base = main.value if main and main.value else fallback
    return DateFound(base + timedelta(days=days), "day", "linked")
