"""Number phrases -> {min, max} per the schema table, and casualty phrases in both languages."""
from __future__ import annotations

import pytest

from transforms.extract.casualties import casualties
from transforms.extract.numbers import parse_number, parse_quantity
from transforms.models import Range

OPEN = None


@pytest.mark.parametrize("phrase, lo, hi", [
    ("8", 8, 8), ("eight", 8, 8), ("huit", 8, 8),
    ("2 500", 2500, 2500), ("2,500", 2500, 2500), ("2\u00a0500", 2500, 2500),
    ("dix-sept", 17, 17), ("vingt et un", 21, 21), ("quatre-vingt-dix", 90, 90), ("quatre-vingts", 80, 80),
    ("soixante-quinze", 75, 75), ("twenty-one", 21, 21), ("thirty five", 35, 35),
    ("at least 11", 11, OPEN), ("au moins onze", 11, OPEN),
    ("plus de 60", 61, OPEN), ("more than 60", 61, OPEN), ("over 40", 41, OPEN),
    ("une dizaine", 10, 10), ("about ten", 10, 10), ("around ten", 10, 10), ("une vingtaine", 20, 20),
    ("une cinquantaine", 50, 50), ("about 50", 50, 50), ("a dozen", 12, 12),
    ("dozens", 24, OPEN), ("des dizaines", 24, OPEN),
    ("several", 2, OPEN), ("plusieurs", 2, OPEN), ("some", 1, OPEN), ("certains", 1, OPEN),
    ("between 8 and 12", 8, 12), ("entre huit et douze", 8, 12), ("15 to 20", 15, 20),
])
def test_quantity_table(phrase, lo, hi):
    assert parse_quantity(phrase) == Range(lo, hi)


@pytest.mark.parametrize("word", ["village", "Tuesday", "", "et"])
def test_words_that_are_not_numbers(word):
    assert parse_number(word) is None


@pytest.mark.parametrize("sentence, killed, injured", [
    # both tolls in one sentence
    ("Des hommes armés ont ouvert le feu sur le marché, tuant six personnes et blessant neuf autres.", (6, 6), (9, 9)),
    ("The gunmen opened fire on the bus, killing seven passengers and wounding twelve.", (7, 7), (12, 12)),
    ("L'explosion a fait 4 morts et 17 blessés près de la gare routière.", (4, 4), (17, 17)),
    ("Three soldiers were killed and 14 others wounded when the convoy hit a mine.", (3, 3), (14, 14)),
    ("A rocket hit the depot, killing a guard and wounding 5 others.", (1, 1), (5, 5)),
    # hedges inside casualty phrases
    ("Au moins douze civils ont été tués dans l'attaque du village.", (12, OPEN), None),
    ("The raid killed more than 30 villagers, local officials said.", (31, OPEN), None),
    ("Une dizaine de personnes ont été blessées par les éclats.", None, (10, 10)),
    ("The blast wounded dozens of worshippers leaving the mosque.", None, (24, OPEN)),
    ("Entre huit et douze combattants ont été tués lors des affrontements.", (8, 12), None),
    # nobody / no casualties
    ("L'obus est tombé dans un champ sans faire de victimes.", (0, 0), (0, 0)),
    ("The drone was shot down over the port and caused no casualties.", (0, 0), (0, 0)),
    ("Aucune victime n'est à déplorer après le tir de roquette.", (0, 0), (0, 0)),
    ("Nobody was killed in the shelling of the factory, the mayor said.", (0, 0), None),
    # toll updates and single victims
    ("Le bilan de l'attentat s'est alourdi à 14 morts, selon les secours.", (14, 14), None),
    ("The death toll from the bombing has risen to 23, the ministry said.", (23, 23), None),
    ("Un gendarme a été tué et deux autres ont été blessés au barrage.", (1, 1), (2, 2)),
    ("A police officer was shot dead at the checkpoint.", (1, 1), None),
    ("The strike wounded four fishermen and a child on the beach.", None, (5, 5)),
    # feminine and singular forms, approximate hundreds
    ("Trois personnes sont mortes et cinq autres ont été blessées dans l'attaque.", (3, 3), (5, 5)),
    ("Three people died and five others were injured in the attack.", (3, 3), (5, 5)),
    ("Une femme est morte dans l'explosion du marché.", (1, 1), None),
    ("A woman was killed in the market blast.", (1, 1), None),
    ("Une centaine de personnes ont été tuées dans l'attaque du village.", (100, 100), None),
    ("About a hundred people were killed in the attack on the village.", (100, 100), None),
    ("Une soixantaine de civils ont été blessés dans le bombardement.", None, (60, 60)),
    ("Personne n'a été blessé lors du tir de roquette.", (0, 0), (0, 0)),
    ("No one was hurt in the rocket fire.", (0, 0), (0, 0)),
    # the number in an aside is not the toll
    ("At least 9 people, including three children, were killed in the shelling.", (9, OPEN), None),
])
def test_casualties(sentence, killed, injured):
    k, i, phrases = casualties(sentence)
    assert k == (Range(*killed) if killed else None)
    assert i == (Range(*injured) if injured else None)
    assert phrases, "the raw phrase is kept"


@pytest.mark.parametrize("sentence", [
    "The convoy was attacked 20 kilometres from the town at 6 hours.",
    "Les assaillants sont arrivés vers 23 heures à moto.",
])
def test_distances_and_times_are_not_tolls(sentence):
    assert casualties(sentence)[:2] == (None, None)


@pytest.mark.parametrize("sentence", [
    "L'insurrection a fait des centaines de morts dans la région.",
    "Des centaines de personnes ont été tuées dans des attaques similaires depuis deux ans.",
    "The insurgency has killed hundreds of people in the province.",
    "Hundreds of civilians have been killed in raids on villages across the region.",
])
def test_hundreds_without_a_named_event_is_a_running_tally_not_a_toll(sentence):
    assert casualties(sentence)[0] is None


@pytest.mark.parametrize("sentence", [
    "Des centaines de personnes ont été tuées mardi dans le bombardement du marché.",
    "Hundreds were killed when a strike hit the crowded hospital.",
])
def test_hundreds_in_one_named_event_is_its_toll(sentence):
    assert casualties(sentence)[0] == Range(200, None)
