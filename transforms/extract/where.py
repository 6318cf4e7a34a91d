"""Where an incident happened: its country, its most specific place and that place's point.

One story-level entry point, for whatever groups sentences into incidents:

    story = story_where(full_text, lang, dateline)      # every place mention, resolved once per story
    locate(spans, story, actor_country) -> Location(country, location, lat, lon, precision, why)

`spans` are the (start, end) offsets of the incident's sentences in `full_text`; `actor_country` the
country of a national actor the sentences name (a last resort, never above a place). The rules, in order:
the country of the most specific place the sentences name, else a country they place the event in
('in eastern Syria'), else a country they name, else the country of another place they name, else the
actor's, else the country the story names most, else the dateline's. Nationalities of victims,
attackers and speakers never outrank a place ('Swedish fans shot in Brussels' is BE).

Coordinates: the place's own point; a place the gazetteer lacks (a village a cue introduced) takes the
point of the nearest area the story names in the same country, else its subdivision's, else the
country's; an incident with a country but no place takes the country's. `precision` is that of the
point (site, town, district, region, country): the event matcher's radius reads it.

The pieces (where, with_dateline, within, best_place, decide_country, pin) stay usable one by one.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from . import rx
from . import places as _places
from .dateline import dateline_country
from .gazetteer import country_point, subdivision
from .places import PlaceMention, alternation

PRECISION = {"site": 5, "town": 4, "city": 4, "district": 3, "region": 2, "country": 1}   # 'city': older rows
COARSER = {"site": "town", "town": "district", "city": "district", "district": "region", "region": "region"}
# a place named as where people were taken or came from, not where the incident happened
ELSEWHERE = rx.compile(r"(?:vers|towards|flown to|taken to|rushed to|ferried [\w ]{0,20}to|transported to|evacuated to|"
                       r"évacués vers|transférés (?:à|vers)|transportés (?:à|vers)|réfugiée? à|refuge in|fled to|ont fui vers|"
                       r"(?:to|at|in) (?:a |the )?(?:local |nearby |military )?hospitals? in|"
                       r"(?:à|vers|dans) (?:l'|l’|un |les |des )(?:hôpital|hôpitaux) d[e'’]|"
                       r"from|depuis|sent from|dépêchés depuis|based in|basée? (?:à|au|en)|"
                       # where a missile was fired from: 'launched from near the town of X'
                       r"from (?:near |close to |the outskirts of )?(?:the |a )?(?:[\w'’-]+ ){0,2}?(?:town|city|village|area|region) of|"
                       r"depuis (?:les environs d[eu] |la périphérie d[eu] |près d[eu] )?(?:la |le |l'|l’)?(?:ville|localité|village|zone|région) d[e'’]|"
                       r"ONG (?:basée|installée) (?:à|au|en)|monitor in|headquartered in|"
                       # who an attack is blamed on: 'des attaques qu'elle impute à Kiev'
                       r"(?:impute|imputée?s?|imputent|attribue|attribuée?s?|attribuent|blamed on|blames on) (?:à |au |aux )?|"
                       # a unit named after its post: 'une patrouille du détachement de X' was hit elsewhere
                       r"(?:patrouille|convoi|éléments|patrol|convoy|troops|soldiers) (?:du |de la |of the |from the )"
                       r"(?:détachement|poste|camp|base|garrison|outpost) (?:militaire )?(?:de |d'|d’|of )|"
                       r"(?:by|par|en) (?:helicopter|hélicoptère|plane|avion|road|ambulance) (?:to|vers|à|jusqu'à))\s*"
                       r"(?:la |le |l'|l’|the )?$", re.I)
# the ends of a vehicle's route, not where it was hit: 'un Thalys qui circulait entre Amsterdam et Paris',
# 'the bus travelled from X toward Y', 'after it left X for Y', 'le car, parti de X pour Y'; not 'la route reliant
# X à Y', which is where
ROUTE = re.compile(r"\b(?:circulai(?:t|ent)|circulant|roulai(?:t|ent)|travell?(?:ed|ing)|plying|going|heading|bound|"
                   r"left|leaving|quitté|quittait|parti|partie|partis)"
                   r"(?: (?:entre|between)| (?:(?:from|de|d'|d’|du|des|entre|between) )?(?:the |la |le |l'|l’)?"
                   r"[A-ZÀ-Þ][^.;:!?]{0,45}? (?:toward|towards|for|to|and|et|à|vers|pour|à destination de))"
                   r" (?:the |la |le |l'|l’)?$")
# "Russian drones", "armée malienne": a nationality naming who acted, not where
FORCE_AFTER = re.compile(r"^\.?\s*(?:['’]s )?(?:army|military|troops|forces|armed forces|soldiers|jets|warplanes|drones?|aircraft|navy|"
                         r"air force|missiles?|officials|government|authorities|ambassador|attack drones|attack|strikes|shelling|"
                         r"bombardment|artillery|president|leader|side|soldier|(?:Central |Africa |European )?Command)\b", re.I)
# 'le Commandement des États-Unis pour l'Afrique', 'the army of Mali': a country naming who acted or spoke
FORCE_OF = re.compile(r"\b(?:armée|forces|troupes|commandement|gouvernement|ministère|ambassade|army|command|government|"
                      r"ministry|embassy) (?:de la |de l'|de l’|du |des |d'|d’|of (?:the )?)$", re.I)
FORCE_BEFORE = re.compile(r"(?:armée|forces|soldats|militaires|drones?|avions|troupes|autorités|gouvernement|missiles?|"
                          r"frappes?|bombardements?|tirs|raids?)\s+$", re.I)


LOCATIVE = rx.compile(r"\b(?:in|inside|across|near|en|au|aux|dans|près d[eu]|à l'est d[eu]|of|du|de)\s+"
                      r"(?:the |la |le |l'|l’)?(?:(?:northern|southern|eastern|western|central|north-eastern|north-western|"
                      r"south-eastern|south-western|nord|sud|est|ouest|centre|nord-est|nord-ouest|sud-est|sud-ouest)\s+"
                      r"(?:of |de la |du |de l'|de l’|d')?)?$", re.I)


# 'à la frontière du Mali', 'near the border with Mali': beside the country, not in it; so is a country the
# place is near or some distance from ('proche du Mali', 'à 70 km du Mali', 'close to Mali', '30 km from Mali'),
# or one the attackers came from ('arrivés du Burkina', 'came from Burkina Faso')
BORDER_OF = re.compile(r"\b(?:(?:frontières?|borders?) (?:du |de la |de l'|de l’|d'|d’|de |avec (?:le |la |l'|l’)?|with |of )"
                       r"|(?:proches?|près|non loin|à proximité|aux abords|kilomètres|km|arrivée?s?|venue?s?|venant|"
                       r"en provenance) (?:du |de la |de l'|de l’|d'|d’|de |des )"
                       r"|(?:near|close to|not far from|kilometres from|kilometers from|km from|miles from|(?:came|coming|arrived) from) )"
                       r"(?:the )?$", re.I)


PLACE_NOUN_AFTER = re.compile(rf"\s+(?:{alternation(_places.cues()['located_after'])})\b", re.I)
PLACE_NOUN_BEFORE = re.compile(rf"\b(?:{alternation(_places.cues()['located_before'])})\s+$", re.I)


@dataclass(frozen=True)
class Where:
    places: tuple[PlaceMention, ...]       # below country level, incident places only (story offsets)
    countries: tuple[PlaceMention, ...]    # country names and adjectives that say where
    nationals: tuple[PlaceMention, ...] = ()   # adjectives naming who acted ("Malian army")
    located: tuple[PlaceMention, ...] = ()     # country names after "in", "en", "near" ("in eastern Syria")
    dateline: tuple[PlaceMention, ...] = ()    # where the report was filed ("KYIV, Nov 22 (Reuters) -")
    context: frozenset[str] = frozenset()      # countries the names were resolved against


@dataclass(frozen=True)
class Location:
    country: str | None
    location: str | None     # English exonym of the most specific place named
    lat: float | None
    lon: float | None
    precision: str | None    # of the point: site | town | district | region | country
    why: str                 # which rule gave the country and the point, for --explain


def story_where(text: str, lang: str, dateline: str = "") -> Where:
    """Every place mention of a story, names resolved against the countries the story and its dateline name."""
    line = _dateline_mention(dateline, lang)
    context = _places.story_countries(_places.spans(text), text) | {p.country for p in line}
    return replace(where(text, lang, context), dateline=line)


def where(text: str, lang: str, context: set[str] | None = None) -> Where:
    """Places and country mentions in a text (a sentence, or a whole story: names are resolved
    against the countries it names, or against `context` when given)."""
    if context is None:
        context = _places.story_countries(_places.spans(text), text)
    found = _places.find_places(text, lang, countries=context)
    here = [p for p in found if not ELSEWHERE.search(text[max(0, p.start - 40):p.start])
            and not ROUTE.search(text, max(0, p.start - 70), p.start)]
    named = [p for p in here if p.precision == "country" and p.country
             and (len(p.text) > 3 or p.text.isupper())]   # "car" is not CAR
    actors = [p for p in named if _names_actor(text, p)]
    countries = tuple(p for p in named if p not in actors and not _beside(text, p))
    below = tuple(p for p in here if p.precision != "country")
    return Where(below, countries, tuple(actors), tuple(p for p in named if p not in actors and _locates(text, p)),
                 context=frozenset(context))


def _beside(text: str, p: PlaceMention) -> bool:
    """'à la frontière du Mali', 'near the border with Mali': a country named as a border is beside the event."""
    return BORDER_OF.search(text, max(0, p.start - 40), p.start) is not None


def _locates(text: str, p: PlaceMention) -> bool:
    """'in eastern Syria', 'en Irak'; 'a Russian village', 'un village russe': the country the event is in."""
    if LOCATIVE.search(text[max(0, p.start - 40):p.start]):
        return p.kind != "adjective" and not _beside(text, p)   # 'in Russian' is a language
    return p.kind == "adjective" and bool(PLACE_NOUN_AFTER.match(text, p.end) or
                                          PLACE_NOUN_BEFORE.search(text[max(0, p.start - 20):p.start]))


def with_dateline(story: Where, place: str, lang: str) -> Where:
    """The dateline's place: a country of last resort, never an incident's place."""
    return replace(story, dateline=_dateline_mention(place, lang))


def _dateline_mention(place: str, lang: str) -> tuple[PlaceMention, ...]:
    """'KANO (Nigeria)', 'MOGADISHU, Somalia', 'BAMAKO': the named country wins over the town's.
    Read after "in " because a dateline's capitals ('GAO') are a convention, not a sentence start."""
    if not place:
        return ()
    found = [p for p in _places.find_places(f"in {place}", lang) if p.country]
    country = dateline_country(place)
    found = [p for p in found if p.country == country] or found if country else found
    if not found and country:
        point = country_point(country)
        found = [PlaceMention(0, 0, place, place, country, *point, "country", "country")]
    return tuple(found[:1])


