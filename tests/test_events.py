"""Event clustering as plain functions, on incidents written for the project (FR and EN reports)."""
from datetime import date, datetime, timezone

from transforms import events
from transforms.models import Incident, Range

T0 = datetime(2025, 6, 3, 8, tzinfo=timezone.utc)
DAY = date(2025, 6, 2)


def inc(event_type="remote_explosive", day=DAY, place="Mogadishu", killed=(7, None), injured=None,
        weapon="vehicle_bomb", country="SO", **kw) -> Incident:
    return Incident(kind="incident", event_type=event_type, date=day, country=country, location=place,
                    weapon=weapon, killed=Range(*killed) if killed else None,
                    injured=Range(*injured) if injured else None, **kw)


def ref(story, idx, incident, hours=0, canonical=None) -> events.IncidentRef:
    at = T0.replace(hour=8 + hours)
    return events.IncidentRef(f"{story}:{idx}", story, canonical or story, at, incident)


def test_english_and_french_reports_of_one_bombing_share_an_event():
    en = ref("en-wire", 0, inc(actor1="al-Shabaab", killed=(7, None), injured=(20, None)))
    fr = ref("fr-wire", 0, inc(day=date(2025, 6, 3), actor1="al-Shabaab", killed=(9, 9), injured=(20, None)),
             hours=5)
    ids, evs = events.assign([en, fr], [], T0)
    assert ids["en-wire:0"] == ids["fr-wire:0"]
    (ev,) = evs
    assert (ev.n_incidents, ev.n_stories, ev.date, ev.killed_min, ev.killed_max) == (2, 2, DAY, 9, 9)


def test_coordinates_within_the_radius_are_one_place():
    a = ref("a", 0, inc(place="Hodan", lat=2.03, lon=45.31, geo_precision="site"))
    b = ref("b", 0, inc(place="Mogadiscio", lat=2.04, lon=45.34, geo_precision="city"), hours=2)
    ids, _ = events.assign([a, b], [], T0)
    assert ids["a:0"] == ids["b:0"]


def test_two_attacks_in_one_city_on_one_day_stay_two():
    bomb = ref("s1", 0, inc())
    shooting = ref("s2", 0, inc(event_type="attack", weapon="firearm", killed=(2, 2)), hours=1)
    knife = ref("s3", 0, inc(event_type="attack", weapon="knife", killed=(1, 1)), hours=2)
    ids, evs = events.assign([bomb, shooting, knife], [], T0)
    assert len({ids["s1:0"], ids["s2:0"], ids["s3:0"]}) == 3 and len(evs) == 3


def test_same_type_but_different_sites_or_tolls_stay_apart():
    market = ref("m", 0, inc(place="Bakara Market", geo_precision="site", killed=(0, 0)))
    port = ref("p", 0, inc(place="Mogadishu Port", geo_precision="site", killed=(0, 0)), hours=1)
    big = ref("b", 0, inc(place=None, killed=(30, None), actor1="al-Shabaab", injured=(40, None)), hours=2)
    small = ref("q", 0, inc(place=None, killed=(1, 1), actor1="al-Shabaab", injured=(40, None)), hours=3)
    ids, _ = events.assign([market, port, big, small], [], T0)
    assert ids["m:0"] != ids["p:0"]
    assert ids["b:0"] != ids["q:0"]


def test_two_incidents_of_one_story_never_merge():
    a = ref("s", 0, inc(place="Gao", country="ML", event_type="attack", weapon="firearm"))
    b = ref("s", 1, inc(place="Gao", country="ML", event_type="attack", weapon="firearm"))
    ids, _ = events.assign([a, b], [], T0)
    assert ids["s:0"] != ids["s:1"]


def test_a_later_higher_toll_updates_the_event_instead_of_adding_one():
    ids, evs = events.assign([ref("first", 0, inc(killed=(7, None)))], [], T0)
    later = ref("later", 0, inc(killed=(12, None), injured=(30, 30)), hours=10)
    ids2, evs2 = events.assign([later], evs, T0.replace(hour=20))
    assert ids2["later:0"] == ids["first:0"]
    (ev,) = evs2
    assert (ev.killed_min, ev.killed_max, ev.injured_min, ev.n_stories) == (12, None, 30, 2)
    assert ev.first_seen == T0 and ev.updated_at == T0.replace(hour=20)


def test_rerunning_a_batch_creates_and_changes_nothing():
    batch = [ref("a", 0, inc()), ref("b", 0, inc(killed=(8, 8)), hours=1)]
    ids, evs = events.assign(batch, [], T0)
    ids2, evs2 = events.assign(batch, evs, T0.replace(hour=23))
    assert ids2 == ids
    assert evs2 == [] and len(evs) == 1


