"""RawEntry -> Story: clean text, canonical URL, language, stable ids and hashes."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from .html_text import html_to_text, one_line, tidy
from .lang import detect_lang
from .models import RawEntry, Story
from .urls import canonical_url

SHORT_SUMMARY = 400
WORDS = re.compile(r"\w+")
COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def story_id(feed: str, guid: str) -> str:
    return hashlib.sha256(f"{feed}\x00{guid}".encode()).hexdigest()[:16]


def content_hash(title: str, text: str) -> str:
    """Of the words only: case, accents, spacing and punctuation do not change it."""
    folded = COMBINING.sub("", unicodedata.normalize("NFKD", f"{title}\n{text}".casefold()))
    return hashlib.sha256(" ".join(WORDS.findall(folded)).encode()).hexdigest()[:32]


def normalize_entry(entry: RawEntry, *, fetch_id: str | None = None, article_text: str | None = None) -> Story:
    title = one_line(entry.title)
    content, summary = html_to_text(entry.content_html), html_to_text(entry.summary_html)
    from_summary = len(summary) > len(content)     # content preferred; a teaser-only content loses
    text, flags = (summary if from_summary else content), []
    if from_summary and len(summary) < SHORT_SUMMARY or not text:
        flags.append("summary_only")
    if article_text and len(tidy(article_text)) > len(text):
        text, flags = tidy(article_text), [f for f in flags if f != "summary_only"] + ["article_fetched"]
    if entry.published is None:
        flags.append("no_date")
    url = canonical_url(entry.link) if entry.link else None
    guid = (entry.guid or "").strip() or url or content_hash(title, summary)
    return Story(
        story_id=story_id(entry.feed, guid), feed=entry.feed, guid=guid, url=url, title=title, text=text,
        lang=detect_lang(f"{title}\n{text}", entry.lang_hint), published_at=entry.published,
        content_hash=content_hash(title, text), fetch_id=fetch_id, flags=tuple(flags))
