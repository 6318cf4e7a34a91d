"""Progress of long work: a rich progress bar on a terminal, a plain line now and then otherwise.

`progress(...)` yields `update(done)`, called with the running count. Inside a Prefect run the
flow's log lines keep appearing above the bar: Prefect's console handler prints through its own
rich Console, which is pointed at the bar's console while the bar is up (otherwise the two
consoles overwrite each other's lines).
"""
from __future__ import annotations

import logging
import sys
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

from rich.console import Console
from rich.progress import (BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)
from rich.text import Text


class RateColumn(ProgressColumn):
    def __init__(self, unit: str):
        super().__init__()
        self.unit = unit

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f} {self.unit}/s" if speed else "")


@contextmanager
def progress(description: str, total: int | None, unit: str, *, stream: TextIO | None = None,
             log: Callable[[str], None] | None = None, every: float = 10.0) -> Iterator[Callable[[int], None]]:
    """A bar on `stream` (stderr) when it is a terminal; otherwise `log` (default: a line on `stream`)
    gets '<description>: N/M unit' at most every `every` seconds, and once at the end when any was sent."""
    stream = stream or sys.stderr
    if stream.isatty():
        with _bar(description, total, unit, stream) as update:
            yield update
    else:
        lines = _Lines(description, total, unit, log or (lambda line: print(line, file=stream)), every)
        yield lines.update
        lines.close()


@contextmanager
def _bar(description: str, total: int | None, unit: str, stream: TextIO) -> Iterator[Callable[[int], None]]:
    columns = [TextColumn("{task.description}"), BarColumn(),
               MofNCompleteColumn() if total else TextColumn(f"{{task.completed:,.0f}} {unit}"),
               RateColumn(unit), TimeElapsedColumn()] + ([TimeRemainingColumn()] if total else [])
    with Progress(*columns, console=Console(file=stream)) as bar, _prefect_logs_to(bar.console):
        task = bar.add_task(description, total=total)
        yield lambda done: bar.update(task, completed=done)


@contextmanager
def silent() -> Iterator[Callable[[int], None]]:
    """No progress at all (work too short to report)."""
    yield lambda done: None


class _Lines:
    def __init__(self, description: str, total: int | None, unit: str, log: Callable[[str], None], every: float):
        self.description, self.total, self.unit, self.log, self.every = description, total, unit, log, every
        self.done, self.start = 0, time.monotonic()
        self.last = self.start
        self.sent = False

    def update(self, done: int) -> None:
        self.done = done
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            self._send(now)

    def close(self) -> None:
        if self.sent:
            self._send(time.monotonic())

    def _send(self, now: float) -> None:
        self.sent = True
        of = f"/{self.total}" if self.total else ""
        rate = self.done / max(now - self.start, 1e-9)
        self.log(f"{self.description}: {self.done}{of} {self.unit} ({rate:,.0f}/s)")


@contextmanager
def _prefect_logs_to(console: Console) -> Iterator[None]:
    handlers = [h for h in _all_handlers() if isinstance(getattr(h, "console", None), Console)]
    saved = [h.console for h in handlers]
    for handler in handlers:
        handler.console = console
    try:
        yield
    finally:
        for handler, original in zip(handlers, saved):
            handler.console = original


def _all_handlers() -> list[logging.Handler]:
    loggers = [logging.getLogger()] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    return list({id(h): h for lg in loggers for h in getattr(lg, "handlers", ())}.values())
