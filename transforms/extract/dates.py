"""Incident dates from what the text says, resolved against publication (schema rules).

Weekday and month names, relative and vague expressions live in data/dates.yaml.
`published` is timezone-aware; its own date (in its own offset) is the anchor.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class DateFound:
    value: date | None
    precision: str          # day | week | month | unknown
    kind: str               # which pattern matched


@lru_cache(maxsize=1)
def date_data() -> dict:
    text = resources.files("transforms.extract").joinpath("data/dates.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _names(table: dict) -> dict[str, int]:
    return {name: int(number) for number, names in table.items() for name in names}


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_D = date_data()
WEEKDAYS = _names(_D["weekdays"])
MONTHS = _names(_D["months"])
WD = _alt(w for w in WEEKDAYS if len(w) > 3)
MO = _alt(MONTHS)
REPORTED = re.compile(rf"\b(?:{_D['reported_speech']})\b(?: (?:to |à |aux )?(?:reporters|journalists|journalistes|the press|la presse|the AP|AP|AFP|l['’]AFP|Reuters)\b)?(?: (?:in|on|at|dans|par|lors d(?:e|u|['’])|during)\b[^,.;]{{0,25}}?)?\s*(?:on|le|ce|this)?\s*$", re.I)
# "The group on Friday said it was behind an attack": the day before the reporting verb is the report's too
REPORTED_AFTER = re.compile(rf"\s*(?:(?:morning|afternoon|evening|night|matin|soir)\s+)?(?:{_D['reported_speech']}|"
                            r"claimed|claims|revendiqu\w*|annoncé|indiqué|affirmé|déclaré|précisé|confirmé|démenti)\b", re.I)
LAST = _D["last_words"]


def _rx(pattern: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.I)


NEXT_DAY = _rx(_D["next_day"])   # 'the following evening': also asked on its own by assemble
EVE_DAYS = tuple(int(days) for days in _D["eve"])
EVE = _rx("|".join(f"(?P<eve{i}>{pattern})" for i, pattern in enumerate(_D["eve"].values())))
_DAY_NAMED = rf"(?:{WD})|\d{{1,2}}(?:er|st|nd|rd|th)? (?:{MO})|(?:{MO})\.? \d{{1,2}}"
APPOSED_BEFORE = re.compile(rf"(?<![\w-])(?:{_DAY_NAMED})\s*,\s*$", re.I)
APPOSED_AFTER = re.compile(rf"\s*,\s*(?:(?:on|le) )?(?:{_DAY_NAMED})(?![\w-])", re.I)
PATTERNS = [  # (kind, regex) in priority order: the first kind found in a sentence wins
    ("eve", EVE),   # 'a affirmé dimanche que ses forces avaient tiré la veille': the day named is its anchor
    ("night_dates", _rx(rf"(?:nuit|night) (?:du|of|from) (?:{WD} )?\d{{1,2}}(?:er)? (?:au|to|[-–]) (?:{WD} )?(?P<d>\d{{1,2}})(?:er)? (?P<m>{MO})"
                        rf"|night of (?P<m2>{MO})\.? \d{{1,2}}\s?[-–]\s?(?P<d2>\d{{1,2}})")),
    ("night", _rx(rf"nuit (?:de|du) (?P<a>{WD}) (?:à|au) (?P<b>{WD})"
                  rf"|(?:night (?:of|from)|overnight(?: from)?) (?P<a2>{WD}) (?:to|into) (?P<b2>{WD})")),
    *[(kind, _rx(spec["pattern"])) for kind, spec in _D["relative"].items() if not spec.get("weak")],
    ("next_day", NEXT_DAY),
    ("explicit_fr", _rx(rf"(?P<d>\d{{1,2}})(?:er)? (?P<m>{MO})\.?(?: (?P<y>\d{{4}}))?")),
    ("explicit_en", _rx(rf"(?P<m>{MO})\.? (?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<y>\d{{4}}))?")),
    ("weekday", _rx(rf"(?P<w>{WD})(?P<last> (?:{LAST}))?|(?P<last2>last|this past) (?P<w2>{WD})")),
    ("vague", _rx("|".join(_D["vague"].values()))),   # a day named beats 'récemment' in another clause
    *[(kind, _rx(spec["pattern"])) for kind, spec in _D["relative"].items() if spec.get("weak")],
    ("evening", _rx(_D["evening"])),
]
EVENING_HOUR = 17   # a story filed before this hour cannot tell an evening of its own day
DIGITS = tuple("0123456789")


def _plain(pattern: str) -> tuple[str, ...]:
    """The words of a pattern made only of plain alternatives ('hier|yesterday'); () when it has regex syntax."""
    words = tuple(w.lower() for w in pattern.split("|"))
    return () if any(c in w for w in words for c in "()[]?*+\\{}.^$") else words


# words one of which a sentence must contain for each pattern to match (a substring test skips most
# regex scans); () means always scan
HINTS = {"evening": ("soir", "evening", "tombée", "dusk", "nightfall"), "eve": ("veille", "before", "previous", "preceding", "earlier", "plus tôt", "précédente"),
         "night": ("nuit", "night"), "night_dates": ("nuit", "night"), "explicit_fr": DIGITS, "explicit_en": DIGITS,
         "weekday": tuple(w for w in WEEKDAYS if len(w) > 3), "next_day": _plain(_D["next_day"]),
         "vague": _plain("|".join(_D["vague"].values())),
         **{kind: _plain(spec["pattern"]) for kind, spec in _D["relative"].items()}}
OFFSETS = {kind: spec["offset"] for kind, spec in _D["relative"].items()}


def __getattr__(name: str):
    """strip_dateline and dateline_place moved to dateline.py; still importable from here."""
    if name in ("strip_dateline", "dateline_place", "DATELINE"):
        from . import dateline
        return getattr(dateline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def find_date(sentence: str, published: datetime, previous: date | None = None,
              reported: bool = False) -> DateFound | None:
    """The date a sentence gives for its event, or None when it names no time.

    A time told right after a reporting verb ("said on Thursday", "a indiqué mardi") dates the
    report, not the event, and is passed over; `reported=True` asks for that report's day instead."""
    pub = published.date()
    lower = sentence.lower()
    for kind, pattern in PATTERNS:
        hints = HINTS[kind]
        if hints and not any(h in lower for h in hints):
            continue
        for m in pattern.finditer(sentence):
            said = bool(REPORTED.search(sentence[max(0, m.start() - 60):m.start()])
                        or REPORTED_AFTER.match(sentence, m.end()))
            if said != reported:
                continue
            if kind == "eve":
                found = None if reported else _eve(sentence, m, published, previous)
            elif kind == "evening":   # 'Les kamikazes ont frappé à la tombée du jour' filed at 06:24: yesterday's
                found = DateFound(pub - timedelta(days=published.hour < EVENING_HOUR), "day", kind)
            else:
                found = _resolve(kind, m, pub, previous)
            if found is not None:
                return replace(found, kind="reported") if reported else found
    return None


