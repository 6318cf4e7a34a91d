"""Main text of an article page: trafilatura (precision first, no network, no
metadata or date look-ups), with a plain fallback joining the <p> texts of the
page's <article>, else its <body>."""
from __future__ import annotations

import re

import trafilatura
from trafilatura.utils import decode_file

from .html_text import html_to_text

MIN_CHARS = 80      # shorter than this is a teaser or an error page, not an article
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S | re.I)
_BODY = re.compile(r"<body\b.*?(?:</body>|\Z)", re.S | re.I)
_PARAGRAPH = re.compile(r"<p\b[^>]*>.*?(?=</p>|<p\b|\Z)", re.S | re.I)
_HEADLINE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S | re.I)
_DROP = re.compile(r"<(nav|aside|footer|header|script|style|form)\b.*?</\1>", re.S | re.I)


class NoArticleText(Exception):
    """The page has no usable main text."""


def main_text(html: bytes | str, url: str | None = None) -> str:
    """Paragraphs of the page's main text joined by "\\n"; raises NoArticleText when nothing usable."""
    page = decode_file(html) if isinstance(html, bytes) else html   # honours <meta charset>, then detects
    text = _trafilatura(page, url) or _paragraphs(page)
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    text = "\n".join(_without_headline(lines, page))
    if len(text) < MIN_CHARS:
        raise NoArticleText("no main text found on the page")
    return text


def _trafilatura(page: str, url: str | None) -> str:
    # deduplicate=False: trafilatura's dedup cache is process-wide, which would make
    # the text of one page depend on the pages extracted before it.
    return trafilatura.extract(page, url=url, favor_precision=True, include_comments=False,
                               include_tables=False, include_images=False, deduplicate=False,
                               with_metadata=False, output_format="txt") or ""


def _paragraphs(page: str) -> str:
    scope = _ARTICLE.search(page) or _BODY.search(page)
    html = _DROP.sub(" ", scope.group(0) if scope else page)
    texts = (" ".join(html_to_text(p).split()) for p in _PARAGRAPH.findall(html))
    return "\n".join(t for t in texts if t)


def _without_headline(lines: list[str], page: str) -> list[str]:
    """The story keeps its title apart: a first line repeating the page's <h1> is dropped."""
    headlines = {" ".join(html_to_text(h).split()) for h in _HEADLINE.findall(page)}
    return lines[1:] if lines and lines[0] in headlines else lines
