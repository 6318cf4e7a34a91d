"""Attacks over time from the warehouse views, as rows and as a text table."""
from __future__ import annotations

from warehouse.db import connect
from warehouse.layout import Layout
from warehouse.queries import attacks


def attacks_table(layout: Layout, by: str) -> tuple[list[str], list[tuple]]:
    with connect(layout, write=False) as con:
        return attacks(con, by)


def format_table(table: tuple[list[str], list[tuple]]) -> str:
    header, rows = table
    if not rows:
        return "(no attacks in the warehouse yet)"
    cells = [header] + [["" if v is None else str(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
