"""Killed and injured counts from casualty phrases in one sentence.

The verbs for killing and wounding, and the "nobody was hurt" phrases, are in data/lexicon.yaml;
number words and hedges in data/numbers.yaml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from transforms.models import Range

from . import rx
from .dates import MO, WD
from .lexicon import lexicon
from .memo import per_story
from .people import listed
from .numbers import APPROX, NUMBER, ONE_WORDS, QUANTITY, VAGUE, WORD_NUMBER, is_vague, parse_number, quantity

APPROX_WORDS = "|".join(rf"{w}s?" for w in APPROX)
# up to ten words between a number and its verb, never another number, a unit of distance or time, or a clause break
PEOPLE = (rf"(?:(?!(?:and|et|but|mais|où|where|dont|including|kilomètres|km|miles|heures|hours|minutes|ans|years|"
          rf"faisant|leaving|laissant|making|said|says|told|a indiqué|without|sans|among|parmi|when|lorsque|quand|after|après|while|"
          rf"ainsi|as well|{WORD_NUMBER}|{APPROX_WORDS})\b)(?!\d)[\w'’-]+\s*,?\s+){{0,10}}?")  # "civils", "Malian soldiers", "membres des forces de sécurité"
# two kinds of people counted together right after the count: "40 rice farmers and fishermen", "soldats et civils"
BOTH = (rf"(?:(?:(?!(?:were|was|are|is|have|has|had|ont|a|sont|été|and|et)\b)[A-Za-zÀ-ÿ'’-]+(?<!ed)(?<!és)(?<!ées)(?<!é) ){{1,2}}"
        rf"(?:and|et) (?!(?:{WORD_NUMBER}|the|les|la|le|l|a|an|un|une|des|en|y|ont|sont|were|was|have|has|had|"
        rf"they|ils|elles|their|leurs?|others|autres)\b)(?![\w'’-]+(?:ing|ant)\b)(?!\d))?")
# 'a lui aussi été tué', 'were also killed'
ALSO = r"(?:(?:(?:lui|elle|eux|elles) )?(?:aussi|également) |also )?"
AUX = (rf"(?:(?:ont|a|avaient|avait|sont|est) {ALSO}(?:été )?|(?:were|was|have been|had been|are|is|has been) {ALSO}|(?:se sont )?)?"
       r"(?:\w+ment |seriously |slightly |critically |lightly |fatally )?(?:\w+ (?=par|by))?(?:shot and |stabbed and |beaten and |poignardée?s? et |frappée?s? et )?")
ONE = "|".join(sorted(ONE_WORDS, key=len, reverse=True))
QUOTE = r"[«“\"]?\s?"
# blanked before matching (same length): "(FDS)", ", including six children," ", dont trois enfants,", ", three of them women,"
ASIDE = re.compile(r"\([^()]{0,80}\)|,\s(?:including|among them|dont|parmi lesquels|parmi lesquelles|y compris|"
                   r"among whom|mostly|mainly|majoritairement|essentiellement)\b[^,.;]{0,60},"
                   r"|,\s[\w-]+ (?:of them|of whom|d['’]entre eux|d['’]entre elles)\b[^,.;]{0,60},"
                   r"|,\s[^,.;]{0,40}\b(?:among them|parmi eux|parmi elles),", re.I)   # ", a police officer among them,"
NOUN_AFTER = re.compile(r"(?:[\s«“\"]*(?!(?:and|et|in|à|au|near|près|when|as|lors|dans|on|sur|at)\b)[\w'’-]+){0,3}", re.I)
# a day told between the verb and its count: "ont tué mardi six soldats", "a fait hier soir trois morts"
WHEN = (rf"(?:(?:{WD}|hier|aujourd'hui|aujourd’hui|yesterday|today)(?: (?:soir|matin|après-midi|midi|evening|morning))?,? "
        rf"(?!\d{{1,2}}(?:er)? (?:{MO})\b))?")   # not the day of a date: 'tuées dimanche 2 septembre'
# French 'a' (has) after a noun of death is no article: 'le nombre de morts a fortement augmenté', 'a été revu'
NOT_HAS = r"(?! (?:[\w-]*[éè]e?s?|encore|déjà|presque|pu|dû|eu|fait|pris|reçu|\w+ement)\b)"
# one person passively: 'un civil a lui aussi été tué', 'the contractor was also killed'
SINGULAR = rf"(?:a {ALSO}été |est |was {ALSO}|has {ALSO}been |had {ALSO}been )"
# a person by rank and name ('Constable Muhammad Tariq was shot dead'), capitalised whatever the pattern's flags
NAMED = r"(?<!the )(?<!of )(?<!de )(?<!du )(?<!la )(?<!le )(?P<q5>(?-i:[A-Z][\w'’-]+(?: [A-Z][\w'’-]+){1,3}))"
# one person named by role after a singular article: "tué le chauffeur", "killed the local mayor"
THE_ONE = (r"(?P<q4>le|la|l'|l’|the) (?=(?:[\w-]+ )?(?:chauffeur|driver|maire|mayor|chef|chief|leader|commandant|"
           r"commander|gouverneur|governor|député|lawmaker|imam|prêtre|priest|juge|judge|journaliste|journalist|"
           r"policier|policeman|soldat|soldier|conducteur|propriétaire|owner|directeur|director|conseiller|councillor)\b)")
# people a toll counts ("killed two soldiers and three civilians")
VICTIMS = (r"civilians|civils|soldiers|soldats|militaires|policemen|police officers|policiers|gendarmes|people|personnes|"
           r"children|enfants|women|femmes|men|hommes|villagers|villageois|militants|fighters|combattants|rebels|rebelles|"
           r"jihadistes|jihadists|members|membres|passers-by|passants|workers|ouvriers|guards|gardes|officers|agents")
EXTRA = re.compile(rf"^\s*(?:(?!(?:were|was|are|is|have|has|had|ont|a|sont|été|été)\b)[\w'’-]+ ){{0,4}}?(?:and|et) (?:à |to )?"
                   rf"(?:(?P<one>{ONE}) (?!other)|(?P<n>{NUMBER}) (?:[\w'’-]+ )?(?:others|autres|other people|{VICTIMS})"
                   rf"|(?P<n2>{NUMBER}) (?:of (?:his|her|their|its)|de (?:ses|leurs)) [\w'’-]+)\b",
                   re.I)


# "abattu deux drones", "shot down 118 of the 142 drones": what was downed is no one killed
MUNITIONS = re.compile(rf"\s+(?:(?:des|of the|sur|out of) (?:{NUMBER}) )?(?:(?!(?:by|par|with|avec|from|in|dans)\b)[\w'’-]+ )?(?:drones?|missiles?|roquettes?|"
                       r"rockets?|obus|shells?|projectiles?|engins|avions?|aircraft|planes?|jets?|hélicoptères?|"
                       r"helicopters?|aéronefs?|UAVs?)\b", re.I)


# what the "and their driver" pattern needs; most sentences have none, and that pattern is slow
ONE_MORE = r"(?:and|et) (?:their|its|his|a|an|one|leur|son|sa|un|une)"
AND_ONE = re.compile(rf"\b{ONE_MORE}\b", re.I)
MANY = re.compile("|".join(w for w, n in {**APPROX, **VAGUE}.items() if n >= 100), re.I)
# "two Indian soldiers and [three militants were killed]": the count before "and" belongs to the same toll
BEFORE = re.compile(rf"(?<![\w-])(?P<n>{NUMBER}) (?=(?:[\w'’-]+ ){{0,2}}(?:{VICTIMS}) )"
                    rf"(?:(?!(?:were|was|are|is|have|has|had|ont|a|sont|été|and|et|"
                    rf"killed|wounded|injured|dead|died|tués?|tuées?|blessée?s?|morts?)\b)[\w'’-]+ ){{1,3}}(?:and|et) $", re.I)
# one event named in the sentence ("when a strike hit the hospital", "dans l'attentat de mardi"); otherwise
# "hundreds killed" is a war's or a region's running tally, background to the incident
ONE_EVENT = re.compile(rf"\b(?:the|this|that|a|an|one|le|la|l'|l’|cet|cette|ce|un|une|du)\s?(?:[\w-]+ ){{0,2}}?"
                       rf"(?:attack|attaque|attentat|bombing|strike|frappe|blast|explosion|raid|massacre|assault|"
                       rf"assaut|ambush|embuscade|shelling|bombardement|fire|incendie|stampede)\b(?!s)|\b(?:{WD}|hier|"
                       rf"yesterday|avant-hier|overnight|dans la nuit)\b", re.I)


def _toll(subject: str, q: str) -> re.Pattern:
    """A toll told by its subject and a verb of change: 'the death toll rose to 14', 'le bilan s'est alourdi à 14'."""
    return rx.compile(rf"\b(?:{subject})\b[^.]{{0,160}}?\b(?:risen|rose|rises|"
                      rf"climbed|climbs|jumped|jumps|reached|reaches|increased|lowered|revised|stands at|"
                      rf"alourdi|alourdit|passé|passe|grimpé|grimpe|monté|monte|atteint|atteindre|élevé|élève|"
                      rf"établit|porté|revu|passer|gone up|went up|augmenté|est de|is|was|fait état de)\b[^.\d]{{0,20}}?(?<![\w-]){q}",
                      re.I)


