"""Story deduplication: exact keys, then near-duplicates by MinHash LSH.

A signature holds two parts. The text part is a MinHash (datasketch, 128
permutations, fixed seed, so the same text gives the same bytes in every
process) over the word 3-shingles of the accent-folded, lower-cased title and
text: 128 little-endian uint32 values and the number of distinct shingles. The
facts part holds the text's names and figures (facts()): the FACTS (32)
smallest 32-bit hashes of its fact tokens, in order and padded, and the number
of facts; most stories have fewer than 32 facts, so for them it is the exact
set. Round 1's signatures, without the facts part, stay readable.

A republication keeps the original's facts, and most of its words, but may get
its own title, an added paragraph or a cut end, so its Jaccard with the
original can be low (0.11 when a short wire is pasted into a long article)
while the share of the smaller story found in the other, the containment,
stays high. Templated stories (an outlet's daily reports) share phrasing, so
containment too, but not names and figures. A candidate is confirmed when
its estimated Jaccard is >= SAME_TEXT (0.3), or when Jaccard >= J_FLOOR
(0.08), text containment >= CONTAINMENT (0.2) and facts containment >=
FACTS_MIN (0.45): the share of the smaller fact set found in the other
(a cut copy keeps few of the original's facts, but all of its own). Measured
gaps and synthetic false duplicates: docs/dedup.md.

LSH: 32 bands of 2 text values (the first 64), and 48 bands of one text
value (64 + b) and one facts MinHash value (the smallest kept fact hash under
a fixed permutation), so a pair that shares little text but most facts is a
candidate: 0.92 at Jaccard 0.11 and facts Jaccard 0.4, where text bands alone
give 0.32. Only stories published within WINDOW_DAYS (30) of each other are
compared: republications come within hours or weeks.

A text with fewer than MIN_SHINGLES shingles (an empty story with a generic
title) has no band keys and no content-hash key: it is never anybody's
duplicate and never a canonical for others, except by GUID or URL.
"""
from __future__ import annotations

import functools
import hashlib
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Mapping, Sequence

import numpy as np
from datasketch import MinHash

from .models import Story

NUM_PERM, SHINGLE = 128, 3
TEXT_BANDS, ROWS = 32, 2          # 2-row bands over the first 64 text values
FACT_BANDS = 48                   # bands of one text value (64 + b) and one facts value
BANDS = TEXT_BANDS + FACT_BANDS
FACTS = 32                        # fact hashes kept: the 32 smallest (all of them for most stories)
SAME_TEXT = 0.3                   # estimated Jaccard that confirms a republication alone
CONTAINMENT, J_FLOOR, FACTS_MIN = 0.2, 0.08, 0.45
WINDOW_DAYS = 30
MIN_SHINGLES = 8
SEED = 7
_TEXT_WORDS = NUM_PERM + 1
_SIG_BYTES = 4 * (_TEXT_WORDS + FACTS + 1)
_OLD_SIG_BYTES = 4 * _TEXT_WORDS  # round 1's signatures: no facts
_NO_HASH = np.uint32(0xFFFFFFFF)
_MASK32 = np.uint64(0xFFFFFFFF)
# words that carry no identity in a title ("Direct", "Breaking news", "Flash info")
GENERIC_TITLE_WORDS = frozenset(
    "breaking news live update updates latest flash info infos direct en le la les alerte urgent "
    "derniere heure depeche depeches video photos photo untitled sans titre a une".split())


@dataclass(frozen=True)
class Known:
    by_guid: dict[tuple[str, str], str]
    by_url: dict[str, str]
    by_hash: dict[str, str]
    candidates: dict[str, bytes]
    canonical: dict[str, str]
    days: dict[str, date | None] = field(default_factory=dict)   # candidates' publication days (missing: None)


@dataclass(frozen=True)
class DupDecision:
    story_id: str
    dup_of: str | None
    cluster_id: str
    reason: str | None
    similarity: float | None


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()


def shingles(title: str, text: str) -> set[str]:
    w = words(text) if generic_title(title) else words(f"{title} {text}")
    return {" ".join(w[i:i + SHINGLE]) for i in range(len(w) - SHINGLE + 1)}


def generic_title(title: str) -> bool:
    return all(w in GENERIC_TITLE_WORDS or w.isdigit() for w in words(title))


def facts(text: str) -> set[str]:
    """The text's names and figures: every run of digits (leading zeros dropped: '1,500' gives '1'
    and '500'), and every word of two letters or more that starts with a capital and is not the first
    word of its sentence (after . ! ? : or a line break), accent-folded and lower-cased; English day
    and month names are left out (capitalised in English only, they are phrasing, not facts)."""
    found = set()
    for sentence in _SENTENCE.split(text):
        for i, m in enumerate(_FACT_TOKEN.finditer(sentence)):
            w = m.group()
            if w.isdigit():
                found.add(w.lstrip("0") or "0")
            elif i and len(w) > 1 and w[0].isupper() and (f := fold(w)) and f not in CALENDAR:
                found.add(f)
    return found


