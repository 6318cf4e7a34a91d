"""Story dedup and event clustering as plain functions, on stories written for the project."""
from dataclasses import replace
from datetime import date, datetime, timezone

from transforms import dedup, events
from transforms.models import Incident, Range, Story
from transforms.normalize import content_hash

T0 = datetime(2025, 5, 6, 9, tzinfo=timezone.utc)
TEXT = ("Au moins douze civils ont été tués dimanche dans l'attaque du village de Dioura, dans le centre du Mali, "
        "par des hommes armés, ont indiqué des sources locales. Les assaillants ont incendié des greniers et "
        "emporté du bétail, selon un habitant joint par téléphone. L'attaque n'a pas été revendiquée.")
EDITED = TEXT.replace("selon un habitant", "a raconté un habitant") + " Une enquête a été ouverte."
OTHER = ("Russian attack drones struck Kharkiv overnight, killing three people and wounding 12, the regional "
         "governor said on Thursday. An apartment block and a warehouse were hit, emergency services said.")


def story(sid, text, feed="a", url=None, at=T0):
    return Story(story_id=sid, feed=feed, guid=sid, url=url, title="", text=text, lang="fr", published_at=at,
                 content_hash=content_hash("", text))


def empty_known():
    return dedup.Known(by_guid={}, by_url={}, by_hash={}, candidates={}, canonical={})


def decide(stories, known=None):
    sigs = {s.story_id: dedup.signature(s.title, s.text) for s in stories}
    return {d.story_id: d for d in dedup.decide(stories, sigs, known or empty_known())}


def test_light_edit_in_another_feed_is_a_near_duplicate():
    got = decide([story("orig", TEXT), story("copy", EDITED, feed="b", at=T0.replace(hour=15)),
                  story("other", OTHER)])
    assert (got["copy"].dup_of, got["copy"].reason) == ("orig", "near_duplicate")
    assert got["orig"].dup_of is None and got["other"].dup_of is None
    assert got["copy"].cluster_id == got["orig"].cluster_id == "orig"


def test_same_canonical_url_is_a_duplicate():
    got = decide([story("x1", TEXT, url="https://e.org/a"), story("x2", OTHER, feed="b", url="https://e.org/a")])
    assert got["x2"].reason == "url"


def test_persisted_signature_catches_a_later_republication():
    sig = dedup.signature("", TEXT)
    known = dedup.Known(by_guid={}, by_url={}, by_hash={}, candidates={"old": sig}, canonical={"old": "old"})
    got = decide([story("new", EDITED, feed="c")], known)
    assert got["new"].dup_of == "old"


def incident(sid, idx, kind_type="remote_explosive", day=date(2025, 5, 9), place="Mogadishu", killed=7, **kw):
    inc = Incident(kind="incident", event_type=kind_type, date=day, country="SO", location=place,
                   killed=Range(killed, None), **kw)
    return events.IncidentRef(f"{sid}:{idx}", sid, sid, T0, inc)


def test_cross_language_reports_share_an_event():
    ids, evs = events.assign([incident("en", 0), incident("fr", 0, day=date(2025, 5, 10))], [], T0)
    assert ids["en:0"] == ids["fr:0"] and len(evs) == 1 and evs[0].n_stories == 2


def test_higher_toll_later_updates_the_event():
    ids, evs = events.assign([incident("first", 0)], [], T0)
    ids2, evs2 = events.assign([incident("later", 0, killed=12)], evs, T0)
    assert ids2["later:0"] == ids["first:0"] and evs2[0].killed_min == 12


def test_two_attacks_in_one_town_on_one_day_stay_two():
    ids, evs = events.assign([incident("s", 0), incident("s", 1, kind_type="grenade")], [], T0)
    assert ids["s:0"] != ids["s:1"] and len(evs) == 2


def test_rerun_creates_no_new_event():
    ids, evs = events.assign([incident("a", 0)], [], T0)
    ids2, evs2 = events.assign([incident("a", 0)], [], T0)
    assert ids == ids2 and [e.event_id for e in evs] == [e.event_id for e in evs2]
