"""Places: countries and adjectives, French exonyms, curated bases and regions, pattern villages,
longest match and no false positives. Sentences written for these tests, French and English."""
from __future__ import annotations


import pytest

from transforms.extract.places import PlaceMention, country_name, find_places, geocode


def found(text: str, lang: str, **kw) -> list[tuple[str, str, str | None, str]]:
    return [(p.text, p.name, p.country, p.kind) for p in find_places(text, lang, **kw)]


@pytest.mark.parametrize("text,lang,expected", [
    ("Le convoi a été attaqué dans l'est de l'Irak.", "fr", ("Irak", "Iraq", "IQ", "country")),
    ("Deux soldats irakiens ont été blessés.", "fr", ("irakiens", "Iraq", "IQ", "adjective")),
    ("Une patrouille irakienne est tombée dans une embuscade.", "fr", ("irakienne", "Iraq", "IQ", "adjective")),
    ("Iraqi officials confirmed the toll.", "en", ("Iraqi", "Iraq", "IQ", "adjective")),
    ("Des renforts ont été envoyés en RDC.", "fr", ("RDC", "Democratic Republic of the Congo", "CD", "country")),
    ("Fighting resumed in eastern DR Congo.", "en", ("DR Congo", "Democratic Republic of the Congo", "CD", "country")),
    ("La République démocratique du Congo a protesté.", "fr",
     ("République démocratique du Congo", "Democratic Republic of the Congo", "CD", "country")),
    ("Les Etats-Unis ont annoncé des sanctions.", "fr", ("Etats-Unis", "United States", "US", "country")),
    ("Les États-Unis ont annoncé des sanctions.", "fr", ("États-Unis", "United States", "US", "country")),
    ("Le Royaume-Uni a condamné l'attaque.", "fr", ("Royaume-Uni", "United Kingdom", "GB", "country")),
    ("Des militaires nigériens ont été tués.", "fr", ("nigériens", "Niger", "NE", "adjective")),
    ("Des soldats nigérians ont été tués.", "fr", ("nigérians", "Nigeria", "NG", "adjective")),
    ("L'armée nigériane a repoussé l'assaut.", "fr", ("nigériane", "Nigeria", "NG", "adjective")),
    ("Une unité nigérienne a été visée.", "fr", ("nigérienne", "Niger", "NE", "adjective")),
    ("Nigerien troops withdrew.", "en", ("Nigerien", "Niger", "NE", "adjective")),
    ("Nigerian troops withdrew.", "en", ("Nigerian", "Nigeria", "NG", "adjective")),
    ("Le Kosovo et la Palestine ont été cités.", "fr", ("Kosovo", "Kosovo", "XK", "country")),
    ("Tensions rose in Western Sahara.", "en", ("Western Sahara", "Western Sahara", "EH", "country")),
])
def test_country_names_and_adjectives(text, lang, expected):
    assert expected in found(text, lang)
    assert all(p.precision == "country" for p in find_places(text, lang) if p.kind in ("country", "adjective"))


@pytest.mark.parametrize("text,name,country", [
    ("Une explosion a secoué Bagdad dans la nuit.", "Baghdad", "IQ"),
    ("Un attentat a frappé Mogadiscio jeudi.", "Mogadishu", "SO"),
    ("Des drones ont visé le port d'Odessa.", "Odesa", "UA"),
    ("Trois policiers ont été tués à Kirkouk.", "Kirkuk", "IQ"),
    ("Le camp de Tombouctou a été bombardé.", "Timbuktu", "ML"),
    ("Des frappes ont visé Hodeïda.", "Hodeidah", "YE"),
    ("Un véhicule a explosé à Qamichli.", "Qamishli", "SY"),
    ("Les combats ont repris autour d'El-Facher.", "El Fasher", "SD"),
    ("Des roquettes sont tombées sur Kaboul.", "Kabul", "AF"),
    ("Une attaque a visé Niamey dans la nuit.", "Niamey", "NE"),
    ("A car bomb exploded in Mogadishu on Friday.", "Mogadishu", "SO"),
    ("Shelling hit Kharkiv overnight.", "Kharkiv", "UA"),
])
def test_cities_under_their_english_name(text, name, country):
    places = [p for p in find_places(text, "fr") if p.name == name]
    assert places and places[0].country == country and places[0].precision == "town"
    assert places[0].lat is not None and places[0].lon is not None