@lru_cache(maxsize=1)
def _patterns() -> dict:
    lx = lexicon()
    q = rf"(?P<q>(?:(?:between|entre) {NUMBER} (?:and|et) {NUMBER}|{NUMBER} (?:to|à) {NUMBER}|" \
        rf"(?:(?:plus de|plus d'|plus d’|more than|at least|au moins|about|around|nearly|some|près de|environ|over) ?)?" \
        rf"(?:une? |a |an )?(?:dizaines?|douzaines?|quinzaines?|vingtaines?|trentaines?|quarantaines?|cinquantaines?|soixantaines?|centaines?|" \
        rf"dozens?|several|plusieurs|quelques|some|certains|certaines|scores|hundreds|d'autres|d’autres|others|{NUMBER})))"
    one = rf"(?P<q2>{ONE})"
    out = {"cue_killed": rx.compile(rf"\b(?:{lx['killed']})\b", re.I),
           "cue_injured": rx.compile(rf"\b(?:{lx['injured']})\b", re.I),
           "toll": _toll(r"death toll|toll|bilan|number of (?:the )?(?:dead|deaths|people killed)|"
                         r"nombre (?:de|des) (?:morts|victimes|tués|décès)", q),
           # 'the number of wounded had risen to 221', 'le nombre de blessés est passé à 40'
           "toll_injured": _toll(r"number of (?:the )?(?:wounded|injured|people (?:wounded|injured))|nombre (?:de|des) blessés", q),
           # the verb first: 'ce qui porte le bilan à 14', 'bringing the death toll to 14'
           "toll_first": rx.compile(rf"\b(?:fait passer|porte|portant|portent|bringing|raising|taking|pushing) (?:ainsi )?"
                                    rf"(?:le|the) (?:bilan|(?:death )?toll|nombre (?:de|des) (?:morts|tués|victimes)|"
                                    rf"number of (?:the )?dead)(?: \w+)? (?:à|to) {q}", re.I)}
    for kind in ("killed", "injured"):
        verb = lx[kind]
        out[kind] = [
            rx.compile(rf"\b(?:{verb})(?:\s?[»”\"])? {WHEN}(?:to |à )?{QUOTE}(?:{q}|(?P<q3>a{NOT_HAS}|an|one|un|une) (?=[\w-]+\b)|{THE_ONE})", re.I),  # "killing four", "tué « neuf terroristes »", "killed the driver"
            rx.compile(rf"(?<![\w-]){q} {BOTH}{PEOPLE}{AUX}(?:{verb})\b", re.I),   # "huit soldats ont été tués"
            rx.compile(rf"(?<![\w-])(?:(?P<q>un|une|one) (?:{verb})\b|(?:{one} (?:[\w'’-]+ ){{1,3}}?|{NAMED} ){SINGULAR}"
                       rf"(?:\w+ment |seriously |slightly |critically |fatally )?(?:shot and |stabbed and |poignardée? et )?(?:{verb})\b)", re.I),  # "un mort", "a soldier was killed", "Constable X was shot dead"
            # "eight police commandos and their driver were killed": one more than the count
            rx.compile(rf"(?<![\w-]){q} {PEOPLE}{ONE_MORE} "
                       rf"(?:[\w'’-]+ ){{1,3}}?{AUX}(?:{verb})\b", re.I),
        ]
    return out


