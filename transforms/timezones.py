"""Entry timestamps in UTC, including the zone names feedparser gets wrong."""
from __future__ import annotations

import calendar
import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_tz

# French and common English abbreviations feedparser does not know (it reads them as UTC).
ZONES = {"HAEC": 2, "HNEC": 1, "HEC": 1, "HAE": -4, "HNE": -5, "CEST": 2, "CET": 1, "BST": 1,
         "EEST": 3, "EET": 2, "WEST": 1, "WET": 0, "IST": 5.5, "MSK": 3}
TRAILING_ZONE = re.compile(r"\s([A-Z]{3,4})\s*$")


def entry_datetime(entry) -> datetime | None:
    for key in ("published", "updated", "created"):
        raw = entry.get(key)
        if raw:
            fixed = _with_known_zone(raw)
            if fixed:
                return fixed
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
    return None


def _with_known_zone(raw: str) -> datetime | None:
    match = TRAILING_ZONE.search(raw)
    if not match or match.group(1) not in ZONES:
        return None
    parts = parsedate_tz(raw[: match.start()] + " +0000")
    if not parts:
        return None
    naive = datetime(*parts[:6], tzinfo=timezone.utc)
    return naive - timedelta(hours=ZONES[match.group(1)])
