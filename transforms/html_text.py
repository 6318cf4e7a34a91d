"""HTML fragments (feed summaries and content) to plain text, paragraphs kept."""
from __future__ import annotations

import html
import re
import unicodedata
from html.parser import HTMLParser

BLOCK = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section",
                   "article", "header", "footer", "ul", "ol", "table", "hr"})
SKIP = frozenset({"script", "style", "iframe", "noscript", "figure", "figcaption", "object", "embed", "svg"})


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skipping += 1
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    parser = _Text()
    parser.feed(fragment or "")
    parser.close()
    return tidy("".join(parser.parts))


def tidy(text: str) -> str:
    """NFC, entities left escaped by the feed decoded once more, spaces and blank lines collapsed."""
    text = unicodedata.normalize("NFC", html.unescape(text)).replace("\u00a0", " ")
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
