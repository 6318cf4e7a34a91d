"""The development set's quirky feeds (../shared/eval/dev/quirky-feeds), checked against what its README says."""
import pytest

from transforms.normalize import normalize_entry
from transforms.parse import parse_feed

EXPECTED_ENTRIES = {"a-rss2-content-encoded": 4, "b-atom": 4, "c-rss1-rdf": 3, "d-rss2-latin1": 4,
                    "e-rss2-html-entities": 4, "f-rss2-malformed": 2, "g-rss2-missing-dates-french-tz": 3,
                    "h-rss2-repeated-guid-utm": 4}


@pytest.fixture
def quirky(shared_dir):
    return shared_dir / "eval" / "dev" / "quirky-feeds"


def _stories(path):
    parsed = parse_feed(path.read_bytes(), feed=path.stem, url="http://localhost:8765/")
    return parsed, [normalize_entry(e) for e in parsed.entries]


@pytest.mark.parametrize("name, count", sorted(EXPECTED_ENTRIES.items()))
def test_entry_counts(quirky, name, count):
    parsed, stories = _stories(quirky / f"{name}.xml")
    assert len(stories) == count
    assert all(s.title and s.lang in ("fr", "en") for s in stories)


def test_malformed_feed_keeps_what_feedparser_recovers(quirky):
    parsed, stories = _stories(quirky / "f-rss2-malformed.xml")
    assert parsed.bozo and [s.guid for s in stories] == ["dfr-016", "den-023"]


def test_haec_is_plus_two_hours_and_missing_dates_are_flagged(quirky):
    _, stories = _stories(quirky / "g-rss2-missing-dates-french-tz.xml")
    dated = [s for s in stories if s.published_at]
    assert [s.published_at.isoformat() for s in dated] == ["2024-04-02T16:00:00+00:00"]
    assert sum("no_date" in s.flags for s in stories) == 2


def test_repeated_guid_is_one_story_and_tracking_removed(quirky):
    _, stories = _stories(quirky / "h-rss2-repeated-guid-utm.xml")
    assert len({s.story_id for s in stories}) == 3
    assert not any("utm_" in (s.url or "") or "#" in (s.url or "") for s in stories)


def test_latin1_accents_survive(quirky):
    _, stories = _stories(quirky / "d-rss2-latin1.xml")
    assert any("été" in s.text for s in stories) and not any("Ã©" in s.text for s in stories)


def test_escaped_entities_decoded_and_scripts_dropped(quirky):
    _, stories = _stories(quirky / "e-rss2-html-entities.xml")
    text = " ".join(s.title + " " + s.text for s in stories)
    assert "&#039;" not in text and "&nbsp;" not in text and "<script" not in text


def _gold(shared_dir):
    import json
    lines = (shared_dir / "eval" / "dev" / "stories.jsonl").read_text(encoding="utf-8").splitlines()
    return {row["id"]: row for row in map(json.loads, filter(None, lines))}


def _held(quirky):
    """Story ids each file holds, as its README bullet says ("holds a, b, c")."""
    import re
    held = {}
    for line in (quirky / "README.md").read_text(encoding="utf-8").splitlines():
        name = re.match(r"- `([\w-]+)\.xml`", line)
        holds = re.search(r"[Hh]olds (.*)$", line)
        if name and holds:
            held[name.group(1)] = set(re.findall(r"[a-z]+-\d+", holds.group(1)))
    return held


def test_guids_are_the_story_ids_the_readme_lists(quirky):
    held = _held(quirky)
    assert set(held) == set(EXPECTED_ENTRIES)
    for name, ids in held.items():
        guids = {s.guid for s in _stories(quirky / f"{name}.xml")[1]}
        assert guids == ids if name != "f-rss2-malformed" else guids < ids, name


def test_language_date_and_title_agree_with_the_dev_set(quirky, shared_dir):
    from datetime import datetime
    gold = _gold(shared_dir)
    for name in EXPECTED_ENTRIES:
        for story in _stories(quirky / f"{name}.xml")[1]:
            want = gold[story.guid]
            assert story.lang == want["gold_lang"], story.guid
            assert story.title == " ".join(want["title"].split()), story.guid
            if story.published_at:
                assert story.published_at == datetime.fromisoformat(want["published"].replace("Z", "+00:00"))


def test_per_entry_xml_lang_reaches_the_hint(quirky):
    parsed, stories = _stories(quirky / "b-atom.xml")
    assert [e.lang_hint for e in parsed.entries] == [s.lang for s in stories]


def test_full_text_from_content_encoded_has_paragraphs(quirky):
    _, stories = _stories(quirky / "a-rss2-content-encoded.xml")
    assert all("\n" in s.text and "summary_only" not in s.flags for s in stories)
