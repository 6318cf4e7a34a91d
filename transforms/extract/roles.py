"""Stage 1 of extraction: the role of each sentence in its story, decided once, with the rule that decided.

    incident    tells a violent incident as news (grouping.py decides whether it opens a new incident
                or tells one already open again: then it becomes a detail)
    detail      more about an incident told: "the attack", "nobody was hurt"
    revision    a revised toll: "le bilan s'est alourdi à 14 morts"
    claim       responsibility claimed or laid: "ISWAP claimed the attack"
    aftermath   what followed: the wounded taken to hospital
    reaction    what people said of it
    tally       a count of attacks over a period: "plus de 60 attaques depuis le 17 octobre"
    background  older events told as context: "last month", a year, "already"
    other       no violence, or violence in another sense: sport, cyber, medicine, trials, threats

Every later stage trusts the role; the rules' words live in data/lexicon.yaml.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from transforms.models import Incident

from . import role_model
from .aggregates import PERIOD, aggregate, at_once, by_ordinal, is_follow_up
from .casualties import casualties, is_toll_update
from .dates import DateFound
from .sentences import Sentence
from .triggers import (Violence, accident_cause, aftermath, claims_it, deliberate, event_type, nobody_hurt, off_topic, refers_back,
                       vetoed_title, violence)
from .reading import DENIAL
from .where import Where, plausible, within

ROLES = ("incident", "detail", "revision", "claim", "aftermath", "reaction", "tally", "background", "other")
ABOUT_AN_INCIDENT = ("incident", "detail", "revision", "claim", "aftermath")


@dataclass(frozen=True)
class Role:
    sentence: Sentence
    role: str
    why: str                            # the rule that decided, in words
    date: DateFound | None = None       # the date the sentence names for its event
    tally: Incident | None = None       # the count, for a tally
    context: str | None = None          # for other: the sense its violence word has ("sport", "cyber"...)


def assign(sentences: list[Sentence], published: datetime, story_where: Callable[[], Where]) -> list[Role]:
    """Each sentence's role, in story order; `story_where()` gives the story's places (found when first asked)."""
    title = next((s for s in sentences if s.is_title), None)
    if title is not None and vetoed_title(title.text):
        return [Role(s, "other", "the title speaks of sport, cyber, health, trials, memory or diplomacy")
                for s in sentences]
    out: list[Role] = []
    period, context = None, None   # the last tally's period; a body sentence's veto context ("l'attaque du PSG")
    for sentence in sentences:
        role, period = _role(sentence, published, period, out, story_where)
        context = context or (None if sentence.is_title else role.context)
        out.append(role)
    return _explosion_of_an_accident(_story_of_another_kind(_title_of_another_kind(out, context)))


def gated(roles: list[Role], published: datetime, lang: str, model: role_model.Model | None = None) -> list[Role]:
    """The learned model's second opinion (role_model.py) on each body sentence from the fourth on that the rules
    call an incident or a detail: when it puts P(background, other, reaction or tally) at its threshold or above,
    the sentence is background ('Such attacks are rarely claimed' after an older attack). Its features use the
    rules' role of the sentence before, as in training; `why` keeps the rules' reason beside the model's."""
    model = model or role_model.load()
    out, untitled = [], bool(roles) and not roles[0].sentence.is_title
    for n, role in enumerate(roles):
        position = n + untitled   # the title's place counts, as in training
        if role.role in ("incident", "detail") and position >= role_model.GATED_FROM and role.tally is None:
            role = _second_opinion(role, position, roles[n - 1].role, published, lang, model)
        out.append(role)
    return out


def _second_opinion(role: Role, position: int, previous: str | None, published: datetime, lang: str,
                    model: role_model.Model) -> Role:
    found = role_model.features(role.sentence.text, False, position, previous, published, lang)
    p = role_model.predict(found, role_model.NOT_AN_INCIDENT, model, top=0).p(role_model.NOT_AN_INCIDENT)
    if not (model.gate and p >= model.threshold):   # a new Role: dataclasses.replace costs ~1% of extraction here
        said = f"model P(not an incident)={_floor(p)}" + \
            (f", under {model.threshold:.2f}" if model.gate else " (gate off)")
        return Role(role.sentence, role.role, f"{role.why}; {said}", role.date, role.tally, role.context)
    top = role_model.predict(found, role_model.NOT_AN_INCIDENT, model).top   # its reasons, only when it decides
    said = ", ".join(f"'{f}'" for f in top)
    return replace(role, role="background", why=f"model P(not an incident)={_floor(p)}: {said}; "
                                                 f"the rules said {role.role}: {role.why}")


def _floor(p: float) -> str:
    """0.548 as '0.54', never as the '0.55' of a threshold it is under."""
    return f"{int(p * 100) / 100:.2f}"