# the toll as last given: its figures replace the earlier ones
LATEST = rx.compile(r"\b(?:(?:le |un |du |selon le |d'après le |d’après le )?(?:dernier|nouveau) bilan|bilan (?:actualisé|révisé)|"
                    r"(?:revoyant|révisant|revu|révisé|revised|raising|revising) (?:\w+ ){0,2}(?:à la hausse|upwards?)|"
                    r"(?:the |a )?(?:latest|new|updated|revised) (?:death )?toll)\b", re.I)


@per_story
def is_toll_update(sentence: str) -> bool:
    """'Le bilan s'est alourdi mercredi à 14 morts', 'selon le dernier bilan': a revised toll; the day named is
    the update's, not the event's."""
    return bool(_patterns()["toll"].search(sentence) or _patterns()["toll_first"].search(sentence)
                or _patterns()["toll_injured"].search(sentence)
                or LATEST.search(sentence) or bool(CORRECTED.search(sentence) and DEATHS.search(sentence)))


DEATHS = re.compile(r"\b(?:morts?|dead|deaths|killed|tués|bilan|toll|victimes|victims)\b", re.I)
# a toll corrected from one figure to another: the second stands ('ramené de 359 à 253 morts', 'not 359 dead but 253')
CORRECTED = rx.compile(
    rf"\b(?:ramenée?|revue?(?: à la (?:baisse|hausse))?|abaissée?|corrigée?|révisée?(?: à la (?:baisse|hausse))?|"
    rf"revised(?: (?:down|up)(?:wards?)?)?|lowered|cut|raised|relevée?|alourdie?|passée?|rose|risen|climbed|"
    rf"increased|jumped|gone up|went up|fell|dropped|fallen)(?: (?:the |le )?(?:death )?(?:toll|bilan))?(?: (?:down|up)(?:wards?)?| à la (?:baisse|hausse))? (?:de|from) {NUMBER} (?:morts? |dead |deaths )?(?:à|to) "
    rf"(?P<q>{NUMBER})|\b(?:pas(?: fait)?|not) {NUMBER} (?:morts?|dead|deaths|victimes|victims),? (?:mais|but) (?P<q2>{NUMBER})\b",
    re.I)


