"""The bundled demo site and the story fixtures: gold valid against the schema,
the content the demo promises, feeds that parse, and a real HTTP server on 127.0.0.1."""
from __future__ import annotations

import html
import json
import re
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import feedparser
import pytest
import requests
import yaml

from flows.config import parse_feeds
from flows.demo_site import build_site, load_demo_stories, serve_site
from transforms.article_text import main_text

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "stories"
DEMO = Path(__file__).resolve().parents[1] / "flows" / "demo_site" / "stories.jsonl"
STORY_FILES = [DEMO, *sorted(FIXTURES.glob("*.jsonl"))]
EVENT_TYPES = {"air_drone_strike", "shelling_missile", "suicide_bomb", "remote_explosive", "grenade",
               "armed_clash", "attack"}
WEAPONS = {"aircraft", "drone", "ballistic_missile", "cruise_missile", "missile", "rocket", "mortar", "artillery",
           "ied", "vehicle_bomb", "suicide_vest", "grenade", "firearm", "knife", "fire", "other"}
INCIDENT_KEYS = {"kind", "event_type", "date", "country", "location", "actor1", "actor2", "weapon", "killed",
                 "injured", "count", "period_start", "period_end"}
BASE = "http://127.0.0.1:8765"


def _read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _published(story: dict) -> datetime:
    value = datetime.fromisoformat(story["published"].replace("Z", "+00:00"))
    assert value.tzinfo is not None, f"{story['id']}: published has no offset"
    return value


def _words(story: dict) -> int:
    return len(story["text"].split())


# ---- gold records: every file, every rule of the schema ----------------------------------------------

def _check_range(value, where: str) -> None:
    if value is None:
        return
    assert set(value) == {"min", "max"}, f"{where}: range keys {sorted(value)}"
    assert isinstance(value["min"], int) and value["min"] >= 0, f"{where}: min {value['min']!r}"
    assert value["max"] is None or (isinstance(value["max"], int) and value["max"] >= value["min"]), where


def _check_incident(inc: dict, story: dict, where: str) -> None:
    assert INCIDENT_KEYS <= set(inc) <= INCIDENT_KEYS | {"same_incident_as"}, f"{where}: keys {sorted(inc)}"
    assert inc["kind"] in ("incident", "aggregate"), where
    assert inc["weapon"] is None or inc["weapon"] in WEAPONS, f"{where}: weapon {inc['weapon']!r}"
    assert inc["country"] is None or re.fullmatch(r"[A-Z]{2}", inc["country"]), f"{where}: country"
    for key in ("killed", "injured", "count"):
        _check_range(inc[key], f"{where}.{key}")
    if inc["kind"] == "incident":
        assert inc["event_type"] in EVENT_TYPES, f"{where}: event_type {inc['event_type']!r}"
        assert inc["count"] is None and inc["period_start"] is None and inc["period_end"] is None, where
        if inc["date"] is not None:
            day, published = date.fromisoformat(inc["date"]), _published(story).date()
            assert published - timedelta(days=7) <= day <= published, f"{where}: date {day} not news"
    else:
        assert inc["event_type"] is None or inc["event_type"] in EVENT_TYPES, where
        assert inc["count"] is not None and inc["date"] is None, f"{where}: aggregate needs a count, no date"
        start, end = date.fromisoformat(inc["period_start"]), date.fromisoformat(inc["period_end"])
        assert start <= end <= _published(story).date(), f"{where}: period"


