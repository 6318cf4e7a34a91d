"""Canonical URLs: one spelling per article, tracking parameters removed."""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_", "mc_", "at_", "pk_", "piwik_")
TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "xtor", "ref", "ref_src", "cmpid", "ito",
                      "ocid", "igshid", "yclid", "_ga", "smid", "cid"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    parts = urlsplit(url.strip())
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    netloc = host if parts.port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{parts.port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if k.lower() not in TRACKING and not k.lower().startswith(TRACKING_PREFIXES))
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))
