"""Sides of an incident: who acted (actor1, the perpetrator) and who was hit (actor2, the target), from sentence structure.

Active ("X attacked Y", "X a attaqué Y"), passive ("killed by X", "tués par X"), targets after
contre/against/visant/targeting/on, perpetrators after attributed to/claimed by/revendiquée par,
and victims named as a class (civilians, soldiers, police).
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from . import rx
from .actors import ActorMention, actor_index, find_actors, is_actor_name, is_weaponry
from .gazetteer import countries_by_code
from .textutil import key
from .dates import MO, WD
from .lexicon import lexicon
from .memo import per_story
from .numbers import NUMBER

BY = rx.compile(r"(?:\b(?:by(?!\w)|par(?!\w)|attributed to|"
                # "the army attributes the attack to X", "impute l'attaque à X", "blamed the attack on X"
                r"(?:imput|attribu|blam)\w* (?:(?:the|l'|l’|cette|cet|this) ?(?:attack|attaque|attentat|assault|bombing|"
                r"killings?|tuerie|massacre|embuscade|ambush) )?(?:to|on|à|aux|au)|attribuée?s? (?:à|aux|au)|"
                r"blamed on|blamed|blames|accused|accuses|accusé|accuse|accusent|imputée?s? (?:à|aux|au)|claimed by|"
                r"revendiquée?s? par|from|de la part d[eu']|menée?s? par|carried out by|launched by|lancée?s? par|"
                r"(?:l'|l’)?(?:œuvre|oeuvre) d(?:e la|e l'|e l’|u|es|e|')|the work of|"
                # "frappe de drone de l'armée malienne", "une attaque de gangs armés", "an air strike by ..."
                r"(?:frappes?|attaques?|attentats?|raids?|assauts?|embuscades?|bombardements?|tirs?|offensives?)"
                r"(?: de drones?| aériennes?| d'artillerie)? (?:de la|de l'|de l’|du|des|de|d'|d’))"
                r"\s*[«\"“]?\s*(?:the |la |le |les |l'|l’|des |du )?"
                r"(?:(?!(?:and|et|in|à|near|près)\b)[\w'’-]+ ){0,2})$", re.I)
AGAINST = re.compile(rf"(?:\b(?:against|contre|targeting|visant|on(?! (?:{WD}|the (?:night|morning|evening|eve)|"
                     rf"(?:{MO})\.? \d)\b)|sur|at|killing|tuant|wounding|blessant|"
                     r"attacked|attaqué|attaquant|struck|hit|frappé|ciblé|targeted|ambushed|tendu une embuscade à)\s+"
                     r"(?:the |la |le |les |l'|l’|des |du |a |an |un |une )?(?:[\w'’-]+ ){0,2})$", re.I)
# between a description and a name it belongs to: "combattants de Boko Haram", "fighters loyal to the RSF"
GLUE = re.compile(r"^\)?\s?$|"
                  r"^,?\s+(?:(?:known|described|referred to)(?: locally)? as|(?:dits|appelés|surnommés)(?: localement)?)\s+[\"“«]?\s*$|"
                  r"^\s+(?:de|d'|d’|of|from|du|des|de l'|loyal to|linked to|liés? à|proches? d[eu']|"
                  r"affiliated (?:to|with)|affiliés? à)\s*(?:the |la |le |l'|l’)?(?:[\w'’-]+\s+){0,2}?$", re.I)
# who told the news is not who acted: "the army said", "selon la police"
SOURCE_AFTER = re.compile(r"^\s*(?:'s )?(?:(?:and|et) (?:the |les |la |le )?(?:[\w-]+ ){1,3}?)?"
                          r"(?:said|says|told|reported|announced|claimed|a indiqué|a annoncé|a affirmé|"
                          r"a précisé|ont indiqué|ont annoncé|a déclaré|ont déclaré|ont affirmé|spokesman|spokeswoman|spokesperson|"
                          r"porte-parole|officials?|officers? (?:said|told)|sources?|statement|communiqué|"
                          r"accused|accuses|a accusé|ont accusé|accuse|accusent|blamed|blames)\b", re.I)
SOURCE_BEFORE = rx.compile(r"\b(?:selon|d'après|according to|a indiqué|a annoncé|a précisé|a affirmé|a déclaré|ont indiqué|"
                           r"ont annoncé|ont précisé|ont affirmé|ont déclaré|said|told|spokes(?:man|woman|person) for|"
                           r"porte-parole d[eu']?|sources?(?: [\w-]+){0,2},? (?:comme|telles que|tels que|such as|like|including|notamment))\s*"
                           r"(?:the |la |le |les |l'|l’|des |du |un |une |a |an )?(?:[\w'’-]+ ){0,2}$", re.I)
# "a statement on Thursday by the US Central Command", "un communiqué de l'armée": who told, not who acted
STATEMENT_BY = rx.compile(r"\b(?:statement|communiqué|post|announcement|report|remarks|comments|déclaration|message|"
                          r"rapport|bilan)(?: [\w-]+){0,3}? (?:by|from|of|par|de|du|des|de la|de l['’])\s*"
                          r"(?:the |la |le |les |l'|l’)?(?:[\w'’-]+ ){0,2}(?:[^.;()]{0,60}\(\s*)?$", re.I)
OWN_ACTION = re.compile(r"\b(?:claimed (?:responsibility|the (?:attacks?|bombings?|blast|killings?|strikes?|ambush|raids?|"
                        r"assault|shooting))|(?:it|they) (?:was|were) (?:behind|responsible)|"
                        r"(?:en )?être (?:derrière|responsables?|à l'origine)|(?:it|they) had (?:\w+ly )?(?:carried|conducted|launched|struck|hit|targeted|killed|attacked|"
                        r"bombed|shelled|fired)|had carried out|carried out|conducted|launched|avoir mené|avoir frappé|"
                        r"avoir tué|avoir lancé|qu'elle avait|qu'il avait|qu'ils avaient)\b", re.I)
# "TTP, an umbrella group of militants, claimed responsibility", "les shebab ont revendiqué l'attaque"
CLAIM_AFTER = re.compile(r"^\s*(?:\([^)]{1,30}\),?)?(?:,[^,]{1,90},)?\s*(?:has |have |had )?(?:claimed (?:responsibility|the )|"
                         r"(?:a|ont|avait|avaient) revendiqué)", re.I)
# the subject of an active violent verb acts, wherever the sentence's first trigger is
ACTS_AFTER = re.compile(r"^(?:\s+(?:on|in|riding|armed with|à|en|armés de)\b[^,.;]{0,25}?)?\s+(?:have |has |had |ont |a )?"
                        r"(?:shot|opened fire|stormed|raided|ambushed|attacked|abducted|torched|stabbed|"
                        r"killed (?!in\b|by\b|when\b|during\b|after\b)|ouvert le feu|abattu|pris d'assaut|"
                        r"tendu une embuscade|attaqué|tué (?!dans|par|lors)|"
                        # "les drones que la Russie a lancés", "the missiles Russia fired"
                        r"launched|fired (?!on\b|at\b|by\b)|lancée?s? (?!par|contre|sur)|tirée?s? (?!par|contre|sur)|"
                        r"carried out (?!by)|conducted|mené (?!par))", re.I)
# between a side and the interception: another clause, or the launch told first ('X launched a missile; Y intercepted it')
LAUNCHED = re.compile(r"[;.:]|\b(?:lancée?s?|lancer|tirée?s?|tirer|launch(?:ed|ing)?|fir(?:ed|ing)|sent|envoyée?s?)\b", re.I)
# "a channel controlled by the insurgents", "militias backed by Iran": who stands behind, not who acted
PATRON = rx.compile(r"\b(?:backed|supported|controlled|run|owned|funded|financed|armed|soutenue?s?|contrôlée?s?|"
                    r"financée?s?|appuyée?s?|armée?s?|dirigée?s?)\s+(?:by|par)\s+(?:the |la |le |les |l'|l’|des |du )?$", re.I)
# "a tanker owned from Gabon", "un pétrolier affrété par l'Inde": whose ship it is, neither side
OWNER = re.compile(r"\b(?:owned|operated|managed|chartered|flagged|registered|détenue?s?|exploitée?s?|affrétée?s?|"
                   r"immatriculée?s?|appartenant)\s+(?:from|by|in|par|à|au|aux|en|depuis)\s+(?:the |la |le |les |l'|l’)?$", re.I)
# "le poste tenu par les VDP", "a checkpoint manned by militiamen": who held the place hit, not who attacked it
HELD_BY = re.compile(r"\b(?:postes?|positions?|checkpoints?|barrages?|camps?|bases?|posts?)\s+(?:[\w-]+\s+)?(?:tenue?s?|gardée?s?|"
                     r"occupée?s?|held|manned|guarded|occupied)\s+(?:par|by)\s+(?:the |la |le |les |l'|l’|des |du )?$", re.I)
# "JNIM, an affiliate of al-Qaeda", "le GSIM, lié à Al-Qaïda": the parent named aside is neither side
AFFILIATE = rx.compile(r"\b(?:(?:affiliate|branch|offshoot|arm|filiale|branche)\s+(?:of|de|d['’])|(?:linked|tied|allied|loyal|"
                       r"liée?s?|affiliée?s?|alliée?s?|rattachée?s?)\s+(?:to|with|à|au|aux))\s*(?:the |la |le |les |l'|l’)?$", re.I)
# "ont été abattus par ...", "were shot down by ...": the agents after it intercepted
DOWNED_BY = rx.compile(r"\b(?:abattue?s?|interceptée?s?|détruite?s?|shot down|intercepted|downed)\s*,?\s*(?:par|by)\b"
                       r"(?!.*[.;])", re.I)
# "such attacks are generally the work of X": who usually does it, not who did this one
HABIT_WORDS = r"generally|usually|often|typically|mostly|regularly|frequently|repeatedly|généralement|habituellement|souvent|" \
    r"en général|régulièrement|fréquemment|multiplient|multiplie"
HABIT = re.compile(rf"\b(?:{HABIT_WORDS})\b[^.;]{{0,40}}$", re.I)
# "Al-Shabab regularly stages bombings", "les Houthis multiplient les attaques": what it does, not what it did here
HABIT_AFTER = re.compile(rf"\s+(?:[\w’-]+ )?(?:{HABIT_WORDS})\b|(?:,[^,.;]{{1,50}},)?\s+(?:is|are|est|sont) "
                         r"(?:known|connue?s?|notorious|réputée?s?) (?:for|to|pour)\b", re.I)
# "the attackers were bandits", "the killers belonged to the groups known as bandits", "les assaillants étaient des jihadistes"
IDENTITY_BEFORE = rx.compile(r"\b(?:attackers|assailants|gunmen|killers|perpetrators|assaillants|agresseurs|tueurs|auteurs)\s+"
                             r"(?:were|are|was|belonged to|étaient|sont|appartenaient à|appartiennent à)\s+[^.;:]{0,50}?"
                             r"(?:[\"“«]\s*)?$", re.I)
# "claimed by Jama'a Nusrat ul-Islam (JNIM)": an acronym in brackets keeps the cue before the name it repeats
PAREN_BY = rx.compile(r"\b(?:by|par|attributed to|attribuée?s? (?:à|aux|au)|imputée?s? (?:à|aux|au)|blamed on)\s+"
                      r"[^.;()]{1,60}\(\s*$", re.I)
# "an attack that the Islamic State (IS) militant group claimed", "l'attentat que l'EI a revendiqué"
REL_CLAIM_BEFORE = re.compile(r"\b(?:that|which|que|qu['’])\s*(?:the |l'|l’|la |le |les )?$", re.I)
REL_CLAIM_AFTER = re.compile(r"\s*(?:\([^)]{1,30}\))?\s*(?:[\w-]+ ){0,2}?(?:(?:has|had) )?claimed\b|"
                             r"\s*(?:\([^)]{1,30}\))?\s*(?:a|ont|avait|avaient) revendiqu", re.I)
# "En revendiquant l'attaque, le GSIM...", "Claiming the attack, the group...": the one who claims acted
CLAIM_BEFORE = re.compile(r"\b(?:en revendiquant|claiming|in claiming)\s+(?:responsibility for\s+)?(?:l'|l’|la |le |les |the |this |cette |cet )?"
                          r"[\w-]+(?: [\w-]+)?,\s*(?:the |la |le |les |l'|l’)?$", re.I)
INITIAL = re.compile(r"(?:^|[.!?»”\n])\s*$")
PASSIVE = re.compile(r"\b(?:été|were|was|been|being|sont|est|got)\s+(?:\w+ment\s+|\w+ly\s+)?$", re.I)
PLACE_BEFORE = re.compile(r"[A-ZÀ-Ý][\w'’-]+,\s*$")
VICTIMS = rx.compile(r"\b(?P<v>civils|civilians|villageois|villagers|habitants|residents|soldats|soldiers|militaires|"
                     r"policiers|policemen|police officers|troops|US forces|US troops|forces américaines|"
                     r"passengers|passagers|commuters|farmers|agriculteurs|herders|éleveurs|fidèles|worshippers|"
                     r"churchgoers|students|élèves|étudiants|miners|orpailleurs|displaced people|déplacés|"
                     r"rangers|militia members|miliciens|fighters|combattants|police|workers|labourers|laborers|"
                     r"ouvriers|travailleurs|customers|clients|shoppers|passers-by|passants|pilgrims|pèlerins|"
                     r"civilian|villager|soldier|policeman|police officer|passenger|passager|farmer|herder|worshipper|"
                     r"student|worker|labourer|supporters|partisans|sympathisants|mourners|concertgoers|spectators|spectateurs|"
                     r"tourists|touristes|worshipers|journalists?|journalistes?|teachers?|enseignants?|professeurs?)\b", re.I)
# the usual attackers, counted among the dead or wounded: who was hit when no other victims are named
FOES = re.compile(r"\b(?:\d+|[a-zé]+)\s+(?:[«\"“]\s*)?(?:suspected |présumés? )?(?P<v>terroristes?|terrorists?|militants?|insurgents?|"
                  r"insurgés?|jihadistes?|jihadists?|djihadistes?)\b", re.I)
# outside a casualty phrase, the police named are who was hit only when counted, said hit or after a target cue ("trois
# policiers", "an attack on police"), not when it acts or tells ("La police a arrêté l'auteur", "police fait état")
POLICE = re.compile(r"police|policiers?|policem[ae]n|police officers?", re.I)
POLICE_SITE = re.compile(r" (?:(?:station|academy|post|convoy|patrol|vehicle|headquarters|checkpoint|school)s?\b|among\b|parmi\b|"
                         r"(?:was|were|have been|had been) (?:killed|wounded|injured)|(?:a|ont) été (?:tué|blessé)e?s?)", re.I)
HIT_BEFORE = re.compile(rf"(?:\b(?:école|commissariat|poste|caserne|convoi|patrouille|véhicule|siège|académie)s? "
                        rf"(?:de la |de |du )$|\b(?:{NUMBER}|several|many|dozens of|des dizaines de|plusieurs|de nombreux|nombreux|"
                        r"among|parmi|including|dont)\s+(?:[\w-]+\s+){0,2}|" + AGAINST.pattern[:-1] + r")$", re.I)
# "eight people were killed", "huit personnes tuées": people no class is given for are civilians
PEOPLE = re.compile(r"\b(?:people|persons|personnes|men|hommes|women|femmes|children|enfants|boys|girls)\b", re.I)
ARMED = re.compile(r"soldats|soldiers|militaires|troops|fighters|combattants|militia members|miliciens|rangers|"
                   r"US forces|US troops|forces américaines", re.I)


def roles(sentences: list[tuple[str, tuple[ActorMention, ...]]]) -> tuple[str | None, str | None]:
    """(actor1, actor2) over an incident's (sentence, actor mentions), the first sentence that names each winning."""
    actor1 = actor2 = None
    placed = False
    for text, mentions in sentences:
        a1, a2, guess = _roles(text, mentions)
        if a1 and _name(a1) != _name(actor2) and (actor1 is None or _named_over_generic(a1, actor1)
                                                  or not guess and (placed and a1.kind != "generic"
                                                                    or _described_over_unnamed(a1, actor1))):
            actor1, placed = a1, guess   # one side never becomes the other; a cue beats an earlier mere place
        if a2 and actor2 is None and _name(a2) != _name(actor1):
            actor2 = a2
    actor1, actor2 = _name(actor1), _name(actor2)
    return actor1, actor2 if actor2 != actor1 else None