def _check_story(story: dict) -> None:
    sid = story["id"]
    assert story["lang"] in ("fr", "en") and story["title"] and story["source"], sid
    assert all(p.strip() for p in story["text"].split("\n")), f"{sid}: empty paragraph"
    assert story["attack"] is bool(story["incidents"]), f"{sid}: attack flag disagrees with incidents"
    for n, inc in enumerate(story["incidents"]):
        _check_incident(inc, story, f"{sid}#{n}")


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: p.name)
def test_gold_follows_the_schema(path):
    stories = _read(path)
    ids = [s["id"] for s in stories]
    assert len(ids) == len(set(ids)), f"{path.name}: duplicate ids"
    by_id = {s["id"]: s for s in stories}
    for story in stories:
        _check_story(story)
        if "duplicate_of" in story:
            original = by_id[story["duplicate_of"]]
            assert _published(original) < _published(story) and original["source"] != story["source"]
        for inc in story["incidents"]:
            if "same_incident_as" in inc:
                target, index = inc["same_incident_as"].split("#")
                assert target != story["id"] and int(index) < len(by_id[target]["incidents"])
                other = by_id[target]["incidents"][int(index)]
                assert (other["event_type"], other["date"], other["country"]) == \
                       (inc["event_type"], inc["date"], inc["country"]), inc["same_incident_as"]


def test_a_broken_record_is_caught():
    story = dict(_read(DEMO)[0])
    bad = dict(story["incidents"][0], killed={"min": 5, "max": 2})
    with pytest.raises(AssertionError):
        _check_story(dict(story, incidents=[bad]))
    with pytest.raises(AssertionError):
        _check_story(dict(story, incidents=[dict(story["incidents"][0], event_type="bombing")]))


# ---- what the demo promises -------------------------------------------------------------------------

def test_demo_stories_cover_the_cases_it_promises():
    stories = load_demo_stories()
    assert stories == _read(DEMO)
    assert 20 <= len(stories) <= 30 and all(120 <= _words(s) <= 250 for s in stories)
    langs = Counter(s["lang"] for s in stories)
    assert abs(langs["fr"] - langs["en"]) <= 2
    days = sorted(_published(s).date() for s in stories)
    assert days[0].year == 2025 and days[0].month == 5 and (days[-1] - days[0]).days <= 14
    incidents = [i for s in stories for i in s["incidents"]]
    assert {i["event_type"] for i in incidents if i["kind"] == "incident"} == EVENT_TYPES
    assert len({i["country"] for i in incidents}) >= 6
    assert sum(i["kind"] == "aggregate" for i in incidents) == 1
    assert sum("duplicate_of" in s for s in stories) == 1
    assert sum(not s["attack"] for s in stories) >= 5


def test_demo_has_cross_language_pairs_a_follow_up_and_same_day_attacks():
    stories = {s["id"]: s for s in load_demo_stories()}
    links = [(s, inc, stories[inc["same_incident_as"].split("#")[0]])
             for s in stories.values() for inc in s["incidents"] if "same_incident_as" in inc]
    cross = {frozenset((s["id"], t["id"])) for s, _, t in links if s["lang"] != t["lang"]}
    assert len(cross) >= 3
    follow_ups = [(s, inc, t) for s, inc, t in links if "duplicate_of" not in s
                  and _published(s).date() > _published(t).date()
                  and inc["killed"]["min"] > t["incidents"][int(inc["same_incident_as"][-1])]["killed"]["min"]]
    assert follow_ups
    same_day = Counter((i["location"], i["date"]) for s in stories.values() for i in s["incidents"]
                       if "same_incident_as" not in i)
    assert any(n >= 2 for n in same_day.values())
    both_ways = [s for s in stories.values() if len({i["date"] for i in s["incidents"]}) == 2
                 and len({i["event_type"] for i in s["incidents"]}) == 2]
    assert both_ways, "a strike and the retaliation for it"


# ---- the fixtures the flow tests use ----------------------------------------------------------------

def _fixture(name: str) -> list[dict]:
    return _read(FIXTURES / f"{name}.jsonl")


def test_basic_fixture():
    stories = _fixture("basic")
    assert len(stories) == 6 and {s["lang"] for s in stories} == {"fr", "en"}
    assert sum(s["attack"] for s in stories) == 4
    pairs = [i for s in stories for i in s["incidents"] if "same_incident_as" in i]
    assert len(pairs) == 1


