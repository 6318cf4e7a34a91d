"""What every wirewatch task shares.

Payloads are large and runs idempotent, so no task persists or caches its
result. Every task has a timeout (docs/operations.md); Prefect runs sync
tasks submitted to its thread runner in worker threads, where it warns on
every run that a timeout cannot interrupt a blocking call. The HTTP layer's
own timeouts are what bound a fetch, so that warning says nothing new after
the first time: it is logged once per process.
"""
from __future__ import annotations

import logging

from prefect.cache_policies import NO_CACHE

TASK = {"persist_result": False, "cache_policy": NO_CACHE}

THREAD_TIMEOUT_WARNING = "Timeout of %s seconds configured for this task, but the task is running in a worker thread"


class OnceFilter(logging.Filter):
    """Lets the first record whose message template starts with `prefix` through, drops the repeats."""

    def __init__(self, prefix: str):
        super().__init__()
        self.prefix = prefix
        self.seen = False

    def filter(self, record: logging.LogRecord) -> bool:
        if not str(record.msg).startswith(self.prefix):
            return True
        first, self.seen = not self.seen, True
        return first


def hear_thread_timeout_warning_once(logger_name: str = "prefect.task_runs") -> None:
    logger = logging.getLogger(logger_name)
    if not any(isinstance(f, OnceFilter) and f.prefix == THREAD_TIMEOUT_WARNING for f in logger.filters):
        logger.addFilter(OnceFilter(THREAD_TIMEOUT_WARNING))


hear_thread_timeout_warning_once()
