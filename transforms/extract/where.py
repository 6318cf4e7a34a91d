"""Where an incident happened: its place and country, from the place and actor mentions of its sentences.

Uses places.find_places (countries, adjectives, gazetteer and curated places) and actors.find_actors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import places as _places
from .gazetteer import place_index
from .places import PlaceMention
from .textutil import key

PRECISION = {"site": 4, "city": 3, "region": 2, "country": 1}
# a place named as where people were taken or came from, not where the incident happened
ELSEWHERE = re.compile(r"(?:vers|towards|flown to|taken to|rushed to|ferried [\w ]{0,20}to|transported to|evacuated to|"
                       r"évacués vers|transférés (?:à|vers)|transportés (?:à|vers)|réfugiée? à|refuge in|fled to|ont fui vers|"
                       r"(?:to|at|in) (?:a |the )?(?:local |nearby |military )?hospitals? in|"
                       r"(?:à|vers|dans) (?:l'|l’|un |les |des )(?:hôpital|hôpitaux) d[e'’]|"
                       r"from|depuis|sent from|dépêchés depuis|based in|basée? (?:à|au|en)|"
                       r"ONG (?:basée|installée) (?:à|au|en)|monitor in|headquartered in|"
                       r"(?:by|par|en) (?:helicopter|hélicoptère|plane|avion|road|ambulance) (?:to|vers|à|jusqu'à))\s*"
                       r"(?:la |le |l'|l’|the )?$", re.I)
# "Russian drones", "armée malienne": a nationality naming who acted, not where
FORCE_AFTER = re.compile(r"^\.?\s*(?:'s )?(?:army|military|troops|forces|soldiers|jets|warplanes|drones?|aircraft|navy|"
                         r"air force|missiles?|officials|government|authorities|ambassador|attack drones|attack|strikes|shelling|"
                         r"bombardment|artillery|president|leader|side|soldier|(?:Central |Africa |European )?Command)\b", re.I)
FORCE_BEFORE = re.compile(r"(?:armée|forces|soldats|militaires|drones?|avions|troupes|autorités|gouvernement|missiles?|"
                          r"frappes?|bombardements?|tirs|raids?)\s+$", re.I)


LOCATIVE = re.compile(r"\b(?:in|inside|across|near|en|au|aux|dans|près d[eu]|à l'est d[eu]|of|du|de)\s+"
                      r"(?:the |la |le |l'|l’)?(?:(?:northern|southern|eastern|western|central|north-eastern|north-western|"
                      r"south-eastern|south-western|nord|sud|est|ouest|centre|nord-est|nord-ouest|sud-est|sud-ouest)\s+"
                      r"(?:of |de la |du |de l'|de l’|d')?)?$", re.I)


@dataclass(frozen=True)
class Where:
    places: tuple[PlaceMention, ...]       # below country level, incident places only (story offsets)
    countries: tuple[PlaceMention, ...]    # country names and adjectives that say where
    nationals: tuple[PlaceMention, ...] = ()   # adjectives naming who acted ("Malian army")
    located: tuple[PlaceMention, ...] = ()     # country names after "in", "en", "near" ("in eastern Syria")
    dateline: tuple[PlaceMention, ...] = ()    # where the report was filed ("KYIV, Nov 22 (Reuters) -")


def where(text: str, lang: str) -> Where:
    """Places and country mentions in one sentence."""
    found = _places.find_places(text, lang)
    here = [p for p in found if not ELSEWHERE.search(text[max(0, p.start - 40):p.start])]
    named = [p for p in here if p.precision == "country" and p.country
             and (len(p.text) > 3 or p.text.isupper())]   # "car" is not CAR
    actors = [p for p in named if _names_actor(text, p)]
    countries = tuple(p for p in named if p not in actors)
    codes = {p.country for p in countries}   # as assemble's homonym check counts them
    below = tuple(_local_homonym(p, codes, text) for p in here if p.precision != "country")
    return Where(below, countries, tuple(actors),
                 tuple(p for p in named if LOCATIVE.search(text[max(0, p.start - 40):p.start])))


HOMONYM_MAX = 250_000   # a town this big is itself, wherever the story is
PLACE_CUE_BEFORE = re.compile(r"\b(?:in|near|at|outside|à|près d[e'’]|village (?:de|of)|town of|the village of)\s+$", re.I)


def _local_homonym(p: PlaceMention, codes: set[str], text: str) -> PlaceMention:
    """A gazetteer town in a country the story never names, yet introduced as a place ('in Kani
    township' in a story on Myanmar; Kani is a Japanese city): a local place of that name, country
    unknown. Without a cue it stays a homonym, which assemble drops ('Fano fighters')."""
    if p.kind != "gazetteer" or not codes or p.country in codes or _big_city(p.text) \
            or not PLACE_CUE_BEFORE.search(text, max(0, p.start - 20), p.start):
        return p
    return PlaceMention(p.start, p.end, p.text, p.text, None, None, None, p.precision, "pattern")


def _big_city(name: str) -> bool:
    """'in Moscow', 'in Tehran' are those cities, not villages of the same name."""
    return any(c.population >= HOMONYM_MAX for c in place_index().get(key(name), ()))


def with_dateline(story: Where, place: str, lang: str) -> Where:
    """The dateline's place: a country of last resort, never an incident's place. Read after "in "
    because a dateline's capitals ('GAO') are a convention, not a sentence start."""
    found = [p for p in _places.find_places(f"in {place}", lang) if p.country] if place else []
    return replace(story, dateline=tuple(found[:1]))


def within(story: Where, start: int, end: int) -> Where:
    """The share of a story's mentions that lies in one sentence."""
    def inside(items):
        return tuple(p for p in items if start <= p.start < end)
    return Where(inside(story.places), inside(story.countries), inside(story.nationals), inside(story.located))


def _names_actor(text: str, p: PlaceMention) -> bool:
    return p.kind == "adjective" and bool(FORCE_AFTER.match(text[p.end:p.end + 30])
                                          or FORCE_BEFORE.search(text[max(0, p.start - 20):p.start]))


def best_place(places: list[PlaceMention], country: str | None) -> PlaceMention | None:
    """The most specific place that agrees with the country (places with no known country agree); at equal
    precision a village the text introduced by a cue ('le village de Mamove') before a known town named
    to situate it ('le territoire de Beni')."""
    fitting = [p for p in places if country is None or p.country in (None, country)]
    return max(fitting, key=lambda p: (PRECISION.get(p.precision, 0), p.kind == "pattern"), default=None)


def decide_country(sentence_countries: list[PlaceMention], places: list[PlaceMention], story: Where,
                   actor_country: str | None, located: list[PlaceMention] = (),
                   other_places: list[PlaceMention] = ()) -> str | None:
    """Where: its best place's country, else a country its sentences name, else the country of another
    place they name ("le village de Dioura, dans le centre du Mali": the village has none), else a
    national actor's, else the country the story names most (names and adjectives alike), else the dateline's."""
    best = best_place(places, None)
    if best and best.country:
        return best.country
    for pool in (list(located), [c for c in sentence_countries if c.kind == "country"], sentence_countries):
        if pool:
            return pool[0].country
    placed = best_place([p for p in other_places if p.country], None)
    if placed:
        return placed.country
    named = [c.country for c in story.countries if c.kind == "country"]
    if actor_country and actor_country not in named and named:
        return max(named, key=named.count)   # 'U.S. Central Command said' in a story on Syria
    if actor_country:
        return actor_country
    mentions = [c.country for c in sorted(story.countries + story.nationals, key=lambda c: c.start)]
    if mentions:
        return max(mentions, key=mentions.count)
    return story.dateline[0].country if story.dateline else None
