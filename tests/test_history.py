"""Dedup history and events against a real DuckDB file: what one run stores, a later run reads."""
from datetime import date, datetime, timedelta, timezone

import duckdb

from transforms import dedup, events
from transforms.models import Incident, Range, Story
from transforms.normalize import content_hash
from warehouse import history
from warehouse.db import ensure_schema as full_schema

T0 = datetime(2025, 3, 10, 7, tzinfo=timezone.utc)
TEXT = ("Deux roquettes se sont abattues lundi à l'aube près de la base aérienne, sans faire de victimes, "
        "a indiqué une source de sécurité, précisant que les projectiles avaient été tirés depuis une "
        "zone agricole située au sud. Les forces de sécurité ont bouclé le secteur et lancé des recherches "
        "pour retrouver les lanceurs, a ajouté la même source.")
EDITED = (TEXT.replace("a indiqué une source", "a affirmé une source")
          + " Aucune revendication n'avait été publiée en fin de matinée.")


def story(sid, text, feed, at, url=None) -> Story:
    return Story(story_id=sid, feed=feed, guid=sid, url=url, title="Roquettes près de la base", text=text,
                 lang="fr", published_at=at, content_hash=content_hash("Roquettes près de la base", text))


def run_dedup(con, stories):
    """What the load step does: signatures, history lookup, decisions, then remember the batch."""
    sigs = {s.story_id: dedup.signature(s.title, s.text) for s in stories}
    known = history.known_for(con, stories, {sid: dedup.band_keys(sig) for sid, sig in sigs.items()})
    decisions = {d.story_id: d for d in dedup.decide(stories, sigs, known)}
    history.record_signatures(con, sigs, {s.story_id: history.story_day(s) for s in stories})
    for s in stories:
        con.execute("INSERT INTO stories (story_id, feed, guid, url, title, text, published_at, content_hash,"
                    " dup_of, cluster_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [s.story_id, s.feed, s.guid, s.url, s.title, s.text, s.published_at, s.content_hash,
                     decisions[s.story_id].dup_of, decisions[s.story_id].cluster_id])
    return decisions


def test_schema_is_idempotent_and_indexed(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    full_schema(con)
    history.ensure_schema(con)
    indexes = {r[0] for r in con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}
    assert {"story_bands_band", "events_date", "stories_url", "stories_content_hash"} <= indexes
    cols = [r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'events'"
                                      " ORDER BY column_index").fetchall()]
    assert cols[:18] == ["event_id", "event_type", "date", "country", "location", "lat", "lon", "actor1",
                         "actor2", "weapon", "killed_min", "killed_max", "injured_min", "injured_max",
                         "n_incidents", "n_stories", "first_seen", "updated_at"]


def test_persisted_signature_catches_a_republication_a_week_later(tmp_path):
    path = str(tmp_path / "w.duckdb")
    with duckdb.connect(path) as con:
        full_schema(con)
        run_dedup(con, [story("first", TEXT, "wire", T0)])
    with duckdb.connect(path) as con:   # a later run, a new process's connection
        got = run_dedup(con, [story("late", EDITED, "other-feed", T0 + timedelta(days=7))])
        assert (got["late"].dup_of, got["late"].reason) == ("first", "near_duplicate")
        again = run_dedup(con, [story("later", EDITED + " Mise à jour.", "third", T0 + timedelta(days=8))])
        assert again["later"].dup_of == "first"   # a copy of a copy still points at the original
        assert con.execute("SELECT count(*) FROM story_signatures").fetchone()[0] == 3