def _named_over_generic(new: ActorMention, old: ActorMention) -> bool:
    """'A suicide bomber blew himself up... Al-Shabaab claimed the attack': the group named later wins."""
    return old.kind == "generic" and new.kind != "generic"


def _first(actor1: ActorMention | None, m: ActorMention) -> ActorMention:
    """The sentence's first perpetrator stays, unless it was known only by the act and m says more."""
    return m if actor1 is None or _described_over_unnamed(m, actor1) else actor1


def _described_over_unnamed(new: ActorMention, old: ActorMention) -> bool:
    """'gunmen' first, 'suspected bandits stormed the village' later: a description that says more than the act wins."""
    return known_by_the_act(old.name) and not known_by_the_act(new.name)


def victims(phrases: list[str], sentences: list[str]) -> str | None:
    """Victims named as a class: in a casualty phrase first ("killing five civilians"), else anywhere
    in the sentences but as a source ("police said", "selon la police")."""
    for text in phrases:
        m = VICTIMS.search(text)
        if m:
            return m.group("v")
    for text in phrases:   # 'left 17 terrorists dead', 'a tué « neuf terroristes »': the other side's dead, hit
        m = FOES.search(text)
        if m:
            return m.group("v")
    named = [m.group("v") for text in sentences for m in VICTIMS.finditer(text)
             if not (SOURCE_AFTER.match(text[m.end():m.end() + 40]) or SOURCE_BEFORE.search(text[max(0, m.start() - 60):m.start()]))
             and (not POLICE.fullmatch(m.group("v")) or HIT_BEFORE.search(text[max(0, m.start() - 60):m.start()])
                  or POLICE_SITE.match(text, m.end()))]
    # armed men named anywhere may be the attackers ("accusing the fighters of shooting residents")
    unarmed = [v for v in named if not ARMED.fullmatch(v)]
    people = "civilians" if any(PEOPLE.search(text) for text in phrases) else None
    return next(iter(unarmed), None) or people or next(iter(named), None) or site(sentences)


