"""Prefect's thread-timeout warning is heard once per process, not once per task run."""
import inspect
import logging

import prefect.task_engine

import flows.ingest  # noqa: F401  (installs the filter, as a worker importing the flow does)
from flows.task_defaults import THREAD_TIMEOUT_WARNING, OnceFilter


class Records(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def test_the_filter_passes_the_first_warning_and_drops_repeats_only():
    logger = logging.getLogger("wirewatch.test.once")
    logger.propagate = False
    records = Records()
    logger.addHandler(records)
    logger.addFilter(OnceFilter(THREAD_TIMEOUT_WARNING))
    for name in ("fetch-feed", "fetch-articles", "extract"):
        logger.warning(THREAD_TIMEOUT_WARNING + ". More.", 3600)
        logger.warning("%s: ok", name)
    assert records.messages == [
        "Timeout of 3600 seconds configured for this task, but the task is running in a worker thread. More.",
        "fetch-feed: ok", "fetch-articles: ok", "extract: ok"]


def test_the_filter_sits_on_prefects_task_run_logger_once():
    filters = [f for f in logging.getLogger("prefect.task_runs").filters if isinstance(f, OnceFilter)]
    assert len(filters) == 1


def test_prefect_still_words_the_warning_as_the_filter_expects():
    source = inspect.getsource(prefect.task_engine)
    assert '"Timeout of %s seconds configured for this task, but the task is "\n' in source
    assert '"running in a worker thread.' in source
