"""Datelines: where and when a wire filed its report, written before the story's first sentence.

    KANO (Nigeria), 17 septembre (AFP) -        MOGADISHU, Somalia (AP) —        BAMAKO —
    Kyiv, Ukraine —                             BEIRUT (Reuters) -               Paris (AFP) -
    NAIROBI, Kenya, Nov 22 (Reuters) -          ISLAMABAD/PESHAWAR, 14 mai 2024 (AFP) -

A dateline dates the report, not the event, so strip_dateline blanks it (offsets kept); its place is
a country of last resort for the incidents (where.py). Month names come from data/dates.yaml.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .dates import MO
from .gazetteer import country_names, country_rows
from .textutil import key

_CAP = r"[A-ZÀ-Þ][^\W\d_]*"
_PLACE = rf"{_CAP}(?:[ .'’/-]+(?:{_CAP}|au|al|el|de|du|la|le|es|sur|en|d|l|of)){{0,4}}"   # 'ISLAMABAD/PESHAWAR'
DATELINE = re.compile(
    rf"^(?P<place>{_PLACE}(?: \((?P<paren>[A-Z][\w' -]{{1,30}})\)(?=,| \())?(?:, (?P<after>{_PLACE}))?)"
    rf"(?P<date>,? (?i:(?:{MO})\.? \d{{1,2}}|\d{{1,2}}(?:er)? (?:{MO})\.?)(?:,? \d{{4}})?)?"
    rf"(?P<agency>,? \([A-Za-z][\w .'/-]{{1,25}}\))?\s*[-–—]+\s+")   # '(LaPresse/AP)', 'BAMAKO, (Reuters) –'
# 'PESHAWAR: ', 'Lakki Marwat: ' (South Asian papers); 'Feb 22 – ' (a date alone)
COLON = re.compile(rf"^(?P<place>{_PLACE}):\s+(?=[A-ZÀ-Þ])")
DATE_ONLY = re.compile(rf"^(?P<place>)(?P<date>(?i:(?:{MO})\.? \d{{1,2}}|\d{{1,2}}(?:er)? (?:{MO})\.?)(?:,? \d{{4}})?)\s*[-–—]+\s+")


def strip_dateline(text: str) -> str:
    """Blank 'WASHINGTON, Nov 22 - ' at the start of a paragraph (the report's date, not the event's),
    keeping every character offset."""
    return "\n".join(_blank(p) for p in text.split("\n"))


def _blank(paragraph: str) -> str:
    match = _dateline(paragraph)
    return " " * match.end() + paragraph[match.end():] if match else paragraph


def dateline_place(text: str) -> str:
    """The place a story's dateline names ('KYIV', 'BAMAKO, Mali', 'KANO (Nigeria)'), or '' when it has none."""
    match = _dateline(text.lstrip())
    return match["place"] if match else ""


def dateline_country(place: str) -> str | None:
    """The ISO code of the country a dateline's place names beside its town ('KANO (Nigeria)',
    'MOGADISHU, Somalia', 'Kyiv, Ukraine'), or None when it names only a town."""
    for part in (*re.findall(r"\(([^)]+)\)", place), *place.split(",")[1:]):
        code = _countries().get(key(part))
        if code:
            return code
    return None


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    return {key(name): row["code"] for row in country_rows() for name in country_names(row)}


def _dateline(paragraph: str) -> re.Match | None:
    """A dateline says when or through whom, shouts its place in capitals, names a country after its town
    ('Kyiv, Ukraine —') or a known town before a colon or a dash ('Peshawar: ', 'Maputo — '): 'Gunmen
    attacked - ' and 'Update: ' are none."""
    match = DATELINE.match(paragraph)
    if not match:
        colon = COLON.match(paragraph) or DATE_ONLY.match(paragraph)
        return colon if colon and (not colon["place"] or _known_town(colon["place"])) else None
    if match["date"] or match["agency"] or match["place"].split(",")[0].isupper():
        return match
    if match["after"] and key(match["after"]) in _countries():
        return match
    dash = paragraph[match.start("agency") if match["agency"] else match.end("place"):match.end()]
    return match if ("—" in dash or "–" in dash) and _known_town(match["place"]) else None


def _known_town(place: str) -> bool:
    """A town the gazetteer knows under this very name ('Peshawar', 'Maputo'), in capitals or not."""
    from .gazetteer import place_index
    return any(p.kind in ("gazetteer", "curated") for p in place_index().get(key(place), ()) or ())
