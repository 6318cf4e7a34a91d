"""Incident dates from what the text says, resolved against publication (schema rules)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6,
            "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
MONTHS = {"janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
          "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
          "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
          "september": 9, "october": 10, "november": 11, "december": 12, "jan": 1, "feb": 2, "mar": 3,
          "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}
WD = "|".join(WEEKDAYS)
MO = "|".join(sorted(MONTHS, key=len, reverse=True))
DATELINE = re.compile(r"^[A-Z][A-Za-z .,'-]{1,60}, (?:" + MO + r")\.? \d{1,2}\s*[-–—]\s*", re.I)

PATTERNS = [  # (name, regex) — first match in a sentence wins, in this order
    ("night", re.compile(rf"\bnuit de (?P<a>{WD}) (?:à|au) (?P<b>{WD})\b", re.I)),
    ("day_before", re.compile(r"\bavant-hier\b", re.I)),
    ("yesterday", re.compile(r"\b(?:hier|yesterday)\b", re.I)),
    ("today", re.compile(r"\b(?:aujourd'hui|aujourd’hui|today|tonight|ce matin|cette nuit|ce soir|overnight)\b", re.I)),
    ("next_day", re.compile(r"\b(?:le lendemain|the next day|the following day|a day later)\b", re.I)),
    ("vague", re.compile(r"\b(?:la semaine dernière|last week|earlier this (?:week|month)|le mois dernier|"
                         r"last month|ces derniers jours|in recent days|récemment|recently)\b", re.I)),
    ("explicit_fr", re.compile(rf"\b(?:le |du |on )?(?P<d>\d{{1,2}})(?:er)? (?P<m>{MO})\b", re.I)),
    ("explicit_en", re.compile(rf"\b(?P<m>{MO})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)),
    ("weekday", re.compile(rf"\b(?P<w>{WD})(?P<last> dernier| last)?\b|\b(?P<last2>last) (?P<w2>{WD})\b", re.I)),
]


@dataclass(frozen=True)
class DateFound:
    value: date | None
    precision: str          # day | week | month | unknown
    kind: str               # which pattern, "published" when the text names no time


def strip_dateline(text: str) -> str:
    """Blank 'WASHINGTON, Nov 22 - ' at the start of a paragraph (the report's date, not the event's),
    keeping every character offset."""
    return "\n".join(_blank(p) for p in text.split("\n"))


def _blank(paragraph: str) -> str:
    match = DATELINE.match(paragraph)
    return " " * match.end() + paragraph[match.end():] if match else paragraph


def find_date(sentence: str, published: datetime, previous: date | None = None) -> DateFound | None:
    """The date a sentence gives for its event, or None when it names no time."""
    pub = published.date()
    for kind, pattern in PATTERNS:
        m = pattern.search(sentence)
        if not m:
            continue
        found = _resolve(kind, m, pub, previous)
        if found is not None:
            return found
    return None


def _resolve(kind: str, m: re.Match, pub: date, previous: date | None) -> DateFound | None:
    if kind == "night":
        return DateFound(_weekday_on_or_before(pub, WEEKDAYS[m["b"].lower()]), "day", kind)
    if kind == "day_before":
        return DateFound(pub - timedelta(days=2), "day", kind)
    if kind == "yesterday":
        return DateFound(pub - timedelta(days=1), "day", kind)
    if kind == "today":
        return DateFound(pub, "day", kind)
    if kind == "next_day":
        return DateFound(previous + timedelta(days=1), "day", kind) if previous else None
    if kind == "vague":
        return DateFound(None, "month" if "mois" in m.group(0) or "month" in m.group(0) else "week", kind)
    if kind.startswith("explicit"):
        return _explicit(int(m["d"]), MONTHS[m["m"].lower().rstrip(".")], pub)
    weekday = (m["w"] or m["w2"]).lower()
    day = _weekday_on_or_before(pub, WEEKDAYS[weekday])
    if (m["last"] or m["last2"]) and day == pub:
        day -= timedelta(days=7)
    return DateFound(day, "day", kind)


def _explicit(day: int, month: int, pub: date) -> DateFound | None:
    try:
        value = date(pub.year, month, day)
    except ValueError:
        return None
    if value > pub + timedelta(days=1):
        value = value.replace(year=pub.year - 1)
    return DateFound(value, "day", "explicit")


def _weekday_on_or_before(pub: date, weekday: int) -> date:
    return pub - timedelta(days=(pub.weekday() - weekday) % 7)
