"""`wirewatch extract --explain`: per sentence, its role, the incident it went into and what decided,
then the incidents and tallies with where their numbers came from."""
from __future__ import annotations

from datetime import datetime

from transforms.models import Incident, Range

WIDTH = 96


def explanation_text(story_id: str, published: datetime, explanation) -> str:
    lines = [f"story {story_id} ({explanation.extraction.lang}, published {published:%Y-%m-%d %H:%M %A}, "
             f"extractor {explanation.extraction.extractor_version})"]
    number = {}
    for n, role in enumerate(explanation.roles):
        label = "title" if role.sentence.is_title else f"s{n}"
        number[role.sentence.start] = label
        went = [j for j in explanation.joined if role.sentence.start <= j.reading.sentence.start < role.sentence.end]
        where = ", ".join(sorted({f"#{j.incident + 1}" if j.incident >= 0 else "-" for j in went}))
        lines.append(f"  {label:>5}  {role.role:<10} {where:<6} {_clip(role.sentence.text)}")
        lines.append(f"  {'':>5}  {'':<10} {'':<6} why: {role.why}")
        for j in went:
            target = f"#{j.incident + 1}" if j.incident >= 0 else "no incident"
            lines.append(f"  {'':>5}  {'':<10} {'':<6} -> {target}: {j.why}; read {_reading(j.reading)}")
    incidents = [i for i in explanation.extraction.incidents if i.kind == "incident"]
    tallies = [i for i in explanation.extraction.incidents if i.kind == "aggregate"]
    lines.append(f"  attack: {explanation.extraction.attack}; {len(incidents)} incident(s), {len(tallies)} tally(ies)")
    for k, i in enumerate(incidents, 1):
        lines.append(f"  #{k} {_incident(i)}")
        sources = sorted({number.get(s, "?") for s, _ in i.evidence_spans if s in number}
                         | {_sentence_of(s, number) for s, _ in i.evidence_spans})
        lines.append(f"     from {', '.join(x for x in sources if x)}; casualty phrases: "
                     f"{'; '.join(i.casualty_phrases) or 'none'}")
    for t in tallies:
        lines.append(f"  tally: {_range(t.count)} {t.event_type or 'attacks'} from {t.period_start} to {t.period_end}")
    return "\n".join(lines) + "\n"


def _sentence_of(start: int, number: dict[int, str]) -> str:
    """The label of the sentence a clause starting at `start` belongs to."""
    before = [s for s in number if s <= start]
    return number[max(before)] if before else ""


def _reading(r) -> str:
    parts = [r.event_type or "no type", r.weapon or "no weapon",
             str(r.date.value) if r.date and r.date.value else "no day",
             r.place.name if r.place else "no place",
             f"killed {_range(r.killed)}" if r.killed else "", f"injured {_range(r.injured)}" if r.injured else "",
             "revised toll" if r.update else "", "summary" if r.summary else "",
             f"linked clause, {r.linked:+d} day(s)" if r.linked is not None else ""]
    return ", ".join(p for p in parts if p)


def _incident(i: Incident) -> str:
    return (f"{i.event_type} on {i.date} in {i.location or '?'} ({i.country or '?'}, {i.geo_precision or 'no place'}); "
            f"actor1 {i.actor1 or '-'}, actor2 {i.actor2 or '-'}, weapon {i.weapon or '-'}, "
            f"killed {_range(i.killed)}, injured {_range(i.injured)}")


def _range(r: Range | None) -> str:
    if r is None:
        return "unknown"
    if r.max == r.min:
        return str(r.min)
    return f"{r.min}..{'' if r.max is None else r.max}"


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= WIDTH else text[:WIDTH - 1] + "…"
