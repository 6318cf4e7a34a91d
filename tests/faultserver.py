"""A misbehaving HTTP server on 127.0.0.1 for fetch tests: each path is one fault."""
from __future__ import annotations

import gzip
import threading
import time
import zlib
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

FEED = (b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        b"<item><title>Attaque</title><guid>g1</guid><description>Deux morts.</description></item>"
        b"</channel></rss>")


class _Faults(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    hits: dict[str, int] = {}

    def log_message(self, *args) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict | None = None) -> None:
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        self.hits[path] = self.hits.get(path, 0) + 1
        getattr(self, "route_" + path.strip("/").replace("-", "_"), self.route_missing)()

    def route_missing(self):
        self._send(404)

    def route_ok(self):
        if self.headers.get("If-None-Match") == '"v1"':
            self._send(304, headers={"ETag": '"v1"'})
        else:
            self._send(200, FEED, {"ETag": '"v1"', "Content-Type": "application/rss+xml",
                                   "Cache-Control": "max-age=600"})

    def route_gone(self):
        self._send(410)

    def route_error(self):
        self._send(500)

    def route_busy(self):
        self._send(503, headers={"Retry-After": "0"})

    def route_moved(self):
        self._send(301, headers={"Location": "/ok"})

    def route_loop(self):
        self._send(302, headers={"Location": "/loop"})

    def route_to_ftp(self):
        self._send(302, headers={"Location": "ftp://127.0.0.1/feed"})

    def route_gzip(self):
        self._send(200, gzip.compress(FEED), {"Content-Encoding": "gzip"})

    def route_deflate(self):
        self._send(200, zlib.compress(FEED), {"Content-Encoding": "deflate"})

    def route_bomb(self):
        self._send(200, gzip.compress(b"\0" * (8 * 2**20)), {"Content-Encoding": "gzip"})

    def route_huge(self):
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"x" * 65536
        try:
            for _ in range(10_000):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route_trickle(self):
        self.send_response(200)
        self.send_header("Content-Length", "1000")
        self.end_headers()
        try:
            for _ in range(1000):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.05)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def route_silent(self):
        time.sleep(5)

    def route_empty(self):
        self._send(200, b"")


class Running:
    def __init__(self, url: str, hits: dict):
        self.url, self.hits = url, hits


@contextmanager
def fault_server() -> Iterator[Running]:
    handler = type("Faults", (_Faults,), {"hits": {}})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Running(f"http://127.0.0.1:{server.server_address[1]}", handler.hits)
    finally:
        server.shutdown()
        server.server_close()
