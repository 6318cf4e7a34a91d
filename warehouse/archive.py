"""Raw archive (bronze): exactly what each server sent, gzipped, written before parsing.

Next to each payload, `<fetch_id>.json` keeps how it was fetched (the URL after
redirects, the Content-Type header, the configured language): the parser needs
them to read the bytes as ingest did (relative links, a charset named only in
the header), so reprocess derives the same stories.
"""
from __future__ import annotations

import gzip
import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

from .layout import Layout

FETCH_ID = re.compile(r"^(\d{8}T\d{6}Z)-[0-9a-f]+$")


@dataclass(frozen=True)
class FetchMeta:
    url: str                        # the feed URL the body came from, after redirects ("" when unknown)
    content_type: str | None = None
    lang: str | None = None         # the feed's configured language hint


@dataclass(frozen=True)
class RawPayload:
    feed: str
    fetch_id: str
    day: date
    path: Path

    def read(self) -> bytes:
        return gzip.decompress(self.path.read_bytes())

    def meta(self) -> FetchMeta:
        """How the payload was fetched; archives written before the sidecar existed give FetchMeta("")."""
        try:
            return FetchMeta(**json.loads(_meta_path(self.path.parent, self.fetch_id).read_text(encoding="utf-8")))
        except FileNotFoundError:
            return FetchMeta("")

    @property
    def fetched_at(self) -> datetime:
        stamp = self.fetch_id.split("-")[0]
        return datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)


def archive_raw(layout: Layout, feed: str, fetch_id: str, fetched_at: datetime, body: bytes,
                meta: FetchMeta | None = None) -> Path:
    """Write the metadata, then the payload, each atomically (temp name, fsync, rename); returns the payload's path."""
    folder = layout.raw / feed / fetched_at.strftime("%Y-%m-%d")
    folder.mkdir(parents=True, exist_ok=True)
    if meta is not None:
        _write_atomic(_meta_path(folder, fetch_id), json.dumps(vars(meta), ensure_ascii=False).encode())
    final = folder / f"{fetch_id}.xml.gz"
    _write_atomic(final, gzip.compress(body, mtime=0))
    return final


def _meta_path(folder: Path, fetch_id: str) -> Path:
    return folder / f"{fetch_id}.json"


def _write_atomic(final: Path, data: bytes) -> None:
    tmp = final.parent / f".{final.name}.tmp"
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, final)


def iter_raw(layout: Layout, since: date | None = None, until: date | None = None) -> Iterator[RawPayload]:
    """Archived payloads in fetch order, optionally limited to fetch days [since, until]."""
    found = []
    for path in layout.raw.glob("*/*/*.xml.gz"):
        fetch_id = path.name[: -len(".xml.gz")]
        if not FETCH_ID.match(fetch_id):
            continue
        day = date.fromisoformat(path.parent.name)
        if (since and day < since) or (until and day > until):
            continue
        found.append(RawPayload(feed=path.parent.parent.name, fetch_id=fetch_id, day=day, path=path))
    return iter(sorted(found, key=lambda p: (p.fetch_id, p.feed)))