def within(story: Where, start: int, end: int) -> Where:
    """The share of a story's mentions that lies in one sentence."""
    def inside(items):
        return tuple(p for p in items if start <= p.start < end)
    return Where(inside(story.places), inside(story.countries), inside(story.nationals), inside(story.located),
                 context=story.context)


def plausible(places: list[PlaceMention], story: Where) -> list[PlaceMention]:
    """Places a story's resolution kept. Homonyms ('Fano', Italy, in a story on Ethiopia) are refused
    when names are resolved against the story's countries (places.find_places), so all of them."""
    return list(places)


def pin(place: PlaceMention | None, country: str | None, story: Where, spread: bool = False) -> Location:
    """The point and precision of an incident's place (see the module's docstring). An incident spread over
    several countries and no place ('airstrikes in Iraq and Syria') does not take the story's own place."""
    if place is not None and place.lat is not None:
        return Location(country, place.name, place.lat, place.lon, _precision(place), f"{place.kind} point")
    if place is not None:
        point, precision, why = _borrowed(place, country, story)
        return Location(country, place.name, *point, precision, why)
    lead = main_place(story)
    if lead is not None and lead.country == country and lead.lat is not None and not spread:
        return Location(country, lead.name, lead.lat, lead.lon, _precision(lead), "the story's own place")
    lat, lon = country_point(country)
    return Location(country, None, lat, lon, "country" if lat is not None else None, "country point")


