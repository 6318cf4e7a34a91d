"""Serve a folder as static files on 127.0.0.1 (a plain well-behaved web server) for ingestion tests."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator
from urllib.parse import quote


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128   # the default backlog of 5 drops connections when 16 fetches start at once


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Yields the base URL; a file's URL is base + "/" + feed_path(file, folder)."""
    server = _Server(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def feed_path(file: Path, folder: Path) -> str:
    return quote(file.relative_to(folder).as_posix())
