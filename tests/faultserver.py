"""A misbehaving HTTP server on 127.0.0.1 for fetch tests: each path is one fault.

    with fault_server() as server:            # ThreadingHTTPServer, port 0, daemon thread
        fetch_feed(FeedConfig("f", server.url + "/trickle"), limits=...)
        server.hits["/trickle"]               # requests seen per path
        server.requests                       # (path, headers, monotonic time) of each request
        server.max_in_flight                  # most /slow requests being worked on at once

It also answers absolute-form requests ("GET http://any.host/path"), so a session
with proxies={"http": server.url} reaches the same routes through a "proxy".

Extra static routes for end-to-end tests: fault_server({"/my-feed": Static(200, body, {...})});
a static route with an ETag header answers 304 to a matching If-None-Match.
Every fault route is listed in ROUTES with what it does.
"""
from __future__ import annotations

import gzip
import threading
import time
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator
from urllib.parse import urlsplit

FEED = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fil test</title>'
        b"<item><title>Attaque</title><guid>g1</guid><description>Deux morts.</description></item>"
        b"</channel></rss>")
# declared utf-8 but written in latin-1: the fetcher must pass the bytes through untouched
LATIN1_FEED = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Dépêches</title>'
               "<item><title>Fusillade à Sète</title><guid>g2</guid></item></channel></rss>").encode("latin-1")
HTML_PAGE = b"<!DOCTYPE html><html><head><title>Accueil</title></head><body><p>Pas un flux.</p></body></html>"
ETAG = '"v1"'
LAST_MODIFIED = "Mon, 02 Nov 2026 08:00:00 GMT"
SILENT_SECONDS = 10.0
# built once at import, so a memory measurement of the client does not count the server building them
GZIP_BOMB = gzip.compress(b"\0" * (8 * 2**20))
DEFLATE_BOMB = zlib.compress(b"\0" * (8 * 2**20), 9)

ROUTES = {
    "/ok": "200 feed with ETag, Last-Modified, Cache-Control max-age=600; 304 when either validator matches",
    "/lastmod": "200 feed with Last-Modified only; 304 on a matching If-Modified-Since",
    "/missing": "404 (any unknown path too)", "/gone": "410", "/error": "500",
    "/busy": "503 Retry-After: 1", "/busy-long": "503 Retry-After: 3600",
    "/busy-date": "503 Retry-After as an HTTP-date 90 s ahead", "/throttled": "429 Retry-After: 0",
    "/throttled-bare": "429 without Retry-After",
    "/flaky": "503 on the first request, then the feed",
    "/moved": "301 -> /ok", "/moved-308": "308 -> /ok", "/found": "302 -> /ok", "/temp": "307 -> /ok",
    "/moved-then-found": "301 -> /found (302) -> /ok", "/no-location": "301 without Location",
    "/loop": "302 -> itself", "/ping": "302 -> /pong -> /ping",
    "/hop/<n>": "302 -> /hop/<n+1>, for ever", "/to-ftp": "302 -> ftp://", "/to-file": "302 -> file://",
    "/gzip": "feed, Content-Encoding gzip", "/deflate": "feed, zlib deflate",
    "/raw-deflate": "feed, raw deflate stream", "/brotli": "bytes labelled Content-Encoding br",
    "/bad-gzip": "plain bytes labelled Content-Encoding gzip",
    "/bomb": "8 MB of zeros gzipped (about 8 KB on the wire)", "/deflate-bomb": "the same, deflate",
    "/huge": "endless chunked body", "/huge-declared": "Content-Length of 10 GB, then bytes",
    "/trickle": "body of 1000 bytes sent one byte per 50 ms",
    "/slow-headers": "status line and headers sent one byte per 50 ms, for ever",
    "/silent": f"accepts, never answers ({SILENT_SECONDS:g} s)",
    "/empty": "200 with an empty body", "/html": "200 text/html page", "/latin1": "latin-1 bytes labelled utf-8",
    "/slow": "the feed after 200 ms (for concurrency tests)", "/pdf": "a PDF document",
}


@dataclass(frozen=True)
class Static:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)


