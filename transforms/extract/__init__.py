"""Incident extraction: deterministic, explainable, language knowledge in data/ files.

    extract(title, text, published, lang=None) -> Extraction
    explain(title, text, published, lang=None) -> Explanation    # the same, with every decision
    rule_roles(title, text, published, lang=None) -> roles         # stage 1 by the rules alone (role model's input)
    prediction(story_id, extraction) -> dict                      # incident-schema.md prediction format

One stage per module, each trusting the one before:

    sentences.py   the title and the sentences, with offsets; the dateline blanked
    roles.py       each sentence's role: incident, detail, revision, claim, aftermath, reaction, tally,
                   background, other (role_model.py: the learned model that may make an incident background)
    reading.py     what each sentence about an incident says: type, weapon, date, place, tolls, actors
                   (several.py splits a sentence telling two incidents)
    grouping.py    readings grouped into incidents
    fields.py      each incident's fields (sides.py: who acted and who was hit; where.py: place, country)
    tolls.py       killed and injured from the figures stated
    aggregates.py  tallies of attacks over a period
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from transforms.lang import detect_lang
from transforms.models import Extraction, Incident

from .dates import dateline_place, find_date, strip_dateline
from .fields import incident
from .grouping import Joined, group, substantial
from .memo import forget
from .reading import StoryContext, readings
from .roles import ABOUT_AN_INCIDENT, Role, assign, gated
from .sentences import split
from .sides import known_by_the_act, lone_attacker, mentions_in, roles as sides_of, stands_for
from .where import story_where as locate_story

EXTRACTOR_VERSION = "0.7.0"


@dataclass(frozen=True)
class Explanation:
    extraction: Extraction
    roles: tuple[Role, ...]          # one per sentence, in story order
    joined: tuple[Joined, ...]       # one per reading: the incident it went into, and why


def extract(title: str, text: str, published: datetime, lang: str | None = None) -> Extraction:
    """Incidents a story reports; `published` must be timezone-aware (relative dates use its own offset)."""
    return explain(title, text, published, lang).extraction


def explain(title: str, text: str, published: datetime, lang: str | None = None, model: bool = True) -> Explanation:
    """`model` False: the rules alone decide the roles (the role model's gate off, as when it was trained)."""
    lang, full, sentences, story_where, roles = _first_stage(title, text, published, lang)
    roles = gated(roles, published, lang) if model else roles
    tallies = _tallies(roles)
    incidents, joined = _incidents(roles, sentences, full, published, lang, story_where)
    tallies = [a for a in tallies if not _counts_its_own(a, incidents)]
    extraction = Extraction(lang=lang, attack=bool(incidents), incidents=tuple(incidents + tallies),
                            extractor_version=EXTRACTOR_VERSION)
    return Explanation(extraction, tuple(_settled(roles, joined)), tuple(joined))


def rule_roles(title: str, text: str, published: datetime, lang: str | None = None) -> list[Role]:
    """Stage 1 by the rules alone, before the role model's gate and before grouping settles an incident told
    again as a detail: the roles the gate sees, so the ones benchmarks/roles/train.py learns from."""
    return _first_stage(title, text, published, lang)[-1]


def _first_stage(title: str, text: str, published: datetime, lang: str | None):
    if published.tzinfo is None:
        raise ValueError("published must be timezone-aware")
    forget()
    title, text = _spaces(title), _spaces(text)
    lang = lang if lang in ("fr", "en") else detect_lang(f"{title}\n{text}")
    full = f"{title}\n{strip_dateline(text)}"
    sentences = split(full, title_end=len(title))
    story_where = _Once(lambda: locate_story(full, lang, dateline_place(text)))   # only for stories with violence
    return lang, full, sentences, story_where, assign(sentences, published, story_where)


def _settled(roles: list[Role], joined: list[Joined]) -> list[Role]:
    """An incident sentence that joined an incident told before it is a detail of that incident."""
    out = []
    for role in roles:
        first = next((j for j in joined if j.reading.sentence.start == role.sentence.start), None)
        if first is not None and first.incident < 0:
            role = replace(role, role="other", why=f"{role.why}; {first.why.split('; ')[-1]}")
        elif role.role == "incident" and first is not None and not first.opened and not role.sentence.is_title:
            role = replace(role, role="detail", why=f"{role.why}; {first.why}")
        out.append(role)
    return out


class _Once:
    """A value computed when first asked, then kept."""

    def __init__(self, make):
        self._make, self._value, self._made = make, None, False

    def __call__(self):
        if not self._made:
            self._value, self._made = self._make(), True
        return self._value


def _tallies(roles: list[Role]) -> list[Incident]:
    """Each tally once: the title and the body telling the same count are one (unless they tell different tolls:
    '224 dead in Iran since Friday', '24 killed so far in Israel')."""
    out: list[Incident] = []
    for r in roles:
        a = r.tally
        if a and not any((b.count, b.period_start, b.period_end) == (a.count, a.period_start, a.period_end)
                         and _same_toll(a.killed, b.killed) for b in out):
            out.append(a)
    return out


def _same_toll(a, b) -> bool:
    return a is None or b is None or a.min == b.min


def _incidents(roles: list[Role], sentences, full: str, published: datetime, lang: str,
               story_where) -> tuple[list[Incident], list[Joined]]:
    about = [r for r in roles if r.role in ABOUT_AN_INCIDENT]
    if not about:
        return [], []
    lead = next((s for s in sentences if not s.is_title), None)
    story = StoryContext(published, lang, story_where(), tuple(mentions_in(full, lang)),
                         find_date(lead.text, published) if lead else None, full)
    units, previous = [], None
    for r in about:
        found = readings(r.sentence, r.role, r.date, previous, story)
        own = found[0]
        previous = own.date.value if own.date and own.date.value else previous
        units.extend(found)
    drafts, joined = substantial(*group(units))
    out: list[Incident] = []
    for draft in drafts:
        out.append(incident(draft, out[-1] if out else None, story))
    if len({i.event_type for i in out}) > 1:
        # a strike and the retaliation: the title's actor is that of the incidents of the title's own type only
        # ('Ten killed in Israel by Iranian missiles as both sides trade strikes': the missiles that hit homes)
        titles = [u for u in units if u.sentence.is_title and u.event_type and not u.weak_type]
        perpetrator, _ = sides_of([(u.sentence.text, u.actors) for u in titles])
        return [_inherit(i, perpetrator) if i.event_type == titles[0].event_type else i for i in out] \
            if titles else out, joined
    perpetrator, _ = sides_of([(u.sentence.text, u.actors) for u in units if u.summary or u.sentence.is_title])
    return [_inherit(i, perpetrator or lone_attacker(list(story.actors))) for i in out], joined


def _counts_its_own(tally: Incident, incidents: list[Incident]) -> bool:
    """'Deux attaques séparées à Kolofata en une journée' over a story that tells both: the count sums up
    the story's own incidents (all dated inside its period), it is no tally of further attacks."""
    dated = [i.date for i in incidents if i.date]
    return (len(incidents) >= 2 and tally.count.min == tally.count.max == len(incidents) == len(dated)
            and all(tally.period_start <= d <= tally.period_end for d in dated))


def _spaces(value: str) -> str:
    """No-break and narrow spaces as plain spaces (same length, so offsets stay true)."""
    return value.replace("\u00a0", " ").replace("\u202f", " ")


def _inherit(incident: Incident, perpetrator: str | None) -> Incident:
    """An incident whose sentences name nobody acting, in a story telling one kind of incident, was done
    by whoever the title or the summary names ('Gunmen killed 14 in attacks on three villages... Hours
    later, four were killed in Butura')."""
    if not perpetrator or perpetrator == incident.actor2 or incident.actor1 and not stands_for(perpetrator, incident.actor1) \
            or known_by_the_act(perpetrator):
        return incident
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
