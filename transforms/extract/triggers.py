"""Which sentences report violence as news, and what kind (event type, weapon).

Trigger words, event-type and weapon patterns and the cue lists that rule a sentence out
(sport, cyber, medical, animal, politics, trials, memory, threats, negation) are in data/lexicon.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from . import rx
from .dates import DateFound, find_date
from .lexicon import lexicon, words
from .memo import per_story

TITLE_VETO = ("sport", "cyber", "medical", "animal", "justice", "memory", "accident", "drill")
SENTENCE_VETO = ("sport", "cyber", "medical", "animal", "justice", "memory", "accident", "drill", "figurative",
                 "hypothetical", "negation", "air_defence")
QUOTED = re.compile(r"[«“\"][^»”\"]{0,120}[»”\"]")
# a quote of four words or more: a claim
QUOTED_CLAIM = re.compile(r"[«“\"](?=\s*[^»”\"\s]+(?:\s+[^»”\"\s]+){3})[^»”\"]{0,120}[»”\"]")
_MANY = r"(?:deux|trois|quatre|cinq|six|plusieurs|two|three|four|five|six|several|multiple|\d+)"
# a sentence summing up several incidents ("attacks on two villages", "attaqué deux villages")
SUMMARY = rx.compile(
    rf"\b(?:attaques|attacks|raids) (?:contre|on|against) {_MANY}\b|\b{_MANY} (?:raids|attaques|attacks)\b"
    rf"|\b(?:attaques|attacks|raids)\b[^.]{{0,60}}\b(?:contre|on|against|sur)\b[^.]{{0,20}}?\b{_MANY} "
    rf"(?:villages|localités|towns|positions|sites|hamlets)"
    rf"|\b(?:attaqué|attacked|raided|stormed|pris d'assaut|ciblé|targeted|visé)\s+{_MANY} (?:villages|localités|towns|"
    rf"positions|sites|hamlets|communes|quartiers|districts)", re.I)


REMOTE_ARMS = r"(?:missiles?|roquettes?|rockets?|drones?|obus|shells?)"
SALVO = re.compile(rf"\b{REMOTE_ARMS}(?:\s[\w'’-]+){{0,3}}?\s(?:et|and|ainsi qu['’]une?|as well as)\s"
                   rf"(?:[\w'’-]+\s){{0,3}}?{REMOTE_ARMS}\b", re.I)
EXPLOSION = re.compile(r"(?<![\w-])(?:explosions?|blasts?)(?![\w-])", re.I)
# "tués dans des frappes israéliennes", "killed in a wave of strikes": several strikes summed up, uncounted
PLURAL = rx.compile(r"\b(?:dans|lors) (?:des|de plusieurs|d'une série de|d’une série de|d'une vague de|d’une vague de) "
                    r"(?:frappes|bombardements|raids)\b"
                    r"|\bin (?:a (?:series|wave|spate) of|several|multiple) (?:\w+ )?(?:strikes|air ?strikes|raids|"
                    r"bombardments)\b", re.I)
# 'ont péri dans les attaques', 'killed in the attacks': the attacks the story tells, summed up
THE_ATTACKS = re.compile(r"\b(?:dans|lors) (?:les|ces) (?:attaques|attentats)\b|\bin (?:the|these) (?:attacks|bombings)\b", re.I)
CLAIM = rx.compile(r"\bclaimed (?:responsibility|the (?:attack|bombing|blast|killings?|strike|ambush|raid|assault))\b"
                   r"|\b(?:a|ont|avait|avaient) revendiqué\b|\brevendiquée? par\b", re.I)
NO_CLAIM = re.compile(r"\b(?:no|not|yet to|aucune?|pas|non)\b[^.;]{0,30}\b(?:claimed|claim|revendiqu\w*)\b", re.I)
BACK_REFERENCE = rx.compile(
    r"\b(?:the|this|that|l'|l’|cet|cette|cet|ce)\s?(?:deadly |latest |dernière |dernier )?(?:attack|attaque|attentat|bombing|"
    r"assault|assaut|raid|strike|frappe|ambush|embuscade|massacre|explosion|blast|rocket attack|drone strike)\b"
    r"|\bclaimed responsibility\b|\brevendiqué la responsabilité\b", re.I)


def vetoed_title(title: str) -> bool:
    """A title about sport, cyber, health, animals, trials or memory; politics unless people were hurt;
    diplomacy without a word of violence ('Security Council split over Sudan truce')."""
    lx = lexicon()
    if off_topic(title):
        return True
    if lx["not_incident"]["diplomacy"].search(title) and not lx["violence"].search(title):
        return True
    hurt = re.search(lx["killed"] + "|" + lx["injured"], title, re.I)
    return bool(lx["not_incident"]["politics"].search(title)) and not hurt


def accident_cause(text: str) -> bool:
    """'une fuite de gaz', 'the collision', 'a terrible accident': what the story names as the cause."""
    return bool(lexicon()["not_incident"]["accident"].search(text))


def deliberate(text: str) -> bool:
    """Violence told as more than an explosion and its dead and wounded: an attack, a bomb, a gunman, a type."""
    lx = lexicon()
    rest = re.sub(lx["killed"] + "|" + lx["injured"], " ", EXPLOSION.sub(" ", text), flags=re.I)
    return bool(lx["violence"].search(rest) or weapon(text) or event_type(EXPLOSION.sub(" ", text)))


def off_topic(text: str) -> bool:
    """Sport, cyber, health, animals, trials, memory, accidents or drills: a context that makes no incident."""
    return any(_cue(k, text) for k in TITLE_VETO)


@dataclass(frozen=True)
class Violence:
    """What the trigger lexicon says of one sentence: does it report violence as news, and why (not)."""
    news: bool
    date: DateFound | None = None   # the date it names for its event (None: it names none)
    context: str | None = None      # the context that rules it out ("sport", "cyber", ... "negation")
    why: str = ""


def reports_violence(text: str, published: datetime) -> bool:
    """A sentence that reports violence as news: a trigger, no veto cue, nothing older than a week."""
    return violence(text, published).news


def context_veto(text: str) -> str | None:
    """The context ("sport", "cyber", ...) that makes a sentence with a trigger word no incident, if any."""
    return violence(text, None).context


@per_story
def violence(text: str, published: datetime | None) -> Violence:
    """The verdict on one sentence; with published None the date is not read."""
    lx = lexicon()
    trigger = lx["violence"].search(text)
    if not trigger:
        return Violence(False, why="no word of violence")
    if _any_veto().search(text):   # one search first: most violent sentences have no veto cue at all
        context = next((k for k in TITLE_VETO if _cue(k, text)), None)
        if context or any(_cue(k, text) for k in SENTENCE_VETO):
            # a denial or a foiled plot is a context too: 'Army denies base attack', 'Attentat déjoué'
            context = context or next((k for k in ("negation", "hypothetical") if lx["not_incident"][k].search(text)), None)
            kind = context or next(k for k in SENTENCE_VETO if _cue(k, text))
            return Violence(False, context=context, why=f"'{trigger.group(0)}' in a {kind} context")
    if published is None:
        return Violence(False, why="not dated")
    old = lx["background"].search(text)
    found = find_date(text, published) if not old or old.group(0).isdigit() or old.group(0).lower() in SOFT_CUES else None
    if old and not _part_of_a_recent_date(old.group(0), found, published):
        return Violence(False, why=f"background cue '{old.group(0)}'")
    if found and found.value and found.value < published.date() - timedelta(days=7):
        return Violence(False, why=f"dated {found.value}, over a week before publication")
    return Violence(True, found, why=f"violence word '{trigger.group(0)}'")


SOFT_CUES = ("déjà", "already")


def _part_of_a_recent_date(cue: str, found: DateFound | None, published: datetime) -> bool:
    """'Samedi 2 janvier 2021, des hommes armés ont attaqué': the year of a date within the week is no background;
    nor is 'already' beside a day of the week ('une attaque s'était déjà produite samedi')."""
    recent = found is not None and found.value is not None \
        and published.date() - timedelta(days=7) <= found.value <= published.date()
    return recent and (cue.isdigit() and found.kind == "explicit" or cue.lower() in SOFT_CUES)


def _cue(kind: str, text: str) -> bool:
    """A context cue; sport's gives way when people were killed ('shot dead three fans outside the stadium'),
    an interception's unless it is the air defence's tally over many places ('57 drones shot down over several
    regions'): one drone or missile downed on its way to a target is a failed attack, an incident."""
    lx = lexicon()
    if not lx["not_incident"][kind].search(text):
        return False
    if kind == "air_defence":   # an interception is an attack that failed; a night's air-defence tally is not one
        return not lx["remote_hit"].search(text) and bool(lx["air_defence_tally"].search(text)) \
            and not re.search(lx["killed"], lx["not_incident"][kind].sub(" ", text), re.I)   # '..., but those that got through killed four'
    # a death outside the sport words ('kill games' is sport's own)
    return kind != "sport" or not re.search(lx["killed"], lx["not_incident"]["sport"].sub(" ", text), re.I)


@lru_cache(maxsize=1)
def _any_veto() -> re.Pattern:
    """All cues under one word-start check (one per cue made every position try each cue: ~30% slower),
    gathered by first character (rx.grouped: only asked whether a sentence has one, ~3x faster)."""
    raw = lexicon()["not_incident_raw"]
    return words(rx.grouped("|".join(raw[k] for k in SENTENCE_VETO), re.I))


@per_story
def event_type(text: str) -> str | None:
    return _first(lexicon()["event_types"], _typable(text))


# an air strike said so, not only by a bare 'strike' / 'frappe'
AIR = rx.compile(r"drones?|a[ée]rien|air|avions?|aviation|jets?|warplanes?|helicopters?|hélicoptères?|gunships?|"
                 r"fighter|bombers?|AC-130|F-1[56]|bombes? (?:guidées?|planantes?)|glide bombs?", re.I)


def weak_type(text: str, kind: str | None) -> bool:
    """Typed only by an explosion or a blast, or a bare 'strike': the other sentences of its incident say more."""
    return only_an_explosion(text, kind) or kind == "air_drone_strike" and not AIR.search(text)


def combined_salvo(text: str) -> bool:
    """'une attaque de missiles et de drones', 'a missile and drone attack': both weapons (not 'launch sites for
    missiles and drones', targets named after weapons)."""
    return bool(SALVO.search(_typable(text)))


def only_an_explosion(text: str, kind: str | None) -> bool:
    """Typed (kind) as a planted bomb only because it names an explosion or blast: in a story of a missile
    or drone strike, that is the strike's impact ('a ship reported an explosion nearby')."""
    return kind == "remote_explosive" and event_type(EXPLOSION.sub(" ", text)) != "remote_explosive"


@per_story
def weapon(text: str) -> str | None:
    return _first(lexicon()["weapons"], _typable(text))


@per_story
def _typable(text: str) -> str:
    """Quoted claims and targets named after weapons ("missile launchers") blanked; a quoted term that names a
    weapon ('un « drone piégé »') is the report's own word for it and stays ('killed "in clashes"' does not)."""
    text = QUOTED.sub(_quoted_weapon, QUOTED_CLAIM.sub(" ", text))
    return lexicon()["not_weapon"].sub(" ", text)


def _quoted_weapon(m: re.Match) -> str:
    return m[0] if _first(lexicon()["weapons"], m[0]) else " "


def clash_or_attack(text: str, victims: list[str], target: str | None = None) -> str:
    """An attack with guns is a clash when fighting is named or its victims are an armed side, and an
    attack on people who do not fight when its victims are civilians ('gunmen attacked a village, killing
    20 civilians', even if a VDP post or the army is named elsewhere); unnamed victims fall back to any
    soldiers or army post named ('armed_on_both_sides')."""
    lx = lexicon()
    if lx["fighting"].search(lx["military_aside"].sub(" ", text)):
        return "armed_clash"
    for said in [" ".join(victims)] if victims else [target or ""]:   # the tolls' nouns; with no toll, the target
        if lx["armed_victims"].search(said) and not lx["civilian_victims"].search(said):
            return "armed_clash"
        if lx["civilian_victims"].search(said):
            return "attack"
    # '160 morts' in an attack on villagers the text names: a VDP post named aside does not make it a clash
    if victims and target and _civilians(target) and target.lower() in text.lower():
        return "attack"
    return "armed_clash" if armed_on_both_sides(text) else "attack"


def _civilians(said: str) -> bool:
    lx = lexicon()
    return bool(lx["civilian_victims"].search(said)) and not lx["armed_victims"].search(said)


def armed_on_both_sides(text: str) -> bool:
    """Soldiers, an army post or fighting named in the text of an attack: an armed clash. The army that only
    speaks, is sent in afterwards or shoots at people does not count ('an army spokesman confirmed the raid',
    'des troupes ont été déployées', 'troops shot dead a teenager' are one-sided attacks)."""
    lx = lexicon()
    return bool(lx["military_target"].search(lx["military_aside"].sub(" ", text)))


def nobody_hurt(text: str) -> bool:
    """'There were no casualties', 'sans faire de victimes': said of the incident told just before."""
    return bool(lexicon()["nobody"].search(text))


def separately(text: str) -> bool:
    """'Separately, the army said...', 'Par ailleurs, ...', 'un autre convoi avait été visé': the sentence opens
    another incident."""
    return bool(lexicon()["separate"].search(text) or lexicon()["another"].search(text))


def retaliation(text: str) -> bool:
    """'Les forces talibanes ont attaqué en représailles', 'in retaliation': a new incident answering another."""
    return bool(lexicon()["retaliation"].search(text))


def aftermath(text: str) -> bool:
    """'Les blessés ont été évacués vers l'hôpital de Mora': the wounded of the incident just told."""
    return bool(lexicon()["aftermath"].search(text))


@per_story
def claims_it(text: str) -> bool:
    """'TTP claimed responsibility in a message to journalists': of the incident told just before
    ('No group claimed the attack, but X has carried out similar ones in the past' names nobody)."""
    return bool(CLAIM.search(text)) and not NO_CLAIM.search(text) and not lexicon()["background"].search(text)


# "L'attaque s'est produite tôt jeudi", "The attack took place on Thursday": when the incident told happened
WHEN_IT_HAPPENED = re.compile(r"^[\s«“\"]*(?:l'|l’|cette |the |this )(?:attaque|attentat|assaut|attack|assault|bombing|raid|"
                              r"massacre|tuerie|embuscade|ambush|fusillade|shooting|explosion|blast|frappe|strike)\b"
                              r"(?:[^.;]{0,30}?\b(?:s['’]est produite?|a eu lieu|s['’]est déroulée?|took place|happened|"
                              r"occurred|was carried out)\b"
                              # 'The attack on Tuesday night', 'L'attaque de mardi soir': its day right after it
                              r"|,?\s+(?:(?:late |early )?on |de |du )?(?:monday|tuesday|wednesday|thursday|friday|saturday|"
                              r"sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b)", re.I)


def when_it_happened(text: str) -> bool:
    return bool(WHEN_IT_HAPPENED.search(text))


def attackers_again(text: str) -> bool:
    """'Les assaillants ont intercepté le convoi près de Sandaré...': the attackers told before go on."""
    return bool(lexicon()["attackers_again"].search(text.lstrip(" «“\"")))


def own_vest(text: str) -> bool:
    """'At the end they set off their suicide vests', 'carrying a fake explosive vest': the attackers' own vest."""
    return bool(lexicon()["own_vest"].search(text))


def refers_back(text: str) -> bool:
    """'ISWAP claimed the attack', 'qui a perdu son frère dans l'attaque': the event is one already told."""
    return bool(BACK_REFERENCE.search(text))


def is_summary(text: str) -> bool:
    return bool(SUMMARY.search(text) or PLURAL.search(text) or THE_ATTACKS.search(text))


def sums_up_the_told(text: str) -> bool:
    """'18 personnes ont péri dans les attaques': a toll over the attacks told one by one, none's own."""
    return bool(THE_ATTACKS.search(text))


def uncounted_summary(text: str) -> bool:
    """'dans des frappes' sums up strikes without saying how many were told apart."""
    return bool(PLURAL.search(text)) and not SUMMARY.search(text)


def _first(table, text: str) -> str | None:
    return next((name for name, pattern in table if pattern.search(text)), None)