@pytest.mark.parametrize("text,name,precision", [
    ("Des roquettes ont visé la base d'Aïn al-Assad.", "Ain al-Asad Air Base", "site"),
    ("A drone struck the al-Tanf garrison.", "al-Tanf garrison", "site"),
    ("Three soldiers died at Tower 22.", "Tower 22", "site"),
    ("Rockets targeted Victory Base near the airport.", "Victory Base Complex", "site"),
    ("Les violences se multiplient au Sahel.", "Sahel", "region"),
    ("Des affrontements ont eu lieu au Nord-Kivu.", "North Kivu", "region"),
    ("Fighting spread across North Kivu.", "North Kivu", "region"),
    ("L'attaque a eu lieu dans la province de Cabo Delgado.", "Cabo Delgado Province", "region"),
    ("Les insurgés sont actifs autour du lac Tchad.", "Lake Chad", "region"),
    ("Des raids ont été signalés dans l'Extrême-Nord.", "Far North Region", "region"),
    ("La région de Tillabéri reste instable.", "Tillabéri", "region"),
    ("Des frappes ont visé la bande de Gaza.", "Gaza Strip", "region"),
    ("Une opération a été menée en Cisjordanie.", "West Bank", "region"),
    ("Militants attacked a checkpoint in Khyber Pakhtunkhwa.", "Khyber Pakhtunkhwa", "region"),
    ("Des frappes ont visé le Darfour-Nord.", "North Darfur", "region"),
    ("Guerrillas attacked a police post in Cauca.", "Cauca", "region"),
    ("Les combats se poursuivent dans le Donbass.", "Donbas", "region"),
])
def test_curated_bases_and_regions(text, name, precision):
    match = [p for p in find_places(text, "fr") if p.name == name]
    assert match and match[0].kind == "curated" and match[0].precision == precision


@pytest.mark.parametrize("text,lang,name", [
    ("Des hommes armés ont attaqué le village de Kaïga-Kindjiria à l'aube.", "fr", "Kaïga-Kindjiria"),
    ("L'attaque a visé la localité de Tidermène, selon un élu.", "fr", "Tidermène"),
    ("Les assaillants ont incendié des cases à Bourzanga-Kiembo vendredi.", "fr", "Bourzanga-Kiembo"),
    ("Les corps ont été retrouvés près de Ngouboua.", "fr", "Ngouboua"),
    ("A suicide bomber struck a school in Kalay-e-Sorkhab.", "en", "Kalay-e-Sorkhab"),
    ("Gunmen raided the village of Kwatanbaza overnight.", "en", "Kwatanbaza"),
    ("Troops were ambushed near Ouamtoro on Sunday.", "en", "Ouamtoro"),
    ("Residents of the hamlet of Tiguelou fled.", "en", "Tiguelou"),
])
def test_pattern_villages(text, lang, name):
    match = [p for p in find_places(text, lang) if p.text == name]
    assert match, found(text, lang)
    p = match[0]
    assert (p.kind, p.precision, p.country, p.lat, p.lon, p.name) == ("pattern", "town", None, None, None, name)


