"""Story dedup as plain functions: one fixture per edge case in tests/fixtures/dedup/, expectation beside it."""
import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from transforms import dedup
from transforms.models import Story
from transforms.normalize import content_hash
from transforms.urls import canonical_url

CASES = sorted((Path(__file__).parent / "fixtures" / "dedup").glob("*.json"))


def load_stories(case: dict) -> list[Story]:
    return [Story(story_id=s["story_id"], feed=s["feed"], guid=s["guid"],
                  url=canonical_url(s["url"]) if s["url"] else None, title=s["title"], text=s["text"], lang="",
                  published_at=datetime.fromisoformat(s["published_at"]),
                  content_hash=content_hash(s["title"], s["text"])) for s in case["stories"]]


def empty_known() -> dedup.Known:
    return dedup.Known(by_guid={}, by_url={}, by_hash={}, candidates={}, canonical={})


def run(stories, known=None) -> dict[str, dedup.DupDecision]:
    sigs = {s.story_id: dedup.signature(s.title, s.text) for s in stories}
    return {d.story_id: d for d in dedup.decide(stories, sigs, known or empty_known())}


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fixture_case(path):
    case = json.loads(path.read_text(encoding="utf-8"))
    got = run(load_stories(case))
    for sid, want in case["expect"].items():
        assert (got[sid].dup_of, got[sid].reason) == (want["dup_of"], want["reason"]), case["why"]
        assert got[sid].cluster_id == (want["dup_of"] or sid)


def test_batch_order_does_not_change_the_canonical():
    stories = load_stories(json.loads((CASES[0].parent / "republication-tracking-params-light-edit.json").read_text()))
    assert run(stories) == run(list(reversed(stories)))


def test_a_copy_of_a_copy_points_at_the_original():
    case = json.loads((CASES[0].parent / "republication-tracking-params-light-edit.json").read_text())
    first, second = load_stories(case)
    third = Story(story_id="gao-3", feed="third", guid="gao-3", url=None, title=second.title,
                  text=second.text + " Le marché a rouvert jeudi.", lang="fr",
                  published_at=second.published_at.replace(day=6), content_hash="other")
    known = dedup.Known(by_guid={}, by_url={}, by_hash={},
                        candidates={"gao-2": dedup.signature(second.title, second.text)},
                        canonical={"gao-2": "gao-1"})
    got = run([third], known)["gao-3"]
    assert (got.dup_of, got.cluster_id, got.reason) == ("gao-1", "gao-1", "near_duplicate")


def test_a_stored_feed_guid_is_reported_as_already_stored():
    story = load_stories(json.loads(CASES[0].read_text()))[0]
    known = dedup.Known(by_guid={(story.feed, story.guid): story.story_id}, by_url={}, by_hash={},
                        candidates={}, canonical={})
    got = run([story], known)[story.story_id]
    assert (got.reason, got.dup_of) == ("guid", story.story_id)


def test_signature_is_stable_bytes_and_similarity_reads_it():
    text = "Des tirs de roquettes ont visé la base de Balad dans la nuit, sans faire de victimes, selon l'armée."
    a, b = dedup.signature("", text), dedup.signature("", text)
    assert a == b and len(a) == 4 * (dedup.NUM_PERM + 1 + dedup.FACTS + 1)
    assert dedup.similarity(a, b) == 1.0
    assert len(dedup.band_keys(a)) == dedup.BANDS
    assert all(-2**63 <= k < 2**63 for k in dedup.band_keys(a))
    assert dedup.similarity(a, dedup.signature("", "A wholly different English sentence about rugby scores.")) < 0.1


def test_facts_are_figures_and_capitalised_words_inside_a_sentence():
    text = ("Mardi, 12 soldats ont été tués près de Ménaka. Le ministre Jean Dupont l'a annoncé: Bamako\n"
            "Officials said on Monday that 1,500 people had fled Gao.")
    assert dedup.facts(text) == {"12", "menaka", "jean", "dupont", "1", "500", "gao"}


def end_cut() -> tuple[Story, Story]:
    case = json.loads((CASES[0].parent / "republication-end-cut.json").read_text(encoding="utf-8"))
    original, copy = [s for s in load_stories(case) if s.story_id.startswith("cut-en")]
    return original, copy


def test_a_round_one_signature_without_facts_passes_only_the_same_text_rule():
    original, copy = end_cut()   # Jaccard 0.24: a copy only by containment and facts
    full = dedup.signature(original.title, original.text)
    old = full[:4 * (dedup.NUM_PERM + 1)]
    assert dedup.similarity(old, full) == 1.0 and len(dedup.band_keys(old)) == dedup.TEXT_BANDS

    def against(stored: bytes, story: Story) -> dedup.DupDecision:
        known = dedup.Known(by_guid={}, by_url={}, by_hash={}, candidates={original.story_id: stored},
                            canonical={original.story_id: original.story_id})
        return run([story], known)[story.story_id]
    assert set(dedup.band_keys(old)) & set(dedup.band_keys(dedup.signature(copy.title, copy.text)))   # a candidate
    assert against(full, copy).dup_of == original.story_id
    assert against(old, copy).dup_of is None
    same = replace(original, story_id="same", guid="same", feed="mirror", content_hash="other",
                   text=original.text + " Updated.")
    assert against(old, same).dup_of == original.story_id


def test_tiny_text_has_no_band_keys_and_a_bad_signature_is_refused():
    assert dedup.band_keys(dedup.signature("Direct", "")) == []
    with pytest.raises(ValueError, match="expected"):
        dedup.similarity(b"\x00" * 8, dedup.signature("", "x"))