class _Faults(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: "_Server"

    def log_message(self, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = urlsplit(self.path).path or "/"   # absolute-form too: the server doubles as a forward proxy
        self.server.record(path, dict(self.headers))
        try:
            self._dispatch(path)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _dispatch(self, path: str) -> None:
        if path in self.server.static:
            route = self.server.static[path]
            if "ETag" in route.headers and self.headers.get("If-None-Match") == route.headers["ETag"]:
                return self._send(304, headers={"ETag": route.headers["ETag"]})
            return self._send(route.status, route.body, route.headers)
        if path.startswith("/hop/"):
            return self._redirect(302, f"/hop/{int(path.rsplit('/', 1)[1]) + 1}")
        name = "route_" + path.strip("/").replace("-", "_").replace("/", "_")
        getattr(self, name, self.route_missing)()

    def _send(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, status: int, location: str) -> None:
        self._send(status, headers={"Location": location})

    def _feed(self, validators: dict) -> None:
        etag_hit = "ETag" in validators and self.headers.get("If-None-Match") == validators["ETag"]
        date_hit = self.headers.get("If-Modified-Since") == validators.get("Last-Modified")
        if etag_hit or date_hit:
            return self._send(304, headers=validators)
        self._send(200, FEED, {"Content-Type": "application/rss+xml", **validators})

    # --- content and validators
    def route_ok(self):
        self._feed({"ETag": ETAG, "Last-Modified": LAST_MODIFIED, "Cache-Control": "public, max-age=600"})

    def route_lastmod(self):
        self._feed({"Last-Modified": LAST_MODIFIED})

    def route_empty(self):
        self._send(200, b"")

    def route_html(self):
        self._send(200, HTML_PAGE, {"Content-Type": "text/html; charset=utf-8"})

    def route_latin1(self):
        self._send(200, LATIN1_FEED, {"Content-Type": "application/rss+xml; charset=utf-8"})

    def route_pdf(self):
        self._send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" * 20, {"Content-Type": "application/pdf"})

    def route_slow(self):
        with self.server.working():   # left before answering, so the count never lags the client
            time.sleep(0.2)
        self._send(200, FEED)

    # --- status codes
    def route_missing(self):
        self._send(404, b"not here")

    def route_gone(self):
        self._send(410)

    def route_error(self):
        self._send(500)

    def route_busy(self):
        self._send(503, headers={"Retry-After": "1"})

    def route_busy_long(self):
        self._send(503, headers={"Retry-After": "3600"})

    def route_busy_date(self):
        when = datetime.now(timezone.utc) + timedelta(seconds=90)
        self._send(503, headers={"Retry-After": format_datetime(when, usegmt=True)})

    def route_throttled(self):
        self._send(429, headers={"Retry-After": "0"})

    def route_throttled_bare(self):
        self._send(429)

    def route_flaky(self):
        if self.server.hits["/flaky"] == 1:
            return self._send(503)
        self._send(200, FEED)

    # --- redirects
    def route_moved(self):
        self._redirect(301, "/ok")

    def route_moved_308(self):
        self._redirect(308, "/ok")

    def route_found(self):
        self._redirect(302, "/ok")

    def route_temp(self):
        self._redirect(307, "/ok")

    def route_moved_then_found(self):
        self._redirect(301, "/found")

    def route_no_location(self):
        self._send(301)

    def route_loop(self):
        self._redirect(302, "/loop")

    def route_ping(self):
        self._redirect(302, "/pong")

    def route_pong(self):
        self._redirect(302, "/ping")

    def route_to_ftp(self):
        self._redirect(302, "ftp://127.0.0.1/feed")

    def route_to_file(self):
        self._redirect(302, "file:///etc/passwd")

    # --- encodings and sizes
    def route_gzip(self):
        self._send(200, gzip.compress(FEED), {"Content-Encoding": "gzip"})

    def route_deflate(self):
        self._send(200, zlib.compress(FEED), {"Content-Encoding": "deflate"})

    def route_raw_deflate(self):
        packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
        self._send(200, packer.compress(FEED) + packer.flush(), {"Content-Encoding": "deflate"})

    def route_bad_gzip(self):
        self._send(200, FEED, {"Content-Encoding": "gzip"})

    def route_brotli(self):
        self._send(200, b"\x1b\x00\x00\x00not really brotli", {"Content-Encoding": "br"})

    def route_bomb(self):
        self._send(200, GZIP_BOMB, {"Content-Encoding": "gzip"})

    def route_deflate_bomb(self):
        self._send(200, DEFLATE_BOMB, {"Content-Encoding": "deflate"})

    def route_huge(self):
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"x" * 65536
        while not self.server.closing.is_set():
            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))

    def route_huge_declared(self):
        self.send_response(200)
        self.send_header("Content-Length", str(10 * 2**30))
        self.end_headers()
        chunk = b"x" * 65536
        while not self.server.closing.is_set():
            self.wfile.write(chunk)

    # --- slowness
    def route_trickle(self):
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        self.wfile.flush()
        for _ in range(1000):
            if self.server.closing.wait(0.05):
                return
            self.wfile.write(b"x")
            self.wfile.flush()

    def route_slow_headers(self):
        self.close_connection = True
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"x" * 60_000:
            if self.server.closing.wait(0.05):
                return
            self.wfile.write(bytes([byte]))
            self.wfile.flush()

    def route_silent(self):
        self.server.closing.wait(SILENT_SECONDS)
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # the default backlog of 5 drops connects when a run fetches dozens of routes at once: a dropped SYN
    # waits a second, which a 1 s connect timeout turns into a spurious failure (and uses up a retry)
    request_queue_size = 128

    def __init__(self, static: dict[str, Static]):
        super().__init__(("127.0.0.1", 0), _Faults)
        self.static = dict(static)
        self.hits: dict[str, int] = {}
        self.requests: list[tuple[str, dict, float]] = []
        self.in_flight = self.max_in_flight = 0
        self.closing = threading.Event()
        self._lock = threading.Lock()

    def record(self, path: str, headers: dict) -> None:
        with self._lock:
            self.hits[path] = self.hits.get(path, 0) + 1
            self.requests.append((path, headers, time.monotonic()))

    @contextmanager
    def working(self) -> Iterator[None]:
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            yield
        finally:
            with self._lock:
                self.in_flight -= 1


class Running:
    """What a test sees of the running server."""

    def __init__(self, server: _Server):
        self._server = server
        self.url = f"http://127.0.0.1:{server.server_address[1]}"

    @property
    def hits(self) -> dict[str, int]:
        return self._server.hits

    @property
    def requests(self) -> list[tuple[str, dict, float]]:
        return self._server.requests

    @property
    def max_in_flight(self) -> int:
        return self._server.max_in_flight

    def add(self, path: str, route: Static) -> None:
        self._server.static[path] = route


@contextmanager
def fault_server(static: dict[str, Static] | None = None) -> Iterator[Running]:
    server = _Server(static or {})
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Running(server)
    finally:
        server.closing.set()
        server.shutdown()
        server.server_close()