@pytest.mark.parametrize("text,lang", [
    ("Police said the Mission Central road was closed.", "en"),
    ("Victoria Nuland met officials.", "en"),
    ("The attack happened in March, according to Reuters.", "en"),
    ("In Parliament, ministers clashed on Tuesday.", "en"),
    ("Il a déclaré à Reuters que l'attaque avait eu lieu en Mars.", "fr"),
    ("La réunion a eu lieu mardi. Selon l'AFP, Mohamed est arrivé à Dimanche.", "fr"),
    ("Nord et Sud ont signé. Orange a publié ses résultats. Mobile operators complained.", "fr"),
    ("Speaking in English, the President thanked the Union.", "en"),
    ("Il a parlé à Jean Dupont et à Emmanuel Macron.", "fr"),
    ("He spoke to the Kyiv Independent on Monday.", "en"),
])
def test_no_false_positives_on_ordinary_capitalised_words(text, lang):
    assert found(text, lang) == []


def test_lower_case_city_names_do_not_match():
    assert found("the rapid response and the nice weather in paris", "en") == []


def test_longest_match_and_no_overlap():
    places = find_places("Rebels took Nord-Kivu; then North Darfur and northern Mali; the République démocratique du Congo.", "en")
    assert [p.name for p in places] == ["North Kivu", "North Darfur", "Northern Mali", "Democratic Republic of the Congo"]
    for a, b in zip(places, places[1:]):
        assert a.end <= b.start


def test_offsets_point_at_the_text_as_written():
    text = "Des tirs ont visé l'aéroport, puis Bagdad et Aïn al-Assad."
    for p in find_places(text, "fr"):
        assert text[p.start:p.end] == p.text


def test_glued_modifier_is_not_a_place():
    assert found("Iran-backed groups and US-led forces clashed.", "en") == []


def test_metonym_subject_is_not_a_place_but_object_is():
    assert [p.name for p in find_places("Washington said it would respond.", "en")] == []
    assert [p.name for p in find_places("Russian missiles hit Kyiv overnight.", "en")] == ["Russia", "Kyiv"]
    assert [p.name for p in find_places("Kyiv, which rarely comments, says it hits depots.", "en")] == []
    assert [p.name for p in find_places("the first strike for which Washington has taken responsibility", "en")] == []
    assert [p.name for p in find_places("a U.S.-led coalition strike", "en")] == []
    assert [p.name for p in find_places("Moscou, qui dément, accuse Kiev.", "fr")] == ["Kyiv"]


def test_a_town_named_as_a_district_is_an_area():
    fr = find_places("Des obus sont tombés dans le district de Nikopol.", "fr")
    en = find_places("Shells fell in the Lozova district.", "en")
    assert [(p.name, p.precision) for p in fr + en] == [("Nikopol", "district"), ("Lozova", "district")]
    assert [p.precision for p in find_places("Des obus sont tombés sur Nikopol.", "fr")] == ["town"]


def test_country_hint_picks_the_homonym():
    plain = find_places("Clashes were reported in Tripoli.", "en")
    hinted = find_places("Clashes were reported in Tripoli.", "en", countries={"LB"})
    assert plain[0].country == "LY" and hinted[0].country == "LB"


def test_country_name_and_geocode():
    assert country_name("IQ") == "Iraq"
    assert country_name("ne") == "Niger"
    with pytest.raises(KeyError):
        country_name("ZZ")
    lat, lon = geocode("Bagdad")
    assert abs(lat - 33.3) < 0.2 and abs(lon - 44.4) < 0.2
    assert geocode("Ain al-Asad Air Base") == (33.80, 42.44)
    assert geocode("Tripoli", "LB")[0] == pytest.approx(34.4, abs=0.2)
    assert geocode("Nowhereville Upon Nothing") is None


def test_mentions_are_frozen_records():
    p = find_places("Des frappes ont visé Bagdad.", "fr")[0]
    assert isinstance(p, PlaceMention)
    with pytest.raises(AttributeError):
        p.name = "x"


def test_a_primary_name_beats_a_bigger_citys_old_alternate_name():
    assert [(p.name, p.country) for p in find_places("A bomb exploded in Islamabad.", "en")] == [("Islamabad", "PK")]