# a part of the victims, not their number: "two of the wounded", "220 des blessés", "dont trois enfants"
SUBSET_AFTER = re.compile(r"\s+(?:more |autres? )?(?:of (?:the|those|them|whom|its|their|his|her)|d['’]entre (?:eux|elles)|(?:des|parmi les) (?:blessés|morts|victimes))\b",
                          re.I)
SUBSET_BEFORE = re.compile(r"\b(?:dont|including|among (?:them|whom|the (?:dead|wounded|injured|victims))|"
                           r"parmi (?:eux|elles|lesquels|lesquelles|les (?:morts|blessés|victimes))|the other|"
                           r"les(?: \w+)? autres|l['’]autre)\s+$", re.I)
# how badly some of them were hurt: a figure of this kind only stands when the story gives no other
CONDITION = rx.compile(r"\bétat (?:critique|grave|sérieux)|\b(?:critical|serious) condition|pronostic vital|"
                       r"\bblessés? graves?|grièvement|\b(?:seriously|critically|lightly|slightly) (?:hurt|wounded|injured)|"
                       r"\blégèrement blessés?", re.I)


# the attackers' own losses, told apart from the victims': "five gunmen were shot dead", "20 assaillants neutralisés"
# (militants, terrorists or jihadists killed are a strike's or a clash's victims, named as a class)
ATTACKERS = re.compile(r"\b(?:gunmen|attackers?|assailants?|assaillants?|hommes armés|kamikazes?|suicide bombers?|"
                       r"bombers|agresseurs?)\b", re.I)
MILITANTS = re.compile(r"\b(?:terroristes|terrorists|militants|jihadistes|djihadistes|jihadists|insurgés|insurgents)\b", re.I)
# forces fighting back: who they kill are the attackers ('en ripostant, l'armée a tué 80 terroristes')
RIPOSTE = rx.compile(r"\b(?:riposte|ripostant|riposté|reacted|repelled|repulsed|repoussé|fought back|returned fire|"
                     r"counter-?attack|contre-attaque)", re.I)