_SENTENCE = re.compile(r"[.!?:\n]")
_FACT_TOKEN = re.compile(r"\d+|[^\W\d_]+")
CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april "
                     "may june july august september october november december".split())


@functools.cache
def _empty() -> MinHash:
    """The seeded, empty MinHash, built once: MinHash() draws its permutations again on every call
    (a quarter of signature()); a copy reuses them."""
    return MinHash(num_perm=NUM_PERM, seed=SEED)


def signature(title: str, text: str) -> bytes:
    found = shingles(title, text)
    mh = _empty().copy()
    mh.update_batch([s.encode() for s in sorted(found)])
    return b"".join([mh.hashvalues.astype("<u4").tobytes(), np.uint32(len(found)).astype("<u4").tobytes(),
                     _facts_part(facts(text))])


def _facts_part(found: set[str]) -> bytes:
    """FACTS uint32: the smallest fact hashes in order, padded with 0xFFFFFFFF; then the number of facts."""
    hashes = np.unique(np.array([_fact_hash(f) for f in found], dtype="<u4"))
    kept = np.full(FACTS, _NO_HASH, dtype="<u4")
    kept[:min(FACTS, len(hashes))] = hashes[:FACTS]
    return kept.tobytes() + np.uint32(len(hashes)).astype("<u4").tobytes()


def _fact_hash(fact: str) -> int:
    return int.from_bytes(hashlib.sha1(fact.encode()).digest()[:4], "little")


def _values(sig: bytes) -> np.ndarray:
    """All the uint32 of a signature: 129 text words, then (except in round 1's signatures) the facts."""
    if len(sig) not in (_SIG_BYTES, _OLD_SIG_BYTES):
        raise ValueError(f"signature has {len(sig)} bytes, expected {_SIG_BYTES} or {_OLD_SIG_BYTES}"
                         " (another signature format?)")
    return np.frombuffer(sig, dtype="<u4")


def shingle_count(sig: bytes) -> int:
    return int(_values(sig)[NUM_PERM])


def fact_part(sig: bytes) -> tuple[np.ndarray, int]:
    """The kept fact hashes (FACTS values, padded) and the number of facts; none in an old signature."""
    values = _values(sig)
    if len(values) == _TEXT_WORDS:
        return np.full(FACTS, _NO_HASH, dtype="<u4"), 0
    return values[_TEXT_WORDS:_TEXT_WORDS + FACTS], int(values[-1])


def band_keys(sig: bytes) -> list[int]:
    values = _values(sig)
    if values[NUM_PERM] < MIN_SHINGLES:
        return []
    keys = band_matrix(values[None, :])[0]
    return keys[keys >= 0].tolist()


def band_matrix(values: np.ndarray) -> np.ndarray:
    """Band keys of signature rows (n x 129, or n x 162 with facts, uint32), n x BANDS int64, the band
    number above a 32-bit hash of its values; -1 where a row has no facts for a facts band."""
    text = values[:, :2 * TEXT_BANDS].astype(np.uint64)
    keys = np.full((len(values), BANDS), -1, dtype=np.int64)
    keys[:, :TEXT_BANDS] = _combine(text[:, 0::2], text[:, 1::2])
    if values.shape[1] > _TEXT_WORDS:
        has = values[:, -1] > 0
        mins = _fact_mins(values[has, _TEXT_WORDS:_TEXT_WORDS + FACTS], values[has, -1])
        keys[has, TEXT_BANDS:] = _combine(values[has, 2 * TEXT_BANDS:2 * TEXT_BANDS + FACT_BANDS].astype(np.uint64),
                                          mins)
    return keys | (np.arange(BANDS, dtype=np.int64) << 32)


