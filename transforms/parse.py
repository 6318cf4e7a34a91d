"""Feed payload -> RawEntry records (feedparser), refusing what is not a feed.

Decisions:
- guid is feedparser's entry.id (RSS <guid>, Atom <id>); in RSS 0.90/1.0 a dc:identifier wins over
  rdf:about, which is a URL. A bare guid is never resolved against the feed URL. No guid: None here,
  and normalize falls back to the canonical link, then to a hash of title and summary.
- link is joined with the feed URL (relative links); a guid feedparser copied into the link is dropped
  when it is no absolute URL.
- lang_hint: entry language or xml:lang, else channel language, else the caller's hint. A hint only.
- every entry feedparser reads is kept, even a malformed feed's (bozo says why).
- security: see ENTITY_DECL below; feedparser itself never fetches or expands entities.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

import feedparser

from .models import RawEntry
from .timezones import entry_datetime

# feedparser 6 already drops every entity declaration but "&#NNN;" aliases and turns off external
# entities in expat; refusing the dangerous shapes up front keeps that promise independent of its version:
# parameter entities, external (SYSTEM/PUBLIC) entities and entities whose value names another entity.
ENTITY_DECL = re.compile(rb"<!ENTITY\s+(%\s*)?[\w.:-]+\s+(?:(SYSTEM|PUBLIC)\b|([\"'])(.*?)\3)", re.I | re.S)
ABSOLUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
ENTITY_REF = re.compile(rb"[&%][\w.:-]+;")


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
    if _dangerous_dtd(body):
        raise NotAFeed("refused: DTD with entity declarations")
    # No content-location: feedparser would resolve a bare guid ("fr-2") against it; links are joined below.
    headers = {"content-type": content_type or "application/xml"}
    parsed = feedparser.parse(body, response_headers=headers, sanitize_html=True, resolve_relative_uris=True)
    bozo = _bozo(parsed)
    if not parsed.entries and not parsed.version:
        raise NotAFeed(_what_instead(body, bozo))
    channel_lang = _declared_lang(parsed.feed)
    rdf = parsed.version.startswith(("rss09", "rss10")) if parsed.version else False
    entries = tuple(_entry(feed, e, url, _declared_lang(e) or channel_lang or lang_hint, rdf)
                    for e in parsed.entries)
    return ParsedFeed(entries=entries, bozo=bozo, title=parsed.feed.get("title", ""), lang=channel_lang,
                      version=parsed.version or "")


def _dangerous_dtd(body: bytes) -> bool:
    start = body[:65536].upper().find(b"<!DOCTYPE")
    if start < 0:
        return False
    end = body.find(b"]>", start)
    head = body[start: end + 2 if end >= 0 else start + 65536]
    declared = ENTITY_DECL.findall(head)
    if len(declared) < head.upper().count(b"<!ENTITY"):
        return True   # a declaration this reader cannot make sense of
    return any(parameter or external or any(not ref.startswith(b"&#") for ref in ENTITY_REF.findall(value))
               for parameter, external, _, value in declared)


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


def _declared_lang(node) -> str | None:
    """<language> / dc:language, else the xml:lang feedparser keeps on the title, summary or content."""
    details = [node.get("title_detail"), node.get("summary_detail"), *(node.get("content") or [])]
    candidates = [node.get("language")] + [d.get("language") for d in details if d]
    return next((lang for lang in map(_lang, candidates) if lang), None)


def _lang(value) -> str | None:
    letters = str(value or "").strip()[:2].lower()
    return letters if len(letters) == 2 and letters.isalpha() else None


def _entry(feed: str, e, base_url: str, lang: str | None, rdf: bool) -> RawEntry:
    content = _content(e.get("content") or [])
    link = (e.get("link") or "").strip()
    if e.get("guidislink") and not ABSOLUTE.match(link):
        link = ""     # feedparser copied a bare guid ("mal-1") into the link: it is no address
    return RawEntry(
        feed=feed,
        guid=_guid(e, rdf),
        link=urljoin(base_url, link) if link else None,
        title=e.get("title", ""),
        summary_html=e.get("summary", ""),
        content_html=content,
        published=entry_datetime(e),
        lang_hint=lang,
    )


def _content(parts: list) -> str:
    """The HTML body: feeds that give several (text and HTML copies of one body) get the longest HTML one."""
    values = [(("html" in (c.get("type") or "")), len(c.get("value") or ""), c.get("value") or "") for c in parts]
    return max(values)[2] if values else ""


def _guid(e, rdf: bool) -> str | None:
    """entry.id; in RSS 1.0 the publisher's dc:identifier wins over rdf:about (a URL, often with tracking)."""
    ident = e.get("dc_identifier") if rdf else None
    guid = str(ident or e.get("id") or "").strip()
    return guid or None
