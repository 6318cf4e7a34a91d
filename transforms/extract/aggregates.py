"""Aggregate claims: a count of attacks over a period ("plus de 60 attaques depuis le 17 octobre")."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from transforms.models import Incident, Range

from .casualties import casualties
from .dates import MO, find_date
from .lexicon import lexicon
from .numbers import NUMBER, QUANTITY, number_data, quantity
from .sentences import Sentence
from .triggers import context_veto, event_type

CUE = re.compile(r"attaque|attack|attentat|strike|frappe|raid|fois|times|reprises|incident|fusillade|shooting|bombing|killing|"
                 r"bombardement|assassinat", re.I)
# "killed at least 20 civilians in two raids" counts victims, not raids
NOT_BETWEEN = (r"(?:in|dans|during|lors|by|par|on|sur|against|contre|killed|tués|people|personnes|civilians|civils|"
               r"soldiers|soldats|morts|dead)\b")
# "in two raids" sums up incidents told one by one; a tally is counted ("recorded 212 attacks")
AGG_COUNT = re.compile(rf"(?<!\bin )(?<!\bdans )(?<!\blors de )(?<!\bduring )(?<!\bwith )(?P<q>(?:(?:plus de|plus d'|more than|au moins|at least|some|about|over|près de|nearly)\s+)?"
                       rf"(?:{NUMBER}|des dizaines|dozens|une? \w+aines?))\s+(?:(?!{NOT_BETWEEN})[\w-]+\s+){{0,4}}?(?:d['’])?"
                       rf"(?:attaques|attacks|attentats|frappes de drones|drone strikes|strikes|raids)\b", re.I)
# "Les attaques de drones se sont multipliées : l'armée en a recensé plus de 70 depuis janvier"
AGG_PRONOUN = re.compile(rf"\ben (?:a|ont|avait|avaient) (?:recensé|compté|enregistré|dénombré|relevé|mené|perpétré)\s+"
                         rf"(?P<q>(?:(?:plus de|plus d'|au moins|près de|environ)\s+)?(?:{NUMBER}|des dizaines|une? \w+aines?))",
                         re.I)
# "attacked 17 settlements 412 times", "bombardé 26 localités à 318 reprises"
AGG_TIMES = re.compile(r"\b(?:attaqué(?:e|s|es)?|attacked|targeted|visé(?:e|s|es)?|struck|hit|frappé(?:e|s|es)?|shelled|"
                       r"bombed|bombardé(?:e|s|es)?|pilonné(?:e|s|es)?)\b[^.;:]{0,80}?(?:\bà\s+)?"
                       rf"(?P<q>(?:(?:plus de|plus d'|more than|au moins|at least|some|about|over|près de|nearly)\s+)?"
                       rf"\b(?:{NUMBER}))\s+(?:fois|times|reprises)\b", re.I)
# "the 41st U.S. strike in Somalia", "la 62e fusillade", "the third attack": the count is the ordinal
ORDINALS: dict[str, int] = {str(k).lower(): int(v) for k, v in number_data().get("ordinals", {}).items()}
ORDINAL = re.compile(r"(?<![\w-])(?:the|its|their|la|le|sa|leur) (?:(?P<n>\d{1,4})(?:st|nd|rd|th|e|ème|eme|è)|(?P<w>"
                     + "|".join(sorted(ORDINALS, key=len, reverse=True)) + r"))(?: [\w.'’-]+){0,3}? "
                     rf"(?:{lexicon()['tally_ordinal_noun']})(?![\w-])", re.I)
MONTH = (r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|January|February|"
         r"March|April|May|June|July|August|September|October|November|December")
PERIOD = re.compile(rf"\b(?:depuis le|depuis|since) (?P<since>\d{{1,2}}(?:er)? (?:{MO})|(?:{MO})\.? \d{{1,2}})\b"
                    rf"|\b(?:depuis|since) (?:le (?:début du )?mois de |(?:the )?(?:start|beginning) of |début )?"
                    rf"(?P<since_month>{MONTH})(?: (?P<since_year>(?:19|20)\d\d))?\b"
                    rf"|\b(?:entre|between) (?P<from>{MONTH}) (?:et|and) (?P<to>{MONTH})\b"
                    r"|(?P<year>depuis le début de l'année|depuis le début de l’année|since the (?:start|beginning) of "
                    r"(?:the|this) year|so far this year|this year|cette année|depuis janvier)"
                    rf"|\b(?:en|in|au cours du mois de|during) (?P<month>{MONTH})\b"
                    r"|(?P<week>la semaine dernière|la semaine passée|last week|the past week|the previous week)"
                    r"|(?P<same>over the same period|sur la même période|during the same period)"
                    rf"|(?P<day>{lexicon()['tally_last_day']})", re.I)
FOLLOW_UP = re.compile(r"^(?:(?:Ces|These|Those|Such) (?:attaques|raids|attacks|frappes|strikes|attentats|incidents)\b"
                       r"|La plupart\b|Most (?:of them|of the (?:attacks|strikes|raids)|were|have)\b|Many of them\b|Beaucoup d'entre elles\b|"
                       r"Certaines d'entre elles\b|Some of them\b|All of them\b|Toutes\b|Aucune d'entre elles\b)")


def aggregate(sentence: Sentence, published: datetime, previous: tuple | None) -> Incident | None:
    """The tally a sentence states, or None."""
    text = sentence.text
    if not CUE.search(text):
        return None
    p = PERIOD.search(text)   # rarer than a count, so tried first
    if p is None:
        return None
    killed, injured, phrases = casualties(text)
    # "killed two in Kano, the third attack there this year": that sentence is the incident's
    count = _count(text) or (None if killed or injured else _ordinal(text))
    if count is None or count.min < 2 or context_veto(text):   # "300 wolf attacks this year", "120 cyberattacks since May"
        return None
    start, end = _period(p, published, previous)
    if start is None:
        return None
    return Incident(kind="aggregate", event_type=event_type(text), count=count, period_start=start,
                    period_end=end, killed=killed, injured=injured, evidence=text,
                    evidence_spans=((sentence.start, sentence.end),), casualty_phrases=tuple(phrases),
                    date_precision="unknown", confidence=0.6)


def _count(text: str) -> Range | None:
    """How many attacks the sentence counts: '412 times', 'more than 40 attacks', 'en a recensé 70'."""
    m = AGG_COUNT.search(text) or AGG_TIMES.search(text) or AGG_PRONOUN.search(text)
    q = QUANTITY.search(m.group("q")) if m else None
    return quantity(q) if q else None


def _ordinal(text: str) -> Range | None:
    """'It was the 41st U.S. strike in Somalia this year': the ordinal counts the tally."""
    o = ORDINAL.search(text)
    n = (int(o["n"]) if o["n"] else ORDINALS[o["w"].lower()]) if o else None
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
    if p["week"]:
        monday = pub - timedelta(days=pub.weekday() + 7)
        return monday, monday + timedelta(days=6)
    return previous if previous else (None, None)


def _month_start(name: str, pub: date, year: str | None = None) -> date:
    """The first day of the named month: of the year given, else the latest one not after `pub`."""
    month = MONTH.lower().split("|").index(name.lower()) % 12 + 1
    if year:
        return date(int(year), month, 1)
    return date(pub.year if month <= pub.month else pub.year - 1, month, 1)


def _month_end(start: date) -> date:
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
