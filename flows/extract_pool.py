"""Extraction over a batch of stories: in this process for a small batch, in a process pool for a
large one.

Extraction is pure Python (regexes, lexicon lookups), so threads share one core. A batch of at
least POOL_MIN stories goes to a pool of worker processes, one per usable core. Workers are
spawned, not forked: the flow process runs threads and an event loop that a fork would copy in
mid-flight. Starting the workers and loading the extractor's lexicons and gazetteers in each cost
about 11 s on the benchmark machine (2 shared cores), where the pool then ran about 1.4x one
process: 8,000 stories came out at 0.67x, and the break-even is near 13,000 stories, so POOL_MIN
sits above it.

WIREWATCH_EXTRACT_WORKERS=N sets the number of processes for a large batch (1: always in this process).
"""
from __future__ import annotations

import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from itertools import repeat
from typing import Mapping, Sequence

from transforms.extract import extract
from transforms.models import Extraction, Story

from flows.config import ConfigError

POOL_MIN = 20_000
PART = 250      # stories per pool job: small enough to balance the workers, large enough that pickling is noise


class WorkersConfigError(ConfigError):
    """WIREWATCH_EXTRACT_WORKERS is not a positive number."""


def extract_many(stories: Sequence[Story], fetched_at: datetime, workers: int | None = None,
                 part: int = PART) -> dict[str, Extraction]:
    """story_id -> Extraction; relative dates in an undated story resolve against the fetch time."""
    workers = pool_workers(len(stories)) if workers is None else workers
    if workers < 2 or len(stories) < 2:
        return extract_here(stories, fetched_at)
    out: dict[str, Extraction] = {}
    with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn")) as pool:
        for part in pool.map(extract_here, _parts(stories, part), repeat(fetched_at)):
            out.update(part)
    return out


def extract_here(stories: Sequence[Story], fetched_at: datetime) -> dict[str, Extraction]:
    return {s.story_id: extract(s.title, s.text, s.published_at or fetched_at, s.lang) for s in stories}


def pool_workers(n_stories: int, env: Mapping[str, str] | None = None) -> int:
    """How many processes a batch of n_stories gets: 1 below POOL_MIN, inside a worker process
    (a Dask worker: its cluster already spreads the work) or on one core."""
    configured = configured_workers(os.environ if env is None else env)
    if n_stories < POOL_MIN or mp.parent_process() is not None:
        return 1
    if configured is not None:
        return configured
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def configured_workers(env: Mapping[str, str]) -> int | None:
    raw = (env.get("WIREWATCH_EXTRACT_WORKERS") or "").strip()
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise WorkersConfigError(f"WIREWATCH_EXTRACT_WORKERS={raw!r}: expected a number of processes >= 1")
    return int(raw)


def _parts(items: Sequence, size: int) -> list:
    return [items[i:i + size] for i in range(0, len(items), size)]
