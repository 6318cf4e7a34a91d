"""Flatten frozen records into warehouse rows (column names = schema.sql)."""
from __future__ import annotations

from datetime import datetime

from transforms.models import Extraction, FeedRun, Incident, Range, Story
from transforms.urls import without_credentials


def story_row(story: Story, dup_reason: str | None, extraction: Extraction | None, now: datetime) -> dict:
    return {
        "story_id": story.story_id, "feed": story.feed, "guid": story.guid, "url": story.url,
        "title": story.title, "text": story.text, "lang": story.lang,
        "published_at": story.published_at, "content_hash": story.content_hash,
        "dup_of": story.dup_of, "cluster_id": story.cluster_id, "dup_reason": dup_reason,
        "flags": list(story.flags), "fetch_id": story.fetch_id,
        "attack": extraction.attack if extraction else None,
        "extractor_version": extraction.extractor_version if extraction else None,
        "ingested_at": now,
    }


def incident_rows(story: Story, extraction: Extraction | None) -> list[dict]:
    if extraction is None:
        return []
    return [_incident_row(story.story_id, idx, inc, extraction.extractor_version)
            for idx, inc in enumerate(extraction.incidents)]


def _incident_row(story_id: str, idx: int, inc: Incident, version: str) -> dict:
    start, end = (inc.evidence_spans[0][0], inc.evidence_spans[-1][1]) if inc.evidence_spans else (None, None)
    return {
        "incident_id": f"{story_id}:{idx}", "story_id": story_id, "idx": idx, "kind": inc.kind,
        "event_type": inc.event_type, "date": inc.date, "country": inc.country, "location": inc.location,
        "lat": inc.lat, "lon": inc.lon, "actor1": inc.actor1, "actor2": inc.actor2, "weapon": inc.weapon,
        **_range("killed", inc.killed), **_range("injured", inc.injured), **_range("count", inc.count),
        "period_start": inc.period_start, "period_end": inc.period_end,
        "date_precision": inc.date_precision, "geo_precision": inc.geo_precision,
        "evidence": inc.evidence, "evidence_start": start, "evidence_end": end,
        "casualty_phrases": list(inc.casualty_phrases), "claimed_by": inc.claimed_by,
        "confidence": inc.confidence, "event_id": None, "extractor_version": version,
    }


def _range(prefix: str, value: Range | None) -> dict:
    return {f"{prefix}_min": value.min if value else None, f"{prefix}_max": value.max if value else None}


def fetch_row(run: FeedRun, run_id: str, stored: set[str]) -> dict:
    return {
        "fetch_id": run.fetch_id, "run_id": run_id, "feed": run.feed.name,
        "url": without_credentials(run.state.url or run.feed.url),
        "status": run.status, "http_status": run.http_status, "error": run.error, "entries": run.entries,
        "new_stories": sum(1 for s in run.stories if s.story_id not in stored),
        "bozo": run.bozo, "bytes": run.bytes, "raw_path": run.raw_path,
        "started_at": run.started_at, "elapsed_s": run.elapsed,
    }


def incident_from_row(row: dict) -> Incident:
    """Back from a warehouse row to the record the event decider reads."""
    def rng(prefix):
        low = row.get(f"{prefix}_min")
        return None if low is None else Range(low, row.get(f"{prefix}_max"))
    return Incident(
        kind=row["kind"], event_type=row["event_type"], date=row["date"], country=row["country"],
        location=row["location"], actor1=row["actor1"], actor2=row["actor2"], weapon=row["weapon"],
        killed=rng("killed"), injured=rng("injured"), count=rng("count"),
        period_start=row["period_start"], period_end=row["period_end"], lat=row["lat"], lon=row["lon"],
        date_precision=row["date_precision"] or "unknown", geo_precision=row["geo_precision"],
        evidence=row["evidence"] or "", casualty_phrases=tuple(row["casualty_phrases"] or ()),
        claimed_by=row["claimed_by"], confidence=row["confidence"] if row["confidence"] is not None else 0.5)