# what was hit when no one is named as hit: "an attack on an election rally", "a missile struck an apartment
# building", "les Houthis ont visé un navire", "a US destroyer was targeted"
SITE = rx.compile(r"\b(?P<site>(?:(?:political|election|campaign) )?rall(?:y|ies)|meeting(?: électoral)?|rassemblement|crowd|foule|"
                  r"(?:apartment |residential )?(?:building|block of flats)|immeuble(?: d['’]habitation)?|"
                  r"(?:cargo |merchant |commercial |container )?(?:ships?|vessels?)|(?:oil )?tankers?|pétroliers?|"
                  r"(?:navires?|bateaux?)(?: marchands?| de guerre)?|warships?|destroyers?|shipping|airports?|aéroports?|"
                  r"(?:military |army )?camps?(?: militaires?)?|checkpoints?|postes? de contrôle|convoys?|convois?|"
                  r"mosques?|mosquées?|churche?s?|églises?|schools?|écoles?|lycées?|hospitals?|hôpitaux|hôpital|markets?|"
                  r"marchés?|hotels?|hôtels?|power (?:plant|station)s?|centrales?(?: électriques?)?|(?:railway |train )?stations?|"
                  r"gares?|residences?|résidences?|ministry|ministère|police stations?|commissariats?)\b", re.I)
