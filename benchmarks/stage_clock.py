"""Clocks for a real pipeline run: wall time per stage, and peak memory of a process tree.

StageClock wraps named functions of the running code (module attribute -> stage) for the length of a
`with` block and records each call's start and end. A stage's time is the union of its calls'
intervals: stages that run in several threads at once are not counted twice, and a stage nested in
another (story dedup inside the load) can be subtracted from it. With `profile=` one stage's calls run
under cProfile and their statistics are merged.
"""
from __future__ import annotations

import cProfile
import functools
import importlib
import os
import pstats
import threading
import time
from contextlib import contextmanager
from typing import Iterator

import psutil


class StageClock:
    def __init__(self, targets: dict[str, str], profile: str | None = None):
        """targets: "module:attribute" -> stage name."""
        self.targets = targets
        self.profile_stage = profile
        self.intervals: dict[str, list[tuple[float, float]]] = {stage: [] for stage in targets.values()}
        self.stats: pstats.Stats | None = None
        self._lock = threading.Lock()

    @contextmanager
    def running(self) -> Iterator["StageClock"]:
        originals = []
        for target, stage in self.targets.items():
            module_name, attr = target.split(":")
            module = importlib.import_module(module_name)
            original = getattr(module, attr)
            originals.append((module, attr, original))
            setattr(module, attr, self._timed(original, stage))
        try:
            yield self
        finally:
            for module, attr, original in originals:
                setattr(module, attr, original)

    def _timed(self, fn, stage: str):
        profiled = stage == self.profile_stage

        @functools.wraps(fn)
        def timed(*args, **kwargs):
            prof = cProfile.Profile() if profiled else None
            start = time.perf_counter()
            if prof:
                prof.enable()
            try:
                return fn(*args, **kwargs)
            finally:
                if prof:
                    prof.disable()
                end = time.perf_counter()
                with self._lock:
                    self.intervals[stage].append((start, end))
                    if prof:
                        self.stats = pstats.Stats(prof) if self.stats is None else self.stats.add(prof) or self.stats
        return timed

    def seconds(self, stage: str) -> float:
        return union_length(self.intervals[stage])

    def calls(self, stage: str) -> int:
        return len(self.intervals[stage])


def union_length(intervals: list[tuple[float, float]]) -> float:
    total, end = 0.0, float("-inf")
    for a, b in sorted(intervals):
        if b <= end:
            continue
        total += b - max(a, end)
        end = b
    return total


class PeakMemory:
    """Peak resident memory of this process and its descendants (minus `exclude` pids), sampled."""

    def __init__(self, exclude: set[int] = frozenset(), every: float = 0.2):
        self.exclude, self.every = set(exclude), every
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = psutil.Process(os.getpid())
        while True:
            self.peak = max(self.peak, self.sample(me))
            if self._stop.wait(self.every):
                return

    def sample(self, me: psutil.Process) -> int:
        total = 0
        excluded = set(self.exclude)
        for pid in self.exclude:
            try:
                excluded.update(c.pid for c in psutil.Process(pid).children(recursive=True))
            except psutil.Error:
                pass
        for proc in [me] + me.children(recursive=True):
            if proc.pid in excluded:
                continue
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                pass
        return total
