"""The reprocess flow: rebuild stories, incidents and events from the raw
archive with the current parser and extractor, idempotently."""
from __future__ import annotations

from datetime import date, datetime, timezone

from prefect import flow, get_run_logger, task

from flows.ingest import TASK, extract_all, light, parse_payload
from flows.progress import progress
from transforms.models import RawEntry, Story
from transforms.normalize import normalize_entry
from transforms.parse import NotAFeed
from warehouse.archive import FetchMeta, RawPayload, iter_raw
from warehouse.layout import Layout
from warehouse.reprocess import ReprocessSummary, fetched_urls, replace_stories, stored_article_texts


@task(name="reparse-archive", tags=["parse"], timeout_seconds=3600, **TASK)
def reparse(layout: Layout, since: date | None, until: date | None) -> list[Story]:
    """Stories from every archived payload in range; the first fetch of a story wins, as in ingest."""
    logger = get_run_logger()
    found: dict[str, tuple[Story, RawEntry]] = {}
    payloads, legacy_urls = 0, fetched_urls(layout)
    with progress("re-parsing the archive", None, "payloads", log=logger.info) as update:
        for payload in iter_raw(layout, since, until):
            payloads += 1
            meta = payload.meta()
            if not meta.url:   # archived before the metadata sidecar: the URL its fetches row names
                meta = FetchMeta(legacy_urls.get(str(payload.path), ""))
            for story, entry in _stories(payload, meta, logger):
                found.setdefault(story.story_id, (story, entry))
            update(payloads)
    logger.info("%d archived payloads, %d distinct stories", payloads, len(found))
    articles = stored_article_texts(layout, list(found))
    return [normalize_entry(entry, fetch_id=story.fetch_id, article_text=articles[sid]) if sid in articles
            else story for sid, (story, entry) in found.items()]


def _stories(payload: RawPayload, meta: FetchMeta, logger):
    try:
        parsed = parse_payload(payload.read(), payload.feed, meta)
    except NotAFeed as exc:
        logger.info("%s: not a feed (%s), skipped", payload.path, exc)
        return
    for entry in parsed.entries:
        yield normalize_entry(entry, fetch_id=payload.fetch_id), entry


@task(name="replace-warehouse", tags=["warehouse"], timeout_seconds=3600, **TASK)
def replace(layout: Layout, stories: list[Story], extractions: dict, now: datetime) -> ReprocessSummary:
    return replace_stories(layout, stories, extractions, now)


@flow(name="reprocess", log_prints=True)
def reprocess(data_dir: str = "data", since: str | None = None, until: str | None = None) -> ReprocessSummary:
    """Re-derive every story fetched between `since` and `until` (YYYY-MM-DD, inclusive) from the raw archive."""
    now = datetime.now(timezone.utc)
    layout = Layout.at(data_dir)
    stories = reparse(layout, _day(since), _day(until))
    with progress("re-extracting", len(stories), "stories", log=get_run_logger().info) as update:
        extractions = extract_all(stories, now, update)
    summary = replace(layout, light(stories), light(extractions), now)
    print(f"reprocessed {len(stories)} stories; warehouse now holds {summary.stories} stories, "
          f"{summary.incidents} incidents, {summary.events} events")
    return summary


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
