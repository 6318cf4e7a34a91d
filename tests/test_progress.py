"""Progress: a rich bar on a terminal (with Prefect's console log handler routed above it), plain
lines otherwise, nothing for short work."""
from __future__ import annotations

import io
import logging

from rich.console import Console

from flows.progress import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_when_not_a_terminal():
    lines = []
    with progress("extracting", 3, "stories", stream=io.StringIO(), log=lines.append, every=0) as update:
        for done in (1, 2, 3):
            update(done)
    assert [line.split(" (")[0] for line in lines] == ["extracting: 1/3 stories", "extracting: 2/3 stories",
                                                       "extracting: 3/3 stories", "extracting: 3/3 stories"]


def test_short_work_says_nothing_off_a_terminal():
    stream = io.StringIO()
    with progress("extracting", None, "stories", stream=stream) as update:
        update(5)
    assert stream.getvalue() == ""


def test_a_bar_on_a_terminal_and_prefect_logs_go_above_it():
    stream, logger = Terminal(), logging.getLogger("test-progress")
    handler = logging.Handler()
    handler.console = original = Console(file=io.StringIO())     # what Prefect's console handler holds
    logger.addHandler(handler)
    try:
        with progress("re-extracting", 4, "stories", stream=stream) as update:
            assert handler.console is not original and handler.console.file is stream
            update(4)
        assert handler.console is original
    finally:
        logger.removeHandler(handler)
    assert "re-extracting" in stream.getvalue() and "4/4" in stream.getvalue()
