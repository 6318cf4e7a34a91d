"""Stage 1, sentence roles (transforms/extract/roles.py): each role from the rule that decides it, in French
and English, and the role accuracy on the labelled corpora of real wire sentences held at its floor."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from transforms.extract import explain

PUB = datetime(2025, 3, 12, 9, 0, tzinfo=timezone.utc)   # a Wednesday
# recorded by benchmarks/roles/evaluate.py: the rules alone when the corpora were added (0.531), with the role
# model's gate when it came (0.559 in-sample, as it was trained on these corpora; 0.550 cross-validated by
# benchmarks/roles/train.py): either may rise, not fall
RULES_ACCURACY_FLOOR = 0.54
ROLE_ACCURACY_FLOOR = 0.57


def _roles(title: str, text: str) -> list[str]:
    return [r.role for r in explain(title, text, PUB).roles]


@pytest.mark.parametrize("title, text, expected", [
    ("Attaque dans le Soum",
     "Des hommes armés ont attaqué mardi un poste de l'armée à Djibo, tuant cinq soldats.\n"
     "L'attaque a été revendiquée par le JNIM.\n"
     "Le bilan s'est alourdi mercredi à sept morts, selon une source sécuritaire.\n"
     "Les blessés ont été évacués vers l'hôpital de Ouahigouya.\n"
     "En 2019, une attaque similaire avait fait 20 morts dans la même localité.",
     ["incident", "incident", "claim", "revision", "aftermath", "background"]),
    ("Army post attacked in Soum",
     "Gunmen attacked an army post in Djibo on Tuesday, killing five soldiers.\n"
     "JNIM claimed responsibility for the attack.\n"
     "The death toll rose to seven on Wednesday, a security source said.\n"
     "The wounded were flown to hospital in Ouahigouya.\n"
     "In 2019, a similar attack killed 20 people in the same town.",
     ["incident", "incident", "claim", "revision", "aftermath", "background"]),
])
def test_each_role_from_its_rule(title, text, expected):
    assert _roles(title, text) == expected


@pytest.mark.parametrize("title, text", [
    ("Ituri : les attaques se multiplient",
     "Plus de 40 attaques ont visé des villages de l'Ituri depuis le début de l'année, selon l'ONU."),
    ("Attacks rise in Ituri", "More than 40 attacks have hit villages in Ituri since the start of the year, the UN said."),
])
def test_a_count_of_attacks_over_a_period_is_a_tally(title, text):
    assert _roles(title, text)[1] == "tally"


@pytest.mark.parametrize("title, text", [
    ("Deux villages attaqués",
     "Des hommes armés ont attaqué lundi le village de Tin, tuant trois civils.\n"
     "L'attaque contre le village a aussi fait deux blessés."),
    ("Two villages attacked",
     "Gunmen attacked the village of Tin on Monday, killing three civilians.\n"
     "The attack on the village also wounded two people."),
])
def test_a_sentence_telling_an_incident_again_settles_as_its_detail(title, text):
    result = explain(title, text, PUB)
    assert [r.role for r in result.roles][1:] == ["incident", "detail"]
    assert len([i for i in result.extraction.incidents if i.kind == "incident"]) == 1


@pytest.mark.parametrize("title, text", [
    ("Cyclisme : Pogacar attaque", "Pogacar a attaqué dans le dernier col de l'étape.\n"
     "Le maillot jaune a ensuite attaqué à nouveau à cinq kilomètres de l'arrivée."),
    ("Cycling: Pogacar attacks", "Pogacar attacked on the last climb of the stage.\n"
     "The yellow jersey attacked again five kilometres from the finish."),
])
def test_violence_words_in_a_sport_story_are_other(title, text):
    result = explain(title, text, PUB)
    assert set(r.role for r in result.roles) == {"other"} and not result.extraction.attack
    assert all(r.why for r in result.roles)


def test_every_sentence_has_a_role_and_a_reason():
    result = explain("Frappe sur Gaza", "Une frappe a tué dix personnes mardi à Gaza.\nLe ciel était bleu.", PUB)
    assert [bool(r.why) for r in result.roles] == [True, True, True]
    assert all(j.why for j in result.joined)


def test_role_accuracy_on_the_labelled_real_sentences_holds_its_floor():
    from benchmarks.roles.evaluate import CORPORA, evaluate
    result, rules = evaluate(CORPORA), evaluate(CORPORA, model=False)
    assert result["sentences"] >= 1300
    assert result["accuracy"] >= ROLE_ACCURACY_FLOOR, result["accuracy"]
    assert rules["accuracy"] >= RULES_ACCURACY_FLOOR, rules["accuracy"]
