"""Tolls that list people instead of counting them: "un homme de 62 ans et une femme ont été tués",
"a soldier, a policeman and two civilians were wounded" (2 and 4). Person nouns are in data/lexicon.yaml."""
from __future__ import annotations

import re
from functools import lru_cache

from transforms.models import Range

from .lexicon import lexicon
from .numbers import NUMBER, ONE_WORDS, parse_number

ONE_DET = r"(?:une?|a|an|one|sa|son|leur|their|his|her|its|le|la|l['’]|the)"
# who they were, after the noun: "de 62 ans", "aged 40", "âgée de 70 ans", "in his sixties"
DETAIL = r"(?:,? (?:de|d['’]|aged|âgée?s? de|of|in (?:his|her) )[\w'’ -]{1,20}?)?"
AND = r"(?:,\s*|\s+(?:et|and)\s+|,\s+and\s+)"   # ', et 64 personnes ont été blessées' opens another clause
LIST_SPAN = 240   # characters before the verb a list of people may take
AUX = r"(?:(?:ont|a|sont|est) (?:\w+ment )?(?:été )?|(?:were|was|have been|had been|are|is|has been|had|have) )(?:\w+ment |seriously |slightly |critically |fatally )?"


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    lx = lexicon()
    one = rf"{ONE_DET}\s?(?:[\w'’-]+ ){{0,2}}?(?:{lx['person']})"
    many = rf"(?:{NUMBER}) (?:[\w'’-]+ ){{0,2}}?(?:{_plural(lx['person'])}|civils|civilians|people|personnes)"
    item = rf"(?:{one}|{many})(?![\w-]){DETAIL}"
    out = {kind: re.compile(rf"(?<![\w'’-])(?P<list>{item}(?:{AND}{item}){{1,5}}) {AUX}(?:{lx[kind]})\b", re.I)
           for kind in ("killed", "injured")}
    # the passive verb the list needs, looked for first: most sentences have none
    out.update({f"{kind}_verb": re.compile(rf" {AUX}(?:{lx[kind]})\b", re.I) for kind in ("killed", "injured")})
    return out


def _plural(nouns: str) -> str:
    return "|".join(f"{w}s" if not w.endswith(("s", "x")) else w for w in nouns.split("|")) + "|men|women|children"


def listed(text: str, kind: str) -> tuple[Range, str] | None:
    """The people a toll lists, counted, and the phrase; None when the sentence lists nobody so."""
    verb = _patterns()[f"{kind}_verb"].search(text) if re.search(r"\b(?:et|and)\b", text, re.I) else None
    if verb is None:
        return None
    m = _patterns()[kind].search(text, max(0, verb.start() - LIST_SPAN), verb.end() + 40)
    if not m:
        return None
    return Range(_count(m["list"]), _count(m["list"])), m.group(0)


# 'l'Amisom, la mission militaire de l'UA, trois de ses soldats et un civil': the body 'ses' points back to is no victim
OWNED = re.compile(r"^(?:la|le|l['’]|the)\b[^,]*, (?P<owned>\S+ (?:de (?:ses|leurs)|of (?:its|their|his|her))\b)", re.I)


def _count(phrase: str) -> int:
    """One per person named; 'deux civils' counts two."""
    total = 0
    owned = OWNED.match(phrase)   # only after a definite body: 'a soldier, two of his comrades and a civilian' is four
    for part in re.split(r",?\s+(?:et|and)\s+|,\s*", phrase[owned.start("owned"):] if owned else phrase):
        first = part.split()[0].lower() if part.split() else ""
        n = None if first in ONE_WORDS else parse_number(first)
        total += n if n else 1
    return total
