"""Story deduplication: exact keys, then near-duplicates by MinHash LSH.

A signature is a MinHash (datasketch, 128 permutations, fixed seed, so the
same text gives the same bytes in every process) over the word 3-shingles of
the accent-folded, lower-cased title and text, serialised as 128 little-endian
uint32 values followed by the number of distinct shingles (uint32).

A republication keeps most of the original's words but may get its own title,
an added paragraph or a cut end, so its Jaccard with the original can be low
(0.11 when a short wire is pasted into a long article) while the share of the
smaller story found in the other, the containment, stays high. A candidate is
confirmed when the estimated containment is >= CONTAINMENT (0.2) and the
estimated Jaccard >= J_FLOOR (0.08); on the real sets republications measure
containment 0.28-0.94 and Jaccard 0.11-0.70, every other pair (the same event
told by another outlet included) containment <= 0.15 and Jaccard <= 0.06
(docs/dedup.md). The floor keeps a tiny story's containment, an estimate from
a handful of matching values, from deciding alone.

LSH uses 32 bands of 1 row (the first 32 values), so a pair at Jaccard 0.08 is
a candidate with probability 0.93, at 0.11 with 0.98. That makes a third of
unrelated wires candidates, which is affordable because only stories
published within WINDOW_DAYS (30) of each other are compared: republications
come within hours or weeks, and the work per story no longer grows with the
history.

A text with fewer than MIN_SHINGLES shingles (an empty story with a generic
title) has no band keys and no content-hash key: it is never anybody's
duplicate and never a canonical for others, except by GUID or URL.
"""
from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Mapping, Sequence

import numpy as np
from datasketch import MinHash

from .models import Story

NUM_PERM, BANDS, SHINGLE = 128, 32, 3
CONTAINMENT, J_FLOOR = 0.2, 0.08
WINDOW_DAYS = 30
MIN_SHINGLES = 8
SEED = 7
_SIG_BYTES = 4 * (NUM_PERM + 1)
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
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", folded)


def shingles(title: str, text: str) -> set[str]:
    w = words(text) if generic_title(title) else words(f"{title} {text}")
    return {" ".join(w[i:i + SHINGLE]) for i in range(len(w) - SHINGLE + 1)}


def generic_title(title: str) -> bool:
    return all(w in GENERIC_TITLE_WORDS or w.isdigit() for w in words(title))


@functools.cache
def _empty() -> MinHash:
    """The seeded, empty MinHash, built once: MinHash() draws its permutations again on every call
    (a quarter of signature()); a copy reuses them."""
    return MinHash(num_perm=NUM_PERM, seed=SEED)


def signature(title: str, text: str) -> bytes:
    found = shingles(title, text)
    mh = _empty().copy()
    mh.update_batch([s.encode() for s in sorted(found)])
    values = np.append(mh.hashvalues.astype("<u4"), np.uint32(len(found)).astype("<u4"))
    return values.astype("<u4").tobytes()


def _values(sig: bytes) -> np.ndarray:
    if len(sig) != _SIG_BYTES:
        raise ValueError(f"signature has {len(sig)} bytes, expected {_SIG_BYTES} (another signature format?)")
    return np.frombuffer(sig, dtype="<u4")


def shingle_count(sig: bytes) -> int:
    return int(_values(sig)[-1])


def band_keys(sig: bytes) -> list[int]:
    values = _values(sig)
    if values[-1] < MIN_SHINGLES:
        return []
    return band_matrix(values[None, :])[0].tolist()


def band_matrix(values: np.ndarray) -> np.ndarray:
    """Band keys of signature rows (n x 129 uint32), n x BANDS int64: one band is one value, so the
    key is the band number above the value (below 2**37), no hash needed."""
    return (np.arange(BANDS, dtype=np.int64) << 32) | values[:, :BANDS].astype(np.int64)


def similarity(a: bytes, b: bytes) -> float:
    return float(np.mean(_values(a)[:NUM_PERM] == _values(b)[:NUM_PERM]))


def containment(jaccard, n_a, n_b):
    """Estimated share of the smaller shingle set found in the other: |A & B| = J (|A| + |B|) / (1 + J)."""
    shared = jaccard * (np.add(n_a, n_b)) / (1 + jaccard)
    return np.minimum(1.0, shared / np.maximum(1, np.minimum(n_a, n_b)))


def republication(jaccard, n_a, n_b, threshold: float = CONTAINMENT):
    """The confirmation rule, on scalars or arrays."""
    return (np.asarray(jaccard) >= J_FLOOR) & (containment(jaccard, n_a, n_b) >= threshold)


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
        self.days = np.full(size, _UNDATED, dtype=np.int64)
        for sid, sig in sorted(known.candidates.items()):
            self._index(sid, sig, band_keys(sig), known.days.get(sid))

    def _index(self, sid: str, sig: bytes, keys: list[int], day: date | None) -> None:
        if sid not in self.row:
            if len(self.ids) == len(self.matrix):
                self.matrix = np.concatenate([self.matrix, np.zeros_like(self.matrix)])
                self.counts = np.concatenate([self.counts, np.zeros_like(self.counts)])
                self.days = np.concatenate([self.days, np.full_like(self.days, _UNDATED)])
            self.row[sid] = len(self.ids)
            self.ids.append(sid)
        row = self.row[sid]
        self.matrix[row] = _values(sig)[:NUM_PERM]
        self.counts[row] = shingle_count(sig)
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
        ok = republication(jaccard, self.counts[rows], shingle_count(sig), threshold)
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
