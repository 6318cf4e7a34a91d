"""Every geographic and actor data file loads and is valid, so a bad one-line addition fails here:
required columns, ISO codes, coordinates in range, allowed precision/kind values, unique canonical
names, no alias claimed by two entries."""
from __future__ import annotations

import re
from collections import defaultdict

import pytest

from transforms.extract.actors import KINDS, actor_rows
from transforms.extract.gazetteer import (PRECISIONS, country_adjectives, country_names, country_rows, place_rows,
                                          split, stopwords)
from transforms.extract.textutil import key

COUNTRY_COLUMNS = ["code", "en", "fr", "aliases", "adj_en", "adj_fr", "force"]
PLACE_COLUMNS = ["name", "aliases", "country", "lat", "lon", "precision"]
CODES = {row["code"] for row in country_rows()}


def _claims(entries: list[tuple[str, list[str]]]) -> dict[str, set[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for owner, aliases in entries:
        for alias in aliases:
            owners[key(alias)].add(owner)
    return {k: v for k, v in owners.items() if len(v) > 1}


def test_countries_columns_and_codes():
    rows = country_rows()
    assert list(rows[0].keys()) == COUNTRY_COLUMNS
    assert len(rows) >= 196                              # UN members + Palestine, Kosovo, Western Sahara
    for row in rows:
        assert re.fullmatch(r"[A-Z]{2}", row["code"]), row
        assert row["en"] and row["fr"], row
    assert len(CODES) == len(rows), "a country code appears twice"
    assert {"PS", "XK", "EH"} <= CODES


def test_country_names_unique_and_no_alias_claimed_twice():
    assert len({row["en"] for row in country_rows()}) == len(country_rows())
    clashes = _claims([(row["code"], country_names(row) + country_adjectives(row)) for row in country_rows()])
    assert clashes == {}


def place_row_problems(row: dict) -> list[str]:
    problems = []
    if not row.get("name"):
        problems.append("name")
    if row.get("country") not in CODES | {""}:
        problems.append("country")
    try:
        if not (-90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180):
            problems.append("lat/lon")
    except (TypeError, ValueError):
        problems.append("lat/lon")
    if row.get("precision") not in PRECISIONS or row.get("precision") == "country":
        problems.append("precision")
    return problems


def test_places_columns_and_values():
    rows = place_rows()
    assert list(rows[0].keys()) == PLACE_COLUMNS
    assert len(rows) >= 300
    assert {row["name"]: place_row_problems(row) for row in rows if place_row_problems(row)} == {}


def test_place_names_unique_and_no_alias_claimed_twice():
    names = [row["name"] for row in place_rows()]
    assert len(set(names)) == len(names), [n for n in names if names.count(n) > 1]
    assert _claims([(row["name"], [row["name"], *split(row["aliases"])]) for row in place_rows()]) == {}


def test_curated_places_do_not_shadow_countries():
    countries = {key(a) for row in country_rows() for a in country_names(row) + country_adjectives(row)}
    shadowed = [row["name"] for row in place_rows()
                for a in [row["name"], *split(row["aliases"])] if key(a) in countries]
    assert shadowed == []


UNMATCHABLE = re.compile(r"[()/,;]")     # the matcher reads words joined by spaces, hyphens, apostrophes and dots


def test_no_alias_the_matcher_cannot_read():
    aliases = [a for _, a in _actor_aliases()] + [a for _, a in _place_aliases()] + \
        [a for row in country_rows() for a in country_names(row) + country_adjectives(row)]
    assert [a for a in aliases if UNMATCHABLE.search(a)] == []


def test_actors_fields_and_values():
    rows = actor_rows()
    assert len(rows) >= 60
    for row in rows:
        assert set(row) == {"name", "kind", "country", "aliases"}, row
        assert row["kind"] in KINDS and row["kind"] != "generic", row
        assert row["country"] is None or row["country"] in CODES, row
        assert isinstance(row["aliases"], list) and row["aliases"], row


def test_actor_names_unique_and_no_alias_claimed_twice():
    names = [row["name"] for row in actor_rows()]
    assert len(set(names)) == len(names)
    assert _claims([(row["name"], [row["name"], *map(str, row["aliases"])]) for row in actor_rows()]) == {}


def test_stopwords_load_and_do_not_block_curated_places():
    stop = stopwords()
    assert {"monday", "lundi", "mission", "mars"} <= stop
    blocked = [row["name"] for row in place_rows() if key(row["name"]) in stop]
    assert blocked == []


@pytest.mark.parametrize("bad,problem", [
    ({"name": "X", "aliases": "", "country": "QQ", "lat": "1", "lon": "1", "precision": "town"}, "country"),
    ({"name": "X", "aliases": "", "country": "IQ", "lat": "95", "lon": "1", "precision": "town"}, "lat/lon"),
    ({"name": "X", "aliases": "", "country": "IQ", "lat": "", "lon": "1", "precision": "town"}, "lat/lon"),
    ({"name": "X", "aliases": "", "country": "IQ", "lat": "1", "lon": "1", "precision": "city"}, "precision"),   # the older name of town
    ({"name": "", "aliases": "", "country": "IQ", "lat": "1", "lon": "1", "precision": "site"}, "name"),
])
def test_the_checks_catch_a_bad_row(bad, problem):
    assert place_row_problems(bad) == [problem]


def test_claims_catch_an_alias_given_to_two_entries():
    assert _claims([("A", ["Foo-Bar"]), ("B", ["foo bar"])]) == {"foo bar": {"A", "B"}}


def _actor_aliases():
    return [(row["name"], str(alias)) for row in actor_rows() for alias in [row["name"], *row["aliases"]]]


def _place_aliases():
    return [(row["name"], alias) for row in place_rows() for alias in [row["name"], *split(row["aliases"])]]


def test_every_actor_alias_is_found_under_its_canonical_name():
    from transforms.extract.actors import find_actors
    missed = []
    for name, alias in _actor_aliases():
        found = find_actors(f"Overnight, {alias} said on Monday it had attacked.", "en")
        if not any(a.text == alias and a.name == name for a in found):
            missed.append((alias, name, [(a.text, a.name) for a in found]))
    assert missed == []


def test_every_curated_place_alias_is_found_under_its_name():
    from transforms.extract.places import find_places
    missed = []
    for name, alias in _place_aliases():
        found = find_places(f"Shelling hit {alias} on Monday.", "en")
        if not any(p.text == alias and p.name == name for p in found):
            missed.append((alias, name, [(p.text, p.name) for p in found]))
    assert missed == []


def _clear_caches(*modules):
    for module in modules:
        for value in vars(module).values():
            if hasattr(value, "cache_clear"):
                value.cache_clear()


def _with_line(monkeypatch, module, file_name: str, line: str):
    original = module.data_text
    monkeypatch.setattr(module, "data_text", lambda name: original(name) + line if name == file_name else original(name))


@pytest.mark.parametrize("text,lang", [
    ("Les Brigades Zorglub ont revendiqué l'attaque du poste.", "fr"),
    ("The Zorglub Brigades claimed the attack on the post.", "en"),
])
def test_a_group_added_as_one_line_of_actors_yaml_is_found(monkeypatch, text, lang):
    from transforms.extract import actors
    line = "- {name: Zorglub Brigades, kind: group, country: ML, aliases: [Brigades Zorglub]}\n"
    assert "Zorglub Brigades" not in [a.name for a in actors.find_actors(text, lang)]
    _with_line(monkeypatch, actors, "actors.yaml", line)
    _clear_caches(actors)
    try:
        assert "Zorglub Brigades" in [a.name for a in actors.find_actors(text, lang)]
    finally:
        monkeypatch.undo()
        _clear_caches(actors)
    assert "Zorglub Brigades" not in [a.name for a in actors.find_actors(text, lang)]


def test_a_place_added_as_one_line_of_places_csv_is_found(monkeypatch):
    from transforms.extract import gazetteer, places
    texts = (("Des obus sont tombés sur Zorglubville mardi.", "fr"), ("Shells fell on Zorglubville on Tuesday.", "en"))
    assert [p.name for text, lang in texts for p in places.find_places(text, lang)] == []
    _with_line(monkeypatch, gazetteer, "places.csv", "Zorglubville,Zorglub-Ville,ML,15.5,-1.25,city\n")
    _clear_caches(gazetteer, places)   # the index is rebuilt (some seconds): once with the line, once without
    try:
        for text, lang in texts:
            found = [(p.name, p.country, p.lat, p.lon, p.kind) for p in places.find_places(text, lang)]
            assert found == [("Zorglubville", "ML", 15.5, -1.25, "curated")]
    finally:
        monkeypatch.undo()
        _clear_caches(gazetteer, places)
    assert [p.name for text, lang in texts for p in places.find_places(text, lang)] == []
