"""Answers the stages share about one story's sentences (roles, readings and tallies all read the same tolls
and types), kept for that story only: explain() forgets them before each story, so memory stays flat and a
benchmark of repeated texts measures no reuse across stories."""
from __future__ import annotations

from functools import lru_cache

_CACHES: list = []


def per_story(function):
    cached = lru_cache(maxsize=4096)(function)
    _CACHES.append(cached)
    return cached


def forget() -> None:
    for cached in _CACHES:
        cached.cache_clear()
