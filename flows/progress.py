"""A progress line on stderr for long work, shown only on a terminal."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, verb: str, unit: str, stream=None, every: float = 0.2):
        self.verb, self.unit, self.every = verb, unit, every
        self.stream = stream or sys.stderr
        self.active = self.stream.isatty()
        self.count, self.start, self.last = 0, time.monotonic(), 0.0

    def __enter__(self) -> "Progress":
        return self

    def update(self, count: int) -> None:
        self.count = count
        now = time.monotonic()
        if self.active and now - self.last >= self.every:
            self.last = now
            self.stream.write(f"\r{self.verb} {count} {self.unit} ({self._rate(now):.0f}/s)")
            self.stream.flush()

    def _rate(self, now: float) -> float:
        return self.count / max(now - self.start, 1e-9)

    def __exit__(self, *exc) -> None:
        if self.active:
            self.stream.write(f"\r{self.verb} {self.count} {self.unit} ({self._rate(time.monotonic()):.0f}/s)\n")
            self.stream.flush()