# forces that acted: who they killed are their operation's victims ('soldiers killed six cartel gunmen')
FORCES_BEFORE = re.compile(r"\b(?:soldiers|troops|army|military|police|forces|National Guard|soldats|militaires|armée|"
                           r"police|forces|gendarmes)\b[^.;]{0,60}$", re.I)


@dataclass(frozen=True)
class Figures:
    """What one sentence states of the dead and the wounded."""
    killed: Range | None
    injured: Range | None
    phrases: tuple[str, ...]
    partial: frozenset[str] = frozenset()   # kinds whose figure counts only part of the victims
    own: frozenset[str] = frozenset()       # kinds whose figure counts the attackers' own losses
    vague: frozenset[str] = frozenset()     # kinds whose figure is no number ('dozens', 'plusieurs')
    stale: frozenset[str] = frozenset()     # kinds whose figure is an earlier toll, since replaced


def casualties(sentence: str) -> tuple[Range | None, Range | None, list[str]]:
    """(killed, injured, raw phrases) stated in one sentence."""
    f = figures(sentence)
    return f.killed, f.injured, list(f.phrases)


@per_story
def figures(sentence: str) -> Figures:
    nobody = lexicon()["nobody"].search(sentence)
    if nobody:
        phrase = nobody.group(0).lower()
        zero = Range(0, 0)
        rest = sentence[:nobody.start()] + " " * len(nobody.group(0)) + sentence[nobody.end():]
        if not any(w in phrase for w in ("killed", "mort", "died", "tué")):
            if not ELSE.search(phrase):
                return Figures(zero, zero, (nobody.group(0),))
            # "two crew members were killed ... nobody else on board was hurt": the dead are told beside
            found = _counts(rest)
            return Figures(found.killed, zero, (*found.phrases, nobody.group(0)), found.partial - {"injured"},
                           found.own - {"injured"}, found.vague - {"injured"}, found.stale - {"injured"})
        # "wounded two farmers but nobody was killed": the wounded still count
        found = _counts(rest)
        return Figures(zero, found.injured, (nobody.group(0), *found.phrases), found.partial - {"killed"},
                       found.own - {"killed"}, found.vague - {"killed"})
    return _counts(sentence)


ELSE = re.compile(r"\b(?:else|other|autre)\b", re.I)


def _counts(sentence: str) -> Figures:
    text = ASIDE.sub(lambda m: " " * len(m.group(0)), sentence)
    found, phrases, partial, own, vague = {}, [], set(), set(), set()
    corrected = CORRECTED.search(text)
    toll = _patterns()["toll"].search(text) or _patterns()["toll_first"].search(text)
    if corrected and _range(corrected["q"] or corrected["q2"]) and DEATHS.search(text):
        found["killed"] = _range(corrected["q"] or corrected["q2"])
        phrases.append(sentence[corrected.start():corrected.end()])
    elif toll and _range(toll.group("q")):
        found["killed"] = _range(toll.group("q"))
        phrases.append(sentence[toll.start():toll.end()])
    wounded = _patterns()["toll_injured"].search(text)
    if wounded and _range(wounded.group("q")):
        found["injured"] = _range(wounded.group("q"))
        phrases.append(sentence[wounded.start():wounded.end()])
    for kind in ("killed", "injured"):
        if kind in found or not _patterns()["cue_" + kind].search(text):
            continue
        people = listed(text, kind)   # "un homme et une femme ont été tués": two
        if people:
            found[kind] = people[0]
            phrases.append(people[1])
            continue
        pats = _patterns()[kind] if AND_ONE.search(text) else _patterns()[kind][:3]   # the 4th is slow
        matches = [m for m in (p.search(text) for p in pats) if m and _range(_q(m))
                   and not (_uncounted_many(_q(m)) and not ONE_EVENT.search(text))
                   and not _not_people(text, m)]
        if matches:   # the tightest phrase: "faisant un mort", not "cinq raids ont visé ..., faisant un mort"
            m = min(matches, key=lambda m: m.end() - m.start())
            end = m.end()
            if m.re is _patterns()[kind][0]:   # "killing five" -> "killing five civilians"
                end += NOUN_AFTER.match(text[end:]).end()
            extra = text[m.end():] if m.re is _patterns()[kind][0] else ""
            found[kind] = _plus_extra(_range(_q(m)), extra)
            if m.re is _patterns()[kind][1]:
                found[kind] = _plus_before(found[kind], text[max(0, m.start() - 80):m.start()])
            if m.re is _patterns()[kind][3]:
                found[kind] = _plus(found[kind], 1)
            found[kind] = _another(text, m.end(), found[kind])
            phrases.append(sentence[m.start():end].rstrip())
            if _subset(text, m) or _attacker_among(sentence, m):
                partial.add(kind)
            if _attackers_losses(text, m.start(), end):
                own.add(kind)
            if is_vague(_q(m)):
                vague.add(kind)
    stale = frozenset(found) if found and _stale(text) and not is_toll_update(sentence) else frozenset()
    return Figures(found.get("killed"), found.get("injured"), tuple(phrases), frozenset(partial), frozenset(own),
                   frozenset(vague), stale)