SITE_HIT_AFTER = re.compile(r"\s+(?:was|were|has been|had been|a été|ont été|avait été)\s+(?:\w+ly\s+)?"
                            r"(?:hit|struck|attacked|targeted|bombed|shelled|touchée?s?|frappée?s?|visée?s?|attaquée?s?|ciblée?s?)\b", re.I)


def site(sentences: list[str]) -> str | None:
    """What was hit, as written, after a target cue or before a passive hit ('attack on a rally' -> 'rally')."""
    for text in sentences:
        for m in SITE.finditer(text):
            if AGAINST.search(text[max(0, m.start() - 60):m.start()]) or SITE_HIT_AFTER.match(text, m.end()):
                return m["site"].lower()
    return None


def hit_country(actor1: str | None, country: str | None) -> str | None:
    """A foreign state or force that struck a country, no target named: the country was hit ('Russia launched
    40 drones overnight' over Ukraine -> 'Ukraine')."""
    home = next((a.country for a in actor_index().get(key(actor1), ()) if a.kind in ("state", "force")), None) \
        if actor1 else None
    if not home or not country or home == country:
        return None
    row = countries_by_code().get(country)
    return row["en"] if row else None


def actor_country(sentences: list[tuple[str, tuple[ActorMention, ...]]]) -> str | None:
    """The country of a national actor named ("Malian army" -> ML), for incidents with no place."""
    for _, mentions in sentences:
        for m in mentions:
            if getattr(m, "country", None):
                return m.country
    return None


