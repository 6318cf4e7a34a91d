"""Canonical URLs: one spelling per article, tracking parameters removed.

Only parameters that never identify an article are dropped (campaign, click and newsletter tags);
anything else stays, sorted, so two links to the same page compare equal and two pages never merge.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_", "mc_", "at_", "pk_", "piwik_", "matomo_", "hsa_", "_hs")
TRACKING = frozenset({"fbclid", "gclid", "gclsrc", "dclid", "msclkid", "twclid", "ttclid", "yclid", "igshid",
                      "xtor", "xtref", "ref", "ref_src", "referrer", "cmpid", "ito", "ocid", "_ga", "_gl", "smid",
                      "mkt_tok", "wt.mc_id", "ns_mchannel", "ns_source", "ns_campaign", "ns_linkname",
                      "ns_fee", "soc_src", "soc_trk"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """Scheme and host lowercased, default port, fragment and tracking parameters dropped, query sorted."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k))
    path = parts.path or ("/" if parts.netloc else "")
    return urlunsplit((scheme, _netloc(parts, scheme), path, urlencode(query), ""))


def is_tracking(name: str) -> bool:
    key = name.lower()
    return key in TRACKING or key.startswith(TRACKING_PREFIXES)


def _netloc(parts, scheme: str) -> str:
    host = (parts.hostname or "").rstrip(".")
    host = f"[{host}]" if ":" in host else host
    try:
        port = parts.port
    except ValueError:        # "host:abc": keep what was written rather than guess
        return parts.netloc.lower()
    return host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"


def without_credentials(url: str) -> str:
    """The URL without its user:password, otherwise as written: for logs, messages, `fetches` and the archive.

    The netloc is cut at its last '@' rather than rebuilt from the parsed host and port, so a malformed port
    cannot turn a log line into an exception.
    """
    parts = urlsplit(url)
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2])) if "@" in parts.netloc else url