# an earlier toll, told as such: 'un premier bilan', 'le bilan de 93 morts donné plus tôt', 'had earlier said'
STALE = re.compile(r"\b(?:premier bilan|bilan (?:initial|antérieur|précédent)|précédent bilan|"
                   r"(?:earlier|initial|previous|first) (?:death )?toll|"
                   r"(?:avait|avaient) (?:\w+ )?(?:d['’]abord|auparavant|initialement|précédemment)|"
                   r"(?:had|have) (?:earlier|previously|initially|first)|(?:donnée?|annoncée?|avancée?) (?:un peu )?plus tôt)\b"
                   r"|^\W*(?:Earlier|Auparavant|Plus tôt|Initially|Initialement),[^.]*\b(?:had|avait|avaient)\b", re.I)


RAISING = re.compile(r"\b(?:raising|revising|updating|révisant|revoyant|relevant|dépassant)\s+(?:the |le |un |a )?$", re.I)


def _stale(text: str) -> bool:
    """The sentence tells an earlier toll, not one it raises ('raising the first death toll of seven')."""
    m = STALE.search(text)
    return bool(m) and not RAISING.search(text[max(0, m.start() - 30):m.start()])


# "Huit autres soldats ont été blessés", "three others were wounded": more victims of the incident told before
MORE_VICTIMS = re.compile(rf"^\W*(?:{NUMBER}|{ONE}) (?:autres|others|other)\b", re.I)


def more_victims(sentence: str) -> bool:
    """The sentence opens on a toll of further victims ('Eight other soldiers were wounded')."""
    f = figures(sentence)
    return bool(f.killed or f.injured) and MORE_VICTIMS.search(sentence) is not None


# "une quinzaine selon une source, 19 selon une autre": another source's figure for the same victims
ANOTHER = re.compile(rf"[,;]\s*(?:et |and |while |tandis que )?(?P<q>{NUMBER})\s+(?:selon|d['’]après|according to)\s+"
                     r"(?:une autre|d['’]autres|another|other)\b", re.I)


def _another(text: str, end: int, rng: Range) -> Range:
    """The figure widened to low..high by another source's figure told right after it."""
    m = ANOTHER.search(text, end)
    n = parse_number(m["q"]) if m else None
    if n is None:
        return rng
    high = None if rng.max is None else max(rng.max, n)
    return Range(min(rng.min, n), high)


def _attackers_losses(text: str, start: int, end: int) -> bool:
    """'Ten of the attackers were killed', '20 assaillants neutralisés', militants killed as the forces fought
    back; not the gunmen the soldiers set out against ('Mexican soldiers killed six cartel gunmen')."""
    phrase, riposte = text[start:end], RIPOSTE.search(text)
    if ENEMY_SIDE.search(text[max(0, start - 40):start]) or CAPTURED_AFTER.match(text, end):
        return True
    if MILITANTS.search(phrase) and riposte:
        return True
    return bool(ATTACKERS.search(phrase)) and (bool(riposte) or not _forces_acted(text[max(0, start - 80):start]))


# the losses of the other side, told apart: 'Du côté ennemi : 77 morts', 'on the enemy side, 77 were killed'
ENEMY_SIDE = re.compile(r"\b(?:côté (?:de l['’])?ennemi|enemy(?:'s)? (?:side|losses)|pertes ennemies|"
                        r"(?:dans les|parmi les|in the|among the) rangs? (?:de l['’]ennemi|ennemis|des assaillants|des terroristes)|"
                        r"(?:in|among) the (?:enemy|attackers['’]?|militants['’]?) ranks)\b", re.I)
