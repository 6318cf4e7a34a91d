"""The bundled sample news site: French and English feeds plus article pages,
rendered for whatever port it is served on, and a small HTTP server for it.

Stories are fictional and written for this project (stories.jsonl, README.md).
Each language gets the three kinds of feed real publishers offer: full-text
RSS (content:encoded), Atom with summaries only and RSS with a one-sentence
description; the last two are marked fetch_article so the ingest flow fetches
the article pages, which wrap an <article> in nav/aside/footer boilerplate.
Rendering is pure; only serve_site opens a socket (127.0.0.1, port 0).
"""
from __future__ import annotations

import hashlib
import html
import json
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Callable, Iterable, Iterator, Union
from xml.sax.saxutils import escape

KINDS = ("fulltext", "atom", "summary")
UTM = "?utm_source=rss&utm_medium=feed"
Files = dict[str, bytes]


def load_demo_stories() -> list[dict]:
    """The bundled stories (story fields plus gold), in file order."""
    text = resources.files("flows.demo_site").joinpath("stories.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def build_site(stories: Iterable[dict], base_url: str) -> Files:
    """path -> content: feeds/<lang>-<kind>.xml, articles/<id>.html, feeds.yaml and index.html.

    Every story is one entry in exactly one feed; a republication (duplicate_of)
    goes to a different feed from its original, as it would from another outlet.
    """
    base = base_url.rstrip("/")
    stories = sorted(stories, key=lambda s: (_date(s), s["id"]))
    feeds = assign_feeds(stories)
    files: Files = {f"articles/{s['id']}.html": _page(s).encode() for s in stories}
    for (lang, kind), items in sorted(feeds.items()):
        items = sorted(items, key=_date, reverse=True)
        render = _atom if kind == "atom" else _rss
        files[f"feeds/{lang}-{kind}.xml"] = render(_feed_name(lang, kind), lang, items, base, kind).encode()
    files["feeds.yaml"] = _feeds_yaml(sorted(feeds), base).encode()
    files["index.html"] = _index(sorted(feeds), stories).encode()
    return files


def assign_feeds(stories: list[dict]) -> dict[tuple[str, str], list[dict]]:
    """(lang, kind) -> stories: round robin per language, republications moved to another feed."""
    kind_of: dict[str, str] = {}
    per_lang: dict[str, int] = {}
    for s in stories:
        n = per_lang.get(_lang(s), 0)
        per_lang[_lang(s)] = n + 1
        original = kind_of.get(s.get("duplicate_of") or "")
        kind_of[s["id"]] = KINDS[n % len(KINDS)] if original is None else _other_kind(original)
    feeds: dict[tuple[str, str], list[dict]] = {}
    for s in stories:
        feeds.setdefault((_lang(s), kind_of[s["id"]]), []).append(s)
    return feeds


def _other_kind(original: str) -> str:
    # copies usually travel through aggregators' summary feeds, with tracking parameters
    return "summary" if original != "summary" else "fulltext"


def _lang(story: dict) -> str:
    return story.get("lang") or story.get("gold_lang") or "en"


def _date(story: dict) -> datetime:
    return datetime.fromisoformat(story["published"].replace("Z", "+00:00"))


def _feed_name(lang: str, kind: str) -> str:
    return f"demo-{lang}-{kind}"


def _paragraphs(story: dict) -> list[str]:
    return [p.strip() for p in story["text"].split("\n") if p.strip()]


def _lead(story: dict) -> str:
    first = _paragraphs(story)[0]
    cut = first.find(". ")
    return first if cut < 0 else first[:cut + 1]


def _article_url(base: str, story: dict) -> str:
    return f"{base}/articles/{story['id']}.html"


def _page(story: dict) -> str:
    title, source = html.escape(story["title"]), html.escape(story.get("source", "Demo Wire"))
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(story))
    return (f'<!doctype html>\n<html lang="{_lang(story)}"><head><meta charset="utf-8">'
            f"<title>{title} | {source}</title>"
            f'<meta name="description" content="{html.escape(_lead(story))}"></head><body>\n'
            '<header><a href="/">Demo Wire</a></header>\n'
            '<nav><a href="/">Accueil / Home</a> · <a href="/index.html#fr">Monde</a> · '
            '<a href="/index.html#en">World</a></nav>\n'
            "<aside><h2>Newsletter</h2><p>Abonnez-vous à notre lettre quotidienne · "
            "Subscribe to our daily briefing</p><ul><li>Les plus lus / Most read</li></ul></aside>\n"
            f'<article><h1>{title}</h1><p class="byline">{source} · '
            f'<time datetime="{story["published"]}">{story["published"][:10]}</time></p>\n'
            f"{body}\n</article>\n"
            "<footer><p>© Demo Wire — fictional stories written for the wirewatch demo. "
            "Tous droits réservés.</p><a href=\"/index.html\">Mentions légales</a></footer>\n"
            "</body></html>\n")


def _rss(name: str, lang: str, items: list[dict], base: str, kind: str) -> str:
    built = format_datetime(max((_date(s) for s in items), default=datetime(2025, 5, 1, tzinfo=timezone.utc)))
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>\n'
            f"<title>{name}</title><link>{base}/</link><description>Demo Wire ({lang})</description>"
            f"<language>{lang}</language><lastBuildDate>{built}</lastBuildDate>\n"
            + "\n".join(_rss_item(s, base, kind) for s in items) + "\n</channel></rss>\n")