def test_a_word_that_names_an_armed_group_is_not_a_foreign_town():
    assert [p.name for p in find_places("Fano fighters clashed with troops in Amhara.", "en")] == ["Amhara"]


@pytest.mark.parametrize("text,lang", [
    ("Seul un soldat a survécu à l'embuscade tendue près du camp.", "fr"),           # Seoul's French name
    ("Trente soldats ont été tués mardi.", "fr"),                                    # Trento's French name
    ("Grenade lancée sur un bar\nUne grenade a blessé huit clients.", "fr"),         # Grenada in French
    ("Best efforts were made to evacuate the wounded.", "en"),                        # a Dutch town
    ("Time ran out for the hostages.", "en"),                                          # a Norwegian town
    ("Mine Blast Kills Three Soldiers On Patrol", "en"),                               # Title Case headline
])
def test_a_capital_the_sentence_forces_does_not_make_a_place(text, lang):
    assert found(text, lang) == []


@pytest.mark.parametrize("text,lang,name", [
    ("Lyon a été le théâtre d'une attaque au couteau.", "fr", "Lyon"),              # a big city's own name
    ("Leeds was calm after the stabbing.", "en", "Leeds"),
    ("Ayorou a été attaquée mardi. Les habitants d'Ayorou ont fui.", "fr", "Ayorou"),  # named again mid-sentence
    ("Ayorou was attacked on Tuesday. Residents of Ayorou fled.", "en", "Ayorou"),
])
def test_a_town_at_sentence_start_is_kept_when_the_text_vouches_for_it(text, lang, name):
    assert [p.name for p in find_places(text, lang)][:1] == [name]


@pytest.mark.parametrize("text,lang,expected", [
    ("Des hommes armés ont attaqué mardi le village de Bandé Sola.", "fr", ["Bandé Sola"]),
    ("Gunmen raided the village of Bandé Sola on Tuesday.", "en", ["Bandé Sola"]),
    ("Les supporters du Paris Saint-Germain ont défilé.", "fr", []),
    ("Fans of Paris Saint-Germain gathered outside the stadium.", "en", []),
    ("Les habitants de Sola ont été évacués vers Baga Sola.", "fr", ["Sola", "Baga Sola"]),
    ("Sola residents were evacuated to Baga Sola.", "en", ["Baga Sola"]),
])
def test_part_of_a_longer_name_is_no_town(text, lang, expected):
    assert [p.name for p in find_places(text, lang)] == expected


@pytest.mark.parametrize("text,lang,name,country,precision", [
    ("Rockets hit Ain al-Asad air base on Tuesday.", "en", "Ain al-Asad Air Base", "IQ", "site"),
    ("Des roquettes ont visé la base d'Aïn al-Assad.", "fr", "Ain al-Asad Air Base", "IQ", "site"),
    ("A drone struck the al-Tanf garrison.", "en", "al-Tanf garrison", "SY", "site"),
    ("Un drone a frappé la garnison d'al-Tanf.", "fr", "al-Tanf garrison", "SY", "site"),
    ("Three soldiers died at Tower 22.", "en", "Tower 22", "JO", "site"),
    ("Trois soldats sont morts à la Tour 22.", "fr", "Tower 22", "JO", "site"),
    ("Fighting raged across the Donbas.", "en", "Donbas", "UA", "region"),
    ("Les combats se poursuivent dans le Donbass.", "fr", "Donbas", "UA", "region"),
    ("Fighting spread across North Kivu.", "en", "North Kivu", "CD", "region"),
    ("Des affrontements ont eu lieu au Nord-Kivu.", "fr", "North Kivu", "CD", "region"),
])
def test_curated_places_carry_country_and_coordinates(text, lang, name, country, precision):
    match = [p for p in find_places(text, lang) if p.name == name]
    assert match and (match[0].country, match[0].precision) == (country, precision)
    assert -90 <= match[0].lat <= 90 and -180 <= match[0].lon <= 180