def test_url_and_content_hash_keys_come_from_history(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        full_schema(con)
        run_dedup(con, [story("a", TEXT, "wire", T0, url="https://e.example/roquettes")])
        got = run_dedup(con, [story("b", "Texte entièrement réécrit pour la mise à jour de l'article sur les "
                                         "roquettes tombées lundi près de la base.", "wire", T0,
                                    url="https://e.example/roquettes"),
                              story("c", TEXT, "mirror", T0 + timedelta(hours=1))])
        assert (got["b"].dup_of, got["b"].reason) == ("a", "url")
        assert (got["c"].dup_of, got["c"].reason) == ("a", "content_hash")


def test_record_signatures_twice_is_harmless(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        full_schema(con)
        sig = {"x": dedup.signature("", TEXT)}
        history.record_signatures(con, sig, {"x": T0.date()})
        history.record_signatures(con, sig, {"x": T0.date()})
        assert con.execute("SELECT count(*) FROM story_bands").fetchone()[0] == dedup.TEXT_BANDS   # TEXT: no facts


def rocket(sid, killed, at) -> events.IncidentRef:
    inc = Incident(kind="incident", event_type="shelling_missile", date=date(2025, 3, 10), country="IQ",
                   location="Balad Air Base", weapon="rocket", killed=Range(*killed), geo_precision="site")
    return events.IncidentRef(f"{sid}:0", sid, sid, at, inc)


def load_events(con, refs, now):
    """What the load step does for events: candidates from the warehouse, decide, upsert."""
    ids, records = events.assign(refs, history.candidate_events(con, refs), now)
    history.upsert_events(con, records)
    return ids


def test_follow_up_updates_the_stored_event_and_a_rerun_adds_nothing(tmp_path):
    path = str(tmp_path / "w.duckdb")
    with duckdb.connect(path) as con:
        full_schema(con)
        first = load_events(con, [rocket("en", (1, 1), T0)], T0)
    with duckdb.connect(path) as con:
        follow = [rocket("fr", (3, 3), T0 + timedelta(hours=9))]
        later = load_events(con, follow, T0 + timedelta(hours=10))
        assert later["fr:0"] == first["en:0"]
        assert load_events(con, follow, T0 + timedelta(days=1)) == later   # re-run: same event, no new row
        rows = con.execute("SELECT event_id, killed_min, killed_max, n_incidents, n_stories, updated_at"
                           " FROM events").fetchall()
        assert rows == [(first["en:0"], 3, 3, 2, 2, T0 + timedelta(hours=10))]
        (stored,) = history.candidate_events(con, follow)
        assert [m.incident_id for m in stored.members] == ["en:0", "fr:0"]
        assert stored.members[1].published_at == T0 + timedelta(hours=9)


def test_candidate_events_look_one_day_either_side(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        full_schema(con)
        load_events(con, [rocket("a", (0, 0), T0)], T0)
        far = events.IncidentRef("z:0", "z", "z", T0, Incident(kind="incident", date=date(2025, 3, 12)))
        near = events.IncidentRef("y:0", "y", "y", T0, Incident(kind="incident", date=date(2025, 3, 11)))
        assert history.candidate_events(con, [far]) == []
        assert len(history.candidate_events(con, [near])) == 1


def test_a_late_republication_joins_its_canonical_event_whatever_date_it_resolves_to(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        full_schema(con)
        ids = load_events(con, [rocket("orig", (0, 0), T0)], T0)
        con.execute("INSERT INTO incidents (incident_id, story_id, idx, kind, event_id)"
                    " VALUES ('orig:0', 'orig', 0, 'incident', ?)", [ids["orig:0"]])
        # "lundi" in a copy published a week later resolves to the next Monday
        late = rocket("copy", (0, 0), T0 + timedelta(days=7))
        late = events.IncidentRef("copy:0", "copy", "orig", late.published_at,
                                  Incident(**{**late.incident.__dict__, "date": date(2025, 3, 17)}))
        assert load_events(con, [late], T0 + timedelta(days=7)) == {"copy:0": ids["orig:0"]}
        assert con.execute("SELECT count(*), max(n_stories) FROM events").fetchone() == (1, 2)


def test_a_story_older_than_the_window_is_no_candidate(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        full_schema(con)
        run_dedup(con, [story("old", TEXT, "wire", T0)])
        late = story("late", EDITED, "other-feed", T0 + timedelta(days=dedup.WINDOW_DAYS + 1))
        sigs = {"late": dedup.signature(late.title, late.text)}
        known = history.known_for(con, [late], {"late": dedup.band_keys(sigs["late"])})
        assert known.candidates == {}
        assert dedup.decide([late], sigs, known)[0].dup_of is None
        within = story("within", EDITED, "third", T0 + timedelta(days=dedup.WINDOW_DAYS))
        assert run_dedup(con, [within])["within"].dup_of == "old"


def test_an_undated_stored_story_stays_a_candidate_and_an_undated_one_looks_around_the_run_day(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        full_schema(con)
        run_dedup(con, [story("undated", TEXT, "wire", None)])
        got = run_dedup(con, [story("years-later", EDITED, "other-feed", T0 + timedelta(days=900))])
        assert got["years-later"].dup_of == "undated"
        run_dedup(con, [story("dated", TEXT + " Bilan provisoire.", "third", T0)])
        copy = story("copy", EDITED + " Bilan provisoire.", "fourth", None)
        sig = dedup.signature(copy.title, copy.text)
        around = history.known_for(con, [copy], {"copy": dedup.band_keys(sig)}, today=T0.date() + timedelta(days=2))
        assert "dated" in around.candidates
        elsewhere = history.known_for(con, [copy], {"copy": dedup.band_keys(sig)}, today=T0.date() + timedelta(days=90))
        assert "dated" not in elsewhere.candidates and "undated" in elsewhere.candidates


def test_a_warehouse_from_before_the_window_gets_its_bands_rebuilt_with_days(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        full_schema(con)
        run_dedup(con, [story("first", TEXT, "wire", T0), story("nodate", "Un tout autre texte, assez long pour avoir"
                                                                 " des clés de bandes, sur un match de football.", "wire", None)])
        con.execute("DROP TABLE story_bands")   # the old layout: hashed keys, no day
        con.execute("DROP TABLE story_bands_layout")
        con.execute("CREATE TABLE story_bands (band BIGINT NOT NULL, story_id VARCHAR NOT NULL)")
        con.execute("INSERT INTO story_bands VALUES (12345, 'first')")
        history.ensure_schema(con)
        rows = con.execute("SELECT story_id, day, count(*) FROM story_bands GROUP BY ALL ORDER BY 1").fetchall()
        assert rows == [("first", T0.date(), dedup.TEXT_BANDS), ("nodate", None, dedup.TEXT_BANDS)]   # no facts
        got = run_dedup(con, [story("late", EDITED, "other-feed", T0 + timedelta(days=7))])
        assert (got["late"].dup_of, got["late"].reason) == ("first", "near_duplicate")


FACTS_TEXT = ("Trois roquettes ont visé lundi la base de Balad, au nord de Bagdad, blessant 2 soldats, a indiqué le "
              "général Yahya Rasool, porte-parole des forces irakiennes, précisant que les tirs venaient d'un verger "
              "situé à 4 kilomètres au sud de la base, près du village d'Al-Bu Hishma.")


def test_round_one_bands_and_signatures_are_rebuilt_into_this_layout(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        full_schema(con)
        run_dedup(con, [story("old", FACTS_TEXT, "wire", T0), story("new", TEXT, "wire", T0)])
        # round 1: a signature without facts, 1-row band keys, no layout recorded
        con.execute("UPDATE story_signatures SET signature = signature[1:?] WHERE story_id = 'old'",
                    [4 * (dedup.NUM_PERM + 1)])
        con.execute("DELETE FROM story_bands")
        con.execute("INSERT INTO story_bands VALUES (7, 'old', ?), (8, 'new', ?)", [T0.date(), T0.date()])
        con.execute("DROP TABLE story_bands_layout")
        history.ensure_schema(con)
        rows = con.execute("SELECT story_id, count(*) FROM story_bands GROUP BY ALL ORDER BY 1").fetchall()
        assert rows == [("new", dedup.TEXT_BANDS), ("old", dedup.TEXT_BANDS)]
        history.ensure_schema(con)   # recorded: not rebuilt again
        assert con.execute("SELECT count(*) FROM story_bands").fetchone()[0] == 2 * dedup.TEXT_BANDS
        fresh = run_dedup(con, [story("again", FACTS_TEXT + " Bilan provisoire.", "other-feed", T0 + timedelta(hours=2))])
        assert fresh["again"].dup_of == "old"   # the same text: found through the text bands
        stored = con.execute("SELECT count(*) FROM story_bands WHERE story_id = 'again'").fetchone()[0]
        assert stored == dedup.BANDS
