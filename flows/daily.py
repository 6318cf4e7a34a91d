"""The daily report flow: data-quality checks, attacks per week as a table and
a chart, published as Prefect artifacts; the run fails when a check fails."""
from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from warehouse.db import connect
from warehouse.layout import Layout
from warehouse.quality import CheckResult, QualityParams, attacks_per_week, run_checks

from flows.task_defaults import TASK

SAMPLE_ROWS = 5     # offending rows shown per failing check


class QualityFailed(Exception):
    """One or more data-quality checks found offending rows."""


class NoWarehouse(Exception):
    """The data directory has no warehouse to report on."""


@dataclass(frozen=True)
class DailyReport:
    checks: tuple[CheckResult, ...]
    weeks: tuple[tuple, ...]         # (week, attacks, killed_min, injured_min)
    chart: Path

    @property
    def failing(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if not c.passed)


@task(name="quality-checks", tags=["quality", "warehouse"], timeout_seconds=600, **TASK)
def quality_checks(layout: Layout, now: datetime) -> list[CheckResult]:
    with connect(layout, write=False) as con:
        results = run_checks(con, QualityParams(now=now))
    logger = get_run_logger()
    for r in results:
        logger.log(20 if r.passed else 40, "check %s: %s", r.name, "ok" if r.passed else f"{len(r.rows)} rows")
    return results


@task(name="attacks-per-week", tags=["report", "warehouse"], timeout_seconds=600, **TASK)
def weekly_attacks(layout: Layout) -> list[tuple]:
    with connect(layout, write=False) as con:
        return attacks_per_week(con)


@task(name="attacks-chart", tags=["report"], timeout_seconds=300, **TASK)
def draw_chart(weeks: list[tuple], path: Path) -> Path:
    import matplotlib
    matplotlib.use("Agg")
    from matplotlib import pyplot as plt
    fig, ax = plt.subplots(figsize=(8, 3.5), dpi=100)
    try:
        if weeks:
            ax.bar([str(w[0]) for w in weeks], [w[1] for w in weeks], color="#b03a2e")
            ax.tick_params(axis="x", labelrotation=45, labelsize=8)
        else:
            ax.text(0.5, 0.5, "no attacks in the warehouse yet", ha="center", va="center", transform=ax.transAxes)
        ax.set_title("Attacks per week (distinct events)")
        ax.set_ylabel("attacks")
        fig.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, format="png")
    finally:
        plt.close(fig)
    return path


@flow(name="report-daily", log_prints=True)
def report_daily(data_dir: str = "data") -> DailyReport:
    """Run the data-quality checks and publish attacks per week; fail when a check fails."""
    layout = Layout.at(data_dir)
    if not layout.db.exists():
        raise NoWarehouse(f"{layout.db}: no warehouse yet; run the ingest flow first")
    now = datetime.now(timezone.utc)
    checks = quality_checks(layout, now)
    weeks = weekly_attacks(layout)
    chart = draw_chart(weeks, layout.root / "reports" / f"attacks-weekly-{now:%Y-%m-%d}.png")
    report = DailyReport(tuple(checks), tuple(weeks), chart)
    publish(report)
    if report.failing:
        raise QualityFailed("data-quality checks failed: " + ", ".join(
            f"{c.name} ({len(c.rows)} rows)" for c in report.failing))
    print(f"all {len(report.checks)} checks passed; {sum(w[1] for w in weeks)} attacks over {len(weeks)} weeks")
    return report


def publish(report: DailyReport) -> None:
    create_table_artifact([{"week": str(w), "attacks": a, "killed_min": k, "injured_min": i}
                           for w, a, k, i in report.weeks],
                          key="attacks-per-week", description="attacks (distinct events) per week")
    create_markdown_artifact(chart_markdown(report.chart), key="attacks-chart",
                             description="attacks per week, chart")
    create_markdown_artifact(checks_markdown(report.checks), key="data-quality",
                             description="wirewatch data-quality checks")


def chart_markdown(png: Path) -> str:
    """The PNG inline as a data: URI (the UI cannot read the worker's disk), and its path."""
    data = base64.b64encode(png.read_bytes()).decode("ascii")
    return f"# Attacks per week\n\n![attacks per week](data:image/png;base64,{data})\n\nFile: `{png}`\n"


def checks_markdown(checks: tuple[CheckResult, ...]) -> str:
    lines = [f"# Data quality, {date.today().isoformat()}", "", "| check | status | rows |", "|---|---|---|"]
    lines += [f"| {c.name} | {'ok' if c.passed else '**FAILED**'} | {len(c.rows)} |" for c in checks]
    for c in checks:
        if not c.passed:
            lines += ["", f"## {c.name}", "", c.description, "",
                      "| " + " | ".join(c.columns) + " |", "|" + "---|" * len(c.columns)]
            lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in c.rows[:SAMPLE_ROWS]]
            if len(c.rows) > SAMPLE_ROWS:
                lines.append(f"\n… and {len(c.rows) - SAMPLE_ROWS} more")
    return "\n".join(lines) + "\n"


def _cell(value) -> str:
    return "" if value is None else str(value).replace("|", "\\|").replace("\n", " ")