@pytest.mark.parametrize("text,lang", [
    ("Jihadist attacks are spreading across the Sahel.", "en"),
    ("Les attaques jihadistes se multiplient au Sahel.", "fr"),
])
def test_a_region_across_countries_has_no_country(text, lang):
    sahel = [p for p in find_places(text, lang) if p.name == "Sahel"]
    assert sahel and sahel[0].precision == "region" and sahel[0].country is None and sahel[0].lat is not None


@pytest.mark.parametrize("text,lang", [
    ("The White House condemned the attack on Tuesday.", "en"),                  # an old name of Casablanca
    ("La Maison Blanche a condamné l'attaque mardi.", "fr"),                      # Dar el Beïda's French name
    ("L'Élysée a réuni un conseil de défense après l'attaque.", "fr"),
    ("Save the Children said two of its staff were wounded.", "en"),              # Savé, Benin
    ("The toll was given to Agence France-Presse by a local official who asked not to be named.", "en"),
    ("Un élu a confié à l'Agence France-Presse que le bilan restait provisoire.", "fr"),
])
def test_institutions_and_organisations_are_no_places(text, lang):
    assert found(text, lang) == []


def test_a_country_in_a_title_case_headline_is_kept():
    assert [p.name for p in find_places("Jihadists Attack Mali Army Post Near Gao", "en")] == ["Mali", "Gao"]


@pytest.mark.parametrize("text,lang,name,precision", [
    ("Des hommes armés ont tué douze civils dans la province du Soum.", "fr", "Soum", "district"),
    ("Gunmen killed twelve civilians in Burkina Faso's Soum province.", "en", "Soum", "district"),
    ("Des jihadistes ont attaqué un poste dans le département de Djibasso.", "fr", "Djibasso", "district"),
    ("Fighting was reported in the Upper Nile region.", "en", "Upper Nile State", "region"),   # not 'Nile'
    ("Des combats ont eu lieu dans la province de Zorglubie.", "fr", "Zorglubie", "region"),   # no list knows it
    ("Fighting was reported in the Zorglub district.", "en", "Zorglub", "district"),
])
def test_administrative_areas_named_by_a_cue_are_areas(text, lang, name, precision):
    match = [(p.name, p.precision) for p in find_places(text, lang) if p.precision not in ("country", "town")]
    assert match == [(name, precision)]


@pytest.mark.parametrize("text,lang", [
    ("Le ministère de la Défense a annoncé le bilan mardi.", "fr"),               # La Défense, Paris
    ("The Defence Ministry announced the toll on Tuesday.", "en"),
    ("Les violences jihadistes gagnent l'Afrique de l'Ouest.", "fr"),
])
def test_ministries_and_continents_are_no_places(text, lang):
    assert found(text, lang) == []


@pytest.mark.parametrize("text,lang", [
    ("Un témoin a confié à Radio France Internationale que les tirs avaient duré une heure.", "fr"),
    ("Un élu a déclaré à Jeune Afrique que les assaillants étaient nombreux.", "fr"),
    ("A witness told Radio Free Asia that the shooting lasted an hour.", "en"),
])
def test_who_was_told_after_a_is_no_village(text, lang):
    assert [p for p in find_places(text, lang) if p.kind == "pattern"] == []


@pytest.mark.parametrize("text, lang", [("Grenade attack on a bar in Bangkok wounds five", "en"),
                                        ("Grenade lancée contre un bar à Bujumbura", "fr")])
def test_a_grenade_is_no_grenada(text, lang):
    assert "Grenada" not in [p.name for p in find_places(text, lang)]


@pytest.mark.parametrize("text, lang", [("Un ouragan a frappé la Grenade mardi.", "fr"),
                                        ("A hurricane hit Grenada on Tuesday.", "en")])
def test_grenada_by_its_name(text, lang):
    assert [p.name for p in find_places(text, lang)] == ["Grenada"]
