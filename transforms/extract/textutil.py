"""Text helpers shared by the lexical matchers: accent folding, word tokens and a longest-match
n-gram matcher over a dict of aliases (one dict lookup per candidate n-gram, no per-name loop)."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

WORD = re.compile(r"[^\W_]+")
# what may sit between two words of one name: "Nord-Kivu", "Nord Kivu", "Sana'a", "U.S."
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


class Token(NamedTuple):
    start: int
    end: int
    text: str
    folded: str
    joined: bool      # True when glued to the previous token by a space, hyphen, apostrophe or acronym dot

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


GLUE = frozenset({" ", "\u00a0", "-", "'", "’", ".", "' ", "’ "})      # "' ": "Kurdistan Workers' Party"


@lru_cache(maxsize=32)
def tokens(text: str) -> tuple[Token, ...]:
    """Word tokens of a text (cached: places and actors tokenise the same sentence)."""
    out: list[Token] = []
    prev_end = -1
    prev_text = ""
    for m in WORD.finditer(text):
        start = m.start()
        word = m.group()
        gap = text[prev_end:start] if prev_end >= 0 else None
        joined = gap in GLUE or (gap == ". " and len(prev_text) == 1 and prev_text.isupper())
        if gap == "." and not (len(prev_text) == 1 and prev_text.isupper()):
            joined = False
        out.append(Token(start, m.end(), word, fold(word), joined))
        prev_end, prev_text = m.end(), word
    return tuple(out)


def case_rule(alias: str) -> str:
    """How an alias must be written to match: 'exact' (acronyms: EI, RSF), 'cap' (capitalised) or 'any'."""
    letters = [c for c in alias if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "exact"
    if " " not in alias and len(alias) <= 6 and any(c.isupper() for c in alias[1:]):
        return "exact"      # mixed-case acronyms: 'LeT' must not match 'Let', nor 'FAMa' 'Fama'
    return "cap" if alias[:1].isupper() else "any"


def case_ok(rule: str, alias_words: tuple[str, ...], toks) -> bool:
    if rule == "any":
        return True
    if rule == "exact":
        return tuple(t.text for t in toks) == alias_words
    if rule == "acronym":   # 'JNIM' or 'Jnim'
        return tuple(t.text for t in toks) in (alias_words, tuple(w.capitalize() for w in alias_words))
    first = toks[0]
    if first.capitalised:
        return True
    return first.folded in PARTICLES and len(toks) > 1 and toks[1].capitalised


class Matcher:
    """Longest match, left to right, non-overlapping, over token n-grams.

    `entries` maps an alias key (see key()) to a value; `accept(value, toks)` may refuse a match
    (wrong case, stopword...) and the next shorter n-gram is tried."""

    def __init__(self, entries, keys=None, gated=((), ()), gate=None):
        """entries: anything with .get(key); keys: its keys (default: iterate entries). gated: (multi-word
        keys, container of one-word keys) reached only from a token gate(token) accepts (a capitalised
        word, say): a cheap test that spares lookups, and no need to iterate a big one-word container."""
        self.entries = entries
        self.gate = gate or (lambda tok: True)
        self.longest = self._longest(list(entries) if keys is None else keys)
        self.gated_longest = self._longest(gated[0])
        self.single = gated[1]
        self.prefixes: set[str] = set()
        for k in [*(list(entries) if keys is None else keys), *gated[0]]:
            words = k.split(" ")
            for n in range(2, len(words)):
                self.prefixes.add(" ".join(words[:n]))

    @staticmethod
    def _longest(keys) -> dict[str, int]:
        out: dict[str, int] = {}
        for k in keys:
            first, _, rest = k.partition(" ")
            n = rest.count(" ") + 2 if rest else 1
            if n > out.get(first, 0):
                out[first] = n
        return out

    def scan(self, toks: tuple[Token, ...], accept) -> list[tuple[int, int, object]]:
        """(first token index, last token index + 1, accepted payload) for every match;
        accept(value, i, j) gets the candidate value and token range."""
        out = []
        longest = self.longest
        i = 0
        single, gate, gated = self.single, self.gate, self.gated_longest
        while i < len(toks):
            w = toks[i].folded
            n_max = longest.get(w, 0)
            n = gated.get(w, 0) or (1 if w in single else 0)
            if n > n_max and gate(toks[i]):   # the gate (a call) only for a word the gated names know
                n_max = n
            hit = self._at(toks, i, n_max, accept) if n_max else None
            if hit:
                out.append(hit)
                i = hit[1]
            else:
                i += 1
        return out

    def _at(self, toks: tuple[Token, ...], i: int, n_max: int, accept):
        keys = [toks[i].folded]
        j = i + 1
        while len(keys) < n_max and j < len(toks) and toks[j].joined:
            k = keys[-1] + " " + toks[j].folded
            keys.append(k)
            if k not in self.prefixes:
                break
            j += 1
        for n in range(len(keys), 0, -1):
            value = self.entries.get(keys[n - 1])
            if value is not None:
                payload = accept(value, i, i + n)
                if payload is not None:
                    return i, i + n, payload
        return None
