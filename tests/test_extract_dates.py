"""Incident dates resolved against publication in the story's own time zone (schema rules)."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from transforms.extract import extract
from transforms.extract.dates import dateline_place, find_date, strip_dateline

# Wednesday 2024-05-15, 10:00 in Paris (UTC+2)
WED = datetime(2024, 5, 15, 10, 0, tzinfo=timezone(timedelta(hours=2)))


@pytest.mark.parametrize("sentence, expected", [
    ("Des hommes armés ont attaqué le poste mardi.", date(2024, 5, 14)),
    ("Gunmen attacked the post on Tuesday.", date(2024, 5, 14)),
    ("The convoy was ambushed late on Thursday.", date(2024, 5, 9)),
    ("The shelling began Tuesday evening.", date(2024, 5, 14)),
    ("L'attaque a eu lieu mercredi à l'aube.", date(2024, 5, 15)),          # publication weekday = that day
    ("L'attaque a eu lieu mercredi dernier.", date(2024, 5, 8)),            # unless "dernier"
    ("The attack happened last Wednesday.", date(2024, 5, 8)),
    ("Le village a été attaqué vendredi dernier.", date(2024, 5, 10)),
    ("Une roquette est tombée hier sur le marché.", date(2024, 5, 14)),
    ("A rocket hit the market yesterday.", date(2024, 5, 14)),
    ("Le poste a été attaqué avant-hier.", date(2024, 5, 13)),
    ("Une bombe a explosé aujourd'hui devant la mairie.", date(2024, 5, 15)),
    ("A bomb went off today outside the town hall.", date(2024, 5, 15)),
    ("Drones struck the port overnight.", date(2024, 5, 15)),
    ("Le camp a été attaqué le 12 mai.", date(2024, 5, 12)),
    ("The camp was attacked on May 12.", date(2024, 5, 12)),
    ("The camp was attacked on Oct. 17.", date(2023, 10, 17)),             # a later month is last year's
    ("L'assaut a commencé dans la nuit de samedi à dimanche.", date(2024, 5, 12)),
    ("The assault began in the night of Saturday to Sunday.", date(2024, 5, 12)),
    ("Drones struck the port overnight Saturday into Sunday.", date(2024, 5, 12)),
    ("Russian drones struck Kharkiv overnight on Monday.", date(2024, 5, 13)),    # the day named beats "overnight"
    ("Des drones ont frappé Kharkiv dans la nuit de lundi.", date(2024, 5, 13)),
    ("Des drones ont frappé le port dans la nuit.", date(2024, 5, 15)),
    ("A bomb went off in the market the day before yesterday.", date(2024, 5, 13)),
    ("Le poste a été attaqué il y a deux jours.", date(2024, 5, 13)),
    ("Gunmen attacked the post three days ago.", date(2024, 5, 12)),
    ("L'attaque a eu lieu le 17 octobre.", date(2023, 10, 17)),
    ("L'attaque a eu lieu le 1er mai.", date(2024, 5, 1)),
    ("Des hommes armés ont attaqué le poste lundi soir.", date(2024, 5, 13)),
])
def test_resolves(sentence, expected):
    found = find_date(sentence, WED)
    assert found is not None and found.value == expected and found.precision == "day"


@pytest.mark.parametrize("sentence, precision", [
    ("Plusieurs attaques ont visé la région la semaine dernière.", "week"),
    ("Several attacks hit the region last week.", "week"),
    ("Earlier this month, gunmen attacked a school.", "month"),
    ("Le mois dernier, une embuscade avait visé un convoi.", "month"),
])
def test_vague_dates_are_null(sentence, precision):
    found = find_date(sentence, WED)
    assert found.value is None and found.precision == precision


@pytest.mark.parametrize("sentence", ["Des hommes armés ont attaqué le convoi près de Gao.",
                                      "Gunmen attacked the convoy near Gao."])
def test_no_time_named_gives_no_date(sentence):
    assert find_date(sentence, WED) is None


def test_reported_speech_is_not_the_event_date():
    found = find_date("The strike killed four people, officials said on Wednesday.", WED)
    assert found is None
    found = find_date("Le raid a eu lieu lundi, a indiqué mardi un responsable.", WED)
    assert found.value == date(2024, 5, 13)


def test_next_day_follows_the_previous_incident():
    assert find_date("Le lendemain, l'armée a riposté.", WED, previous=date(2024, 5, 12)).value == date(2024, 5, 13)
    assert find_date("The next day the army hit back.", WED, previous=None) is None


def test_the_story_time_zone_decides_the_day():
    # 23:30 UTC on Tuesday is already Wednesday in Kabul (UTC+4:30): "yesterday" is Tuesday there
    late = datetime(2024, 5, 14, 23, 30, tzinfo=timezone.utc).astimezone(timezone(timedelta(hours=4, minutes=30)))
    assert find_date("A bomb exploded yesterday in the market.", late).value == date(2024, 5, 14)
    utc = datetime(2024, 5, 14, 23, 30, tzinfo=timezone.utc)
    assert find_date("A bomb exploded yesterday in the market.", utc).value == date(2024, 5, 13)


def test_dateline_is_blanked_keeping_offsets():
    text = "KABUL, May 15 - A bomb exploded in a market."
    stripped = strip_dateline(text)
    assert len(stripped) == len(text) and stripped.lstrip().startswith("A bomb")


@pytest.mark.parametrize("title, text", [
    ("Bomb kills three in market", "KABUL, May 13 - A bomb killed three people at a market in Kabul, police said."),
    ("Une bombe tue trois personnes", "Une bombe a tué trois personnes sur un marché de Kaboul, selon la police."),
])
def test_publication_day_when_no_time_is_named(title, text):
    result = extract(title, text, WED)
    assert result.attack and result.incidents[0].date == date(2024, 5, 15)


def test_naive_publication_time_is_refused():
    with pytest.raises(ValueError):
        extract("t", "Une bombe a tué trois personnes.", datetime(2024, 5, 15, 10, 0))


@pytest.mark.parametrize("text, place", [
    ("KYIV, Nov 22 (Reuters) - Russian drones struck Odesa overnight.", "KYIV"),
    ("GAZA CITY, Nov. 22 (Reuters) - Israeli strikes hit a school.", "GAZA CITY"),
    ("NAIROBI, Kenya (AP) — Gunmen attacked a bus near Mandera.", "NAIROBI, Kenya"),
    ("BAMAKO (AFP) - Des jihadistes ont tué six soldats près de Tessit.", "BAMAKO"),
    ("DAKAR, 14 mai 2024 (AFP) - Six soldats ont été tués à Gao.", "DAKAR"),
    ("Niamey, 14 mai (AFP) - Une embuscade a visé une patrouille.", "Niamey"),
    ("ISLAMABAD/PESHAWAR, May 14 (Reuters) - A bomb killed five people.", "ISLAMABAD/PESHAWAR"),
    ("LAGOS, Nigeria, May 14 (Reuters) - Gunmen killed five people.", "LAGOS, Nigeria"),
])
def test_datelines_are_blanked_and_their_place_kept_apart(text, place):
    stripped = strip_dateline(text)
    assert len(stripped) == len(text) and place not in stripped and stripped.strip()[:1].isupper()
    assert dateline_place(text) == place


@pytest.mark.parametrize("text", [
    "Gunmen killed five villagers on May 12 - police said the toll could rise.",
    "Des hommes armés ont attaqué le village - un élu a confirmé l'attaque.",
    "Iran - US talks stalled on Tuesday.",
])
def test_an_ordinary_sentence_with_a_dash_is_no_dateline(text):
    assert strip_dateline(text) == text and dateline_place(text) == ""
