"""Text helpers shared by the lexical matchers: accent folding, word tokens and a longest-match
n-gram matcher over a dict of aliases (one dict lookup per candidate n-gram, no per-name loop)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

WORD = re.compile(r"[^\W_]+")
# what may sit between two words of one name: "Nord-Kivu", "Nord Kivu", "Sana'a", "U.S."
JOINER = re.compile(r"(?:[ \u00a0]|-|'|’|\.|\. )")
PARTICLES = frozenset("al el ad ed as ash at az an ar ath ad ech de du des da di la le les d l e i y sur en bin ibn abu ben".split())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, accents removed, typographic apostrophes made plain: 'Hodeïda' -> 'hodeida'."""
    text = text.replace("’", "'").replace("œ", "oe").replace("Œ", "Oe")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def key(text: str) -> str:
    """The lookup key of a name: folded words joined by single spaces ('Nord-Kivu' == 'nord kivu')."""
    return " ".join(WORD.findall(fold(text)))


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    folded: str
    joined: bool      # True when glued to the previous token by a space, hyphen or apostrophe

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    prev_end = None
    for m in WORD.finditer(text):
        gap = text[prev_end:m.start()] if prev_end is not None else None
        joined = gap is not None and JOINER.fullmatch(gap) is not None and not _sentence_break(gap, out)
        out.append(Token(m.start(), m.end(), m.group(), fold(m.group()), joined))
        prev_end = m.end()
    return out


def _sentence_break(gap: str, before: list[Token]) -> bool:
    """'. ' ends a sentence unless it follows a single capital ('U.S. forces')."""
    return gap.startswith(".") and not (before and len(before[-1].text) == 1 and before[-1].text.isupper())


def case_rule(alias: str) -> str:
    """How an alias must be written to match: 'exact' (acronyms: EI, RSF), 'cap' (capitalised) or 'any'."""
    letters = [c for c in alias if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "exact"
    return "cap" if alias[:1].isupper() else "any"


def case_ok(rule: str, alias_words: tuple[str, ...], toks: list[Token]) -> bool:
    if rule == "any":
        return True
    if rule == "exact":
        return tuple(t.text for t in toks) == alias_words
    first = toks[0]
    if first.capitalised:
        return True
    return first.folded in PARTICLES and len(toks) > 1 and toks[1].capitalised


class Matcher:
    """Longest match, left to right, non-overlapping, over token n-grams.

    `entries` maps an alias key (see key()) to a value; `accept(value, toks)` may refuse a match
    (wrong case, stopword...) and the next shorter n-gram is tried."""

    def __init__(self, entries: dict[str, object]):
        self.entries = entries
        self.longest: dict[str, int] = {}
        for k in entries:
            words = k.split(" ")
            if len(words) > self.longest.get(words[0], 0):
                self.longest[words[0]] = len(words)

    def scan(self, toks: list[Token], accept) -> list[tuple[int, int, object]]:
        """(first token index, last token index + 1, accepted payload) for every match."""
        out = []
        i = 0
        while i < len(toks):
            hit = self._at(toks, i, accept)
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out

    def _at(self, toks: list[Token], i: int, accept):
        n_max = self.longest.get(toks[i].folded)
        if not n_max:
            return None
        span = 1
        while span < n_max and i + span < len(toks) and toks[i + span].joined:
            span += 1
        for n in range(span, 0, -1):
            value = self.entries.get(" ".join(t.folded for t in toks[i:i + n]))
            if value is not None:
                payload = accept(value, toks[i:i + n])
                if payload is not None:
                    return i, i + n, payload
        return None
