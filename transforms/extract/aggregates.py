"""Aggregate claims: a count of attacks over a period ("plus de 60 attaques depuis le 17 octobre")."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from transforms.models import Incident, Range

from . import rx
from .casualties import ONE_EVENT, casualties
from .dates import MO, WD, find_date
from .lexicon import lexicon
from .numbers import NUMBER, QUANTITY, number_data, parse_number, quantity
from .sentences import Sentence
from .triggers import context_veto, event_type

CUE = rx.compile(r"attaque|attack|attentat|strike|frappe|raid|fois|times|reprises|incident|fusillade|shooting|bombing|killing|"
                 r"bombardement|assassinat|opérations? militaires|military operations|localités|villages", re.I)
# "killed at least 20 civilians in two raids" counts victims, not raids
NOT_BETWEEN = (r"(?:in|dans|during|lors|by|par|on|sur|against|contre|killed|tués|people|personnes|civilians|civils|"
               r"soldiers|soldats|morts|dead)\b")
# "in two raids" sums up incidents told one by one; a tally is counted ("recorded 212 attacks")
AGG_COUNT = rx.compile(rf"(?<!\bin )(?<!\bdans )(?<!\blors de )(?<!\bduring )(?<!\bwith )(?<![\w-])(?P<q>(?:(?:plus de|plus d'|more than|au moins|at least|some|about|over|près de|nearly)\s+)?"
                       rf"(?:{NUMBER}|des dizaines|dozens|une? \w+aines?))\s+(?:(?!{NOT_BETWEEN})[\w-]+\s+){{0,4}}?(?:d['’])?"
                       rf"(?:attaques|attacks|attentats|frappes|drone strikes|strikes|airstrikes|raids)\b", re.I)
# "Les attaques de drones se sont multipliées : l'armée en a recensé plus de 70 depuis janvier"
AGG_PRONOUN = re.compile(rf"\ben (?:a|ont|avait|avaient) (?:recensé|compté|enregistré|dénombré|relevé|mené|perpétré)\s+"
                         rf"(?P<q>(?:(?:plus de|plus d'|au moins|près de|environ)\s+)?(?:{NUMBER}|des dizaines|une? \w+aines?))",
                         re.I)
# "attacked 17 settlements 412 times", "bombardé 26 localités à 318 reprises"
AGG_TIMES = re.compile(r"\b(?:attaqué(?:e|s|es)?|attacked|under attack|targeted|visé(?:e|s|es)?|struck|hit|frappé(?:e|s|es)?|shelled|"
                       r"bombed|bombardé(?:e|s|es)?|pilonné(?:e|s|es)?)\b[^.;:]{0,80}?(?:\bà\s+)?"
                       rf"(?P<q>(?:(?:plus de|plus d'|more than|au moins|at least|some|about|over|près de|nearly)\s+)?"
                       rf"\b(?:{NUMBER}))\s+(?:fois|times|reprises)\b", re.I)
# "the 41st U.S. strike in Somalia", "la 62e fusillade", "the third attack": the count is the ordinal
ORDINALS: dict[str, int] = {str(k).lower(): int(v) for k, v in number_data().get("ordinals", {}).items()}
ORDINAL = re.compile(r"(?<![\w-])(?:the|its|their|la|le|sa|leur) (?:(?P<n>\d{1,4})(?:st|nd|rd|th|e|ème|eme|è)|(?P<w>"
                     + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r"))(?: [\w.'’-]+){0,3}? "
                     rf"(?:{lexicon()['tally_ordinal_noun']})(?![\w-])", re.I)
MORE_ORDINALS = re.compile(r"(?<![\w-])(\d{1,4})(?:st|nd|rd|th|e|ème|eme|è)(?![\w-])", re.I)
MONTH = (r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|January|February|"
         r"March|April|May|June|July|August|September|October|November|December")
PERIOD = rx.compile(rf"\b(?:depuis le|depuis|since) (?P<since>\d{{1,2}}(?:er)? (?:{MO})|(?:{MO})\.? \d{{1,2}})\b"
                    rf"|\b(?:depuis|since) (?:le (?:début du )?mois de |(?:the )?(?:start|beginning) of |début )?"
                    rf"(?P<since_month>{MONTH})(?: (?P<since_year>(?:19|20)\d\d))?\b"
                    rf"|\b(?:depuis|since) (?P<since_yr>(?:19|20)\d\d)\b"
                    rf"|\b(?:entre|between) (?P<from>{MONTH}) (?:et|and) (?P<to>{MONTH})\b"
                    rf"|\b(?:entre|between) (?:le |the )?(?P<d1>\d{{1,2}})(?:er|st|nd|rd|th)? (?:et|and) (?:le |the )?"
                    rf"(?P<d2>\d{{1,2}})(?:er|st|nd|rd|th)? (?:of )?(?P<dm>{MONTH})\b"
                    rf"|\b(?:pendant|durant|au cours de|lors de|during|in|over) (?:les|the) (?P<first>\w+) (?:premiers jours|first days) "
                    rf"(?:de|du mois de|of) (?P<first_month>{MONTH})\b"
                    r"|(?P<year>depuis le début de l'année|depuis le début de l’année|since the (?:start|beginning) of "
                    r"(?:the|this) year|so far this year|this year|cette année|depuis janvier)"
                    r"|(?P<this_month>depuis le début du mois|since the (?:start|beginning) of the month|so far this month|"
                    r"earlier this month)"
                    r"|(?P<this_week>depuis le début de la semaine|since the (?:start|beginning) of the week|so far this week)"
                    rf"|\b(?:depuis|since) (?:le |last )?(?P<since_wd>{WD})\b"
                    r"|\b(?:in|over|during) the (?:past|last|previous) (?P<n>\w+) (?P<unit>days|nights|weeks|months)\b"
                    r"|\b(?:au cours|pendant|lors) des (?P<n2>\w+) (?:derniers|dernières) (?P<unit2>jours|nuits|semaines|mois)\b"
                    r"|\b(?:en|in|within)(?: l['’]espace de| the space of)? (?P<n3>\w+) (?P<unit3>jours|days|semaines|weeks|mois|months)\b"
                    rf"|\b(?:en|in|au cours du mois de|during) (?P<month>{MONTH})\b"
                    r"|(?P<week>la semaine dernière|la semaine passée|last week|the past week|the previous week)"
                    r"|(?P<same>over the same period|sur la même période|during the same period)"
                    r"|(?P<so_far>\bso far\b|jusqu['’]ici|jusqu['’]à présent)"
                    r"|(?P<night>pendant la nuit|durant la nuit|overnight|during the night)"
                    rf"|(?P<day>{lexicon()['tally_last_day']})"
                    rf"|(?P<two_days>\b(?P<wd_a>{WD}) (?:et|and) (?P<wd_b>{WD})\b)", re.I)
# "coordinated raids on three villages", "des attaques contre trois localités": one attack on each
ON_PLACES = re.compile(rf"\b(?:attaques|attacks|raids|assauts|assaults)\b[^.;:]{{0,30}}?\b(?:on|against|in|contre|sur|dans)\s+"
                       rf"(?P<q>{NUMBER})\s+(?:\w+\s+)?(?:villages|localités|communities|communautés|hamlets|hameaux)\b", re.I)
# "tuées dans diverses attaques", "killed in several military operations": attacks counted only as more than one
SEVERAL = re.compile(r"\b(?:plusieurs|diverses|différentes|une série d['’]|une vague d['’]|several|multiple|various|"
                     r"a series of|a wave of|a spate of)\s?(?:\w+ )?(?:attaques|attentats|attacks|bombings|frappes|strikes|"
                     r"raids|opérations militaires|military operations|localités|villages)\b", re.I)
# periods of more than one day up to the news (not 'overnight', 'over the past day', 'over the same period');
# 'so far' is the period of the tally told before it, if any
# ('in March', 'last week' mostly date one event told as background)
MULTI_DAY = ("since", "since_month", "since_yr", "from", "d1", "first", "year", "this_month", "this_week", "since_wd",
             "n", "n2", "n3", "two_days", "so_far")
# a cheap first test for the multi-day periods a toll with no word of attack needs
SPAN_HINT = rx.compile(rf"\b(?:since|depuis|so far|jusqu|days|jours|nights|nuits|weeks|semaines|months?|mois|year|"
                       rf"année|entre|between|premiers|first)\b", re.I)
TOLLED = rx.compile(rf"\b(?:{lexicon()['killed']}|{lexicon()['injured']})\b", re.I)
SEVERAL_DAYS = 31   # a death toll "in several attacks" over a longer period is the conflict's, not a tally
UNITS = {"days": 1, "nights": 1, "weeks": 7, "months": 30, "jours": 1, "nuits": 1, "semaines": 7, "mois": 30}
FOLLOW_UP = re.compile(r"^(?:(?:Ces|These|Those|Such) (?:attaques|raids|attacks|frappes|strikes|attentats|incidents)\b"
                       r"|(?:Sur|Over|During|Pendant|Durant) (?:la|the) (?:même période|same period)\b"
                       r"|La plupart\b|Most (?:of them|of the (?:attacks|strikes|raids)|were|have)\b|Many of them\b|Beaucoup d'entre elles\b|"
                       r"Certaines d'entre elles\b|Some of them\b|All of them\b|Toutes\b|Aucune d'entre elles\b)")


def aggregate(sentence: Sentence, published: datetime, previous: tuple | None, before: str = "") -> Incident | None:
    """The tally a sentence states, or None; `before` is the sentence just before, which may give its period."""
    text = sentence.text
    cue = CUE.search(text)
    if not (cue or SPAN_HINT.search(text) and TOLLED.search(text)):
        return None
    p = PERIOD.search(text)   # rarer than a count, so tried first
    if p is None:
        if not cue or sentence.is_title:
            return None
        return _one_day(sentence, published) or _period_before(sentence, before, published)
    killed, injured, phrases = casualties(text)
    count = _count(text) if cue else None
    if count is None and _hurt(killed, injured) and _over_days(text, p) and ORDINAL.search(text) is None:
        # "70 soldiers killed in four days", "the strikes have left 224 dead since Friday": one toll of many attacks
        start, end = _period(p, published, previous)
        recent = start is not None and _recent(start, end, published)
        return _tally(sentence, Range(2, None), start, end, killed, injured, phrases) if recent else None
    if not cue and ORDINAL.search(text) is None:   # 'the third journalist killed this year' counts by its ordinal
        return None
    if count is None and (killed or injured) and SEVERAL.search(text):
        count = Range(2, None)   # "killed in several attacks since Monday": more than one attack
    if count is None:
        # "Nine were killed ..., the 250th mass shooting this year": the tally's count; the dead are the incident's
        count, killed, injured, phrases = _ordinal(text), None, None, []
    if count is None or count.min < 2 or context_veto(text):   # "300 wolf attacks this year", "120 cyberattacks since May"
        return None
    start, end = _period(p, published, previous)
    if start is None or count == Range(2, None) and not _recent(start, end, published):
        return None
    return _tally(sentence, count, start, end, killed, injured, phrases)


def _one_day(sentence: Sentence, published: datetime) -> Incident | None:
    """'Samedi, plusieurs attentats-suicides ont tué 18 personnes', 'raids on three villages killed 30': the toll of
    several attacks told at once, on the day the sentence names (else the news's). Not from a title, which names
    no day: the body's sentence dates it, and a count the story's own incidents make up is dropped later."""
    text = sentence.text
    count = _on_places(text)
    if count is None or count.min < 2:
        return None
    killed, injured, phrases = casualties(text)
    if not _hurt(killed, injured) or context_veto(text):
        return None
    found = find_date(text, published)
    day = found.value if found and found.value else None if found else published.date()
    if day is None or not 0 <= (published.date() - day).days <= 7:
        return None
    return _tally(sentence, count, day, day, killed, injured, phrases)


def _period_before(sentence: Sentence, before: str, published: datetime) -> Incident | None:
    """'Since March, the group has attacked civilians more often. It counted at least five attacks...': a count of
    attacks with no period of its own has the period of the sentence just before, when that one names a span."""
    p = PERIOD.search(before) if before and SPAN_HINT.search(before) else None
    if p is None or not any(p[g] for g in MULTI_DAY):
        return None
    text = sentence.text
    count = _count(text)
    if count is None or count.min < 2 or context_veto(text):
        return None
    start, end = _period(p, published, None)
    if start is None:
        return None
    killed, injured, phrases = casualties(text)
    return _tally(sentence, count, start, end, killed, injured, phrases)


def _on_places(text: str) -> Range | None:
    m = ON_PLACES.search(text)
    q = QUANTITY.search(m.group("q")) if m else None
    return quantity(q) if q else None


def _tally(sentence: Sentence, count: Range, start: date, end: date, killed: Range | None, injured: Range | None,
           phrases) -> Incident:
    text = sentence.text
    return Incident(kind="aggregate", event_type=event_type(text), count=count, period_start=start,
                    period_end=end, killed=killed, injured=injured, evidence=text,
                    evidence_spans=((sentence.start, sentence.end),), casualty_phrases=tuple(phrases),
                    date_precision="unknown", confidence=0.6)


def _hurt(killed: Range | None, injured: Range | None) -> bool:
    return any(r is not None and r.max != 0 for r in (killed, injured))


def _over_days(text: str, p: re.Match) -> bool:
    """A toll told over a period of days or more that names no one event: the toll of several attacks."""
    if not any(p[g] for g in MULTI_DAY) or context_veto(text):
        return False
    blanked = text[:p.start()] + " " * (p.end() - p.start()) + text[p.end():]
    return ONE_EVENT.search(blanked) is None


def _count(text: str) -> Range | None:
    """How many attacks the sentence counts: '412 times', 'more than 40 attacks', 'en a recensé 70'."""
    m = AGG_COUNT.search(text) or AGG_TIMES.search(text) or AGG_PRONOUN.search(text)
    q = QUANTITY.search(m.group("q")) if m else None
    return quantity(q) if q else None


def _recent(start: date, end: date, published: datetime) -> bool:
    """A toll 'in several attacks' is a tally when it covers the last month at most and runs up to the news."""
    return (end - start).days <= SEVERAL_DAYS and (published.date() - end).days <= 7


def by_ordinal(tally: Incident) -> bool:
    """A tally told by an ordinal, which may sit in the sentence of an incident it counts."""
    return tally.killed is None and tally.injured is None and ORDINAL.search(tally.evidence) is not None \
        and _count(tally.evidence) is None


def at_once(tally: Incident) -> bool:
    """A tally of attacks told at once on one day ('raids on three villages killed 30'), whose sentence also tells
    the incidents it sums up (their perpetrator, their toll when the story tells no other)."""
    return tally.period_start == tally.period_end and PERIOD.search(tally.evidence) is None \
        and _on_places(tally.evidence) is not None


def _ordinal(text: str) -> Range | None:
    """'It was the 41st U.S. strike in Somalia this year': the ordinal counts the tally."""
    o = ORDINAL.search(text)
    if o is None:
        return None
    n = int(o["n"]) if o["n"] else ORDINALS[o["w"].lower()]
    # 'the 14th and 15th attacks': two incidents told at once, the tally is the last ordinal
    later = [int(d) for d in MORE_ORDINALS.findall(text, o.end("n") if o["n"] else o.end("w"), o.end())]
    n = max([n, *later])
    return Range(n, n) if n else None


def is_follow_up(sentence: Sentence) -> bool:
    """'Ces raids ont fait au moins sept morts' right after a tally speaks of the tally, not of one incident."""
    return bool(FOLLOW_UP.match(sentence.text))


def _period(p: re.Match, published: datetime, previous: tuple | None) -> tuple[date | None, date | None]:
    pub = published.date()
    if p["since"]:
        found = find_date(p["since"], published)
        return (found.value, pub) if found and found.value else (None, None)
    if p["since_month"]:
        return _month_start(p["since_month"], pub, p["since_year"]), pub
    if p["since_yr"]:
        return date(int(p["since_yr"]), 1, 1), pub
    if p["d1"]:
        start = _day_of(p["d1"], p["dm"], published)
        end = _day_of(p["d2"], p["dm"], published)
        return (start, end) if start and end and start <= end else (None, None)
    if p["first"]:
        days = parse_number(p["first"])
        start = _month_start(p["first_month"], pub)
        return (start, min(start + timedelta(days=days - 1), pub)) if days else (None, None)
    if p["this_month"]:
        return pub.replace(day=1), pub
    if p["this_week"]:
        return pub - timedelta(days=pub.weekday()), pub
    if p["since_wd"] or p["wd_a"]:
        first = find_date(p["since_wd"] or p["wd_a"], published)
        last = find_date(p["wd_b"], published) if p["wd_b"] else None
        return (first.value, last.value if last else pub) if first and first.value else (None, None)
    if p["n"] or p["n2"] or p["n3"]:
        word = p["n"] or p["n2"] or p["n3"]
        n = parse_number(word) or (2 if word.lower() in ("few", "quelques") else None)
        unit = UNITS[(p["unit"] or p["unit2"] or p["unit3"]).lower()]
        return (pub - timedelta(days=n * unit), pub) if n else (None, None)
    if p["from"]:
        return _month_start(p["from"], pub), min(_month_end(_month_start(p["to"], pub)), pub)
    if p["year"]:
        return pub.replace(month=1, day=1), pub
    if p["month"]:
        found = find_date(f"1 {p['month']}", published)
        if not found or not found.value:
            return None, None
        start = found.value
        return start, min(_month_end(start), pub)
    if p["day"]:
        return pub - timedelta(days=1), pub
    if p["night"]:
        return pub, pub
    if p["week"]:
        monday = pub - timedelta(days=pub.weekday() + 7)
        return monday, monday + timedelta(days=6)
    return previous if previous else (None, None)


def _day_of(day: str, month: str, published: datetime) -> date | None:
    found = find_date(f"{int(day)} {month}", published)
    return found.value if found else None


def _month_start(name: str, pub: date, year: str | None = None) -> date:
    """The first day of the named month: of the year given, else the latest one not after `pub`."""
    month = MONTH.lower().split("|").index(name.lower()) % 12 + 1
    if year:
        return date(int(year), month, 1)
    return date(pub.year if month <= pub.month else pub.year - 1, month, 1)


def _month_end(start: date) -> date:
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
