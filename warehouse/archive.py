"""Raw archive (bronze): exactly what each server sent, gzipped, written before parsing."""
from __future__ import annotations

import gzip
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterator

from .layout import Layout

FETCH_ID = re.compile(r"^(\d{8}T\d{6}Z)-[0-9a-f]+$")


@dataclass(frozen=True)
class RawPayload:
    feed: str
    fetch_id: str
    day: date
    path: Path

    def read(self) -> bytes:
        return gzip.decompress(self.path.read_bytes())

    @property
    def fetched_at(self) -> datetime:
        stamp = self.fetch_id.split("-")[0]
        return datetime.strptime(stamp, "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)


def archive_raw(layout: Layout, feed: str, fetch_id: str, fetched_at: datetime, body: bytes) -> Path:
    """Write the payload atomically (temp name, fsync, rename); returns its path."""
    folder = layout.raw / feed / fetched_at.strftime("%Y-%m-%d")
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"{fetch_id}.xml.gz"
    tmp = folder / f".{fetch_id}.tmp"
    with open(tmp, "wb") as fh:
        fh.write(gzip.compress(body, mtime=0))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, final)
    return final


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
