"""The ingest flow: feeds -> fetch -> raw archive -> parse -> normalize ->
article pages -> extract -> one warehouse write.

Only `load_warehouse` writes the DuckDB file; the other tasks hand frozen
records along. Feeds are fetched in parallel threads, each isolated: one bad
feed becomes a `fetches` row with its reason, never a failed run. A fetch task
takes a batch of feeds (Prefect's bookkeeping costs about 0.15 s a task, more
than most feeds take), fetched by a few threads under the per-host limits.
"""
from __future__ import annotations

import contextvars
import logging
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Callable

from prefect import flow, get_run_logger, task, unmapped
from prefect.exceptions import MissingContextError
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.utilities.annotations import quote

from transforms.feedstate import due, next_state, skip_reason
from transforms.models import Extraction, FeedConfig, FeedRun, FeedState, FetchResult, RawEntry, Story
from transforms.normalize import normalize_entry
from transforms.parse import NotAFeed, ParsedFeed, parse_feed
from transforms.urls import without_credentials
from warehouse.archive import FetchMeta, archive_raw
from warehouse.db import connect
from warehouse.layout import Layout
from warehouse.load import LoadSummary, load_run
from warehouse.state import read_states, state_for

from flows.article import ArticleError, fetch_article_text
from flows.config import load_feeds
from flows.extract_pool import extract_many, pool_workers
from flows.http import FetchLimits, fetch_feed
from flows.limits import warehouse_writer
from flows.progress import progress, silent
from flows.summary import RunSummary, summarize, summary_markdown
from flows.task_defaults import TASK

ARTICLE_MIN_CHARS = 1500
EXTRACT_CHUNK = 500       # stories per extract task: the unit a Dask worker gets
POOLED_CHUNK = 50_000     # stories per extract task when its process pool uses every core
FEED_CHUNK = 25           # feeds per fetch task
FEED_THREADS = 8          # fetches at once within a fetch task


@dataclass(frozen=True)
class Fetched:
    run: FeedRun
    entries: dict[str, RawEntry]    # story_id -> entry, for article re-normalisation


def new_fetch_id(at: datetime) -> str:
    return f"{at.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"


@task(name="read-feed-state", tags=["warehouse"], timeout_seconds=900, **TASK)
def read_feed_state(layout: Layout) -> dict:
    if not layout.db.exists():
        return {}
    with connect(layout, write=False) as con:
        return read_states(con)


# still named "fetch-feed" (docs/operations.md, tag-based limits); each run now fetches a batch
@task(name="fetch-feed", tags=["fetch"], timeout_seconds=3600, **TASK)
def fetch_feeds(batch: list[tuple[FeedConfig, FeedState | None]], layout: Layout, now: datetime,
                limits: FetchLimits = FetchLimits()) -> list[Fetched]:
    return in_threads(lambda pair: fetch_and_parse(*pair, layout, now, limits), batch)


def fetch_and_parse(feed: FeedConfig, state: FeedState | None, layout: Layout, now: datetime,
                    limits: FetchLimits = FetchLimits()) -> Fetched:
    logger = _logger()
    if not due(state, now):
        reason = skip_reason(state)
        logger.info("%s: skipped, %s", feed.name, reason)
        return Fetched(_skipped(feed, state, now, reason), {})
    result = fetch_feed(feed, state, limits)
    fetch_id = new_fetch_id(result.started_at)
    # without user:password: the archive is no place for them, and story URLs drop them anyway
    meta = FetchMeta(without_credentials(result.final_url or result.url), result.content_type, feed.lang)
    raw_path = (str(archive_raw(layout, feed.name, fetch_id, result.started_at, result.body, meta))
                if result.body else None)
    stories, entries, bozo, result = _parse(feed, result, meta, fetch_id)
    logger.info("%s: %s%s, %d entries", feed.name, result.status,
                f" ({result.error})" if result.error else "", len(stories))
    run = FeedRun(feed=feed, fetch_id=fetch_id, status=result.status, started_at=result.started_at,
                  state=next_state(state, feed, result, now), http_status=result.http_status,
                  error=result.error, bozo=bozo, entries=len(stories), bytes=len(result.body or b""),
                  raw_path=raw_path, elapsed=result.elapsed, stories=tuple(stories))
    return Fetched(run, entries)


def parse_payload(body: bytes, feed: str, meta: FetchMeta) -> ParsedFeed:
    """The one way a payload is parsed, at ingest and at reprocess: same base URL, charset and hint."""
    return parse_feed(body, feed=feed, url=meta.url, content_type=meta.content_type, lang_hint=meta.lang)


def _parse(feed: FeedConfig, result: FetchResult, meta: FetchMeta, fetch_id: str):
    if result.status != "ok":
        return [], {}, None, result
    try:
        parsed = parse_payload(result.body, feed.name, meta)
        stories = [normalize_entry(entry, fetch_id=fetch_id) for entry in parsed.entries]
    except NotAFeed as exc:
        return [], {}, None, replace(result, status="error", error=str(exc))
    except Exception as exc:  # a parser bug on one hostile payload must not fail every feed's run
        _logger().exception("%s: parsing failed", feed.name)
        return [], {}, None, replace(result, status="error", error=f"parsing failed: {type(exc).__name__}")
    entries = {story.story_id: entry for story, entry in zip(stories, parsed.entries)}
    return stories, entries, parsed.bozo, result


def _skipped(feed: FeedConfig, state: FeedState, now: datetime, reason: str) -> FeedRun:
    return FeedRun(feed=feed, fetch_id=new_fetch_id(now), status="skipped", started_at=now,
                   state=state, error=reason)


@task(name="known-stories", tags=["warehouse"], timeout_seconds=900, **TASK)
def known_story_ids(layout: Layout, story_ids: list[str]) -> set[str]:
    if not story_ids or not layout.db.exists():
        return set()
    with connect(layout, write=False) as con:
        rows = con.execute("SELECT story_id FROM stories WHERE story_id IN (SELECT unnest(?::VARCHAR[]))",
                           [story_ids]).fetchall()
    return {r[0] for r in rows}


@task(name="fetch-articles", tags=["fetch"], timeout_seconds=3600, **TASK)
def fetch_articles_for(batch: list[Fetched], known: set[str], limits: FetchLimits = FetchLimits()) -> list[FeedRun]:
    return in_threads(lambda fetched: fetch_articles(fetched, known, limits), batch)


def fetch_articles(fetched: Fetched, known: set[str], limits: FetchLimits = FetchLimits()) -> FeedRun:
    """Replace short summaries of new stories by the linked page's main text; keep the summary on failure."""
    run, logger = fetched.run, _logger()
    stories = []
    for story in run.stories:
        if story.story_id not in known and _wants_article(story, run.feed):
            try:
                text = fetch_article_text(story.url, limits)
                story = normalize_entry(fetched.entries[story.story_id], fetch_id=run.fetch_id, article_text=text)
            except ArticleError as exc:
                logger.warning("%s: article %s kept as summary: %s", run.feed.name, story.url, exc)
        stories.append(story)
    return replace(run, stories=tuple(stories))


def _wants_article(story: Story, feed: FeedConfig) -> bool:
    short = "summary_only" in story.flags or len(story.text) < ARTICLE_MIN_CHARS
    return bool(story.url) and (short if feed.fetch_article else "summary_only" in story.flags)


@task(name="extract", tags=["extract"], timeout_seconds=1800, **TASK)
def extract_stories(stories: list[Story], fetched_at: datetime) -> dict[str, Extraction]:
    """Relative dates in an undated story resolve against the fetch time; a large batch uses a process pool."""
    return extract_many(stories, fetched_at)