def shifted(mentions: list[ActorMention], start: int, end: int) -> tuple[ActorMention, ...]:
    """The mentions inside [start, end), with offsets made relative to start (a sentence's own text)."""
    return tuple(replace(m, start=m.start - start, end=m.end - start) for m in mentions if start <= m.start < end)


# one person who acts, named by an indefinite noun: "A man stabbed two people", "Un homme a blessé deux passants"
LONE = rx.compile(r"(?:^|(?<=[.!?\n])\s*|(?<=, ))(?:an?|un|une) (?:[\w-]+ )?(?P<who>man|woman|teenager|youth|homme|femme|"
                  r"adolescente?|jeune homme)\b(?:,? (?:armed with|armée? d['’]un|wielding|brandissant) [\w ]{1,20}?,?)?"
                  r" (?:has |had |a |avait )?(?:stabbed|shot|opened fire|attacked|wounded|injured|killed|rammed|"
                  r"poignardé|blessé|tué|attaqué|ouvert le feu|foncé|tiré)\b", re.I)


def _lone(text: str, known: list[ActorMention]) -> list[ActorMention]:
    """'A man stabbed...': the man, as written, is who acted (an indefinite noun, never a known actor)."""
    found = [ActorMention(m.start("who"), m.end("who"), m["who"], m["who"].lower(), "generic")
             for m in LONE.finditer(text)]
    return [f for f in found if not any(k.start < f.end and f.start < k.end for k in known)]