def test_republish_fixture():
    original, copy = _fixture("republish")
    assert copy["duplicate_of"] == original["id"] and copy["text"] != original["text"]
    same = sum(a == b for a, b in zip(original["text"].split("\n"), copy["text"].split("\n")))
    assert same >= 1 and copy["incidents"][0]["same_incident_as"] == f"{original['id']}#0"


def test_followup_fixture():
    first, later = _fixture("followup")
    assert _published(later).date() == _published(first).date() + timedelta(days=1)
    assert later["incidents"][0]["killed"]["min"] > first["incidents"][0]["killed"]["min"]
    assert later["incidents"][0]["same_incident_as"] == f"{first['id']}#0"


def test_same_city_fixture():
    a, b = (s["incidents"][0] for s in _fixture("same_city"))
    assert a["date"] == b["date"] and set(a["location"].split("|")) & set(b["location"].split("|"))
    assert a["event_type"] != b["event_type"] and a["killed"] != b["killed"]
    assert "same_incident_as" not in a and "same_incident_as" not in b


# ---- rendering --------------------------------------------------------------------------------------

def _feeds(files: dict[str, bytes]) -> dict[str, feedparser.FeedParserDict]:
    parsed = {p: feedparser.parse(c) for p, c in files.items() if p.startswith("feeds/")}
    for path, feed in parsed.items():
        assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return parsed


def _story_id(entry) -> str:
    return entry.link.split("/articles/", 1)[1].split(".html", 1)[0]


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda p: p.name)
def test_every_story_is_in_exactly_one_feed(path):
    stories = _read(path)
    feeds = _feeds(build_site(stories, BASE))
    where = {_story_id(e): p for p, f in feeds.items() for e in f.entries}
    assert sum(len(f.entries) for f in feeds.values()) == len(stories) == len(where)
    assert set(where) == {s["id"] for s in stories}
    for s in stories:
        assert where[s["id"]].startswith(f"feeds/{s['lang']}-")
        if "duplicate_of" in s:   # the republished text is served twice, by two different feeds
            assert where[s["id"]] != where[s["duplicate_of"]]


def test_demo_feed_kinds_and_counts():
    stories = load_demo_stories()
    feeds = _feeds(build_site(stories, BASE))
    assert set(feeds) == {f"feeds/{lang}-{kind}.xml" for lang in ("fr", "en")
                          for kind in ("fulltext", "atom", "summary")}
    langs = Counter(s["lang"] for s in stories)
    for lang in ("fr", "en"):
        assert sum(len(feeds[f"feeds/{lang}-{k}.xml"].entries) for k in ("fulltext", "atom", "summary")) == langs[lang]
        assert feeds[f"feeds/{lang}-atom.xml"].version == "atom10"
        assert feeds[f"feeds/{lang}-summary.xml"].version == "rss20"
    by_id = {s["id"]: s for s in stories}
    for path, feed in feeds.items():
        assert feed.entries, path
        for entry in feed.entries:
            assert entry.link.startswith(f"{BASE}/articles/")
            story = by_id[_story_id(entry)]
            if "fulltext" in path:
                body = html.unescape(entry.content[0].value)
                assert all(p in body for p in story["text"].split("\n"))
            else:
                assert "content" not in entry and len(entry.summary) < len(story["text"]) / 2
            if "summary" in path:
                assert "utm_source=" in entry.link


def test_feeds_yaml_is_a_valid_config_for_the_served_port():
    files = build_site(load_demo_stories(), BASE + "/")
    feeds = parse_feeds(files["feeds.yaml"].decode(), source="demo feeds.yaml")
    assert len(feeds) == 6 and all(f.name.startswith("demo-") for f in feeds)
    for feed in feeds:
        assert feed.url.startswith(BASE + "/feeds/") and feed.url.removeprefix(BASE + "/") in files
        assert feed.fetch_article is ("fulltext" not in feed.name) and feed.lang in feed.name
    assert yaml.safe_load(files["feeds.yaml"])["feeds"][0]["url"].count("//") == 1


