"""Feed configuration: a YAML file listing the feeds to poll.

A bad file stops everything before any fetch, with one line naming the file,
the feed and the problem, so nothing half-configured is ever written.
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from transforms.models import FeedConfig

NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
KEYS = {"name", "url", "lang", "fetch_article"}
LANGS = {"fr", "en"}


class ConfigError(Exception):
    """The feed configuration is unusable; the message is one readable line."""


def load_feeds(path: str | Path) -> list[FeedConfig]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such feed file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    return parse_feeds(text, source=str(path))


def parse_feeds(text: str, source: str = "<feeds>") -> list[FeedConfig]:
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" line {where.line + 1}" if where else ""
        raise ConfigError(f"{source}:{line} not valid YAML: {getattr(exc, 'problem', exc)}") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("feeds"), list):
        raise ConfigError(f"{source}: expected a mapping with a 'feeds:' list")
    unknown_top = set(doc) - {"feeds"}
    if unknown_top:
        raise ConfigError(f"{source}: unknown top-level key {sorted(unknown_top)[0]!r}")
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    for n, item in enumerate(doc["feeds"], 1):
        feed = _feed(item, n, source)
        if feed.name in seen:
            raise ConfigError(f"{source}: feed {feed.name!r}: duplicate name")
        seen.add(feed.name)
        feeds.append(feed)
    if not feeds:
        raise ConfigError(f"{source}: the 'feeds:' list is empty")
    return feeds


def _feed(item: object, n: int, source: str) -> FeedConfig:
    if not isinstance(item, dict):
        raise ConfigError(f"{source}: feed #{n}: expected a mapping with name and url")
    label = f"feed {item.get('name')!r}" if item.get("name") else f"feed #{n}"
    unknown = set(item) - KEYS
    if unknown:
        raise ConfigError(f"{source}: {label}: unknown key {sorted(unknown)[0]!r}")
    name, url = item.get("name"), item.get("url")
    if not isinstance(name, str) or not NAME.match(name):
        raise ConfigError(f"{source}: {label}: name must be lowercase letters, digits and dashes")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https") or not urlsplit(url).netloc:
        raise ConfigError(f"{source}: {label}: url must be an http(s) URL, got {url!r}")
    lang = item.get("lang")
    if lang is not None and lang not in LANGS:
        raise ConfigError(f"{source}: {label}: lang must be 'fr' or 'en', got {lang!r}")
    fetch_article = item.get("fetch_article", False)
    if not isinstance(fetch_article, bool):
        raise ConfigError(f"{source}: {label}: fetch_article must be true or false")
    return FeedConfig(name=name, url=url, lang=lang, fetch_article=fetch_article)