def _eve(sentence: str, m: re.Match, published: datetime, previous: date | None) -> DateFound | None:
    """'la veille', 'the day before': the day before the one the sentence names, told or reported ('a affirmé
    dimanche'), else before publication; 'the night before' only beside a named day (a night is its second day)."""
    if APPOSED_BEFORE.search(sentence, 0, m.start()) or APPOSED_AFTER.match(sentence, m.end()):
        return None   # 'Samedi, la veille, ...': the day named is the eve itself
    days = EVE_DAYS[int(m.lastgroup[3:])]
    rest = sentence[:m.start()] + " " * (m.end() - m.start()) + sentence[m.end():]
    anchor = find_date(rest, published, previous) or find_date(rest, published, previous, reported=True)
    if anchor is not None and anchor.value is None:
        return None
    if anchor is None and days == 0:
        return None
    base = anchor.value if anchor else published.date()
    return DateFound(base + timedelta(days=days), "day", "eve")


def _resolve(kind: str, m: re.Match, pub: date, previous: date | None) -> DateFound | None:
    if kind == "night_dates":   # "la nuit du 4 au 5 juin", "the night of June 4-5": the second day
        return _explicit(int(m["d"] or m["d2"]), MONTHS[(m["m"] or m["m2"]).lower().rstrip(".")], None, pub)
    if kind == "night":   # the dev gold dates "la nuit de samedi à dimanche" on the Sunday
        return DateFound(_weekday_on_or_before(pub, WEEKDAYS[(m["b"] or m["b2"]).lower()]), "day", kind)
    if kind in OFFSETS:
        return DateFound(pub + timedelta(days=OFFSETS[kind]), "day", kind)
    if kind == "next_day":
        return DateFound(previous + timedelta(days=1), "day", kind) if previous else None
    if kind == "vague":
        text = m.group(0).lower()
        return DateFound(None, "month" if "mois" in text or "month" in text else "week", kind)
    if kind.startswith("explicit"):
        year = int(m["y"]) if m["y"] else None
        return _explicit(int(m["d"]), MONTHS[m["m"].lower().rstrip(".")], year, pub)
    weekday = (m["w"] or m["w2"]).lower()
    day = _weekday_on_or_before(pub, WEEKDAYS[weekday])
    if (m["last"] or m["last2"]) and day == pub:
        day -= timedelta(days=7)
    return DateFound(day, "day", kind)


def _explicit(day: int, month: int, year: int | None, pub: date) -> DateFound | None:
    try:
        value = date(year or pub.year, month, day)
    except ValueError:
        return None
    if year is None and value > pub + timedelta(days=1):
        value = value.replace(year=pub.year - 1)
    return DateFound(value, "day", "explicit")


def _weekday_on_or_before(pub: date, weekday: int) -> date:
    return pub - timedelta(days=(pub.weekday() - weekday) % 7)