# 'cinq d'entre eux ont été tués et trois capturés', 'six were killed and two arrested': victims are not captured
CAPTURED_AFTER = re.compile(rf"\s*,?\s*(?:et|and) (?:(?:{NUMBER}|one|un|une) )?(?:autres? |others? )?(?:ont été |a été |were |was )?"
                            r"(?:capturée?s?|arrêtée?s?|interpellée?s?|faits? prisonniers?|captured|arrested|detained|"
                            r"taken prisoner)\b", re.I)
SOURCE_BEFORE = re.compile(r"\b(?:according to|selon|d['’]après|said|told)\s+(?:the |la |le |les |l['’])?$", re.I)


def _forces_acted(before: str) -> bool:
    """Forces named before the toll as who acted, not as who told it ('According to the police, all five...')."""
    m = FORCES_BEFORE.search(before)
    return bool(m) and not SOURCE_BEFORE.search(before[:m.start()])


def _subset(text: str, m: re.Match) -> bool:
    """'two of the wounded', 'dont trois enfants', 'certains blessés étaient dans un état critique'."""
    q = "q" if m.groupdict().get("q") else next((g for g in ("q2", "q3", "q4") if m.groupdict().get(g)), None)
    if q is None:
        return False
    start, end = m.span(q)
    return bool(SUBSET_AFTER.match(text, end) or SUBSET_BEFORE.search(text[max(0, start - 40):start])
                or CONDITION.search(text))


def _attacker_among(sentence: str, m: re.Match) -> bool:
    """'Four people, one attacker among them, have died': the count holds the attackers' own loss."""
    return any(ATTACKERS.search(a.group(0)) for a in ASIDE.finditer(sentence, m.start(), m.end()))


def _uncounted_many(q: str) -> bool:
    """'hundreds', 'des centaines': no count, and too many for one incident unless the sentence names it."""
    if not MANY.search(q) or any(c.isdigit() for c in q):
        return False
    rng = _range(q)
    return rng is not None and rng.max is None


DAY_OF_MONTH = re.compile(rf"(?:er)?\s+(?:{MO})\b", re.I)


def _not_people(text: str, m: re.Match) -> bool:
    """What the count counts is no one: the day of a date ('mardi 18 juin, les forces ont abattu...'), drones or
    missiles downed ('abattu deux drones', '40 drones Shahed ont été abattus')."""
    name = next((g for g in ("q", "q2", "q3") if m.groupdict().get(g)), None)
    if name == "q2" and INSIDE_A_PHRASE.search(text[max(0, m.start() - 30):m.start()]):
        return True   # 'a gunman wearing [a fake belt was also shot dead]': the belt is no subject
    return bool(name) and bool(DAY_OF_MONTH.match(text, m.end(name)) or MUNITIONS.match(text, m.end(name)))


# a word that puts what follows inside a longer subject or a complement
INSIDE_A_PHRASE = re.compile(r"\b(?:\w+ing|with|of|in|on|at|by|from|against|avec|portant|de|des|du|dans|sur|par|contre)\s+$", re.I)


def _q(m: re.Match) -> str:
    g = m.groupdict()
    return g.get("q") or g.get("q2") or g.get("q3") or ("one" if g.get("q4") or g.get("q5") else "")


def _plus_extra(rng: Range, after: str) -> Range:
    """'five rangers and a passer-by' -> 6; 'deux soldats et trois autres' -> 5."""
    m = EXTRA.match(after)
    if not m:
        return rng
    return _plus(rng, 1 if m["one"] else parse_number(m["n"] or m["n2"]) or 0)   # "and two of his aides"


def _plus_before(rng: Range, before: str) -> Range:
    """'deux soldats et [trois civils ont été tués]' -> 5."""
    m = BEFORE.search(before)
    return _plus(rng, parse_number(m["n"]) or 0) if m else rng


def _plus(rng: Range, extra: int) -> Range:
    return Range(rng.min + extra, rng.max + extra if rng.max is not None else None)


def _range(text: str) -> Range | None:
    if text.lower() in ONE_WORDS:
        return Range(1, 1)
    m = QUANTITY.search(text)
    return quantity(m) if m else None
