"""Feed payload -> RawEntry records (feedparser), refusing what is not a feed."""
from __future__ import annotations

import re
from dataclasses import dataclass

import feedparser

from .models import RawEntry
from .timezones import entry_datetime

ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)


class NotAFeed(Exception):
    """The payload is not a feed at all; the message says what it is."""


@dataclass(frozen=True)
class ParsedFeed:
    entries: tuple[RawEntry, ...]
    bozo: str | None
    title: str
    lang: str | None
    version: str


def parse_feed(body: bytes, *, feed: str, url: str, content_type: str | None = None,
               lang_hint: str | None = None) -> ParsedFeed:
    if not body or not body.strip():
        raise NotAFeed("empty body")
    if ENTITY_DECL.search(body[:65536]):
        raise NotAFeed("refused: DTD with entity declarations")
    headers = {"content-type": content_type} if content_type else {}
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    bozo = _bozo(parsed)
    if not parsed.entries and not parsed.version:
        raise NotAFeed(_what_instead(body, bozo))
    channel_lang = _lang(parsed.feed.get("language"))
    entries = tuple(_entry(feed, e, url, _lang(e.get("language")) or channel_lang or lang_hint)
                    for e in parsed.entries)
    return ParsedFeed(entries=entries, bozo=bozo, title=parsed.feed.get("title", ""), lang=channel_lang,
                      version=parsed.version or "")


def _bozo(parsed) -> str | None:
    if not parsed.get("bozo"):
        return None
    exc = parsed.get("bozo_exception")
    return f"{type(exc).__name__}: {exc}" if exc else "malformed feed"


def _what_instead(body: bytes, bozo: str | None) -> str:
    head = body[:2048].lower()
    if b"<html" in head or b"<!doctype html" in head:
        return "HTML page, not a feed"
    return f"no entries and not a feed: {bozo or 'unrecognised content'}"


def _lang(value: str | None) -> str | None:
    return value[:2].lower() if value else None


def _entry(feed: str, e, base_url: str, lang: str | None) -> RawEntry:
    content = "".join(c.get("value", "") for c in e.get("content", []) or [])
    return RawEntry(
        feed=feed,
        guid=e.get("id") or None,
        link=e.get("link") or None,
        title=e.get("title", ""),
        summary_html=e.get("summary", ""),
        content_html=content,
        published=entry_datetime(e),
        lang_hint=lang,
    )
