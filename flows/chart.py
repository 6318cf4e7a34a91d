"""The report's chart: attacks per period stacked by event type, killed per period below."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Sequence

from transforms.models import EVENT_TYPES

SIZE = (10, 6.5)       # inches, at DPI: a 1000 x 650 PNG
DPI = 100
BAR_DAYS = {"day": 0.8, "week": 5.5, "month": 24}
# one colour per event type, the same in every chart (matplotlib's colour-blind-safe tab10)
COLOURS = dict(zip(EVENT_TYPES, ("#1f77b4", "#ff7f0e", "#d62728", "#9467bd", "#8c564b", "#2ca02c", "#7f7f7f")))
MAX_TICKS = 16        # periods from the first to the last bar that still get one labelled tick each
PERIOD_DAYS = {"day": 1, "week": 7, "month": 30.4}


def attacks_chart(rows: Sequence[tuple], by: str, path: Path, subtitle: str = "") -> Path:
    """rows as the attacks_* views give them: (period, country, event_type, attacks, killed_min, injured_min)."""
    from matplotlib.figure import Figure    # no pyplot: no GUI backend, no global figure state

    attacks, killed = _per_period(rows)
    periods = sorted(killed)
    fig = Figure(figsize=SIZE, dpi=DPI, layout="constrained")
    top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [2, 1]})
    title = f"Attacks per {by} by event type (distinct events)"
    fig.suptitle(f"{title}\n{subtitle}" if subtitle else title, fontsize=12)
    if not periods:
        top.text(0.5, 0.5, "no attacks match", ha="center", va="center", transform=top.transAxes)
    width = BAR_DAYS[by]
    base = [0] * len(periods)
    for event_type in [t for t in EVENT_TYPES if t in attacks] + sorted(set(attacks) - set(EVENT_TYPES), key=str):
        heights = [attacks[event_type].get(p, 0) for p in periods]
        top.bar(periods, heights, width, bottom=base, label=str(event_type), color=COLOURS.get(event_type, "#bbbbbb"))
        base = [b + h for b, h in zip(base, heights)]
    top.set_ylabel("attacks")
    if periods:
        top.legend(title="event type", fontsize=9, title_fontsize=9, loc="upper left", bbox_to_anchor=(1.01, 1),
                   frameon=False)
    bottom.bar(periods, [killed[p] for p in periods], width, color="#444444")
    bottom.set_ylabel("killed (lowest figure)")
    for ax in (top, bottom):
        ax.yaxis.get_major_locator().set_params(integer=True)
        ax.grid(axis="y", alpha=0.3)
        ax.spines[["top", "right"]].set_visible(False)
    _date_axis(bottom, periods, by)
    fig.savefig(path, format="png")
    return path


def _date_axis(ax, periods: list[date], by: str) -> None:
    """A tick under each bar when they are few enough to read, else matplotlib's concise dates."""
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    if periods and (periods[-1] - periods[0]).days / PERIOD_DAYS[by] < MAX_TICKS:
        ax.set_xticks(periods, [_label(p, by, i == 0 or p.year != periods[i - 1].year)
                                for i, p in enumerate(periods)])
    else:
        locator = AutoDateLocator()
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
    ax.set_xlabel({"day": "day", "week": "week starting (Monday)", "month": "month"}[by])


def _label(day: date, by: str, with_year: bool) -> str:
    if by == "month":
        return day.strftime("%b %Y") if with_year else day.strftime("%b")
    return day.strftime("%d %b %Y") if with_year else day.strftime("%d %b")


def _per_period(rows: Sequence[tuple]) -> tuple[dict, dict]:
    attacks: dict = defaultdict(lambda: defaultdict(int))
    killed: dict[date, int] = defaultdict(int)
    for period, _country, event_type, n, killed_min, _injured in rows:
        attacks[event_type][period] += n
        killed[period] += killed_min or 0
    return attacks, killed