def test_rendering_is_pure():
    stories = load_demo_stories()
    assert build_site(stories, BASE) == build_site(list(reversed(stories)), BASE)
    other = build_site(stories, "http://127.0.0.1:9")
    assert other["articles/demo-fr-01.html"] == build_site(stories, BASE)["articles/demo-fr-01.html"]
    assert other["feeds/fr-atom.xml"] != build_site(stories, BASE)["feeds/fr-atom.xml"]


# ---- serving over real HTTP -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site():
    stories = load_demo_stories()
    with serve_site(lambda base: build_site(stories, base)) as base:
        yield base, stories


def test_article_pages_over_http_hold_the_text(site):
    base, stories = site
    feed_files = [requests.get(f"{base}/feeds/{lang}-{kind}.xml", timeout=5) for lang in ("fr", "en")
                  for kind in ("atom", "summary")]
    links = [e.link for r in feed_files for e in feedparser.parse(r.content).entries]
    by_id = {s["id"]: s for s in stories}
    assert links
    for link in links:   # summary entries link with utm_ parameters: the page is still there
        response = requests.get(link, timeout=5)
        assert response.status_code == 200
        assert response.headers["Content-Type"] == "text/html; charset=utf-8"
        text = main_text(response.content, url=link)
        for paragraph in by_id[_story_id_from(link)]["text"].split("\n"):
            assert paragraph in text
        assert "Newsletter" not in text and "Tous droits" not in text


def _story_id_from(link: str) -> str:
    return link.split("/articles/", 1)[1].split(".html", 1)[0]


def test_content_types_carry_a_charset(site):
    base, _ = site
    expected = {"feeds/fr-fulltext.xml": "application/rss+xml; charset=utf-8",
                "feeds/en-atom.xml": "application/atom+xml; charset=utf-8",
                "feeds.yaml": "application/yaml; charset=utf-8",
                "": "text/html; charset=utf-8"}
    for path, content_type in expected.items():
        response = requests.get(f"{base}/{path}", timeout=5)
        assert (response.status_code, response.headers["Content-Type"]) == (200, content_type)
    assert yaml.safe_load(requests.get(f"{base}/feeds.yaml", timeout=5).text)["feeds"][0]["url"].startswith(base)


def test_conditional_requests_get_304(site):
    base, _ = site
    url = f"{base}/feeds/en-fulltext.xml"
    first = requests.get(url, timeout=5)
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    again = requests.get(url, headers={"If-None-Match": etag}, timeout=5)
    assert (again.status_code, again.content, again.headers["ETag"]) == (304, b"", etag)
    assert requests.get(url, headers={"If-Modified-Since": modified}, timeout=5).status_code == 304
    assert requests.get(url, headers={"If-None-Match": '"stale"'}, timeout=5).status_code == 200
    stale = requests.get(url, headers={"If-None-Match": '"stale"', "If-Modified-Since": modified}, timeout=5)
    assert stale.status_code == 200 and stale.content == first.content
    old = requests.get(url, headers={"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"}, timeout=5)
    assert old.status_code == 200


def test_head_and_unknown_paths(site):
    base, _ = site
    get = requests.get(f"{base}/articles/demo-en-03.html", timeout=5)
    head = requests.head(f"{base}/articles/demo-en-03.html", timeout=5)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["Content-Length"] == str(len(get.content)) and head.headers["ETag"] == get.headers["ETag"]
    for path in ("feeds/missing.xml", "articles/nope.html", "monde", "../flows/demo_site/stories.jsonl"):
        assert requests.get(f"{base}/{path}", timeout=5).status_code == 404, path
    assert requests.head(f"{base}/nowhere", timeout=5).status_code == 404


def test_serve_site_takes_a_plain_mapping_and_stops_cleanly():
    with serve_site({"hello.txt": b"bonjour"}) as base:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base)
        response = requests.get(f"{base}/hello.txt", timeout=5)
        assert response.content == b"bonjour"
        assert response.headers["Content-Type"] == "application/octet-stream"
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{base}/hello.txt", timeout=2)
