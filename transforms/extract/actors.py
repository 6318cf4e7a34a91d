"""Actors: known groups, forces and states (data/actors.yaml), countries named as states and national
forces built from data/countries.csv, then descriptions as written ("hommes armés", "Iran-backed militants").

Canonical style for national forces (documented choice): army, military, troops, soldiers, armée, soldats,
militaires, troupes, drones, warplanes... -> the country's `force` column in countries.csv, else
"<English adjective> army" ("soldats tchadiens" -> "Chadian army"); forces / security forces / forces de
sécurité -> the `force` column, else "<adjective> forces"; police, policiers -> "<adjective> police".
`text` is the mention without a leading article ("Shebab" in "les Shebab").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

import yaml

from .gazetteer import country_names, country_rows, data_text, inflect, split
from .textutil import Matcher, Token, case_ok, case_rule, fold, key, tokens

# base: a national force's base, only ever a target; demonym ('Russians'): a force, only before a verb of firing
KINDS = ("group", "state", "force", "base", "generic", "demonym")
ARMY_EN = ("army", "military", "troops", "soldiers", "soldier", "armed forces", "special forces", "drones", "drone",
           "warplanes", "jets", "fighter jets", "aircraft", "air force", "navy", "artillery", "gunboats",
           "strikes", "airstrikes", "air strikes", "missiles", "missile", "shelling", "bombardment",
           "strike", "attack", "attacks", "offensive", "rocket", "rockets", "bombs", "bombing")
# a national force named by its weapons or its attack ("Russian rockets", "l'attaque russe") acts, never is hit
WEAPONRY = frozenset("drones drone warplanes jets aircraft artillery gunboats strikes airstrikes missiles missile "
                     "shelling bombardment strike attack attacks offensive rocket rockets bombs bombing avions "
                     "artillerie helicopteres frappes frappe bombardements tirs attaque attaques roquette roquettes "
                     "bombes attentat attentats embuscade embuscades assaut assauts ambush ambushes assault assaults raid "
                     "raids".split())
# "une attaque jihadiste", "a jihadist ambush": the attack named by who did it, a description beyond the act
JIHADIST_ATTACK = re.compile(r"(?<![\w-])(?:(?:attaques?|attentats?|embuscades?|assauts?|offensives?)\s+(?P<fr>d?jihadistes?)|"
                             r"(?P<en>jihadist)\s+(?:attacks?|ambush(?:es)?|assaults?|raids?|offensives?))(?![\w-])", re.I)
FORCES_EN = ("forces", "security forces")
POLICE_EN = ("police", "policemen", "police officers", "gendarmes")
ARMY_FR = ("armée", "soldats", "soldat", "militaires", "troupes", "forces armées", "forces spéciales", "drones",
           "drone", "avions", "avions de chasse", "aviation", "marine", "artillerie", "hélicoptères",
           "frappes", "frappes aériennes", "frappe", "bombardements", "missiles", "tirs",
           "missile", "attaque", "attaques", "offensive", "roquette", "roquettes", "bombes")
FORCES_FR = ("forces", "forces de sécurité", "forces de défense et de sécurité")
POLICE_FR = ("police", "policiers", "gendarmes", "gendarmerie")
# "a US base", "une base américaine": the country's forces as a target (never as who acted)
BASES_EN = ("base", "bases", "military base", "military bases", "air base", "air bases", "airbase", "outpost", "outposts")
BASES_FR = ("base", "bases", "base militaire", "bases militaires", "base aérienne", "bases aériennes")
# a country name is an actor only as the subject of a clause ("Les États-Unis ont frappé", "Russia said")
# or after an agent cue ("by Israel", "par la Russie"); elsewhere it says where ("en Irak", "in Syria")
SUBJECT_BEFORE = re.compile(r"(?:^|[\n.;:!?\"«“(]|,\s|\b(?:but|mais|while|tandis que|alors que|as|when|lorsque|quand|que|that|after|après que)\s|\bqu['’])"
                            r"\s*(?:(?:the|les|la|le|l'|l’)\s*)?$", re.I)
AGENT_BEFORE = re.compile(r"\b(?:by|par|from|de la part d[eu']|attributed to|attribuée? à|blamed on|accused|accusé)\s+"
                          r"(?:the |la |le |les |l'|l’)?$", re.I)
COORDINATED_BEFORE = re.compile(r"(?:^|[\n.;:!?\"«“(]|,\s)\s*(?:(?:the|les|la|le|l'|l’)\s*)?[A-ZÀ-Þ][\w'’-]*"
                                r"(?:[ -][A-ZÀ-Þ][\w'’-]*)*\s+(?:et|and)\s+(?:(?:the|les|la|le|l'|l’)\s*)?$")
DEMONYM_ACTS = re.compile(r" (?:(?:have|had|ont|avaient) )?(?:launched|fired|attacked|struck|shelled|bombed|"
                          r"lancé|tiré|attaqué|frappé|bombardé|pilonné)\b", re.I)
COORDINATED = re.compile(r" (?:et|and) (?:le |la |les |l'|l’|the )?[A-ZÀ-Þ]")
NEXT_WORD = re.compile(r" ([a-zà-ÿ][\w'’-]*)")
# words that follow a place name, not an acting subject ("le Burkina Faso en 2023")
NOT_VERBS = frozenset("en à au aux dans de du des et ou in on at to and or of for with since depuis pour avec sur par "
                      "who which qui que where où from near près entre between après after avant before sous under "
                      # "Niger is home to several groups", "le Mali est frappé": a copula says what it is, not what it did
                      "is was est était remains reste".split())
# "fighters from Islamic State", "ses combattants": the description stands for a named actor
DESCRIBES_NAMED = re.compile(r"^\s+(?:from|of|du|de|des|d'|d’|loyal to|linked to|liés à|affiliated with)\s+(?:the |la |le |les |l'|l’)?")
# "US military officials", "responsables militaires américains": people who speak, not a force that acts
SPEAKERS = re.compile(r"^\s+(?:officials?|spokes(?:man|woman|person)|sources?)\b", re.I)
SPEAKERS_BEFORE = re.compile(r"\b(?:responsables?|porte-parole|sources?)\s+$", re.I)
POSSESSIVE_BEFORE = re.compile(r"\b(?:its|their|his|ses|leurs|sa|son)\s+$", re.I)
GENERIC_HEAD = (r"hommes armés|individus armés|hommes lourdement armés|assaillants?|assaillante|suspects?|insurgés|jihadistes|djihadistes|"
                r"islamistes|terroristes|rebelles|miliciens|milices?|bandits armés|bandits|gangs? armés|gangs|"
                r"groupes? armés?|kamikazes?|combattants|séparatistes|agresseurs?|tireurs?|ravisseurs|"
                r"gunmen|gunman|armed men|armed assailants|attackers|attacker|assailants|assailant|insurgents|"
                r"jihadists|militants|rebels|fighters|separatists|militiamen|militias|militia|bandits|armed gangs|"
                r"gangs|gang members|armed groups|terrorist organi[sz]ations?|terrorist groups?|organisations? terroristes|"
                r"groupes? terroristes|terrorists|occupiers|occupant|suicide bombers?|kidnappers|shooters?|knifeman|security forces|"
                r"forces de sécurité")
GENERIC = re.compile(
    r"(?<![\w-])(?:(?:des|les|une|un|the|a|an|de|d'|d’)\s+)?"
    r"(?P<name>(?:(?:suspected|unidentified|unknown|heavily armed|armed|Islamist|jihadist|separatist|"
    r"pro-government|[A-Z][\w]*-(?:backed|aligned|linked|allied)|pro-[\w]+)\s+){0,2}"
    r"(?:" + GENERIC_HEAD + r")"
    r"(?:\s+(?:pro-[\w-]+|présumés?|non identifiés|armés|islamistes|jihadistes|djihadistes|séparatistes|"
    r"locales?|rivaux|rivales|(?:ira|syri|libana|yéméni)\w+))?)(?![\w-])", re.I)

HEAD = re.compile(r"(?<![\w-])(?:" + GENERIC_HEAD + r")(?![\w-])", re.I)


def _first_words(alternatives: str) -> frozenset[str]:
    """First words of the generic heads, folded, 's?' expanded: where a generic description can be."""
    words = set()
    for alt in alternatives.split("|"):
        w = alt.split()[0]
        words.update({w[:-2], w[:-1]} if w.endswith("s?") else {w})
    return frozenset(fold(w) for w in words)


HEAD_WORDS = _first_words(GENERIC_HEAD)


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str             # as written ("Shebab", "Daech", "hommes armés")
    name: str             # canonical English name, or the description as written
    kind: str             # "group" | "state" | "force" | "generic"
    country: str | None = None


@dataclass(frozen=True)
class Actor:
    name: str
    kind: str
    country: str | None
    rule: str = "cap"
    words: tuple[str, ...] = ()


def _actor_case(alias: str) -> str:
    """textutil.case_rule, but a group's acronym of four letters or more is also written as a word, as French
    copy does ('le Jnim', 'l'Aqmi', 'Iswap'): shorter ones stay exact ('EI' is no 'Ei')."""
    rule = case_rule(alias)
    return "acronym" if rule == "exact" and len(alias) >= 4 and alias.isalpha() and alias.isupper() else rule


@lru_cache(maxsize=1)
def actor_rows() -> tuple[dict, ...]:
    return tuple(yaml.safe_load(data_text("actors.yaml")))


@lru_cache(maxsize=1)
def actor_index() -> dict[str, tuple[Actor, ...]]:
    """alias key -> actors: the curated list first, then national forces, then countries as states."""
    index: dict[str, list[Actor]] = {}

    def add(alias: str, name: str, kind: str, country: str | None) -> None:
        index.setdefault(key(alias), []).append(
            Actor(name, kind, country, _actor_case(alias), tuple(re.findall(r"[^\W_]+", alias))))

    for row in actor_rows():
        for alias in dict.fromkeys([row["name"], *row["aliases"]]):
            add(str(alias), row["name"], row["kind"], row.get("country"))
    for row in country_rows():
        for alias, name in _force_aliases(row):
            add(alias, name, "force", row["code"])
        for alias, name in _base_aliases(row):
            add(alias, name, "base", row["code"])
        for alias, name in _demonyms(row):
            add(alias, name, "demonym", row["code"])
    for row in country_rows():
        for alias in country_names(row):
            add(alias, row["en"], "state", row["code"])
    return {k: tuple(v) for k, v in index.items()}


def _force_aliases(row: dict) -> list[tuple[str, str]]:
    adjectives = split(row["adj_en"])
    if not adjectives:
        return []
    adj = "US" if row["code"] == "US" else adjectives[0]
    army = row["force"] or f"{adj} army"
    forces = row["force"] or f"{adj} forces"
    groups = ((ARMY_EN, ARMY_FR, army), (FORCES_EN, FORCES_FR, forces), (POLICE_EN, POLICE_FR, f"{adj} police"))
    en_words = adjectives + (["US", "U.S."] if row["code"] == "US" else [])
    fr_words = [f for a in split(row["adj_fr"]) for f in inflect(a)]
    out = []
    for nouns_en, nouns_fr, name in groups:
        out += [(f"{a} {n}", name) for a in en_words for n in nouns_en]
        out += [(f"{c}'s {n}", name) for c in (row["en"],) for n in nouns_en]
        out += [(f"{n} {a}", name) for a in fr_words for n in nouns_fr]
    return out


def _demonyms(row: dict) -> list[tuple[str, str]]:
    """'the Russians launched', 'les Russes ont tiré': the people named for their state's forces ('Russians',
    'Israelis', 'Russes', 'Israéliens'), only before a verb of firing or attacking (DEMONYM_ACTS): elsewhere
    'Palestinians', 'Somalis' are people, mostly the victims; only capitalised plurals."""
    adjectives = split(row["adj_en"])
    if not adjectives:
        return []
    name = row["force"] or f"{adjectives[0]} forces"
    en = [f"{a}s" for a in adjectives if a[-1:] in "niao" and not a.endswith("ese")]
    fr = [w[:1].upper() + w[1:] for a in split(row["adj_fr"]) for w in inflect(a) if w.endswith("s")]
    return [(d, name) for d in en + fr]


def _base_aliases(row: dict) -> list[tuple[str, str]]:
    """'US base', 'base américaine' -> the country's forces (its `force` column, else '<adjective> forces')."""
    adjectives = split(row["adj_en"])
    if not adjectives:
        return []
    name = row["force"] or f"{adjectives[0]} forces"
    en_words = adjectives + (["US", "U.S."] if row["code"] == "US" else [])
    fr_words = [f for a in split(row["adj_fr"]) for f in inflect(a)]
    return [(f"{a} {n}", name) for a in en_words for n in BASES_EN] + \
        [(f"{n} {a}", name) for a in fr_words for n in BASES_FR]


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    return Matcher(actor_index())


def is_weaponry(mention: ActorMention) -> bool:
    """'Russian rockets', 'frappe israélienne', 'attaque jihadiste': a side named by what it fired or did."""
    words = key(mention.text).split()
    return mention.kind in ("force", "generic") and bool(words) and (words[-1] in WEAPONRY or words[0] in WEAPONRY)


def is_actor_name(name: str) -> bool:
    """True when `name` is a known actor alias (a group, force or state), whatever its case."""
    return key(name) in actor_index()


def is_group_alias(name: str) -> bool:
    """True when `name` is an alias of a curated group or force ('Fano', 'Wagner')."""
    return any(a.kind in ("group", "force") for a in actor_index().get(key(name), ()))


def is_state_alias(name: str) -> bool:
    """True for a curated state metonym ('Washington', 'Moscou'), not for country names."""
    return key(name) in _state_keys()


@lru_cache(maxsize=1)
def _state_keys() -> frozenset[str]:
    return frozenset(key(str(a)) for row in actor_rows() if row["kind"] == "state" for a in row["aliases"])


def find_actors(text: str, lang: str = "en") -> list[ActorMention]:
    """Every actor mention in order, non-overlapping, longest match wins."""
    toks = tokens(text)
    known = []
    for i, j, actor in _matcher().scan(toks, lambda cands, i, j: _choose(cands, toks[i:j], text)):
        start, end = toks[i].start, toks[j - 1].end
        known.append(ActorMention(start, end, text[start:end], actor.name, actor.kind, actor.country))
    generic = [g for g in map(_generic, _generic_matches(text)) if not _stands_for_named(text, g, known)]
    if "jihad" in text.lower():
        generic += [_attack_by(m) for m in JIHADIST_ATTACK.finditer(text)]
    out = []
    for mention in sorted(known + generic, key=lambda a: (a.start - a.end, a.kind == "generic")):
        if not any(a.start < mention.end and mention.start < a.end for a in out):
            out.append(mention)
    return sorted(out, key=lambda a: a.start)


def _generic_matches(text: str):
    """GENERIC tried only around a head word ('gunmen', 'milice'): a scan of every position is slow."""
    last_end = -1
    for t in tokens(text):
        if t.folded not in HEAD_WORDS or t.start < last_end:
            continue
        head = HEAD.match(text, t.start)
        if not head:
            continue
        lo = max(0, head.start() - 60)
        for m in GENERIC.finditer(text, lo, min(len(text), head.end() + 40)):
            if m.start("name") <= head.start() < m.end("name") and m.start() >= last_end:
                last_end = m.end()
                yield m
                break


def _acts(text: str, span: list[Token]) -> bool:
    """A country name as an actor: subject of a clause followed by its verb, or after an agent cue."""
    before = text[max(0, span[0].start - 40):span[0].start]
    if AGENT_BEFORE.search(before):
        return True
    if SUBJECT_BEFORE.search(before) is None and COORDINATED_BEFORE.search(before) is None:
        return False
    if COORDINATED.match(text, span[-1].end):      # "Les États-Unis et le Royaume-Uni ont frappé"
        return True
    after = NEXT_WORD.match(text, span[-1].end)
    return bool(after) and after.group(1) not in NOT_VERBS


def _stands_for_named(text: str, g: ActorMention, known: list[ActorMention]) -> bool:
    """'fighters from Islamic State', 'its fighters': the named actor, not the description, is the actor."""
    if POSSESSIVE_BEFORE.search(text[max(0, g.start - 8):g.start]):
        return True
    m = DESCRIBES_NAMED.match(text[g.end:g.end + 40])
    if not m:
        return False
    cue_end = g.end + m.end()
    return any(a.kind != "state" and cue_end <= a.start <= cue_end + 30 and not re.search(r"[,.;:]", text[cue_end:a.start])
               for a in known)


def _attack_by(m: re.Match) -> ActorMention:
    """'attaque jihadiste' -> 'jihadistes', 'jihadist attack' -> 'jihadists' (the whole phrase is the mention)."""
    adjective = m["fr"] or m["en"]
    name = adjective if adjective.lower().endswith("s") else adjective + "s"
    return ActorMention(m.start(), m.end(), m.group(0), name.lower(), "generic", None)


def _generic(m: re.Match) -> ActorMention:
    s, e = m.span("name")
    written = m.group("name")
    first = written.split()[0]
    if first[:1].isupper() and first[1:].islower() and re.fullmatch(GENERIC_HEAD + r"|suspected|unidentified|unknown|"
                                                                   r"heavily|armed|pro-\w+", first, re.I):
        written = written[0].lower() + written[1:]   # 'Gunmen killed...' -> 'gunmen'
    return ActorMention(s, e, m.group("name"), written, "generic", None)


def _choose(cands: tuple[Actor, ...], span: list[Token], text: str) -> Actor | None:
    from .places import glued_modifier
    if span[0].start and text[span[0].start - 1] in "-‑":
        return None   # the tail of a compound name ('Muttahida Majlis-e-Amal', 'anti-Houthi'), not the actor
    for actor in cands:
        if actor.kind == "state" and (glued_modifier(text, span[-1].end) or text[span[-1].end:span[-1].end + 2] in ("'s", "’s")):
            continue
        if actor.kind == "force" and (SPEAKERS.match(text[span[-1].end:span[-1].end + 16])
                                      or SPEAKERS_BEFORE.search(text[max(0, span[0].start - 16):span[0].start])):
            continue
        if not case_ok(actor.rule, actor.words, span):
            continue
        if actor.kind == "state" and not _acts(text, span):
            continue
        if actor.kind == "demonym":
            if not DEMONYM_ACTS.match(text, span[-1].end):
                continue
            return replace(actor, kind="force")
        return actor
    return None
