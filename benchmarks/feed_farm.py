"""Many RSS and Atom feeds on many "publishers" (ports on 127.0.0.1), for benchmarks.

build_feeds(stories) renders feeds of about FEED_SIZE entries, one language per feed, RSS 2.0 with
content:encoded and Atom with HTML content alternating; a republication goes to a feed of another
publisher. serve_farm() serves a directory of rendered feeds from a separate process (so serving
shares no interpreter lock with what is measured), one port per PER_HOST feeds, with ETag and
Last-Modified validators (a second poll gets 304) and gzip when asked.
"""
from __future__ import annotations

import gzip
import hashlib
import html
import multiprocessing as mp
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from xml.sax.saxutils import escape

FEED_SIZE = 100
PER_HOST = 10


def build_feeds(stories: list[dict]) -> dict[str, bytes]:
    """feed file name -> payload; names say language and kind (`en-0003-rss.xml`)."""
    by_lang: dict[str, list[dict]] = {"en": [], "fr": []}
    for s in stories:
        by_lang[s["lang"]].append(s)
    feeds: dict[str, list[dict]] = {}
    for lang, items in by_lang.items():
        n_feeds = max(1, -(-len(items) // FEED_SIZE))
        for i, s in enumerate(items):
            slot = i % n_feeds
            if s["dup_of"]:     # another outlet: move the copy one feed over (another publisher)
                slot = (slot + PER_HOST) % n_feeds if n_feeds > PER_HOST else (slot + 1) % n_feeds
            feeds.setdefault(f"{lang}-{slot:04d}-{'atom' if slot % 2 else 'rss'}.xml", []).append(s)
    return {name: _render(name, items).encode() for name, items in sorted(feeds.items())}


def _render(name: str, items: list[dict]) -> str:
    items = sorted(items, key=lambda s: s["published"], reverse=True)
    return _atom(name, items) if name.endswith("-atom.xml") else _rss(name, items)


def _link(s: dict) -> str:
    outlet = "".join(c for c in s["outlet"].lower() if c.isalnum())
    return f"https://{outlet}.example/{s['published'][:10].replace('-', '/')}/{s['id']}"


def _body(s: dict) -> str:
    return "".join(f"<p>{html.escape(p)}</p>" for p in s["text"].split("\n"))


def _rss(name: str, items: list[dict]) -> str:
    lang = name[:2]
    entries = "\n".join(
        f"<item><title>{escape(s['title'])}</title><link>{escape(_link(s))}</link>"
        f'<guid isPermaLink="false">{s["id"]}</guid>'
        f"<pubDate>{format_datetime(datetime.fromisoformat(s['published']))}</pubDate>"
        f"<description>{escape(s['text'].split('. ')[0])}.</description>"
        f"<content:encoded><![CDATA[{_body(s)}]]></content:encoded></item>" for s in items)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>\n'
            f"<title>{name}</title><link>https://wires.example/</link><description>synthetic wire</description>"
            f"<language>{lang}</language>\n{entries}\n</channel></rss>\n")


def _atom(name: str, items: list[dict]) -> str:
    lang = name[:2]
    entries = "\n".join(
        f'<entry><title>{escape(s["title"])}</title><link rel="alternate" href="{escape(_link(s))}"/>'
        f"<id>urn:synthetic:{s['id']}</id><published>{s['published']}</published>"
        f"<updated>{s['published']}</updated><author><name>{escape(s['outlet'])}</name></author>"
        f'<content type="html">{escape(_body(s))}</content></entry>' for s in items)
    updated = items[0]["published"] if items else "2025-01-01T00:00:00+00:00"
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{lang}">'
            f"<title>{name}</title><id>urn:synthetic:{name}</id><updated>{updated}</updated>\n{entries}\n</feed>\n")


def write_feeds(feeds: dict[str, bytes], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, payload in feeds.items():
        (folder / name).write_bytes(payload)


def feeds_yaml(names: list[str], ports: list[int]) -> str:
    lines = ["feeds:"]
    for i, name in enumerate(sorted(names)):
        lines += [f"  - name: {name.removesuffix('.xml')}",
                  f"    url: http://127.0.0.1:{ports[i // PER_HOST]}/{name}", f"    lang: {name[:2]}"]
    return "\n".join(lines) + "\n"


@contextmanager
def serve_farm(folder: Path) -> Iterator[tuple[list[int], int]]:
    """Serve every feed in `folder`; yields (the port of each publisher in order, the server's pid)."""
    n_hosts = max(1, -(-len(list(folder.glob("*.xml"))) // PER_HOST))
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_serve, args=(str(folder), n_hosts, child), daemon=True)
    proc.start()
    try:
        if not parent.poll(120):
            raise RuntimeError("feed farm did not start within 120 s")
        yield parent.recv(), proc.pid
    finally:
        proc.terminate()
        proc.join(10)


def _serve(folder: str, n_hosts: int, pipe) -> None:
    files = {p.name: p.read_bytes() for p in sorted(Path(folder).glob("*.xml"))}
    handler = type("Handler", (_Handler,), {"files": files, "zipped": {n: gzip.compress(b, 5) for n, b in files.items()},
                                            "etags": {n: '"' + hashlib.sha256(b).hexdigest()[:16] + '"'
                                                      for n, b in files.items()}})
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), handler) for _ in range(n_hosts)]
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    pipe.send([s.server_address[1] for s in servers])
    threading.Event().wait()


class _Handler(BaseHTTPRequestHandler):
    files: dict[str, bytes] = {}
    zipped: dict[str, bytes] = {}
    etags: dict[str, str] = {}
    modified = format_datetime(datetime(2025, 1, 1, tzinfo=timezone.utc), usegmt=True)

    def do_GET(self) -> None:
        name = self.path.lstrip("/").split("?", 1)[0]
        if name not in self.files:
            self.send_error(404)
            return
        etag = self.etags[name]
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        gz = "gzip" in (self.headers.get("Accept-Encoding") or "")
        body = self.zipped[name] if gz else self.files[name]
        self.send_response(200)
        kind = "atom" if name.endswith("-atom.xml") else "rss"
        self.send_header("Content-Type", f"application/{kind}+xml; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", self.modified)
        if gz:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass
