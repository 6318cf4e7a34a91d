"""What one sentence says about an incident (a Reading), read on its own: kind, weapon, date, place,
tolls and actors. Stage 2 of extraction (after roles.py decided the sentence is about an incident);
grouping.py joins readings into incidents.

A sentence may tell two incidents: "..., a day after gunmen killed five" (a linked clause) or
"killing nine and six people respectively" (one toll each); several.py splits those, so one sentence
gives one or more readings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime

from transforms.models import Range

from . import rx
from .actors import ActorMention
from .casualties import figures, is_toll_update, more_victims
from .dates import NEXT_DAY, DateFound, find_date
from .places import PlaceMention
from .sentences import Sentence
from .several import apart, clauses, contrasted, shifted_date
from .sides import shifted
from .triggers import (attackers_again, event_type, is_summary, only_an_explosion, retaliation, separately, uncounted_summary,
                       weak_type, weapon, when_it_happened)
from .where import Where, best_place, plausible, within

# the other side's version names no kind of incident of its own
DENIAL = rx.compile(r"\b(?:denied|denies|deny|rejected the accusation|a démenti|ont démenti|dément|démentent|"
                    r"a nié|ont nié|nie|rejette|a rejeté)\b", re.I)
# "la ville", "the town": the sentence speaks of a place named before
ANAPHORA = rx.compile(r"\b(?:la (?:même )?(?:ville|localité|zone|région)|le (?:même )?village|"
                      r"the (?:same )?(?:town|village|city|area|region))\b", re.I)


HEAD = 30   # a day named within this many characters opens the sentence

@dataclass(frozen=True)
class Reading:
    """What one sentence (or one clause of it) says about an incident."""
    sentence: Sentence
    role: str                 # the sentence's role (roles.py)
    event_type: str | None
    weapon: str | None
    date: DateFound | None
    where: Where
    place: PlaceMention | None
    killed: Range | None
    injured: Range | None
    phrases: tuple[str, ...]
    summary: bool             # sums up several incidents ("attacks on two villages")
    anaphora: bool            # "the same town": its place is the one named before
    update: bool = False      # "le bilan s'est alourdi à 14 morts": a revised toll
    actors: tuple[ActorMention, ...] = ()
    impact: bool = False      # an explosion named, no bomb: may be a strike's impact
    uncounted: bool = False   # "dans des frappes": a summary that does not say how many incidents
    linked: int | None = None  # a clause telling another incident this many days from the sentence's own
    partial: frozenset[str] = frozenset()   # 'killed'/'injured' when the figure counts only part of the victims
    retaliation: bool = False  # told as the answer to another incident ("en représailles")
    own: frozenset[str] = frozenset()       # 'killed'/'injured' when the figure counts the attackers' own losses
    vague: frozenset[str] = frozenset()     # 'killed'/'injured' when the figure is no number ('dozens')
    stale: frozenset[str] = frozenset()     # 'killed'/'injured' when the figure is an earlier toll ('un premier bilan')
    weak_type: bool = False   # typed only by an explosion or a bare 'strike': another sentence's type wins
    country: str | None = None   # the one country of a sentence's incidents split by country ('in Iraq and Syria')
    separate: bool = False    # 'Separately, ...', 'Par ailleurs, ...': opens another incident
    continues: bool = False   # 'Les assaillants ont ensuite...', 'Eight other soldiers were wounded': the incident told before goes on
    timed: bool = False       # "L'attaque s'est produite jeudi": when the incident told happened
    day_first: bool = False   # "Samedi, un détachement a été attaqué": the sentence opens on its day


@dataclass(frozen=True)
class StoryContext:
    """What the whole story says that each reading needs: publication, language, places, actors."""
    published: datetime
    lang: str
    where: Where
    actors: tuple[ActorMention, ...]
    lead_date: DateFound | None
    text: str = ""   # the whole story, quotes and all


def read(sentence: Sentence, role: str, found: DateFound | None, previous: date | None,
         story: StoryContext) -> Reading:
    """One sentence's reading; `found` is its date as read without context (re-read for "the next day")."""
    text = sentence.text
    stated = figures(text)
    w = within(story.where, sentence.start, sentence.end)
    w = replace(w, places=tuple(plausible(list(w.places), story.where)))
    update = is_toll_update(text)
    if previous and NEXT_DAY.search(text):
        found = find_date(text, story.published, previous)
    if update and not (found and found.kind == "explicit"):
        found = None   # 'le bilan s'est alourdi mercredi': the update's day ('samedi 14 octobre' is the event's)
    denied = bool(DENIAL.search(text))
    kind = None if denied else event_type(text)
    place = best_place(list(w.places), None)
    return Reading(sentence, role, kind, None if denied else weapon(text), found, w,
                   place, stated.killed, stated.injured, stated.phrases,
                   is_summary(text), bool(ANAPHORA.search(text)), update,
                   shifted(list(story.actors), sentence.start, sentence.end),
                   only_an_explosion(text, kind), uncounted_summary(text), partial=stated.partial,
                   retaliation=retaliation(text), own=stated.own, vague=stated.vague, stale=stated.stale,
                   weak_type=weak_type(text, kind), separate=separately(text),
                   continues=(attackers_again(text) or _more_victims(text, place)) and not separately(text),
                   timed=when_it_happened(text), day_first=_day_first(text, found, story))


def _more_victims(text: str, place: PlaceMention | None) -> bool:
    """'Huit autres soldats ont été blessés' goes on the incident told before, unless it names its own town
    ('Three other villagers were wounded in Dansadau' joins the incident there)."""
    return more_victims(text) and (place is None or place.precision not in ("town", "site"))


def _day_first(text: str, found: DateFound | None, story: StoryContext) -> bool:
    return found is not None and find_date(text[:HEAD], story.published) is not None


def readings(sentence: Sentence, role: str, found: DateFound | None, previous: date | None,
             story: StoryContext) -> list[Reading]:
    """The sentence's readings: its own (split per toll when it lists several incidents' tolls), then any
    linked clause's, dated from the sentence's own date."""
    sides = contrasted(sentence)
    if len(sides) > 1:   # each clause its own incident
        return [replace(read(side, "incident", found, previous, story), separate=True) for side in sides]
    (main, _), *linked = clauses(sides[0])
    own = read(main, role, found, previous, story)
    out = apart(own)
    for part, days in linked:
        other = read(part, "incident", None, None, story)
        out.append(replace(other, date=shifted_date(own.date or story.lead_date, story.published.date(), days),
                           linked=days))
    return out


