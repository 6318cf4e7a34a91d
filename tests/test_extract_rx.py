"""rx.compile / first_char_gate: a lookahead that refuses impossible starts, never a match."""
import re

import pytest

from transforms.extract import rx
from transforms.extract.rx import first_char_gate

TEXTS = [
    "Des hommes armés ont attaqué le village, tuant 12 soldats depuis le 3 mars.",
    "ATTACKS on two villages killed 1,200 people; Kelvin \u212a and long \u017f and İstanbul.",
    "", "no match here at all", "contre-attaque; l'attentat-suicide; 2024-25 since March 4",
]
GATEABLE = [
    (r"(?<![\w-])(?:attaque|attack|attentat)s?(?![\w-])", re.I),
    (r"\b(?:depuis le|since) (?P<d>\d{1,2})(?:er)? (?:mars|march)\b|(?P<y>\b(?:19|20)\d\d\b)", re.I),
    (r"(?:plus de |more than )?\d[\d,]* (?:people|soldats)", 0),
    (r"[«“\"][^»”\"]{0,120}[»”\"]|(?:s|k|i)\w*", re.I),   # the long s, the Kelvin sign and İ fold to s, k, i
    (r"(?:a|b)?(?:c|d)+e", 0),
]


@pytest.mark.parametrize("text,flags", GATEABLE)
def test_gated_pattern_matches_as_the_original(text, flags):
    original = re.compile(text, flags)
    gated = rx.compile(text, flags)
    assert gated.pattern != original.pattern and gated.pattern.startswith("(?=[")
    for t in TEXTS + [t.upper() for t in TEXTS]:
        assert [(m.span(), m.groups(), m.lastgroup) for m in gated.finditer(t)] == \
               [(m.span(), m.groups(), m.lastgroup) for m in original.finditer(t)]
        assert gated.sub("#", t) == original.sub("#", t)
        assert bool(gated.match(t, 3)) == bool(original.match(t, 3))
    assert gated.groupindex == original.groupindex


@pytest.mark.parametrize("text,flags", [
    (r"(?:\w+ )?months ago", re.I),          # starts with any word character
    (r"x?", 0),                              # matches the empty string
    (r"[^a]b", 0),                           # a negated class
    (r"(?i:attack)|ambush", 0),              # a case flag of its own
    (r"(?i)attack", 0),                      # a global inline flag
    (r"attack  # a comment", re.X),
    (r"^(?:attack|raid)", re.I),             # re tries '^' once: a lookahead in front would try every position
    (r",\s+(?:said|says)", re.I),            # re scans for a first character of its own
    (r"(?:Ces|These) attacks", 0),
])
def test_pattern_without_a_clear_first_character_or_with_a_quick_start_is_left_as_it_is(text, flags):
    original = re.compile(text, flags)
    assert first_char_gate(original) is original


def test_the_gate_is_what_a_start_must_be():
    assert rx.compile(r"\d+|ab", 0).pattern == r"(?=[\U00000061\d])(?:\d+|ab)"


CUES = r"match|Tour de France|mi-temps|(?:one|two|\w+) years? on|[Ll]igue 1|\d+-\d+ win|minute's silence|(?:a|b)\|c"


def test_grouped_alternation_matches_where_the_original_does():
    original = re.compile(rf"(?<![\w-])(?:{CUES})(?![\w-])", re.I)
    grouped = re.compile(rf"(?<![\w-])(?:{rx.grouped(CUES, re.I)})(?![\w-])", re.I)
    assert rx.grouped(CUES, re.I) != CUES
    texts = TEXTS + ["the MATCH ended 2-1 win", "ten years on, a minute's silence", "Ligue 1 side", "a|c here",
                     "matches and tours", "mi-temps", "b|c"]
    for t in texts + [t.upper() for t in texts]:
        assert bool(grouped.search(t)) == bool(original.search(t)), t
    assert [bool(grouped.search(t)) for t in texts[-7:]] == [True, True, True, True, False, True, True]


def test_grouped_keeps_every_alternative_once():
    parts = rx._alternatives(CUES)
    assert parts == ["match", "Tour de France", "mi-temps", r"(?:one|two|\w+) years? on", "[Ll]igue 1", r"\d+-\d+ win",
                     "minute's silence", r"(?:a|b)\|c"]
    assert sorted(rx._alternatives(rx.grouped(CUES, re.I))) != sorted(parts)   # gathered behind lookaheads
    assert all(rx.grouped(CUES, re.I).count(p) == 1 for p in parts)


@pytest.mark.parametrize("alternation", [r"(a)x|\1y", r"(?P<n>a)|(?P=n)b", "single", "a|(b"])
def test_grouped_leaves_alternations_it_cannot_reorder(alternation):
    assert rx.grouped(alternation) == alternation


def test_without_the_stdlib_parser_patterns_compile_plain(monkeypatch):
    monkeypatch.setattr(rx, "_parser", None)
    assert rx.compile(r"attack|attaque", re.I).pattern == r"attack|attaque"
    assert rx.grouped(CUES, re.I) == CUES
    assert rx.compile(r"attack|attaque", re.I).search("une ATTAQUE").group(0) == "ATTAQUE"