def _precision(place: PlaceMention) -> str:
    return "town" if place.precision == "city" else place.precision


def _borrowed(place: PlaceMention, country: str | None, story: Where):
    """A point for a place without one: a gazetteer entry of that name in that country, the nearest area
    the story names in the same country (one level coarser), its subdivision's, the country's."""
    point = _places.geocode(place.name, country) if place.kind == "pattern" else None
    if point:
        return point, "town", "gazetteer point of that name"
    near = [p for p in story.places if p.lat is not None and p.country == country and p is not place
            and p.precision != "site"]
    if near:
        best = min(near, key=lambda p: abs(p.start - place.start))
        return (best.lat, best.lon), COARSER[_precision(best)], f"point of {best.name}, named nearby"
    area = subdivision(place.admin)
    while area is not None and area.lat is None:
        area = subdivision(area.admin)
    if area is not None:
        return (area.lat, area.lon), "region" if area.precision == "region" else "district", f"point of {area.name}"
    lat, lon = country_point(country)
    return (lat, lon), "country" if lat is not None else None, "country point"


def locate(spans: Sequence[tuple[int, int]], story: Where, actor_country: str | None = None) -> Location:
    """Country, place and point of an incident told by the sentences at `spans` of the story."""
    parts = [within(story, s, e) for s, e in spans]
    places = plausible([p for w in parts if (p := best_place(list(w.places), None))], story)
    country = decide_country([c for w in parts for c in w.countries], places, story, actor_country,
                             [c for w in parts for c in w.located], [p for w in parts for p in w.places])
    found = pin(best_place(places, country), country, story)
    return replace(found, why=f"{_country_rule(places, country)}; {found.why}")


