"""Rows to the terminal (rich tables), to CSV and to JSON; the run summary as a table."""
from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from typing import Sequence, TextIO

from rich import box
from rich.console import Console
from rich.table import Table

FORMATS = ("table", "csv", "json")
PIPE_WIDTH = 200      # a table written to a file or a pipe: wide enough not to fold most rows


def console(stream: TextIO | None = None) -> Console:
    stream = stream or sys.stdout
    terminal = stream.isatty()
    return Console(file=stream, width=None if terminal else PIPE_WIDTH, soft_wrap=False,
                   highlight=False, emoji=False)


def emit(columns: Sequence[str], rows: Sequence[Sequence], fmt: str, *, stream: TextIO | None = None,
         title: str | None = None, caption: str | None = None, empty: str = "(no rows)") -> None:
    stream = stream or sys.stdout
    if fmt == "csv":
        write_csv(columns, rows, stream)
    elif fmt == "json":
        stream.write(to_json([dict(zip(columns, row)) for row in rows]) + "\n")
    elif fmt == "table":
        console(stream).print(table(columns, rows, title, caption) if rows else empty)
    else:
        raise ValueError(f"unknown format {fmt!r}")


def table(columns: Sequence[str], rows: Sequence[Sequence], title: str | None = None,
          caption: str | None = None) -> Table:
    out = Table(title=title, caption=caption, box=box.SIMPLE_HEAVY, title_justify="left",
                caption_justify="left", header_style="bold")
    numeric = [bool(rows) and all(isinstance(r[i], (int, float, Decimal)) or r[i] is None for r in rows)
               for i in range(len(columns))]
    for name, right in zip(columns, numeric):
        out.add_column(name, justify="right" if right else "left", overflow="fold")
    for row in rows:
        out.add_row(*(cell(v) for v in row))
    return out


def cell(value) -> str:
    """How one value reads in a table or a CSV cell: empty for null, lists space-separated."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(cell(v) for v in value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def write_csv(columns: Sequence[str], rows: Sequence[Sequence], stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([cell(v) for v in row] for row in rows)


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=_json_value)


def _json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (bytes, bytearray)):
        return value.hex()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    return str(value)


def print_summary(summary, stream: TextIO | None = None) -> None:
    """The run summary (flows.summary.RunSummary) as a two-column table."""
    out = Table(title="wirewatch run", box=box.SIMPLE_HEAVY, title_justify="left", show_header=False)
    out.add_column(style="bold")
    out.add_column()
    for label, value in summary.rows():
        out.add_row(label, value)
    console(stream).print(out)