def extract_all(stories: list[Story], now: datetime,
                update: Callable[[int], None] = lambda done: None) -> dict[str, Extraction]:
    """Prefect's thread runner shares one core between tasks, so there the batch goes to one task at a
    time (500-story tasks started together each built the extractor's place index again, five times
    for 2,500 stories); a batch large enough for the process pool goes whole, so the pool uses every
    core. Other runners (Dask) spread EXTRACT_CHUNK-story tasks. `update` gets the running count."""
    extractions = {}
    if _threads_runner():
        size = POOLED_CHUNK if pool_workers(len(stories)) > 1 else EXTRACT_CHUNK
        for part in chunks(stories, size):
            extractions.update(extract_stories(light(part), now))
            update(len(extractions))
        return extractions
    for part in extract_stories.map([light(p) for p in chunks(stories, EXTRACT_CHUNK)], unmapped(now)):
        extractions.update(part.result())
        update(len(extractions))
    return extractions


def _threads_runner() -> bool:
    from prefect.context import FlowRunContext
    from prefect.task_runners import ThreadPoolTaskRunner
    ctx = FlowRunContext.get()
    return ctx is None or isinstance(ctx.task_runner, ThreadPoolTaskRunner)


@task(name="load-warehouse", tags=["warehouse"], timeout_seconds=1800, **TASK)
def load_warehouse(layout: Layout, run_id: str, runs: list[FeedRun],
                   extractions: dict[str, Extraction], now: datetime) -> LoadSummary:
    with warehouse_writer():    # across workers; the file lock inside covers one machine
        return load_run(layout, run_id, runs, extractions, now)


@flow(name="ingest", log_prints=True)
def ingest(feeds_file: str = "feeds.yaml", data_dir: str = "data",
           limits: FetchLimits = FetchLimits()) -> RunSummary:
    """Poll every configured feed once and load what is new into the warehouse.

    `limits` bounds every feed and article fetch (timeouts, sizes, retries, per-host politeness)."""
    now = datetime.now(timezone.utc)
    layout = Layout.at(data_dir)
    feeds = load_feeds(feeds_file)
    stored = read_feed_state(layout)
    states = [state_for(f, stored) for f in feeds]
    batches = chunks(list(zip(feeds, states)), FEED_CHUNK)
    fetched = [f for part in fetch_feeds.map(batches, unmapped(layout), unmapped(now), unmapped(limits))
               for f in part.result()]
    all_ids = [s.story_id for f in fetched for s in f.run.stories]
    known = known_story_ids(layout, light(all_ids))
    runs = [r for part in fetch_articles_for.map([light(b) for b in chunks(fetched, FEED_CHUNK)],
                                                 unmapped(light(known)), unmapped(limits))
            for r in part.result()]
    new = list({s.story_id: s for r in runs for s in r.stories if s.story_id not in known}.values())
    with progress("extracting", len(new), "stories", log=_logger().info) if len(new) > EXTRACT_CHUNK \
            else silent() as update:
        extractions = extract_all(new, now, update)
    summary = summarize(runs, load_warehouse(layout, _run_id(), light(runs), light(extractions), now))
    _publish(summary)
    return summary


def in_threads(fn, items: list) -> list:
    """fn over items, FEED_THREADS at a time, in order; each thread runs in a copy of the caller's
    context, so Prefect's run logger still works there."""
    with ThreadPoolExecutor(max(1, min(FEED_THREADS, len(items)))) as pool:
        futures = [pool.submit(contextvars.copy_context().run, fn, item) for item in items]
        return [f.result() for f in futures]


def _logger():
    """The run's logger, or a plain one outside a Prefect run (a stage called directly, as tests do)."""
    try:
        return get_run_logger()
    except MissingContextError:
        return logging.getLogger("wirewatch.ingest")


def chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def light(value):
    """A task input Prefect hands over without visiting every record inside (looking for futures to
    wait on cost 1.4 s per 10k stories passed to a task); left plain under the Dask runner, which
    does not unwrap quoted inputs of mapped tasks."""
    return quote(value) if _threads_runner() else value


def _run_id() -> str:
    from prefect.runtime import flow_run
    return str(flow_run.id or uuid.uuid4())


def _publish(summary: RunSummary) -> None:
    create_markdown_artifact(summary_markdown(summary), key="ingest-summary",
                             description="wirewatch ingest run summary")
    if summary.failed:
        create_table_artifact([{"feed": f, "reason": r} for f, r in summary.failed], key="failing-feeds",
                              description="feeds that failed in this run")
    print(summary.text())
