"""The bundled sample news site: French and English feeds plus article pages,
rendered for whatever port it is served on, and a small HTTP server for it.

Stories are fictional and written for this project (stories.jsonl). Each
language gets a full-text RSS feed, an Atom feed with summaries only (marked
fetch_article, so the ingest flow fetches the pages) and a summary RSS feed.
"""
from __future__ import annotations

import hashlib
import html
import json
import threading
from contextlib import contextmanager
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Callable, Iterable, Iterator
from xml.sax.saxutils import escape

KINDS = ("fulltext", "atom", "summary")
TYPES = {".xml": "application/xml; charset=utf-8", ".html": "text/html; charset=utf-8",
         ".yaml": "text/yaml; charset=utf-8"}


def load_demo_stories() -> list[dict]:
    text = resources.files("flows.demo_site").joinpath("stories.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def build_site(stories: Iterable[dict], base_url: str) -> dict[str, bytes]:
    """path -> content for feeds/*.xml, articles/*.html and feeds.yaml."""
    files, feeds = {}, {}
    for n, story in enumerate(sorted(stories, key=lambda s: s["published"])):
        lang = story.get("lang") or story.get("gold_lang") or "en"
        feeds.setdefault((lang, KINDS[n % len(KINDS)]), []).append(story)
        files[f"articles/{story['id']}.html"] = _page(story).encode()
    lines = ["feeds:"]
    for (lang, kind), items in sorted(feeds.items()):
        name = f"demo-{lang}-{kind}"
        items = sorted(items, key=lambda s: s["published"], reverse=True)
        body = _atom(name, lang, items, base_url) if kind == "atom" else _rss(name, lang, items, base_url, kind)
        files[f"feeds/{lang}-{kind}.xml"] = body.encode()
        lines += [f"  - name: {name}", f"    url: {base_url}/feeds/{lang}-{kind}.xml", f"    lang: {lang}"]
        if kind != "fulltext":
            lines.append("    fetch_article: true")
    files["feeds.yaml"] = ("\n".join(lines) + "\n").encode()
    return files


def _paragraphs(story: dict) -> list[str]:
    return [p for p in story["text"].split("\n") if p.strip()]


def _lead(story: dict) -> str:
    first = _paragraphs(story)[0]
    cut = first.find(". ")
    return first if cut < 0 else first[:cut + 1]


def _page(story: dict) -> str:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(story))
    return (f'<!doctype html><html lang="{story.get("lang", "en")}"><head><meta charset="utf-8">'
            f"<title>{html.escape(story['title'])}</title></head><body>"
            f'<nav><a href="/">Accueil / Home</a> · <a href="/monde">Monde</a> · <a href="/sport">Sport</a></nav>'
            f'<aside>Abonnez-vous à notre lettre · Subscribe to our newsletter</aside>'
            f"<article><h1>{html.escape(story['title'])}</h1>\n{body}\n</article>"
            f"<footer>© Demo Wire. Tous droits réservés.</footer></body></html>")


def _date(story: dict) -> datetime:
    return datetime.fromisoformat(story["published"].replace("Z", "+00:00"))


def _rss(name: str, lang: str, items: list[dict], base: str, kind: str) -> str:
    entries = []
    for s in items:
        full = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(s))
        content = f"<content:encoded><![CDATA[{full}]]></content:encoded>" if kind == "fulltext" else ""
        link = f"{base}/articles/{s['id']}.html" + ("?utm_source=rss&amp;utm_medium=feed" if kind == "summary" else "")
        entries.append(f"<item><title>{escape(s['title'])}</title><link>{link}</link>"
                       f'<guid isPermaLink="false">{s["id"]}</guid>'
                       f"<pubDate>{format_datetime(_date(s))}</pubDate>"
                       f"<description>{escape(_lead(s))}</description>{content}</item>")
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{name}</title><link>{base}/</link><language>{lang}</language>\n"
            + "\n".join(entries) + "\n</channel></rss>\n")


def _atom(name: str, lang: str, items: list[dict], base: str) -> str:
    updated = max((s["published"] for s in items), default="2025-05-01T00:00:00Z")
    entries = [f'<entry><title>{escape(s["title"])}</title>'
               f'<link rel="alternate" href="{base}/articles/{s["id"]}.html"/><id>urn:demo:{s["id"]}</id>'
               f"<published>{s['published']}</published><updated>{s['published']}</updated>"
               f"<summary>{escape(_lead(s))}</summary></entry>" for s in items]
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">'
            f"<title>{name}</title><id>urn:demo:{name}</id><updated>{updated}</updated>\n"
            + "\n".join(entries) + "\n</feed>\n")


class _Handler(BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def _serve(self, body: bool) -> None:
        path = self.path.split("?", 1)[0].lstrip("/")
        content = self.files.get(path)
        if content is None:
            self.send_error(404, "Not Found")
            return
        etag = '"' + hashlib.sha256(content).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", TYPES.get(path[path.rfind("."):], "application/octet-stream"))
        self.send_header("Content-Length", str(len(content)))
        self.send_header("ETag", etag)
        self.end_headers()
        if body:
            self.wfile.write(content)

    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve_site(build: Callable[[str], dict[str, bytes]]) -> Iterator[str]:
    """Serve the files `build(base_url)` returns on 127.0.0.1, a free port; yields the base URL."""
    handler = type("SiteHandler", (_Handler,), {"files": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    handler.files.update(build(base))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