# one attacker, named so anywhere in the story: "Le suspect a été interpellé", "the gunman fled"
ONE_ATTACKER = re.compile(r"(?:\w+ )?(?:suspect|agresseur|assaillante?|assailant|attacker|gunman|tireur|shooter|"
                          r"kamikaze|suicide bomber|knifeman)(?: présumée?)?", re.I)


# a bare description a story uses for the group it named: "fighters raided the hamlet", "les assaillants"
BARE = re.compile(r"(?:fighters|combattants|gunmen|attackers|assailants|assaillants|militants|jihadists|jihadistes|"
                  r"djihadistes|insurgents|insurgés|hommes armés|armed men|rebels|rebelles)", re.I)


def known_by_the_act(name: str) -> bool:
    """'gunmen', 'des hommes armés', 'the suspect', 'a suicide bomber': who acted is known only by the act, so
    the schema's perpetrator is null (data/lexicon.yaml unnamed_attacker)."""
    return lexicon()["unnamed_attacker"].fullmatch(name) is not None


def stands_for(named: str, described: str) -> bool:
    """True when a known actor (a group, a force, a state) is who a bare description means."""
    return is_actor_name(named) and BARE.fullmatch(described) is not None


def lone_attacker(mentions: list[ActorMention]) -> str | None:
    """The one attacker a story names (the suspect, the assailant), for an incident whose sentences name nobody."""
    return next((m.name for m in mentions if m.kind == "generic" and ONE_ATTACKER.fullmatch(m.name)), None)


