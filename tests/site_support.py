"""Serve story fixtures as a news site on 127.0.0.1 for flow tests (real HTTP, no mocks)."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from flows.demo_site import build_site, serve_site


@contextmanager
def news_site(stories: list[dict]) -> Iterator[str]:
    """Serve `stories` as feeds + article pages; yields the base URL."""
    with serve_site(lambda base: build_site(stories, base)) as base:
        yield base