def _country_rule(places: list[PlaceMention], country: str | None) -> str:
    best = best_place(places, None)
    if best and best.country and best.country == country:
        return f"country of {best.name}"
    return "country named" if country else "no country"


def _names_actor(text: str, p: PlaceMention) -> bool:
    """'Russian drones', 'armée malienne', 'Ukraine's Armed Forces', 'le Commandement des États-Unis': a
    nationality or a country naming who acted."""
    after = text[p.end:p.end + 30]
    if p.kind == "country":
        return (after[:2] in ("'s", "’s") and FORCE_AFTER.match(after) is not None) or \
            FORCE_OF.search(text, max(0, p.start - 30), p.start) is not None
    return p.kind == "adjective" and bool(FORCE_AFTER.match(after)
                                          or FORCE_BEFORE.search(text[max(0, p.start - 20):p.start]))


def is_area(place: PlaceMention) -> bool:
    """A district or a region: other places of an incident may lie inside it."""
    return place.precision in ("district", "region")


def main_place(story: Where) -> PlaceMention | None:
    """The story's own place: the first place below country level it names (title and lead first)."""
    return next((p for p in story.places if p.country), None)


def best_place(places: list[PlaceMention], country: str | None) -> PlaceMention | None:
    """The most specific place that agrees with the country (places with no known country agree); at equal
    precision a village the text introduced by a cue ('le village de Mamove') before a known town named
    to situate it ('le territoire de Beni')."""
    fitting = [p for p in places if country is None or p.country in (None, country)]
    return max(fitting, key=lambda p: (PRECISION.get(p.precision, 0), p.kind == "pattern"), default=None)


def _placed_in(located: list[PlaceMention], places: list[PlaceMention]) -> str | None:
    """'fly over Tehran' beside 'missiles struck a building in Petah Tikva, in central Israel': when the
    places told lie in several countries, the one the sentences place the incident in ('in central Israel')
    and that one of its places lies in."""
    countries = {p.country for p in places if p.country}
    if len(countries) < 2:
        return None
    return next((c.country for c in located if c.country in countries), None)


def decide_country(sentence_countries: list[PlaceMention], places: list[PlaceMention], story: Where,
                   actor_country: str | None, located: list[PlaceMention] = (),
                   other_places: list[PlaceMention] = ()) -> str | None:
    """Where: its best place's country, else a country its sentences place it in ('in eastern Syria'),
    else the country of another place they name ('la localité de Taybeh' beside 'le sud du Liban': the
    village has none), else the story's own place's when the sentences name no place and no country
    (only nationalities), else a country they name, else a national actor's, else the country the
    story names most (names and adjectives alike), else the dateline's."""
    best = best_place(places, None)
    if best and best.country:
        return _placed_in(located, places) or best.country
    if located:
        return located[0].country
    placed = [p for p in other_places if p.country]
    if placed:   # 'la localité de Taybeh, frontalière d'Israël', in the south of Lebanon the story names
        anchor = best.start if best else placed[0].start
        return min(placed, key=lambda p: abs(p.start - anchor)).country
    lead = main_place(story)
    if lead and not any(p.country for p in places) and not any(c.kind == "country" for c in sentence_countries):
        return lead.country   # 'supporters suédois' at a match in Brussels: the story's place, not the victims'
    for pool in ([c for c in sentence_countries if c.kind == "country"], sentence_countries):
        if pool:
            return pool[0].country
    named = [c.country for c in story.countries if c.kind == "country"]
    if actor_country and actor_country not in named and named:
        return max(named, key=named.count)   # 'U.S. Central Command said' in a story on Syria
    if actor_country:
        return actor_country
    mentions = [c.country for c in sorted(story.countries + story.nationals, key=lambda c: c.start)]
    if mentions:
        return max(mentions, key=mentions.count)
    if story.dateline:
        return story.dateline[0].country
    return lead.country if lead else None   # a story on Beni and Oicha that never writes 'RDC'
