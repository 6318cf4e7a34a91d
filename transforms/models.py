"""Frozen records passed between stages.

Three kinds, kept apart the way lemon24/reader keeps them apart:
what a feed said (FeedConfig, FetchResult, RawEntry), what the warehouse
already knows (FeedState), and what to write (Story, Incident, Extraction).
Every record is immutable; a stage that "changes" one returns a new one with
dataclasses.replace.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

EVENT_TYPES = (
    "air_drone_strike", "shelling_missile", "suicide_bomb", "remote_explosive",
    "grenade", "armed_clash", "attack",
)
WEAPONS = (
    "aircraft", "drone", "ballistic_missile", "cruise_missile", "missile", "rocket",
    "mortar", "artillery", "ied", "vehicle_bomb", "suicide_vest", "grenade",
    "firearm", "knife", "fire", "other",
)
DATE_PRECISIONS = ("day", "week", "month", "unknown")
GEO_PRECISIONS = ("site", "town", "district", "region", "country")   # of the point: see docs/places.md


# --- what the configuration and the feed said -------------------------------

@dataclass(frozen=True)
class FeedConfig:
    name: str
    url: str
    lang: str | None = None
    fetch_article: bool = False


@dataclass(frozen=True)
class FetchResult:
    """One HTTP retrieval of one feed, successful or not."""
    feed: str
    url: str                       # the URL asked for
    status: str                    # "ok" | "not_modified" | "error" | "skipped"
    started_at: datetime           # UTC
    http_status: int | None = None
    error: str | None = None       # readable reason when status is "error"/"skipped"
    body: bytes | None = None      # decoded transfer encoding, capped size
    final_url: str | None = None   # after redirects
    permanent_redirect: str | None = None  # new URL to remember (301/308)
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    retry_after: float | None = None   # seconds, from Retry-After
    max_age: float | None = None       # seconds, from Cache-Control
    elapsed: float = 0.0


@dataclass(frozen=True)
class RawEntry:
    """One feed entry as feedparser gave it, before any cleaning."""
    feed: str
    guid: str | None
    link: str | None
    title: str
    summary_html: str
    content_html: str
    published: datetime | None     # UTC, None when the entry had no usable date
    lang_hint: str | None = None   # entry xml:lang, feed <language> or config


# --- what the warehouse knows --------------------------------------------------

@dataclass(frozen=True)
class FeedState:
    feed: str
    url: str                       # current URL, after permanent redirects
    etag: str | None = None
    last_modified: str | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    consecutive_failures: int = 0
    next_fetch_after: datetime | None = None   # back-off, Retry-After, max-age


# --- what to write ---------------------------------------------------------------

@dataclass(frozen=True)
class Story:
    story_id: str
    feed: str
    guid: str
    url: str | None                # canonical URL, tracking parameters removed
    title: str
    text: str                      # plain text, NFC, paragraphs joined by "\n"
    lang: str                      # "fr" | "en"
    published_at: datetime | None  # UTC; None is flagged, never guessed
    content_hash: str
    fetch_id: str | None = None
    flags: tuple[str, ...] = ()    # e.g. "no_date", "summary_only", "article_fetched"
    dup_of: str | None = None
    cluster_id: str | None = None


@dataclass(frozen=True)
class Range:
    """A count as the schema wants it: max None means open-ended."""
    min: int
    max: int | None

    def as_dict(self) -> dict:
        return {"min": self.min, "max": self.max}


@dataclass(frozen=True)
class Incident:
    kind: str                              # "incident" | "aggregate"
    event_type: str | None = None
    date: date | None = None
    country: str | None = None             # ISO 3166-1 alpha-2
    location: str | None = None            # English exonym
    actor1: str | None = None              # perpetrator
    actor2: str | None = None              # target
    weapon: str | None = None
    killed: Range | None = None
    injured: Range | None = None
    count: Range | None = None             # aggregates only
    period_start: date | None = None
    period_end: date | None = None
    lat: float | None = None
    lon: float | None = None
    date_precision: str = "unknown"        # day | week | month | unknown
    geo_precision: str | None = None       # site | town | district | region | country (of lat/lon)
    evidence: str = ""                     # the sentence(s) it came from
    evidence_spans: tuple[tuple[int, int], ...] = ()   # char offsets in title+"\n"+text
    casualty_phrases: tuple[str, ...] = ()  # raw phrases, "au moins douze morts"
    claimed_by: str | None = None          # "selon la police" -> "la police"
    confidence: float = 0.5


@dataclass(frozen=True)
class Extraction:
    lang: str
    attack: bool
    incidents: tuple[Incident, ...] = field(default_factory=tuple)
    extractor_version: str = ""


@dataclass(frozen=True)
class FeedRun:
    """One feed's share of an ingest run, as the flow hands it to the writer."""
    feed: FeedConfig
    fetch_id: str
    status: str                    # ok | not_modified | error | skipped
    started_at: datetime
    state: FeedState               # decided after this fetch, stored with the load
    http_status: int | None = None
    error: str | None = None       # fetch or parse failure, readable
    bozo: str | None = None        # parser complaint on a feed it still read
    entries: int = 0
    bytes: int = 0
    raw_path: str | None = None
    elapsed: float = 0.0
    stories: tuple[Story, ...] = ()