def _rss_item(s: dict, base: str, kind: str) -> str:
    link = _article_url(base, s) + (UTM if kind == "summary" else "")
    content = ""
    if kind == "fulltext":
        full = "".join(f"<p>{html.escape(p)}</p>" for p in _paragraphs(s))
        content = f"<content:encoded><![CDATA[{full}]]></content:encoded>"
    return (f"<item><title>{escape(s['title'])}</title><link>{escape(link)}</link>"
            f'<guid isPermaLink="false">{escape(s["id"])}</guid>'
            f"<pubDate>{format_datetime(_date(s))}</pubDate>"
            f"<description>{escape(_lead(s))}</description>{content}</item>")


def _atom(name: str, lang: str, items: list[dict], base: str, kind: str) -> str:
    updated = max((s["published"] for s in items), default="2025-05-01T00:00:00Z")
    entries = [f'<entry><title>{escape(s["title"])}</title>'
               f'<link rel="alternate" type="text/html" href="{escape(_article_url(base, s))}"/>'
               f"<id>urn:demo:{escape(s['id'])}</id>"
               f"<published>{s['published']}</published><updated>{s['published']}</updated>"
               f"<author><name>{escape(s.get('source', 'Demo Wire'))}</name></author>"
               f'<summary type="text">{escape(_lead(s))}</summary></entry>' for s in items]
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">'
            f'<title>{name}</title><id>urn:demo:{name}</id><updated>{updated}</updated>'
            f'<link rel="self" href="{base}/feeds/{lang}-{kind}.xml"/>\n'
            + "\n".join(entries) + "\n</feed>\n")


def _feeds_yaml(feeds: list[tuple[str, str]], base: str) -> str:
    lines = ["# wirewatch demo site: one full-text RSS, one summary Atom and one summary RSS per language", "feeds:"]
    for lang, kind in feeds:
        lines += [f"  - name: {_feed_name(lang, kind)}", f"    url: {base}/feeds/{lang}-{kind}.xml",
                  f"    lang: {lang}"]
        if kind != "fulltext":
            lines.append("    fetch_article: true")
    return "\n".join(lines) + "\n"


def _index(feeds: list[tuple[str, str]], stories: list[dict]) -> str:
    links = "".join(f'<li><a href="/feeds/{lang}-{kind}.xml">{_feed_name(lang, kind)}</a></li>'
                    for lang, kind in feeds)
    arts = "".join(f'<li id="{_lang(s)}"><a href="/articles/{html.escape(s["id"])}.html">'
                   f"{html.escape(s['title'])}</a></li>" for s in stories)
    return (f'<!doctype html>\n<html><head><meta charset="utf-8"><title>Demo Wire</title></head><body>'
            f"<h1>Demo Wire</h1><ul>{links}</ul><ul>{arts}</ul></body></html>\n")


def content_type(path: str, content: bytes) -> str:
    head = content[:300]
    if path.endswith(".xml"):
        kind = "atom+xml" if b"<feed" in head else "rss+xml" if b"<rss" in head else "xml"
        return f"application/{kind}; charset=utf-8"
    if path.endswith(".html"):
        return "text/html; charset=utf-8"
    if path.endswith((".yaml", ".yml")):
        return "application/yaml; charset=utf-8"
    return "application/octet-stream"


class _Handler(BaseHTTPRequestHandler):
    files: Files = {}
    modified: datetime = datetime.now(timezone.utc)

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def _serve(self, body: bool) -> None:
        path = self.path.split("?", 1)[0].split("#", 1)[0].lstrip("/") or "index.html"
        content = self.files.get(path)
        if content is None:
            self.send_error(404, "Not Found")
            return
        etag = '"' + hashlib.sha256(content).hexdigest()[:16] + '"'
        validators = {"ETag": etag, "Last-Modified": format_datetime(self.modified, usegmt=True)}
        if self._not_modified(etag):
            self._headers(304, validators)
            return
        self._headers(200, {"Content-Type": content_type(path, content),
                            "Content-Length": str(len(content)), **validators})
        if body:
            self.wfile.write(content)

    def _not_modified(self, etag: str) -> bool:
        match = self.headers.get("If-None-Match")
        if match is not None:   # RFC 9110: If-None-Match wins over If-Modified-Since
            tags = {t.strip().removeprefix("W/") for t in match.split(",")}
            return "*" in tags or etag in tags
        since = self.headers.get("If-Modified-Since")
        try:
            return since is not None and parsedate_to_datetime(since) >= self.modified
        except (TypeError, ValueError):
            return False

    def _headers(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.end_headers()

    def log_message(self, *args) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64   # the ingest flow opens up to 8 connections per fetch task at once (default backlog 5)

    def handle_error(self, request, client_address) -> None:
        pass   # a client hanging up mid-response is not worth a traceback on the console


@contextmanager
def serve_site(files: Union[Files, Callable[[str], Files]]) -> Iterator[str]:
    """Serve a site on 127.0.0.1 on a free port in a daemon thread; yields the base URL.

    `files` is either path -> content, or a function of the base URL returning it
    (what the demo needs: feeds hold absolute links, and the port is only known here).
    """
    modified = datetime.now(timezone.utc).replace(microsecond=0)
    handler = type("SiteHandler", (_Handler,), {"files": {}, "modified": modified})
    server = _QuietServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        handler.files.update(files(base) if callable(files) else files)
    except BaseException:
        server.server_close()
        raise
    thread = threading.Thread(target=server.serve_forever, name="demo-site", daemon=True)
    thread.start()
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
