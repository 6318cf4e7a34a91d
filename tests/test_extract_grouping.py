"""Stage 3, grouping (transforms/extract/grouping.py): when sentences tell one incident and when several,
in French and English."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from transforms.extract import explain

PUB = datetime(2025, 3, 12, 9, 0, tzinfo=timezone.utc)   # a Wednesday


def _incidents(title: str, text: str):
    return [i for i in explain(title, text, PUB).extraction.incidents if i.kind == "incident"]


@pytest.mark.parametrize("title, text", [
    ("Attentat à Kano", "Un kamikaze s'est fait exploser mardi devant une mosquée de Kano, tuant six fidèles.\n"
     "L'explosion a aussi blessé vingt personnes, selon un secouriste."),
    ("Bombing in Kano", "A suicide bomber blew himself up outside a mosque in Kano on Tuesday, killing six worshippers.\n"
     "The blast also wounded 20 people, a rescue worker said."),
])
def test_an_explosion_told_after_a_bombing_is_that_bombing(title, text):
    found = _incidents(title, text)
    assert [(i.event_type, i.killed.min, i.injured.min) for i in found] == [("suicide_bomb", 6, 20)]


@pytest.mark.parametrize("title, text", [
    ("Frappes en Irak et en Syrie", "Des avions américains ont frappé mardi des sites de la milice en Irak.\n"
     "D'autres frappes ont visé mardi des dépôts de la milice en Syrie."),
    ("Strikes in Iraq and Syria", "US jets struck militia sites in Iraq on Tuesday.\n"
     "Other strikes hit militia depots in Syria on Tuesday."),
])
def test_incidents_told_in_two_countries_stay_two(title, text):
    assert sorted(i.country for i in _incidents(title, text)) == ["IQ", "SY"]


@pytest.mark.parametrize("title, text", [
    ("Roquettes sur Metula", "Des roquettes ont visé mardi la ville de Metula, dans le nord d'Israël, sans faire de victimes.\n"
     "Une roquette a tué un homme à Kiryat Shmona mardi."),
    ("Rockets on Metula", "Rockets hit the town of Metula in northern Israel on Tuesday, causing no casualties.\n"
     "A rocket killed a man in Kiryat Shmona on Tuesday."),
])
def test_nobody_hurt_and_a_death_are_two_incidents(title, text):
    assert sorted((i.killed.min, i.killed.max) for i in _incidents(title, text)) == [(0, 0), (1, 1)]


@pytest.mark.parametrize("title, text", [
    ("Deux sources, un bilan", "Des hommes armés ont attaqué mardi le village de Koro, tuant douze civils selon un élu.\n"
     "Un habitant a fait état de 15 morts dans l'attaque du village."),
    ("Two sources, one toll", "Gunmen attacked the village of Koro on Tuesday, killing 12 civilians, a local official said.\n"
     "A resident said 15 people died in the attack on the village."),
])
def test_a_toll_that_differs_is_a_source_disagreeing_not_another_incident(title, text):
    found = _incidents(title, text)
    assert [(i.killed.min, i.killed.max) for i in found] == [(12, 15)]
