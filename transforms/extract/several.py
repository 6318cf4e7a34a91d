"""One sentence telling several incidents by their tolls: "gunmen struck the villages of Ancha and Nkiedonwhro,
killing nine and six people respectively", "deux attaques distinctes ont fait 3 et 4 morts". Each toll
becomes an incident of its own, with the place named in the same rank when the sentence names as many."""
from __future__ import annotations

import re
from dataclasses import replace

from transforms.models import Range

from .lexicon import lexicon
from .numbers import NUMBER, parse_number

TOLLS = re.compile(rf"(?<![\w-])(?P<list>(?:{NUMBER}),? (?:(?:{NUMBER}),? )*(?:and|et) (?:{NUMBER}))(?![\w-])", re.I)
RESPECTIVELY = re.compile(r"\b(?:respectively|respectivement)\b", re.I)
# "deux attaques distinctes", "two separate bombings": the sentence itself says there were several
DISTINCT = re.compile(r"\b(?:two|three|four|deux|trois|quatre) (?:separate |distinct |different |"
                      r"simultaneous |simultanées |distinctes |différentes |)(?:attacks|attaques|attentats|bombings|"
                      r"strikes|frappes|explosions|blasts|raids|ambushes|embuscades)\b", re.I)
WINDOW = 30


def apart(u):
    """The unit as it is, or one unit per toll when the sentence lists several incidents' tolls."""
    text = u.sentence.text
    if not (RESPECTIVELY.search(text) or DISTINCT.search(text)):
        return [u]
    m = TOLLS.search(text)
    kind = _kind(text, m) if m else ""
    if not kind:
        return [u]
    counts = [parse_number(n) for n in re.split(r",\s*|\s+(?:and|et)\s+", m["list"])]
    if len(counts) < 2 or any(c is None for c in counts):
        return [u]
    named = list({p.name: p for p in u.where.places[::-1] if p.precision in ("city", "site")}.values())
    named = sorted(named, key=lambda p: p.start)   # each name once, where first written
    places = named if len(named) == len(counts) else [u.place] * len(counts)
    return [replace(u, **{kind: Range(c, c)}, place=p, summary=False, uncounted=False,
                    **({} if i == 0 else {"injured" if kind == "killed" else "killed": None}))
            for i, (c, p) in enumerate(zip(counts, places))]


def _kind(text: str, m: re.Match) -> str:
    """'killed' or 'injured': the word for the dead or the wounded nearest the list ('' for neither)."""
    lx = lexicon()
    after = text[m.end():m.end() + WINDOW]
    before = text[max(0, m.start() - WINDOW):m.start()]
    for span in (after, before):
        for kind in ("killed", "injured"):
            if re.search(rf"\b(?:{lx[kind]})\b", span, re.I):
                return kind
    return "killed" if re.match(r"\s+(?:people |personnes )?(?:respectively|respectivement)", after, re.I) \
        and re.search(rf"\b(?:{lx['killed']})\b", before, re.I) else ""
