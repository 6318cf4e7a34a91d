"""Incident extraction: deterministic, explainable, language knowledge in data/ files.

    extract(title, text, published, lang=None) -> Extraction
    prediction(story_id, extraction) -> dict      # incident-schema.md prediction format

Pipeline: sentences (sentences.py) -> violent sentences as news (triggers.py) -> what each says:
type, weapon, date (dates.py), place (where.py), casualties (casualties.py, numbers.py) ->
grouped into incidents (assemble.py) with actors (roles.py); tallies as aggregates (aggregates.py).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from transforms.lang import detect_lang
from transforms.models import Extraction, Incident

from .aggregates import aggregate, is_follow_up
from .assemble import group, to_incident, unit
from .dates import dateline_place, find_date, strip_dateline
from .sentences import split
from .several import apart, clauses, shifted_date
from .triggers import claims_it, classify, nobody_hurt, off_topic, vetoed_title
from .roles import lone_attacker, mentions_in, roles, stands_for
from .where import story_where as locate_story

EXTRACTOR_VERSION = "0.3.3"


def extract(title: str, text: str, published: datetime, lang: str | None = None) -> Extraction:
    """Incidents a story reports; `published` must be timezone-aware (relative dates use its own offset)."""
    if published.tzinfo is None:
        raise ValueError("published must be timezone-aware")
    title, text = _spaces(title), _spaces(text)
    lang = lang if lang in ("fr", "en") else detect_lang(f"{title}\n{text}")
    full = f"{title}\n{strip_dateline(text)}"
    if vetoed_title(title):
        return Extraction(lang=lang, attack=False, extractor_version=EXTRACTOR_VERSION)
    sentences = split(full, title_end=len(title))
    aggregates, violent, period, last_was_tally = [], [], None, False
    context = None   # a body sentence whose trigger is sport, cyber, medical... ("l'attaque du PSG")
    for n, sentence in enumerate(sentences):
        agg = aggregate(sentence, published, period)
        if agg and not any((a.count, a.period_start, a.period_end) == (agg.count, agg.period_start, agg.period_end)
                           for a in aggregates):   # the title and the body telling the same tally
            aggregates.append(agg)
        if agg:
            period, last_was_tally = (agg.period_start, agg.period_end), True
            continue
        if last_was_tally and is_follow_up(sentence):
            continue
        last_was_tally = False
        found, veto = classify(sentence.text, published)
        context = context or (None if sentence.is_title else veto)
        if found is not False:
            violent.append((sentence, found))
        elif violent and not veto and _said_of_it(sentence.text, violent[-1][0] is sentences[n - 1]):
            violent.append((sentence, None))   # "There were no casualties.", "TTP claimed responsibility."
    if violent and all(s.is_title for s, _ in violent) and (context or _off_topic(sentences)):
        violent = []   # the title's "attack" is the body's sport/cyber/medical one
    incidents = _incidents(violent, sentences, full, published, lang, dateline_place(text))
    aggregates = [a for a in aggregates if not _counts_its_own(a, incidents)]
    return Extraction(lang=lang, attack=bool(incidents), incidents=tuple(incidents + aggregates),
                      extractor_version=EXTRACTOR_VERSION)


def _counts_its_own(tally: Incident, incidents: list[Incident]) -> bool:
    """'Deux attaques séparées à Kolofata en une journée' over a story that tells both: the count sums up
    the story's own incidents (all dated inside its period), it is no tally of further attacks."""
    dated = [i.date for i in incidents if i.date]
    return (len(incidents) >= 2 and tally.count.min == tally.count.max == len(incidents) == len(dated)
            and all(tally.period_start <= d <= tally.period_end for d in dated))


def _said_of_it(text: str, next_to_it: bool) -> bool:
    """Said of the incident told before: a claim wherever it comes, 'nobody was hurt' right after it."""
    return claims_it(text) or next_to_it and nobody_hurt(text)


def _off_topic(sentences) -> bool:
    """A body that speaks of sport, cyber, health, animals, trials or memory, trigger word or not
    ('Bayern beat Dortmund 4-0' under 'Bayern's attack too strong')."""
    return any(off_topic(s.text) for s in sentences if not s.is_title)


def _spaces(value: str) -> str:
    """No-break and narrow spaces as plain spaces (same length, so offsets stay true)."""
    return value.replace("\u00a0", " ").replace("\u202f", " ")


def _incidents(violent, sentences, full: str, published: datetime, lang: str, dateline: str) -> list[Incident]:
    if not violent:
        return []
    lead = next((s for s in sentences if not s.is_title), None)
    story_date = find_date(lead.text, published) if lead else None
    story_where = locate_story(full, lang, dateline)   # found once per story, shared out by sentence
    actors = mentions_in(full, lang)
    units, previous_date = [], None
    for sentence, found in violent:
        (main, _), *linked = clauses(sentence)   # "..., a day after gunmen killed five": two incidents
        u = unit(main, lang, published, previous_date, story_where, found, actors)
        previous_date = u.date.value if u.date and u.date.value else previous_date
        units.extend(apart(u))   # "killing nine and six people respectively": two incidents
        for part, days in linked:
            other = unit(part, lang, published, None, story_where, None, actors)
            units.append(replace(other, date=shifted_date(u.date or story_date, published.date(), days)))
    out: list[Incident] = []
    for draft in group(units):
        out.append(to_incident(draft, out[-1] if out else None, story_date, story_where, published, lang))
    if len({i.event_type for i in out}) > 1:
        return out   # a strike and the retaliation: the title's actor is one side's only
    perpetrator, _ = roles([(u.sentence.text, u.actors) for u in units if u.summary or u.sentence.is_title])
    return [_inherit(i, perpetrator or lone_attacker(actors)) for i in out]


def _inherit(incident: Incident, perpetrator: str | None) -> Incident:
    """An incident whose sentences name nobody acting, in a story telling one kind of incident, was done
    by whoever the title or the summary names ('Gunmen killed 14 in attacks on three villages... Hours
    later, four were killed in Butura')."""
    if not perpetrator or perpetrator == incident.actor2 or incident.actor1 and not stands_for(perpetrator, incident.actor1):
        return incident   # a bare 'fighters' is the group the title or summary names
    return replace(incident, actor1=perpetrator)


def prediction(story_id: str, extraction: Extraction) -> dict:
    """The schema's prediction JSON for one story."""
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
