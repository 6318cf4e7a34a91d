"""Where an incident happened, one rule per test, each in French and English (issue 15): shared names
resolved by the story, cue words, administrative areas, the country of the place rather than of the
people, datelines, points and their precision. Sentences written for these tests."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from transforms.extract import extract
from transforms.extract.dateline import dateline_country
from transforms.extract.dates import dateline_place, strip_dateline
from transforms.extract.places import find_places
from transforms.extract.where import locate, story_where

PUBLISHED = datetime(2025, 6, 4, 12, tzinfo=timezone.utc)


def incident(lang: str, text: str, title: str = ""):
    found = [i for i in extract(title, text, PUBLISHED, lang).incidents if i.kind == "incident"]
    assert found, text
    return found[0]


def where_named(text: str, lang: str, name: str):
    return [(p.name, p.country) for p in find_places(text, lang) if p.text.startswith(name)]


@pytest.mark.parametrize("lang, text, name, country", [
    ("en", "Militiamen clashed overnight in Tripoli, the Libyan capital, leaving four dead.", "Tripoli", "LY"),
    ("fr", "Des miliciens se sont affrontés dans la nuit à Tripoli, la capitale libyenne, faisant quatre morts.",
     "Tripoli", "LY"),
    ("en", "A bomb went off in a market in Tripoli, in northern Lebanon, wounding six.", "Tripoli", "LB"),
    ("fr", "Une bombe a explosé sur un marché de Tripoli, dans le nord du Liban, blessant six personnes.",
     "Tripoli", "LB"),
    ("en", "Two police officers were shot dead in Jalalabad, in eastern Afghanistan.", "Jalalabad", "AF"),
    ("fr", "Deux policiers ont été abattus à Jalalabad, dans l'est de l'Afghanistan.", "Jalalabad", "AF"),
    ("en", "Two police officers were shot dead in Jalalabad, in southern Kyrgyzstan.", "Jalalabad", "KG"),
    ("fr", "Deux policiers ont été abattus à Jalal-Abad, dans le sud du Kirghizistan.", "Jalal-Abad", "KG"),
    ("en", "A man stabbed three passers-by in Saint-Denis, north of Paris.", "Saint-Denis", "FR"),
    ("fr", "Un homme a poignardé trois passants à Saint-Denis, au nord de Paris.", "Saint-Denis", "FR"),
    ("en", "A man stabbed three passers-by in Saint-Denis, on the island of Réunion.", "Saint-Denis", "RE"),
    ("fr", "Un homme a poignardé trois passants à Saint-Denis de La Réunion.", "Saint-Denis", "RE"),
])
def test_a_shared_name_is_the_place_in_the_country_the_story_names(lang, text, name, country):
    assert incident(lang, text).country == country
    assert [c for _, c in where_named(text, lang, name)] == [country]


@pytest.mark.parametrize("lang, text", [
    ("en", "Gunmen killed seven people in the village of Zorgloubi, in central Mali, on Monday."),
    ("fr", "Des hommes armés ont tué sept personnes lundi dans le village de Zorgloubi, dans le centre du Mali."),
    ("en", "Seven people were killed near Zorgloubi, in central Mali, on Monday."),
    ("fr", "Sept personnes ont été tuées lundi près de Zorgloubi, dans le centre du Mali."),
])
def test_a_cue_introduces_a_village_no_list_knows(lang, text):
    found = incident(lang, text)
    assert (found.location, found.country) == ("Zorgloubi", "ML")
    assert found.lat is not None and found.geo_precision in ("region", "country")   # a point near it, said coarse


@pytest.mark.parametrize("lang, text", [
    ("en", "Russian shelling hit the Nikopol district of Dnipropetrovsk region on Tuesday, wounding two."),
    ("fr", "Des tirs russes ont touché mardi le district de Nikopol, dans la région de Dnipropetrovsk, blessant deux personnes."),
])
def test_a_towns_name_introducing_a_district_is_the_district_not_the_town(lang, text):
    nikopol = [p for p in find_places(text, lang) if p.name == "Nikopol"]
    assert [(p.precision, p.lat) for p in nikopol] == [("district", None)]   # not the town's point
    found = incident(lang, text)
    assert found.country == "UA" and found.geo_precision in ("district", "region")


@pytest.mark.parametrize("lang, text, name, precision", [
    ("en", "Gunmen attacked a village in Kano State, killing five.", "Kano State", "region"),
    ("fr", "Des hommes armés ont attaqué un village de l'État de Kano, tuant cinq personnes.", "Kano State", "region"),
    ("en", "A bomb exploded at a bus station in Kano, killing five.", "Kano", "town"),
    ("fr", "Une bombe a explosé dans une gare routière de Kano, tuant cinq personnes.", "Kano", "town"),
])
def test_the_administrative_word_picks_the_state_over_its_capital(lang, text, name, precision):
    found = incident(lang, text)
    assert (found.location, found.country, found.geo_precision) == (name, "NG", precision)


@pytest.mark.parametrize("lang, text", [
    ("en", "Shelling killed a woman in the village of Zorgloubivka in Kherson Oblast on Sunday."),
    ("fr", "Des bombardements ont tué dimanche une femme dans le village de Zorgloubivka, dans la région de Kherson."),
])
def test_a_named_village_beats_the_region_it_lies_in(lang, text):
    found = incident(lang, text)
    assert (found.location, found.country) == ("Zorgloubivka", "UA")
    # no point of its own: the region's, said to be a region's
    assert found.geo_precision == "region" and 45 < found.lat < 48 and 32 < found.lon < 35


@pytest.mark.parametrize("lang, text", [
    ("en", "Shelling was reported across Kherson Oblast on Sunday, killing two civilians."),
    ("fr", "Des bombardements ont frappé dimanche la région de Kherson, tuant deux civils."),
])
def test_only_a_region_named_gives_the_regions_centroid(lang, text):
    found = incident(lang, text)
    assert (found.country, found.geo_precision) == ("UA", "region")
    assert 45 < found.lat < 48 and 32 < found.lon < 35


@pytest.mark.parametrize("lang, text, country", [
    ("en", "Two Swedish football fans were shot dead in Brussels on Monday evening.", "BE"),
    ("fr", "Deux supporters suédois ont été abattus lundi soir à Bruxelles.", "BE"),
    ("en", "A Portuguese man was stabbed to death in Mulhouse on Saturday.", "FR"),
    ("fr", "Un ressortissant portugais a été tué samedi à coups de couteau à Mulhouse.", "FR"),
    ("en", "Drones launched from Ukraine struck Belgorod overnight, wounding three people.", "RU"),
    ("fr", "Des drones lancés depuis l'Ukraine ont frappé Belgorod dans la nuit, blessant trois personnes.", "RU"),
])
def test_the_country_is_the_places_not_the_peoples(lang, text, country):
    assert incident(lang, text).country == country


@pytest.mark.parametrize("lang, text", [
    ("en", "Ukraine's Armed Forces shelled the Russian village of Zorgloubovo on Sunday, killing one man."),
    ("fr", "L'armée ukrainienne a bombardé dimanche le village russe de Zorgloubovo, tuant un homme."),
])
def test_a_cross_border_strike_takes_the_country_it_landed_in(lang, text):
    found = incident(lang, text)
    assert (found.location, found.country) == ("Zorgloubovo", "RU")


@pytest.mark.parametrize("lang, text", [
    ("en", "Two fans were shot dead on Monday near the stadium, police said.\nThe attack in Brussels came hours "
           "before the match."),
    ("fr", "Deux supporters ont été abattus lundi près du stade, selon la police.\nL'attaque de Bruxelles est "
           "survenue quelques heures avant le match."),
])
def test_an_incident_naming_no_place_takes_the_storys_own_place(lang, text):
    found = incident(lang, text, title="Brussels shooting" if lang == "en" else "Fusillade à Bruxelles")
    assert (found.country, found.location) == ("BE", "Brussels")


@pytest.mark.parametrize("text, place, country", [
    ("KANO (Nigeria), 17 septembre (AFP) - Des hommes armés ont tué trois personnes.", "KANO (Nigeria)", "NG"),
    ("MOGADISHU, Somalia (AP) — A car bomb killed four people.", "MOGADISHU, Somalia", "SO"),
    ("BAMAKO — Des jihadistes ont attaqué un camp militaire.", "BAMAKO", None),
    ("Kyiv, Ukraine — Russian drones hit a power plant.", "Kyiv, Ukraine", "UA"),
    ("BEIRUT (Reuters) - An Israeli strike killed two people.", "BEIRUT", None),
    ("Paris (AFP) - Un homme a été poignardé.", "Paris", None),
])
def test_dateline_forms(text, place, country):
    assert dateline_place(text) == place
    assert dateline_country(place) == country
    assert strip_dateline(text).startswith(" " * len(place))


@pytest.mark.parametrize("lang, text, country", [
    ("fr", "KANO (Nigeria), 17 septembre (AFP) - Des hommes armés ont tué trois villageois dans la nuit.", "NG"),
    ("en", "Kyiv, Ukraine — A drone attack overnight killed three people, officials said.", "UA"),
])
def test_the_dateline_gives_the_country_when_the_text_names_none(lang, text, country):
    assert incident(lang, text).country == country


@pytest.mark.parametrize("lang, text", [
    ("en", "Gunmen killed five people in the village of Zorgloubi in Mali, officials said."),
    ("fr", "Des hommes armés ont tué cinq personnes dans le village de Zorgloubi au Mali, selon des élus."),
])
def test_locate_is_one_story_level_call(lang, text):
    story = story_where(text, lang)
    found = locate([(0, len(text))], story)
    assert (found.country, found.location) == ("ML", "Zorgloubi")
    assert found.lat is not None and found.precision and found.why