def mentions_in(text: str, lang: str) -> list[ActorMention]:
    """Actor mentions with a description glued to a name merged ("al-Shabaab militants", "combattants shebab")
    under the name, and a sentence-initial description in lower case ("Gunmen" -> "gunmen")."""
    out: list[ActorMention] = []
    found = find_actors(text, lang)
    for m in sorted(found + _lone(text, found), key=lambda a: a.start):
        if out and GLUE.match(text[out[-1].end:m.start]) and "generic" in (m.kind, out[-1].kind):
            named = out[-1] if m.kind == "generic" else m
            out[-1] = replace(named, start=out[-1].start, end=m.end, text=text[out[-1].start:m.end])
            continue
        if m.kind == "generic" and INITIAL.search(text[max(0, m.start - 4):m.start]) and m.name[:1].isupper() \
                and m.name[1:2].islower():
            m = replace(m, name=m.name[0].lower() + m.name[1:])
        out.append(m)
    return out


def _roles(text: str, mentions: tuple[ActorMention, ...]) -> tuple[ActorMention | None, ActorMention | None, bool]:
    """(actor1, actor2, whether actor1 is a guess from its place alone)."""
    if not mentions:
        return None, None, False
    trigger = lexicon()["violence"].search(text)
    pivot = trigger.start() if trigger else len(text)
    passive = bool(trigger and PASSIVE.search(text[max(0, pivot - 30):pivot]))   # "ont été tués", "were killed"
    actor1 = actor2 = placed = None   # placed: who acts only by its place in the sentence, the weakest cue
    downed = lexicon()["not_incident"]["air_defence"].search(text)
    for m in mentions:
        before = text[max(0, m.start - 60):m.start]
        if downed and m.start < downed.start() and not LAUNCHED.search(text[m.end:downed.start()]):
            # "Saudi air defences intercepted two drones launched by the Houthis": before the interception, the
            # target or whoever told it; the launcher is named after it
            if BY.search(before):
                actor1 = _first(actor1, m)   # "un missile tiré par les Houthis a été intercepté"
            elif not (SOURCE_AFTER.match(text[m.end:m.end + 40]) or SOURCE_BEFORE.search(before)):
                actor2 = actor2 or m
            continue
        stopped = DOWNED_BY.search(text[max(0, m.start - 120):m.start])
        if stopped and not is_weaponry(m) and not LAUNCHED.search(text[max(0, m.start - 120) + stopped.end():m.start]):
            continue   # "abattus par l'aviation, le Dôme de fer et les forces britanniques": who intercepted, not who fired
        if m.kind == "state" and PLACE_BEFORE.search(before):
            continue   # "near Kismayo, Somalia": the country says where, not who
        if m.kind == "base":
            actor2 = actor2 or m   # "l'attaque de la base américaine": hit, whatever the phrase
            continue
        if is_weaponry(m) and not (SOURCE_AFTER.match(text[m.end:m.end + 40]) or SOURCE_BEFORE.search(before)):
            actor1 = _first(actor1, m)   # "killed in a Russian rocket attack", "un missile russe": who fired it
            continue
        if HABIT_AFTER.match(text, m.end):
            continue
        if m.kind == "generic" and _counted_dead(text, m):
            continue   # 'had left 17 terrorists dead', '63 terroristes neutralisés': the other side's losses
        if IDENTITY_BEFORE.search(before):
            actor1 = _first(actor1, m)   # "the attackers were heavily armed bandits": who they were
            continue
        if CLAIM_AFTER.match(text[m.end:m.end + 140]) or CLAIM_BEFORE.search(before) \
                or REL_CLAIM_BEFORE.search(before) and REL_CLAIM_AFTER.match(text, m.end):
            actor1 = m   # who claims the attack carried it out, wherever the sentence names it
            continue
        if SOURCE_AFTER.match(text[m.end:m.end + 40]) and OWN_ACTION.search(text[m.end:m.end + 80]):
            actor1 = _first(actor1, m)   # "the US military said it had carried out a strike"
            continue
        if SOURCE_AFTER.match(text[m.end:m.end + 40]) or STATEMENT_BY.search(before) \
                or SOURCE_BEFORE.search(before) and not ACTS_AFTER.match(text[m.end:m.end + 60]):
            continue   # "said Boko Haram fighters attacked": the reported clause's subject acts
        if PATRON.search(before) or AFFILIATE.search(before) or OWNER.search(before) or HELD_BY.search(before):
            continue
        if (BY.search(before) or PAREN_BY.search(before)) and HABIT.search(before):
            continue   # "such attacks are generally the work of X": who usually does it, neither side of this one
        if BY.search(before) or PAREN_BY.search(before):
            actor1 = _first(actor1, m)
        elif AGAINST.search(before):
            actor2 = actor2 or m
        elif ACTS_AFTER.match(text[m.end:m.end + 60]):
            actor1 = _first(actor1, m)   # "The first attack hit X, where gunmen on motorcycles shot dead 13 men"
        elif passive:   # "were killed when a Myanmar military jet bombed": before the verb the victims, after it the agent
            if m.start < pivot:
                actor2 = actor2 or m
            else:
                placed = placed or m
        elif m.start > pivot:
            if m.kind != "state":   # a state named is a clause's subject or an agent (actors._acts): no target
                actor2 = actor2 or m
        else:
            placed = placed or m
    if actor1 and placed and placed.kind in ("state", "force") and placed.name != actor1.name:
        actor2 = actor2 or placed   # "l'Ukraine a été la cible de drones tirés par les forces russes"
    guess = actor1 is None and placed is not None
    actor1 = actor1 or placed
    if actor1 and actor2 and actor1.name == actor2.name:
        actor2 = None
    return actor1, actor2, guess


@per_story
def sides_of(text: str, mentions: tuple[ActorMention, ...]) -> tuple[str | None, str | None]:
    """(who acts, who is hit) in one sentence, by name; who acts only by a guess or known only by the act is None."""
    a1, a2, guess = _roles(text, mentions)
    return (None if guess or a1 is None or a1.kind == "generic" else a1.name), _name(a2)


COUNT_BEFORE = re.compile(rf"\b(?:{NUMBER})\s+(?:[«\"“]\s*)?$", re.I)


def _counted_dead(text: str, m: ActorMention) -> bool:
    """A described side counted and said killed or wounded right after: the dead, not who acted."""
    if not COUNT_BEFORE.search(text[max(0, m.start - 30):m.start]):
        return False
    return bool(_toll_word().match(text, m.end))


@lru_cache(maxsize=1)
def _toll_word() -> re.Pattern:
    lx = lexicon()
    return re.compile(r"\s*[»”\"]?\s*(?:(?:were|have been|had been|ont été|a été|sont|étaient|all|tous)\s+){0,2}"
                      rf"(?:{lx['killed']}|{lx['injured']})(?![\w-])", re.I)


def _name(m: ActorMention | None) -> str | None:
    return m.name if m else None