def test_event_ids_are_deterministic_from_the_first_incident():
    ids, _ = events.assign([ref("a", 0, inc())], [], T0)
    ids2, _ = events.assign([ref("a", 0, inc())], [], T0.replace(hour=22))
    assert ids == ids2 and ids["a:0"] == events.event_id_for("a:0")


def test_a_duplicate_story_joins_its_canonical_event_even_when_its_details_drift():
    orig = ref("orig", 0, inc(killed=(7, None)))
    copy = ref("copy", 0, inc(killed=(7, None), place="Mogadishu Port", geo_precision="site",
                              event_type="suicide_bomb"), hours=3, canonical="orig")
    ids, evs = events.assign([copy, orig], [], T0)
    assert ids["copy:0"] == ids["orig:0"] and len(evs) == 1


def test_aggregates_make_no_event():
    tally = events.IncidentRef("t:0", "t", "t", T0, Incident(kind="aggregate", count=Range(12, None)))
    assert events.assign([tally], [], T0) == ({}, [])


def test_fields_from_members_most_frequent_type_most_specific_place():
    reports = [ref("a", 0, inc(event_type="suicide_bomb", weapon="suicide_vest", place="Mogadishu",
                               geo_precision="city", killed=(5, 8))),
               ref("b", 0, inc(event_type="remote_explosive", weapon="vehicle_bomb", place="Mogadishu",
                               geo_precision="city", killed=(6, 6)), hours=1),
               ref("c", 0, inc(event_type="remote_explosive", weapon="vehicle_bomb", place="Hodan, Mogadishu",
                               geo_precision="site", killed=(6, None)), hours=2)]
    _, (ev,) = events.assign(reports, [], T0)
    assert (ev.event_type, ev.weapon, ev.location) == ("remote_explosive", "vehicle_bomb", "Hodan, Mogadishu")
    assert (ev.killed_min, ev.killed_max) == (6, None)


def test_toll_compatibility():
    assert events.tolls_compatible((11, None), (14, None))
    assert events.tolls_compatible((4, 4), (6, 6))
    assert not events.tolls_compatible((0, 0), (3, 3))
    assert not events.tolls_compatible((1, 1), (30, None))


def test_an_unlocated_village_and_a_located_town_need_two_details():
    # one wire names the village, the other the nearest town: the gazetteer knows only the town
    town = dict(place="Beni", lat=0.49, lon=29.47, geo_precision="city", country="CD", event_type="armed_clash",
                weapon=None)
    village = dict(place="Kalunguta-Mbau", geo_precision="city", country="CD", event_type="armed_clash", weapon=None)
    en = ref("en", 0, inc(**town, killed=(20, None), actor1="ADF"))
    fr = ref("fr", 0, inc(**village, killed=(18, None), actor1="ADF"), hours=3)
    other = ref("fr2", 0, inc(**village, killed=(18, None), actor1="Mai-Mai"), hours=4)
    ids, _ = events.assign([en, fr], [], T0)
    assert ids["en:0"] == ids["fr:0"]          # exact type and actor agree
    ids, _ = events.assign([en, other], [], T0)
    assert ids["en:0"] != ids["fr2:0"]         # only the type agrees


def test_two_unlocated_villages_with_different_names_stay_apart():
    a = ref("a", 0, inc(place="Kalunguta-Mbau", country="CD", event_type="attack", weapon=None, actor1="ADF"))
    b = ref("b", 0, inc(place="Oicha-Mamove", country="CD", event_type="attack", weapon=None, actor1="ADF"), hours=1)
    ids, _ = events.assign([a, b], [], T0)
    assert ids["a:0"] != ids["b:0"]


def test_one_village_spelled_two_ways_is_one_place():
    en = ref("en", 0, inc(place="Tunga-Makeri", country="NG", event_type="attack", weapon="firearm", killed=(6, 6)))
    fr = ref("fr", 0, inc(place="Tungan Makeri", country="NG", event_type="attack", weapon="firearm",
                          killed=(6, None)), hours=3)
    ids, _ = events.assign([en, fr], [], T0)
    assert ids["en:0"] == ids["fr:0"]


def test_short_names_an_edit_apart_are_other_places():
    a = ref("a", 0, inc(place="Bama", country="NG", event_type="attack", weapon=None))
    b = ref("b", 0, inc(place="Gama", country="NG", event_type="attack", weapon=None), hours=1)
    ids, _ = events.assign([a, b], [], T0)
    assert ids["a:0"] != ids["b:0"]


def test_spelling_variants_are_an_edit_apart_and_no_more():
    assert events._names_match("Maiduguri", "Maidugiri")
    assert events._names_match("Deir ez-Zor", "Deir ez Zour")
    assert not events._names_match("Kalunguta-Mbau", "Oicha-Mamove")
    assert not events._names_match("North Waziristan", "South Waziristan")
