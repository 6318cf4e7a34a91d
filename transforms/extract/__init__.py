"""Incident extraction: deterministic, explainable, language knowledge in data/ files.

    extract(title, text, published, lang=None) -> Extraction
    prediction(story_id, extraction) -> dict      # incident-schema.md prediction format
"""
from __future__ import annotations

from datetime import datetime

from transforms.lang import detect_lang
from transforms.models import Extraction, Incident

from .assemble import aggregate, group, is_incident, to_incident, unit, vetoed_title
from .dates import find_date, strip_dateline
from .places import find_countries
from .sentences import split

EXTRACTOR_VERSION = "0.1.0"


def extract(title: str, text: str, published: datetime, lang: str | None = None) -> Extraction:
    title, text = _spaces(title), _spaces(text)
    lang = lang if lang in ("fr", "en") else detect_lang(f"{title}\n{text}")
    full = f"{title}\n{strip_dateline(text)}"
    if vetoed_title(title):
        return Extraction(lang=lang, attack=False, extractor_version=EXTRACTOR_VERSION)
    sentences = split(full, title_end=len(title))
    aggregates, units, previous_period, previous_date = [], [], None, None
    for sentence in sentences:
        agg = aggregate(sentence, published, previous_period)
        if agg:
            aggregates.append(agg)
            previous_period = (agg.period_start, agg.period_end)
        elif is_incident(sentence, published):
            u = unit(sentence, lang, published, previous_date)
            previous_date = u.date.value if u.date and u.date.value else previous_date
            units.append(u)
    incidents = _incidents(units, sentences, full, published, lang)
    return Extraction(lang=lang, attack=bool(incidents), incidents=tuple(incidents + aggregates),
                      extractor_version=EXTRACTOR_VERSION)


def _spaces(value: str) -> str:
    """No-break and narrow spaces as plain spaces (same length, so offsets stay true)."""
    return value.replace("\u00a0", " ").replace("\u202f", " ")


def _incidents(units, sentences, full: str, published: datetime, lang: str) -> list[Incident]:
    if not units:
        return []
    lead = next((s for s in sentences if not s.is_title), None)
    story_date = find_date(lead.text, published) if lead else None
    countries = find_countries(full)
    return [to_incident(d, story_date, countries, published, lang) for d in group(units)]


def prediction(story_id: str, extraction: Extraction) -> dict:
    return {"id": story_id, "lang": extraction.lang, "attack": extraction.attack,
            "incidents": [_incident_dict(i) for i in extraction.incidents] if extraction.attack else []}


def _incident_dict(i: Incident) -> dict:
    return {
        "kind": i.kind, "event_type": i.event_type, "date": i.date.isoformat() if i.date else None,
        "country": i.country, "location": i.location, "actor1": i.actor1, "actor2": i.actor2,
        "weapon": i.weapon, "killed": i.killed.as_dict() if i.killed else None,
        "injured": i.injured.as_dict() if i.injured else None,
        "count": i.count.as_dict() if i.count else None,
        "period_start": i.period_start.isoformat() if i.period_start else None,
        "period_end": i.period_end.isoformat() if i.period_end else None,
    }
