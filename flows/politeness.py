"""Per-host politeness: at most N requests at once to a host, and a minimum gap between them."""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from urllib.parse import urlsplit


class HostLimiter:
    def __init__(self, per_host: int = 2, min_interval: float = 0.5):
        self.per_host, self.min_interval = per_host, min_interval
        self._lock = threading.Lock()
        self._slots: dict[str, threading.Semaphore] = {}
        self._last: dict[str, float] = {}

    @contextmanager
    def slot(self, url: str):
        host = urlsplit(url).netloc.lower()
        with self._lock:
            sem = self._slots.setdefault(host, threading.Semaphore(self.per_host))
        with sem:
            self._space_out(host)
            yield

    def _space_out(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._last.get(host, 0.0) + self.min_interval)
            self._last[host] = start
        if start > now:
            time.sleep(start - now)


default_limiter = HostLimiter()
