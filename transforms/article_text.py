"""Main text of an article page: trafilatura, with a plain <p> fallback."""
from __future__ import annotations

import re

import trafilatura

from .html_text import html_to_text


class NoArticleText(Exception):
    """The page has no usable main text."""


def main_text(page: bytes | str, url: str | None = None) -> str:
    html = page.decode("utf-8", "replace") if isinstance(page, bytes) else page
    text = trafilatura.extract(html, url=url, favor_precision=True, include_comments=False,
                               include_tables=False, deduplicate=True, with_metadata=False)
    if not text:
        text = _paragraphs(html)
    if not text or len(text) < 80:
        raise NoArticleText("no main text found on the page")
    return text


def _paragraphs(html: str) -> str:
    article = re.search(r"<article\b.*?</article>", html, re.S | re.I)
    return "\n".join(html_to_text(p) for p in re.findall(r"<p\b.*?</p>", article.group(0) if article else html,
                                                          re.S | re.I))
