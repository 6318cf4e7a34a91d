"""Aggregate claims: a count of attacks over a period, in French and English."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from transforms.extract import extract

PUB = datetime(2024, 6, 12, 9, 0, tzinfo=timezone.utc)   # a Wednesday


def _tallies(title: str, text: str) -> list[tuple]:
    return [(i.count.min, i.count.max, i.period_start, i.period_end)
            for i in extract(title, text, PUB).incidents if i.kind == "aggregate"]


@pytest.mark.parametrize("title, text, expected", [
    ("Ituri : les attaques se multiplient",
     "Les miliciens ont mené plus de 40 attaques contre des villages de l'Ituri depuis le début de l'année, selon l'ONU.",
     (41, None, date(2024, 1, 1), PUB.date())),
    ("Attacks rise in Cabo Delgado",
     "Insurgents carried out at least 35 attacks on villages in Cabo Delgado since the start of the year, a monitor said.",
     (35, None, date(2024, 1, 1), PUB.date())),
    ("Golfe d'Aden : les navires visés",
     "Les rebelles ont mené des dizaines d'attaques contre des navires depuis novembre 2023, selon la marine.",
     (24, None, date(2023, 11, 1), PUB.date())),
    ("Ships targeted since October",
     "The rebels have launched dozens of attacks on merchant ships since October, the navy said.",
     (24, None, date(2023, 10, 1), PUB.date())),
    ("Kivu : bilan de l'ONU",
     "Les rebelles ont commis 85 attaques contre des civils entre janvier et mai, selon un rapport de l'ONU.",
     (85, 85, date(2024, 1, 1), date(2024, 5, 31))),
    ("Report on Borno",
     "Jihadists carried out more than 90 attacks in Borno between February and April, a report said.",
     (91, None, date(2024, 2, 1), date(2024, 4, 30))),
])
def test_tally_periods(title, text, expected):
    assert _tallies(title, text) == [expected]


def test_a_tally_told_with_a_pronoun():
    text = ("Les attaques de drones contre les casernes se sont multipliées : la police en a recensé plus de 25 "
            "depuis le début de l'année.")
    assert _tallies("Drones contre les casernes", text) == [(26, None, date(2024, 1, 1), PUB.date())]


@pytest.mark.parametrize("title, text", [
    ("Savoie : les loups encore à l'attaque",
     "Plus de 120 attaques de loups contre des troupeaux ont été recensées en Savoie depuis le début de l'année."),
    ("Phishing wave hits councils",
     "Hackers have carried out more than 50 ransomware attacks on local councils since January, officials said."),
])
def test_tallies_of_what_is_no_incident_are_not_aggregates(title, text):
    assert _tallies(title, text) == []


@pytest.mark.parametrize("title, text", [
    ("Kano : deux policiers tués", "Des hommes armés ont tué deux policiers mardi à Kano, la deuxième attaque dans la ville "
     "depuis le début de l'année."),
    ("Two police officers killed in Kano", "Gunmen killed two police officers in Kano on Tuesday, the second attack in the "
     "city this year."),
])
def test_an_ordinal_in_the_sentence_of_an_incident_is_the_incident_and_a_tally(title, text):
    """'Gunmen killed two ..., the second attack in the city this year': the incident, and a tally of two."""
    found = extract(title, text, PUB).incidents
    assert [i.kind for i in found] == ["incident", "aggregate"]
    assert found[0].killed.min == 2 and found[1].count.min == found[1].count.max == 2
    assert found[1].killed is None and found[1].period_start == date(2024, 1, 1)


@pytest.mark.parametrize("title, text", [
    ("Lyon : un homme poignardé", "L'agresseur a poignardé la victime à douze reprises mardi à Lyon, selon la police."),
    ("Man stabbed in Lyon", "The attacker stabbed the victim 12 times on Tuesday in Lyon, police said."),
])
def test_blows_counted_in_one_attack_are_no_tally(title, text):
    assert _tallies(title, text) == []