def _role(sentence: Sentence, published: datetime, period, before: list[Role], story_where) -> tuple[Role, tuple]:
    text = sentence.text
    tally = aggregate(sentence, published, period, before[-1].sentence.text if before else "")
    if tally and not ((by_ordinal(tally) or at_once(tally)) and _tolled(text)):
        return Role(sentence, "tally", "a count of attacks over a period", tally=tally), \
            (tally.period_start, tally.period_end)
    if before and before[-1].role == "tally" and is_follow_up(sentence):
        return Role(sentence, "tally", "speaks of the tally just before"), period
    # the tally's own period ('depuis le début de l'année') does not make its incident background
    verdict = violence(_without_period(text) if tally else text, published)
    told = any(r.role in ABOUT_AN_INCIDENT for r in before)
    if not verdict.news:
        return _not_news(sentence, verdict, before, told), period
    role = _about_an_incident(sentence, verdict, told, story_where)
    if tally:   # "Nine were killed ..., the 250th mass shooting this year": the incident, and the tally it ends
        how = "by its ordinal" if by_ordinal(tally) else "of attacks told at once"
        return replace(role, why=f"{role.why}; also a tally {how}", tally=tally), \
            (tally.period_start, tally.period_end)
    return role, period


def _without_period(text: str) -> str:
    m = PERIOD.search(text)
    return text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():] if m else text


def _tolled(text: str) -> bool:
    killed, injured, _ = casualties(text)
    return bool(killed or injured)


def _not_news(sentence: Sentence, verdict, before: list[Role], told: bool) -> Role:
    """A sentence with no violence reported as news may still speak of the incident told before it."""
    text = sentence.text
    if told and verdict.context is None and claims_it(text):
        return Role(sentence, "claim", "claims the incident told before")
    if told and verdict.context is None and before[-1].role in ABOUT_AN_INCIDENT and nobody_hurt(text):
        return Role(sentence, "detail", "nobody hurt, said of the incident just before")
    if verdict.why.startswith(("background", "dated")):
        return Role(sentence, "background", verdict.why)
    return Role(sentence, "other", verdict.why, context=verdict.context)


def _about_an_incident(sentence: Sentence, verdict: Violence, told: bool, story_where) -> Role:
    """Violence as news: a new incident, unless it only revises, follows or refers back to one told."""
    text, found = sentence.text, verdict.date
    kind = None if DENIAL.search(text) else event_type(text)
    if told and is_toll_update(text) and not kind:
        return Role(sentence, "revision", "a revised toll", found)
    killed, injured, _ = casualties(text)
    if told and aftermath(text) and not (kind or killed):
        return Role(sentence, "aftermath", "the wounded after the fact", found)
    if told and refers_back(text) and (claims_it(text) or not (killed or injured or _places(sentence, story_where()))):
        if claims_it(text):
            return Role(sentence, "claim", "claims the incident told", found)
        return Role(sentence, "detail", "refers back to the incident told, nothing new of its own", found)
    return Role(sentence, "incident", f"{verdict.why}, reported as news", found)


def _story_of_another_kind(roles: list[Role]) -> list[Role]:
    """A story two of whose sentences speak of sport, cyber, health, trials or memory tells that story: its
    violence words with no toll ('passé à l'attaque dès le kilomètre 0') are that kind of attack too."""
    contexts = Counter(r.context for r in roles if r.context and not r.sentence.is_title)
    context, seen = contexts.most_common(1)[0] if contexts else (None, 0)
    if seen < 2:
        return roles
    return [Role(r.sentence, "other", f"{r.why}; the story speaks of {context}", context=context)
            if r.role == "incident" and not _tolled(r.sentence.text) else r for r in roles]


def _explosion_of_an_accident(roles: list[Role]) -> list[Role]:
    """'Une fuite de gaz est l'hypothèse privilégiée', 'the blast that followed the collision': a story that
    names an accident's cause, and whose violence is only an explosion and its victims, tells no attack."""
    told = [r for r in roles if r.role in ABOUT_AN_INCIDENT]
    if not told or any(deliberate(r.sentence.text) for r in told):   # most stories: the first sentence told
        return roles
    if not any(r.context == "accident" or accident_cause(r.sentence.text) for r in roles):
        return roles
    return [Role(r.sentence, "other", f"{r.why}; an explosion the story tells as an accident")
            if r.role in ABOUT_AN_INCIDENT else r for r in roles]


def _places(sentence: Sentence, story_where: Where) -> list:
    return plausible(list(within(story_where, sentence.start, sentence.end).places), story_where)


def _title_of_another_kind(roles: list[Role], context: str | None) -> list[Role]:
    """A title's 'attack' that the body tells as sport, cyber, health, trials or memory is no incident."""
    violent = [r for r in roles if r.role in ABOUT_AN_INCIDENT]
    if not violent or not all(r.sentence.is_title for r in violent):
        return roles
    if not (context or any(off_topic(r.sentence.text) for r in roles if not r.sentence.is_title)):
        return roles
    return [Role(r.sentence, "other", f"the body tells its '{context or 'attack'}' in another sense")
            if r.sentence.is_title else r for r in roles]
