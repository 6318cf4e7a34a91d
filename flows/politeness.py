"""Per-host politeness: at most N requests at once to a host, and a minimum gap
between the starts of two requests to it. Safe to share between threads."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urlsplit


class HostLimiter:
    def __init__(self, per_host: int = 2, min_interval: float = 0.5):
        if per_host < 1 or min_interval < 0:
            raise ValueError("per_host must be >= 1 and min_interval >= 0")
        self.per_host, self.min_interval = per_host, min_interval
        self._lock = threading.Lock()
        self._slots: dict[str, threading.BoundedSemaphore] = {}
        self._last_start: dict[str, float] = {}

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        """Hold one of the host's slots for the duration of one request."""
        host = host_key(url)
        with self._lock:
            sem = self._slots.setdefault(host, threading.BoundedSemaphore(self.per_host))
        with sem:
            self._space_out(host)
            yield

    def _space_out(self, host: str) -> None:
        # the start is taken under the lock once the gap has really passed, so a thread
        # that wakes late never lets the next one in early
        while True:
            with self._lock:
                now = time.monotonic()
                ready = self._last_start.get(host, float("-inf")) + self.min_interval
                if now >= ready:
                    self._last_start[host] = now
                    return
            time.sleep(ready - now)


def host_key(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return f"{host}:{parts.port}" if parts.port else host


_shared: dict[tuple[int, float], HostLimiter] = {}
_shared_lock = threading.Lock()


def shared_limiter(per_host: int = 2, min_interval: float = 0.5) -> HostLimiter:
    """One limiter per setting for the whole process, so every task of a run (and of
    concurrent runs in this process) waits in the same per-host queue."""
    with _shared_lock:
        return _shared.setdefault((per_host, min_interval), HostLimiter(per_host, min_interval))

