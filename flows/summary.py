"""What a run did, for the terminal, the exit status and Prefect artifacts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from transforms.models import FeedRun
from warehouse.load import LoadSummary


@dataclass(frozen=True)
class RunSummary:
    feeds_ok: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]       # (feed, reason), errors and skips
    load: LoadSummary

    @property
    def exit_code(self) -> int:
        """Non-zero only when every feed failed (a skipped feed in back-off is not a failure of the run)."""
        return 1 if self.failed and not self.feeds_ok and not self._only_skips() else 0

    def _only_skips(self) -> bool:
        return all(reason.startswith("backing off") for _, reason in self.failed)

    def text(self) -> str:
        l = self.load
        lines = [f"feeds: {len(self.feeds_ok)} ok, {len(self.failed)} failed",
                 *(f"  failed {feed}: {reason}" for feed, reason in self.failed),
                 f"stories: {l.new_stories} new, {l.duplicates} duplicate, {l.already_stored} already stored",
                 f"incidents: {l.incidents} (+{l.aggregates} aggregate tallies)",
                 f"events: {l.events_new} new, {l.events_updated} updated"]
        return "\n".join(lines)


def summarize(runs: Sequence[FeedRun], load: LoadSummary) -> RunSummary:
    ok = tuple(r.feed.name for r in runs if r.status in ("ok", "not_modified"))
    failed = tuple((r.feed.name, r.error or r.status) for r in runs if r.status not in ("ok", "not_modified"))
    return RunSummary(feeds_ok=ok, failed=failed, load=load)


def summary_markdown(s: RunSummary) -> str:
    l = s.load
    rows = "\n".join(f"| {feed} | {reason} |" for feed, reason in s.failed) or "| – | – |"
    return (f"# wirewatch ingest\n\n"
            f"- feeds ok: **{len(s.feeds_ok)}**, failed: **{len(s.failed)}**\n"
            f"- new stories: **{l.new_stories}**, duplicates: **{l.duplicates}**, "
            f"already stored: {l.already_stored}\n"
            f"- incidents: **{l.incidents}** (+{l.aggregates} aggregates)\n"
            f"- events: **{l.events_new}** new, {l.events_updated} updated\n\n"
            f"## Failing feeds\n\n| feed | reason |\n|---|---|\n{rows}\n")
