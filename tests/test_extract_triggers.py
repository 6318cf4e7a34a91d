"""Triggers and event types; contexts that are not incidents; the data files themselves."""
from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
import yaml

from transforms.extract import extract, lexicon as lexicon_module
from transforms.extract.dates import date_data
from transforms.extract.numbers import number_data
from transforms.extract.memo import forget
from transforms.extract.triggers import armed_on_both_sides, reports_violence

PUB = datetime(2024, 5, 15, 9, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("title, text, event_type, weapon", [
    ("Frappe de drone sur un marché", "Une frappe de drone a tué cinq civils mardi sur un marché de Kidal, dans le nord du Mali.",
     "air_drone_strike", "drone"),
    ("Drone strike hits market", "A drone strike killed five civilians at a market in Kidal, northern Mali, on Tuesday.",
     "air_drone_strike", "drone"),
    ("Des obus tombent sur Donetsk", "Des tirs d'artillerie ont tué deux habitants de Donetsk mardi, selon les autorités.",
     "shelling_missile", "artillery"),
    ("Rockets hit base", "Three rockets struck an army base near Kirkuk on Tuesday, wounding two soldiers.",
     "shelling_missile", "rocket"),
    ("Attentat-suicide à Mogadiscio", "Un kamikaze s'est fait exploser mardi devant un hôtel de Mogadiscio, tuant six personnes.",
     "suicide_bomb", None),
    ("Roadside bomb kills four", "A roadside bomb killed four soldiers on a patrol near Gao, Mali, on Tuesday.",
     "remote_explosive", "ied"),
    ("Grenade lancée sur un bar", "Une grenade lancée dans un bar de Bujumbura a blessé huit clients mardi soir.",
     "grenade", "grenade"),
    ("Clashes in Amhara", "Clashes between the army and militiamen killed 12 fighters near Gondar, Ethiopia, on Tuesday.",
     "armed_clash", None),   # fighting names no weapon
    ("Un homme armé tue trois passants", "Un homme armé d'un couteau a tué trois passants mardi dans une rue de Lyon.",
     "attack", "knife"),
])
def test_event_types(title, text, event_type, weapon):
    result = extract(title, text, PUB)
    assert result.attack
    first = result.incidents[0]
    assert first.kind == "incident" and first.event_type == event_type
    if weapon:
        assert first.weapon == weapon


@pytest.mark.parametrize("title, text", [
    # sport
    ("L'attaque du PSG a brillé", "L'attaque du PSG a inscrit trois buts face à Lens samedi au Parc des Princes."),
    ("Toulouse attack too strong", "The Toulouse attack ran in four tries as the home side crushed Bath in the rugby."),
    # cyber
    ("Une cyberattaque paralyse une mairie", "Une cyberattaque a paralysé mardi les services informatiques de la mairie."),
    ("Ransomware attack hits hospital", "A ransomware attack crippled the hospital's computer systems on Tuesday."),
    # medical
    ("Crise cardiaque au marathon", "Un coureur a succombé à une crise cardiaque mardi lors du marathon."),
    ("Heart attack kills mayor", "The mayor died of a heart attack on Tuesday, his family said."),
    # verbal, political
    ("Le ministre attaque l'opposition", "Le ministre a violemment attaqué l'opposition mardi à l'Assemblée, lors du débat sur le budget."),
    ("Senator attacks party leader", "The senator attacked the party leader over the tax plan in a speech on Tuesday."),
    # animals
    ("Attaque de requin à La Réunion", "Un surfeur a été tué mardi par un requin au large de Saint-Leu."),
    ("Dog attack in park", "A dog attacked and injured a child in a park in Leeds on Tuesday."),
    # negation, threats, hypotheticals
    ("Calme à la frontière", "Aucune attaque n'a été signalée mardi le long de la frontière, selon l'armée."),
    ("Le groupe menace de frapper", "Le groupe armé menace de frapper les convois si les troupes ne se retirent pas."),
    ("Militants could strike again", "Officials warned that militants could strike again during the holiday."),
    # trials, anniversaries, commemorations
    ("Procès de l'attentat", "Le procès de l'attentat qui avait tué douze personnes s'est ouvert mardi devant la cour d'assises."),
    ("Bomber sentenced", "A court sentenced the man who bombed the station and killed four people to life in prison."),
    ("Dix ans après l'attentat", "Des centaines de personnes ont commémoré mardi l'anniversaire de l'attentat du marché."),
    ("Memorial for victims", "Families gathered at the memorial on Tuesday to mark the anniversary of the massacre."),
])
def test_not_incidents(title, text):
    result = extract(title, text, PUB)
    assert not result.attack and result.incidents == ()


@pytest.mark.parametrize("sentence", [
    "En 2014, une attaque avait tué onze soldats dans la même ville.",
    "In December an attack killed 11 people at the same market.",
    "Le mois dernier, une embuscade avait tué six gendarmes.",
    "Last month a bomb killed nine people in the same square.",
])
def test_background_is_not_news(sentence):
    assert not reports_violence(sentence, PUB)


# --- the data files -----------------------------------------------------------

def test_lexicon_file_is_valid():
    raw = yaml.safe_load(lexicon_module._data("lexicon.yaml"))
    for key in ("violence", "not_incident", "background", "event_types", "weapons", "killed", "injured", "nobody"):
        assert key in raw, key
    for fragment in raw["violence"]:
        re.compile(fragment)
    for group, fragment in raw["not_incident"].items():
        re.compile(fragment)
    from transforms.models import EVENT_TYPES, WEAPONS
    assert {e["name"] for e in raw["event_types"]} <= set(EVENT_TYPES)
    assert {w["name"] for w in raw["weapons"]} <= set(WEAPONS)


def test_number_and_date_files_are_valid():
    numbers = number_data()
    assert all(isinstance(v, int) for v in numbers["units"].values())
    assert numbers["approx"]["dizaine"] == 10 and numbers["vague"]["dozens"] == 24
    dates = date_data()
    assert sorted(dates["weekdays"]) == list(range(7)) and sorted(dates["months"]) == list(range(1, 13))
    for spec in dates["relative"].values():
        assert isinstance(spec["offset"], int) and re.compile(spec["pattern"])


def test_a_trigger_added_to_the_data_is_picked_up(monkeypatch):
    sentence = "Des hommes ont zorglubé le poste de police mardi."
    assert not reports_violence(sentence, PUB)
    original = lexicon_module._data

    def with_new_trigger(name: str) -> str:
        text = original(name)
        return text.replace("violence:\n", "violence:\n  - zorglubé\n", 1) if name == "lexicon.yaml" else text

    monkeypatch.setattr(lexicon_module, "_data", with_new_trigger)
    lexicon_module.lexicon.cache_clear()
    forget()   # answers about sentences kept from the old lexicon
    try:
        assert reports_violence(sentence, PUB)
    finally:
        monkeypatch.undo()
        lexicon_module.lexicon.cache_clear()
        forget()
    assert not reports_violence(sentence, PUB)


@pytest.mark.parametrize("title, text", [
    ("Attaque au couteau à Lyon", "Un homme a poignardé deux passants mardi dans une rue de Lyon avant d'être interpellé."),
    ("Stabbing in Leeds", "A man stabbed two passers-by in a street in Leeds on Tuesday before being arrested."),
])
def test_stabbings_are_knife_attacks(title, text):
    incident = extract(title, text, PUB).incidents[0]
    assert (incident.event_type, incident.weapon) == ("attack", "knife")


@pytest.mark.parametrize("title, text", [
    ("Raid on a village", "Militiamen killed nine villagers when they raided a village near Nyala on Tuesday, residents said.\n"
     "The militia denied the accusation, saying its men had clashed with army soldiers in the area."),
    ("Raid sur un village", "Des miliciens ont tué neuf villageois mardi en attaquant un village près de Nyala, selon des habitants.\n"
     "La milice a démenti, affirmant que ses hommes avaient eu des affrontements avec des soldats de l'armée."),
])
def test_a_denial_does_not_change_what_happened(title, text):
    incidents = extract(title, text, PUB).incidents
    assert [i.event_type for i in incidents] == ["attack"]


@pytest.mark.parametrize("title, text", [
    ("Isère : les loups frappent encore", "Une dizaine de brebis ont été tuées mardi par des loups dans un alpage de l'Isère."),
    ("Wolves kill sheep in Wales", "Wolves killed 14 sheep on a farm near Brecon on Tuesday, the farmer said."),
    ("Cyclisme : attaque gagnante dans le Jura", "Le coureur suisse a attaqué à 30 km de l'arrivée et a lâché tout le peloton mardi."),
    ("Late attack wins the stage", "The Belgian rider attacked on the final climb and dropped the peloton to win the time trial."),
    ("Débat : les candidats s'attaquent", "Les deux candidats se sont violemment attaqués mardi lors du débat télévisé."),
    ("Rivals trade attacks in debate", "The two candidates traded bitter attacks in Tuesday's televised debate."),
    ("L'auteur de l'attentat de la gare condamné", "L'homme qui avait blessé huit personnes en 2021 a été condamné mardi à la réclusion à perpétuité."),
    ("Station bomber jailed", "A man who wounded eight people in a 2021 bombing was jailed for life on Tuesday."),
    ("L'armée dément une attaque", "L'armée a démenti mardi les informations faisant état d'une attaque meurtrière contre sa base."),
    ("Army denies base attack", "The army denied reports on Tuesday that insurgents had attacked its base and killed ten soldiers."),
])
def test_more_contexts_that_are_not_incidents(title, text):
    result = extract(title, text, PUB)
    assert not result.attack and result.incidents == ()


@pytest.mark.parametrize("title, text, event_type, weapon", [
    ("Bombes guidées sur Kharkiv", "L'aviation russe a largué deux bombes guidées mardi sur Kharkiv, tuant trois habitants.",
     "air_drone_strike", "aircraft"),
    ("Glide bombs hit Sumy", "Russian forces dropped guided aerial bombs on Sumy on Tuesday, killing three residents.",
     "air_drone_strike", "aircraft"),
    ("Drones sur une caserne", "Des drones ont visé mardi une caserne de l'armée près de Gao, blessant deux soldats.",
     "air_drone_strike", "drone"),
    ("Drones target barracks", "Drones targeted army barracks near Gao on Tuesday, wounding two soldiers.",
     "air_drone_strike", "drone"),
    ("Bombardements sur Kherson", "Des bombardements ont tué deux civils mardi à Kherson, selon les autorités.",
     "shelling_missile", None),
])
def test_dropped_bombs_drones_and_bombardments(title, text, event_type, weapon):
    test_event_types(title, text, event_type, weapon)


@pytest.mark.parametrize("sentence", [
    "La défense antiaérienne a abattu 14 des 16 missiles tirés mardi, selon l'armée.",
    "Les défenses ont abattu la plupart des drones mardi soir.",
    "Le groupe a mené des attaques similaires par le passé.",
    "The group has carried out similar attacks in the past.",
    "Un premier bilan faisait état de neuf morts.",
    "An earlier toll had put the dead at nine.",
])
def test_interceptions_past_habits_and_superseded_tolls_are_no_news(sentence):
    assert not reports_violence(sentence, PUB)


@pytest.mark.parametrize("title, text", [
    ("Roquettes sur Kidal", "Des roquettes ont visé mardi soir le camp militaire de Kidal, dans le nord du Mali.\n"
     "Aucune victime n'a été signalée, selon une source sécuritaire."),
    ("Drones hit Kursk depot", "Drones struck a fuel depot near Kursk overnight, the regional governor said on Tuesday.\n"
     "There were no casualties, he said."),
])
def test_no_casualties_said_right_after_the_attack_belong_to_it(title, text):
    incidents = [i for i in extract(title, text, PUB).incidents if i.kind == "incident"]
    assert [(i.killed.as_dict(), i.injured.as_dict()) for i in incidents] == [({"min": 0, "max": 0},) * 2]


@pytest.mark.parametrize("title, text", [
    ("Séisme dans le Sud", "Un séisme de magnitude 5 a secoué mardi le sud du pays.\nIl n'a fait aucune victime."),
    ("Quake shakes coast", "An earthquake of magnitude 5 shook the coast on Tuesday.\nThere were no casualties."),
])
def test_no_casualties_alone_are_no_incident(title, text):
    assert not extract(title, text, PUB).attack


@pytest.mark.parametrize("sentence", [
    "Les attaques contre les convois se sont multipliées ces dernières semaines dans la région.",
    "Attacks on convoys have increased in recent weeks in the region.",
    "Les rebelles mènent depuis des décennies une insurrection contre l'Etat, attaquant des postes de police.",
    "The rebels have waged a decades-long insurgency, attacking police posts.",
])
def test_trends_and_long_wars_are_background(sentence):
    assert not reports_violence(sentence, PUB)


@pytest.mark.parametrize("title, text", [
    ("Frappes russes sur Kharkiv", "Les frappes russes ont tué six personnes à Kharkiv dans la nuit, le bilan le plus lourd "
     "depuis septembre, selon le gouverneur."),
    ("Russian strikes on Kharkiv", "Russian strikes killed six people in Kharkiv in the past 24 hours, the regional "
     "governor said on Tuesday."),
    ("Raid sur un village peul", "Des hommes armés ont tué neuf éleveurs mardi près de Djibo et emporté leur bétail."),
    ("Herders killed near Djibo", "Gunmen killed nine herders near Djibo on Tuesday and drove off their livestock."),
    ("Un candidat attaqué", "Des hommes armés ont attaqué mardi le convoi d'un candidat aux municipales près de Morelia."),
    ("Gunmen attack candidate's convoy", "Gunmen attacked the convoy of a mayoral candidate near Morelia on Tuesday."),
    ("Attaque d'une prison", "Des jihadistes ont attaqué mardi la prison de Koutoukalé, libérant des détenus condamnés "
     "pour terrorisme."),
    ("Prison attacked", "Jihadists attacked a prison near Niamey on Tuesday and freed jailed fighters, killing two guards."),
    ("Attaque contre un tribunal", "Des assaillants ont attaqué le tribunal de Mogadiscio mardi, tuant six personnes."),
    ("Gunmen storm court", "Gunmen stormed the court in Mogadishu on Tuesday, killing six people."),
    ("Des rebelles attaquent une noce", "Des rebelles ont attaqué mardi un mariage près de Beni, selon un réseau local "
     "de surveillance."),
    ("Gunmen attack wedding party", "Gunmen attacked a wedding party near Beni on Tuesday, a local monitoring network said."),
    ("L'opposition armée attaque Lashio", "Les combattants de l'opposition armée ont attaqué mardi des positions de l'armée "
     "près de Lashio."),
    ("Opposition fighters attack army posts", "Opposition fighters attacked army positions near Lashio on Tuesday."),
])
def test_news_with_words_of_other_contexts_stays_news(title, text):
    assert extract(title, text, PUB).attack


@pytest.mark.parametrize("title, text", [
    ("Attaque à Djibo", "L'attaque a fait au moins douze morts mardi à Djibo, selon un bilan provisoire qui pourrait "
     "s'alourdir."),
    ("Attack in Djibo", "The attack killed at least 12 people in Djibo on Tuesday, a provisional toll that could rise, "
     "officials said."),
])
def test_a_toll_that_could_rise_is_told(title, text):
    assert extract(title, text, PUB).incidents[0].killed.as_dict() == {"min": 12, "max": None}


@pytest.mark.parametrize("title, text, types", [
    ("Missile houthi sur un pétrolier", "Un missile houthi a visé mardi un pétrolier au large d'Aden.\n"
     "L'équipage a signalé une explosion près du navire, sans faire de victimes.", ["shelling_missile"]),
    ("Houthi missile targets tanker", "A Houthi missile targeted a tanker off Aden on Tuesday.\n"
     "The crew reported an explosion near the ship, with no casualties.", ["shelling_missile"]),
    ("Explosion sur un marché", "Une explosion a tué quatre personnes mardi sur un marché de Maiduguri.",
     ["remote_explosive"]),
    ("Blast at a market", "A blast killed four people at a market in Maiduguri on Tuesday.", ["remote_explosive"]),
])
def test_an_explosion_after_a_strike_is_its_impact(title, text, types):
    incidents = [i for i in extract(title, text, PUB).incidents if i.kind == "incident"]
    assert [i.event_type for i in incidents] == types


@pytest.mark.parametrize("title, text", [
    ("Attentat contre une mosquée de Peshawar", "Un kamikaze a tué neuf fidèles vendredi dans une mosquée de Peshawar.\n"
     "L'EI a revendiqué l'attentat, affirmant qu'un de ses combattants avait fait exploser une ceinture explosive."),
    ("Mosque bombing in Peshawar", "A suicide bomber killed nine worshippers at a mosque in Peshawar on Friday.\n"
     "Islamic State claimed responsibility, saying its fighter had detonated an explosive vest."),
])
def test_a_claim_that_tells_the_detonation_names_the_group_and_the_vest(title, text):
    first = extract(title, text, PUB).incidents[0]
    assert (first.event_type, first.weapon, first.actor1) == ("suicide_bomb", "suicide_vest", "Islamic State")


@pytest.mark.parametrize("title, text", [
    ("L'attaque lensoise trop forte pour Lille", "« On a attaqué dès le début et on leur a fait mal », a déclaré le manager "
     "de Lens après la victoire 3-1."),
    ("Leeds attack too sharp for Hull", '"We attacked with purpose and when you shoot like that you hurt teams," manager '
     "Daniel Farke said."),
])
def test_a_managers_words_are_sport(title, text):
    assert not extract(title, text, PUB).attack


@pytest.mark.parametrize("title, text, types", [
    ("Dnipro frappée", "Une attaque de missiles et de drones russes a tué quatre personnes mardi à Dnipro.\n"
     "Un missile balistique a touché un immeuble du centre-ville.", ["shelling_missile", "air_drone_strike"]),
    ("Dnipro struck", "A Russian missile and drone attack killed four people in Dnipro on Tuesday.\n"
     "A ballistic missile hit an apartment block in the city centre.", ["shelling_missile", "air_drone_strike"]),
    ("Frappe et riposte", "Une frappe de drone israélienne a tué deux hommes mardi près de Tyr.\n"
     "Le Hezbollah a ensuite tiré des roquettes sur Metula, dans le nord d'Israël.", ["air_drone_strike", "shelling_missile"]),
    ("Strike and reply", "An Israeli drone strike killed two men near Tyre on Tuesday.\n"
     "Hezbollah later fired rockets at Metula in northern Israel.", ["air_drone_strike", "shelling_missile"]),
])
def test_the_drones_and_the_missiles_of_a_salvo_are_two_incidents(title, text, types):
    """As ../shared/eval/real annotates '18 drones et un missile': one incident per weapon family, the toll with
    the first named; a missile told after the salvo joins the missiles."""
    incidents = [i for i in extract(title, text, PUB).incidents if i.kind == "incident"]
    assert [i.event_type for i in incidents] == types


def _told(title: str, text: str) -> list[tuple]:
    return sorted((i.location, i.killed.as_dict() if i.killed else None)
                  for i in extract(title, text, PUB).incidents if i.kind == "incident")


@pytest.mark.parametrize("title, text", [
    ("Frappes sur Gaza", "Au moins 12 Palestiniens ont été tués mardi dans des frappes israéliennes sur la bande de Gaza.\n"
     "Huit personnes ont été tuées dans une frappe sur une maison de Rafah.\n"
     "Dans le nord, une frappe sur une école de Beit Lahia a tué quatre personnes."),
    ("Strikes on Gaza", "At least 12 Palestinians were killed in a wave of Israeli strikes on the Gaza Strip on Tuesday.\n"
     "Eight people were killed in a strike on a house in Rafah.\n"
     "In the north, a strike on a school in Beit Lahia killed four people."),
])
def test_strikes_summed_up_then_told_one_by_one(title, text):
    assert _told(title, text) == [("Beit Lahia", {"min": 4, "max": 4}), ("Rafah", {"min": 8, "max": 8})]


@pytest.mark.parametrize("title, text", [
    ("Frappes sur Rafah, roquettes sur Ashkelon", "Cinq personnes ont été tuées mardi dans des frappes israéliennes sur "
     "Rafah.\nLe Hamas a ensuite tiré des roquettes sur Ashkelon, sans faire de victimes."),
    ("Strikes on Rafah, rockets on Ashkelon", "Five people were killed in a wave of Israeli strikes on Rafah on Tuesday.\n"
     "Hamas then fired rockets at Ashkelon, causing no casualties."),
])
def test_strikes_told_only_in_summary_form_are_an_incident(title, text):
    assert _told(title, text) == [("Ashkelon", {"min": 0, "max": 0}), ("Rafah", {"min": 5, "max": 5})]


@pytest.mark.parametrize("title, text", [
    ("Attaque d'un bus près de Gao", "Six passagers ont péri mardi dans l'attaque d'un bus près de Gao."),
    ("Bus attacked near Gao", "Six passengers perished on Tuesday when gunmen attacked a bus near Gao."),
])
def test_perished_is_killed(title, text):
    assert extract(title, text, PUB).incidents[0].killed.as_dict() == {"min": 6, "max": 6}


@pytest.mark.parametrize("title, text", [
    ("Drones sur Kyiv", "L'Ukraine a abattu 45 des 60 drones lancés par la Russie dans la nuit.\n"
     "Des débris sont tombés sur des maisons de la région de Kyiv, blessant deux personnes."),
    ("Drones over Kyiv", "Ukraine shot down 45 of 60 drones launched by Russia overnight.\n"
     "Debris fell on homes in the Kyiv region, injuring two people."),
])
def test_debris_of_downed_drones_wounds_in_a_strike(title, text):
    incident = extract(title, text, PUB).incidents[0]
    assert (incident.event_type, incident.injured.as_dict()) == ("air_drone_strike", {"min": 2, "max": 2})


@pytest.mark.parametrize("title, text", [
    ("Attentat déjoué à Lyon", "La police a déjoué un projet d'attentat contre une église de Lyon et interpellé deux suspects mardi."),
    ("Bomb plot foiled in Vienna", "Police foiled a plot to bomb a concert in Vienna and arrested three suspects on Tuesday."),
    ("Explosion de gaz à Lyon", "Une explosion de gaz a tué cinq personnes mardi dans un immeuble de Lyon, selon les pompiers."),
    ("Gas explosion kills five", "A gas explosion killed five people in an apartment building in Lyon on Tuesday."),
    ("Accident près de Gao", "Un accident de la route a fait trois morts mardi près de Gao."),
    ("Flood kills three", "Floods killed three people near Gao on Tuesday, officials said."),
    ("Tir d'essai nord-coréen", "La Corée du Nord a tiré mardi un missile balistique en mer du Japon lors d'un tir d'essai."),
    ("North Korea fires missile", "North Korea fired a ballistic missile into the sea off its east coast on Tuesday."),
    ("Manœuvres russes", "Les troupes russes ont tiré des obus d'artillerie mardi lors d'exercices militaires près de la frontière."),
    ("Russian drills", "Russian troops fired artillery during military exercises near the border on Tuesday."),
])
def test_plots_accidents_and_drills_are_no_incidents(title, text):
    result = extract(title, text, PUB)
    assert not result.attack and result.incidents == ()


@pytest.mark.parametrize("title, text", [
    ("Missile houthi près d'un pétrolier", "Un missile tiré par les Houthis est tombé à la mer près d'un pétrolier au large "
     "d'Aden mardi, sans faire de victimes."),
    ("Houthi missile near tanker", "A missile fired by the Houthis fell into the sea near a tanker off Aden on Tuesday, "
     "causing no casualties."),
])
def test_a_missile_that_misses_a_ship_is_an_attack(title, text):
    assert extract(title, text, PUB).attack


@pytest.mark.parametrize("text, both_armed", [
    ("Suspected rebels killed 14 villagers; an army spokesman confirmed the attack and said troops had been deployed.",
     False),
    ("Des rebelles ont tué 14 villageois ; le porte-parole de l'armée a confirmé, des troupes ont été déployées.", False),
    ("Israeli troops shot dead a teenager in Jenin on Friday night.", False),
    ("Des soldats ont ouvert le feu sur deux hommes près de Rafah.", False),
    ("Jihadists attacked an army post near Djibo on Tuesday, killing 12 soldiers.", True),
    ("Des jihadistes ont attaqué mardi un détachement militaire près de Djibo, tuant douze soldats.", True),
])
def test_the_army_that_speaks_or_shoots_is_no_side_under_attack(text, both_armed):
    assert armed_on_both_sides(text) is both_armed