def _combine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A 32-bit hash of two 32-bit values (arrays of uint64 holding them), as int64."""
    return (((a * np.uint64(0x9E3779B97F4A7C15)) ^ b) * np.uint64(0xC2B2AE3D27D4EB4F) >> np.uint64(32)).astype(np.int64)


def _fact_mins(kept: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """n x FACT_BANDS: the smallest of each row's kept fact hashes under FACT_BANDS fixed permutations
    of 32-bit values (a MinHash over the facts, exact when a story has at most FACTS facts)."""
    valid = np.arange(FACTS) < np.minimum(counts, FACTS)[:, None]
    hashes = kept.astype(np.uint64)
    mins = np.empty((len(kept), FACT_BANDS), dtype=np.uint64)
    for band, salt in enumerate(_FACT_SALTS):   # one band at a time: n x FACTS, not n x 48 x FACTS, in memory
        mins[:, band] = np.where(valid, _mix32(hashes ^ salt), np.uint64(1 << 32)).min(axis=1)
    return mins


def _mix32(x: np.ndarray) -> np.ndarray:
    """A bijection of 32-bit values (murmur3's finaliser), on uint64 arrays."""
    x = x ^ (x >> np.uint64(16))
    x = (x * np.uint64(0x85EBCA6B)) & _MASK32
    x = x ^ (x >> np.uint64(13))
    x = (x * np.uint64(0xC2B2AE35)) & _MASK32
    return x ^ (x >> np.uint64(16))


_FACT_SALTS = np.random.default_rng(SEED).integers(0, 1 << 32, FACT_BANDS, dtype=np.uint64)


def similarity(a: bytes, b: bytes) -> float:
    return float(np.mean(_values(a)[:NUM_PERM] == _values(b)[:NUM_PERM]))


def containment(jaccard, n_a, n_b):
    """Estimated share of the smaller set found in the other: |A & B| = J (|A| + |B|) / (1 + J)."""
    shared = jaccard * (np.add(n_a, n_b)) / (1 + jaccard)
    return np.minimum(1.0, shared / np.maximum(1, np.minimum(n_a, n_b)))


def facts_containment(kept: np.ndarray, counts: np.ndarray, sig: bytes) -> np.ndarray:
    """Share of the smaller fact set found in the other, for n stored rows (kept hashes n x FACTS,
    counts) against one signature. Exact when both have at most FACTS facts; otherwise Jaccard is
    counted below the lower of the two sketches' largest kept hash, where both are complete. 0 when
    either has no facts (a round-1 signature)."""
    mine, n = fact_part(sig)
    if n == 0:
        return np.zeros(len(kept))
    mine = mine[:min(n, FACTS)].astype(np.uint64)
    top = np.uint64(1 << 32)
    limit = np.minimum(np.where(counts > FACTS, kept[:, -1].astype(np.uint64), top),
                       mine[-1] if n > FACTS else top)
    theirs = (np.arange(FACTS) < np.minimum(counts, FACTS)[:, None]) & (kept <= limit[:, None])
    shared = (np.isin(kept, mine) & theirs).sum(axis=1)
    union = theirs.sum(axis=1) + (mine[None, :] <= limit[:, None]).sum(axis=1) - shared
    jaccard = np.where(union > 0, shared / np.maximum(union, 1), 0.0)
    return np.where(counts > 0, containment(jaccard, counts, n), 0.0)


def republication(jaccard, text_containment, fact_containment, threshold: float = CONTAINMENT):
    """The confirmation rule, on scalars or arrays: the same text, or a copy that kept much of the text
    and most of the facts of the smaller story."""
    jaccard = np.asarray(jaccard)
    return (jaccard >= SAME_TEXT) | ((jaccard >= J_FLOOR) & (np.asarray(text_containment) >= threshold)
                                     & (np.asarray(fact_containment) >= FACTS_MIN))


_EPOCH = datetime.min.replace(tzinfo=timezone.utc)
_UNDATED = -1


def decide(stories: Sequence[Story], signatures: Mapping[str, bytes], known: Known,
           threshold: float = CONTAINMENT, bands: Mapping[str, list[int]] | None = None) -> list[DupDecision]:
    """Earliest story first; each is checked against history, then the batch stories before it.

    `threshold`: the containment a near-duplicate needs (benchmarks sweep it).
    `bands`: the stories' band_keys when the caller has them already."""
    order = sorted(stories, key=lambda s: (s.published_at is None, s.published_at or _EPOCH, s.story_id))
    state = _State(known)
    decisions = []
    for story in order:
        sig = signatures[story.story_id]
        keys = bands[story.story_id] if bands is not None else band_keys(sig)
        dup, reason, sim = _match(story, sig, keys, state, threshold)
        root = state.canonical.get(dup, dup) if dup else None
        decisions.append(DupDecision(story.story_id, root, root or story.story_id, reason, sim))
        if reason != "guid":
            state.add(story, sig, keys, root or story.story_id)
    return decisions


def _ordinal(day: date | None) -> int:
    return day.toordinal() if day else _UNDATED


def _day(story: Story) -> date | None:
    return story.published_at.date() if story.published_at else None


class _State:
    """What decide() knows so far: the history plus the batch stories already decided.

    Signatures are kept as rows of one matrix (with each row's shingle count and publication day)
    and the LSH index points at rows, so a story is scored against all its candidates in one
    vectorised comparison; the window is applied to those rows, so the history's candidates and
    the batch's are held to the same rule."""

    def __init__(self, known: Known):
        self.guids = dict(known.by_guid)
        self.urls, self.hashes = dict(known.by_url), dict(known.by_hash)
        self.canonical = dict(known.canonical)
        self.index: dict[int, list[int]] = {}
        self.row: dict[str, int] = {}
        self.ids: list[str] = []
        size = max(64, 2 * len(known.candidates))
        self.matrix = np.zeros((size, NUM_PERM), dtype="<u4")
        self.counts = np.zeros(size, dtype=np.int64)
        self.facts = np.full((size, FACTS), _NO_HASH, dtype="<u4")
        self.fact_counts = np.zeros(size, dtype=np.int64)
        self.days = np.full(size, _UNDATED, dtype=np.int64)
        for sid, sig in sorted(known.candidates.items()):
            self._index(sid, sig, band_keys(sig), known.days.get(sid))

    def _index(self, sid: str, sig: bytes, keys: list[int], day: date | None) -> None:
        if sid not in self.row:
            if len(self.ids) == len(self.matrix):
                self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
                self.counts = np.concatenate([self.counts, np.zeros_like(self.counts)])
                self.facts = np.concatenate([self.facts, np.full_like(self.facts, _NO_HASH)])
                self.fact_counts = np.concatenate([self.fact_counts, np.zeros_like(self.fact_counts)])
                self.days = np.concatenate([self.days, np.full_like(self.days, _UNDATED)])
            self.row[sid] = len(self.ids)
            self.ids.append(sid)
        row = self.row[sid]
        self.matrix[row] = _values(sig)[:NUM_PERM]
        self.counts[row] = shingle_count(sig)
        self.facts[row], self.fact_counts[row] = fact_part(sig)
        self.days[row] = _ordinal(day)
        for key in keys:
            self.index.setdefault(key, []).append(row)

    def add(self, story: Story, sig: bytes, keys: list[int], root: str) -> None:
        self.canonical[story.story_id] = root
        self.guids.setdefault((story.feed, story.guid), story.story_id)
        if url_key(story.url):
            self.urls.setdefault(story.url, root)
        if shingle_count(sig) >= MIN_SHINGLES:
            self.hashes.setdefault(story.content_hash, root)
        self._index(story.story_id, sig, keys, _day(story))

    def best(self, sig: bytes, keys: list[int], day: date | None, threshold: float) -> tuple[float, str] | None:
        """The most similar candidate sharing a band, within the window and confirmed as a
        republication (ties: the smallest story id), with its estimated Jaccard."""
        lists = [self.index[key] for key in keys if key in self.index]
        if not lists:
            return None
        rows = np.unique(np.fromiter(itertools.chain.from_iterable(lists), dtype=np.int64))
        if day is not None:
            days = self.days[rows]
            rows = rows[(days == _UNDATED) | (np.abs(days - day.toordinal()) <= WINDOW_DAYS)]
        jaccard = (self.matrix[rows] == _values(sig)[:NUM_PERM]).sum(axis=1) / NUM_PERM
        text = containment(jaccard, self.counts[rows], shingle_count(sig))
        facts = np.zeros(len(rows))
        low = (jaccard < SAME_TEXT) & (jaccard >= J_FLOOR) & (text >= threshold)   # only these need the facts
        facts[low] = facts_containment(self.facts[rows[low]], self.fact_counts[rows[low]], sig)
        ok = republication(jaccard, text, facts, threshold)
        if not ok.any():
            return None
        rows, jaccard = rows[ok], jaccard[ok]
        top = jaccard.max()
        row = min(rows[jaccard == top], key=lambda r: self.ids[r])
        return float(top), self.ids[row]


def url_key(url: str | None) -> bool:
    """A URL identifies a story only when it has a path or query (not a bare home page)."""
    if not url:
        return False
    rest = url.split("://", 1)[-1]
    return "/" in rest.rstrip("/") or "?" in rest


def _match(story: Story, sig: bytes, keys: list[int], state: _State,
           threshold: float) -> tuple[str | None, str | None, float | None]:
    stored = state.guids.get((story.feed, story.guid))
    if stored:
        return stored, "guid", None
    if url_key(story.url) and story.url in state.urls:
        return state.urls[story.url], "url", None
    if shingle_count(sig) < MIN_SHINGLES:
        return None, None, None
    if story.content_hash in state.hashes:
        return state.hashes[story.content_hash], "content_hash", None
    best = state.best(sig, keys, _day(story), threshold)
    if best:
        return best[1], "near_duplicate", round(best[0], 3)
    return None, None, None
