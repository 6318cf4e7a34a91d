"""What a run did, for the terminal, the exit status and Prefect artifacts."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from transforms.feedstate import skip_reason
from transforms.models import FeedRun
from warehouse.load import LoadSummary


@dataclass(frozen=True)
class RunSummary:
    feeds_ok: tuple[str, ...]
    failed: tuple[tuple[str, str], ...]       # (feed, reason) of fetch and parse errors
    load: LoadSummary
    skipped: tuple[tuple[str, str], ...] = ()   # (feed, reason): in back-off or not due yet
    not_modified: tuple[str, ...] = ()          # feeds_ok that answered 304
    backoff: tuple[tuple[str, str], ...] = ()   # (feed, "backing off until ... after N failures") of failed

    @property
    def exit_code(self) -> int:
        """Non-zero only when feeds failed and none loaded (a feed not due is no failure of the run)."""
        return 1 if self.failed and not self.feeds_ok else 0

    def rows(self) -> list[tuple[str, str]]:
        """(label, value) lines: the terminal's table and the log's text say the same."""
        l = self.load
        backoff = dict(self.backoff)
        return [("feeds", f"{len(self.feeds_ok)} ok ({len(self.not_modified)} not modified), "
                          f"{len(self.failed)} failed, {len(self.skipped)} skipped"),
                *((f"  failed {feed}", f"{reason}; {backoff[feed]}" if feed in backoff else reason)
                  for feed, reason in self.failed),
                *((f"  skipped {feed}", reason) for feed, reason in self.skipped),
                ("stories", f"{l.new_stories} new, {l.duplicates} duplicate, {l.already_stored} already stored"),
                ("incidents", f"{l.incidents} (+{l.aggregates} aggregate tallies)"),
                ("events", f"{l.events_new} new, {l.events_updated} updated")]

    def text(self) -> str:
        return "\n".join(f"{label}: {value}" for label, value in self.rows())


def summarize(runs: Sequence[FeedRun], load: LoadSummary) -> RunSummary:
    ok = tuple(r.feed.name for r in runs if r.status in ("ok", "not_modified"))
    failed = tuple((r.feed.name, r.error or r.status) for r in runs if r.status == "error")
    skipped = tuple((r.feed.name, r.error or r.status) for r in runs if r.status == "skipped")
    not_modified = tuple(r.feed.name for r in runs if r.status == "not_modified")
    backoff = tuple((r.feed.name, skip_reason(r.state)) for r in runs
                    if r.status == "error" and r.state.next_fetch_after)
    return RunSummary(feeds_ok=ok, failed=failed, load=load, skipped=skipped, not_modified=not_modified,
                      backoff=backoff)


def summary_markdown(s: RunSummary) -> str:
    l = s.load
    rows = "\n".join(f"| {feed} | {reason} |" for feed, reason in s.failed + s.skipped) or "| – | – |"
    return (f"# wirewatch ingest\n\n"
            f"- feeds ok: **{len(s.feeds_ok)}**, failed: **{len(s.failed)}**, skipped: {len(s.skipped)}\n"
            f"- new stories: **{l.new_stories}**, duplicates: **{l.duplicates}**, "
            f"already stored: {l.already_stored}\n"
            f"- incidents: **{l.incidents}** (+{l.aggregates} aggregates)\n"
            f"- events: **{l.events_new}** new, {l.events_updated} updated\n\n"
            f"## Failing and skipped feeds\n\n| feed | reason |\n|---|---|\n{rows}\n")
