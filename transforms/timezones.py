"""Entry timestamps in UTC, including the dates feedparser silently gets wrong.

feedparser reads an RFC 822 date whose zone name it does not know (HAEC, CEST, BST...) as UTC and
does not read French day/month names at all. So the raw string (published / updated / dc:date,
which feedparser exposes as updated) is read here first; feedparser's parsed tuple is used only
when the raw string carries a numeric offset or a zone feedparser knows. A date whose zone name
nobody knows is unusable (None), never guessed.
"""
from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_tz
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# Hours east of UTC. French names first (heure avancée / normale d'Europe centrale, de l'Est...).
ZONES = {
    "HAEC": 2, "HNEC": 1, "HEC": 1, "HAEE": 3, "HNEE": 2, "HAE": -4, "HNE": -5, "HAC": -5, "HNC": -6,
    "HAP": -7, "HNP": -8, "HAR": -6, "HNR": -7, "HAT": -3, "HNT": -4,
    "CEST": 2, "CET": 1, "MEST": 2, "MET": 1, "BST": 1, "WEST": 1, "WET": 0, "EEST": 3, "EET": 2,
    "MSK": 3, "UTC": 0, "UT": 0, "GMT": 0, "Z": 0,
    "EDT": -4, "EST": -5, "CDT": -5, "CST": -6, "MDT": -6, "MST": -7, "PDT": -7, "PST": -8,
    "AKDT": -8, "AKST": -9, "HST": -10, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "SAST": 2, "WAT": 1,
    "EAT": 3, "CAT": 2, "PKT": 5, "ICT": 7, "SGT": 8, "HKT": 8,
}
FR_WORDS = {
    "janv": "Jan", "janvier": "Jan", "févr": "Feb", "fevr": "Feb", "février": "Feb", "fevrier": "Feb",
    "mars": "Mar", "avr": "Apr", "avril": "Apr", "mai": "May", "juin": "Jun", "juil": "Jul",
    "juillet": "Jul", "août": "Aug", "aout": "Aug", "sept": "Sep", "septembre": "Sep", "oct": "Oct",
    "octobre": "Oct", "nov": "Nov", "novembre": "Nov", "déc": "Dec", "dec": "Dec", "décembre": "Dec",
    "decembre": "Dec",
}
FR_DAYS = frozenset("lun lundi mar mardi mer mercredi jeu jeudi ven vendredi sam samedi dim dimanche".split())
TRAILING_ZONE = re.compile(r"\s\(?([A-Za-z]{1,5}|[A-Za-z]+/[A-Za-z_]+|(?:GMT|UTC)[+-]\d{1,2}(?::?\d\d)?)\)?\s*$")
NUMERIC_OFFSET = re.compile(r"(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d\d))?$")
FEEDPARSER_KNOWN = {"UT", "GMT", "Z", "ADT", "AST", "AT", "EDT", "EST", "ET", "CDT", "CST", "CT", "MDT", "MST",
                    "MT", "PDT", "PST", "PT", "MET", "MEST", "UTC"}
OLDEST = datetime(1995, 1, 1, tzinfo=timezone.utc)


def entry_datetime(entry) -> datetime | None:
    """The first usable date among published, updated, created; None when there is none."""
    for key in ("published", "updated", "created"):
        raw = str(dict.get(entry, key) or "").strip()   # dict.get: no feedparser updated->published alias
        if raw:
            own = parse_raw_date(raw)
            if own is not None:
                return own if own >= OLDEST else None
            if _has_unknown_zone(raw):
                continue
        parsed = dict.get(entry, f"{key}_parsed")
        if parsed:
            stamp = datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
            return stamp if stamp >= OLDEST else None
    return None


def parse_raw_date(raw: str) -> datetime | None:
    """A date with a zone name or French words, in UTC; None when this reader does not apply."""
    text = _english(raw)
    match = TRAILING_ZONE.search(text)
    if match:
        offset = zone_offset(match.group(1))
        return None if offset is None else _local(text[: match.start()], offset)
    if text == raw:
        return None
    parts = parsedate_tz(text)
    if not parts or parts[0] < 100:
        return None
    return datetime.fromtimestamp(calendar.timegm(parts[:6] + (0, 1, -1)) - (parts[9] or 0), tz=timezone.utc)


def zone_offset(name: str) -> float | None:
    """Hours east of UTC for an abbreviation, 'GMT+2' style offset or IANA name; None when unknown."""
    if name.upper() in ZONES:
        return ZONES[name.upper()]
    numeric = NUMERIC_OFFSET.match(name.upper())
    if numeric:
        sign = -1 if numeric.group(1) == "-" else 1
        return sign * (int(numeric.group(2)) + int(numeric.group(3) or 0) / 60)
    if "/" in name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            return None
    return None


def _local(text: str, offset) -> datetime | None:
    """Wall-clock time (RFC 822 or ISO 8601) at the given zone, in UTC; a numeric offset also written wins."""
    parts = parsedate_tz(text.strip())
    try:
        if parts and parts[0] > 100:
            local = datetime(*parts[:6])
            if parts[9] is not None and re.search(r"[+-]\d{4}$", text.strip()):
                return (local - timedelta(seconds=parts[9])).replace(tzinfo=timezone.utc)
        else:
            local = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    if local.tzinfo is not None:
        return local.astimezone(timezone.utc)
    if isinstance(offset, ZoneInfo):
        return local.replace(tzinfo=offset).astimezone(timezone.utc)
    return (local - timedelta(hours=offset)).replace(tzinfo=timezone.utc)


def _english(raw: str) -> str:
    """French day and month names turned into RFC 822 English ('mar. 2 avr. 2024' -> '2 Apr 2024')."""
    words = raw.split()
    if words and words[0].lower().rstrip(".,") in FR_DAYS:
        words = words[1:]
    out = [FR_WORDS.get(w.lower().rstrip("."), w) for w in words]
    return raw if out == raw.split() else " ".join(out)


def _has_unknown_zone(raw: str) -> bool:
    match = TRAILING_ZONE.search(raw)
    return bool(match) and match.group(1).isalpha() and len(match.group(1)) > 1 \
        and match.group(1).upper() not in FEEDPARSER_KNOWN
