"""Actors: known groups, forces and states (data/actors.yaml), then descriptions as written."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import actors

GENERIC = re.compile(
    r"\b(?:des |les |the |a |an |une |un )?(?P<name>hommes armés|individus armés|assaillants|insurgés|jihadistes|djihadistes|"
    r"terroristes|rebelles|miliciens|milices? [\w-]+|milice pro-[\w-]+|gangs? armés|gangs|bandits|"
    r"gunmen|armed men|attackers|assailants|insurgents|jihadists|militants|rebels|fighters|separatists|"
    r"Iran-backed [\w-]+|Iran-aligned [\w-]+|pro-Iranian militia|[\w-]+ militias?|assailant|agresseur)\b", re.I)
STATE_FORCES = re.compile(
    r"\b(?P<name>(?:US|U\.S\.|American|British|Russian|Israeli|Turkish|Malian|Nigerian|Nigerien|Burkinabe|"
    r"Chadian|Somali|Iraqi|Syrian|Ukrainian|Myanmar|Sudanese|Ethiopian|Pakistani|Mozambican|Rwandan|Congolese|Cameroonian)"
    r"(?:'s)? (?:military|army|forces|troops|soldiers|police|jets|warplanes|air force|drones?)|"
    r"(?:armée|forces|soldats|militaires|police|troupes) (?:malienne|maliens|nigériane|nigérians|nigériens|"
    r"nigérienne|burkinabè|tchadienne|tchadiens|américaine|américaines|russe|russes|israélienne|turque|"
    r"irakienne|irakiens|syrienne|ukrainienne|soudanaise|mozambicaines|rwandaises|congolaise|camerounaise|"
    r"somalienne|mozambicaines et rwandaises)s?)\b", re.I)


@dataclass(frozen=True)
class ActorMention:
    start: int
    end: int
    text: str
    name: str
    kind: str
    country: str | None = None


@lru_cache(maxsize=1)
def _known() -> tuple[re.Pattern, dict]:
    index = {}
    for name, aliases in actors().items():
        for alias in aliases:
            index[alias.lower() if not alias.isupper() else alias] = name
    names = sorted(index, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.I), index


def find_actors(text: str, lang: str = "en") -> list[ActorMention]:
    pattern, index = _known()
    out = []
    for m in pattern.finditer(text):
        token = m.group(0)
        name = index.get(token) or (index.get(token.lower()) if not token.isupper() or len(token) > 4 else None)
        if name:
            out.append(ActorMention(m.start(), m.end(), token, name, "group"))
    for regex, kind in ((STATE_FORCES, "force"), (GENERIC, "generic")):
        for m in regex.finditer(text):
            if not any(a.start < m.end() and m.start() < a.end for a in out):
                out.append(ActorMention(m.start("name"), m.end("name"), m.group("name"), m.group("name"), kind))
    return sorted(out, key=lambda a: a.start)
