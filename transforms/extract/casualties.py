"""Killed and injured counts from casualty phrases in a sentence."""
from __future__ import annotations

import re
from functools import lru_cache

from transforms.models import Range

from .lexicon import lexicon
from .numbers import NUMBER, QUANTITY, WORD_NUMBER, quantity

# up to eight words between a number and its verb, never another number, a unit of distance or time, or a clause break
PEOPLE = (rf"(?:(?!(?:and|et|but|mais|où|where|dont|including|kilomètres|km|miles|heures|hours|minutes|ans|years|"
          rf"{WORD_NUMBER})\b)(?!\d)[\w'’()-]+,? ){{0,8}}?")  # "civils", "Malian soldiers", "other people", "membres des forces de sécurité"
AUX = r"(?:(?:ont|a|avaient|avait|sont) (?:été )?|(?:were|was|have been|had been|are) |(?:se sont )?)?(?:\w+ment |seriously |slightly |critically |lightly )?"


@lru_cache(maxsize=1)
def _patterns() -> dict:
    lx = lexicon()
    q = rf"(?P<q>(?:(?:between|entre) {NUMBER} (?:and|et) {NUMBER}|{NUMBER} (?:to|à) {NUMBER}|" \
        rf"(?:(?:plus de|plus d'|plus d’|more than|at least|au moins|about|around|nearly|some|près de|environ|over) ?)?" \
        rf"(?:une? |a |an )?(?:dizaines?|douzaines?|quinzaines?|vingtaines?|trentaines?|cinquantaines?|centaines|" \
        rf"dozens?|several|plusieurs|quelques|some|certains|certaines|scores|hundreds|d'autres|d’autres|others|{NUMBER})))"
    out = {"toll": re.compile(rf"\b(?:death toll|toll|bilan)\b[^.]{{0,80}}?\b(?:risen|rose|rises|climbed|"
                              rf"alourdi|alourdit|passé|grimpé|atteint|reached|stands at)\b[^.\d]{{0,20}}?{q}", re.I)}
    for kind in ("killed", "injured"):
        verb = lx[kind]
        out[kind] = [
            re.compile(rf"\b(?:{verb}) (?:to |à )?{q}", re.I),  # "killing four", "injuries to two"
            re.compile(rf"{q} {PEOPLE}{AUX}(?:{verb})\b", re.I),   # "huit soldats ont été tués", "11 people killed"
        ]
    return out


def casualties(sentence: str) -> tuple[Range | None, Range | None, list[str]]:
    """(killed, injured, raw phrases) stated in one sentence."""
    if lexicon()["nobody"].search(sentence):
        nobody = lexicon()["nobody"].search(sentence).group(0).lower()
        zero = Range(0, 0)
        only_killed = any(w in nobody for w in ("killed", "mort"))
        return zero, (None if only_killed else zero), [nobody]
    found, phrases = {}, []
    toll = _patterns()["toll"].search(sentence)
    if toll and _range(toll.group("q")):
        found["killed"] = _range(toll.group("q"))
        phrases.append(toll.group(0))
    for kind, patterns in ((k, v) for k, v in _patterns().items() if k != "toll"):
        if kind in found:
            continue
        for pattern in patterns:
            m = pattern.search(sentence)
            if m:
                rng = _range(m.group("q"))
                if rng is not None:
                    found[kind] = rng
                    phrases.append(m.group(0))
                    break
    return found.get("killed"), found.get("injured"), phrases


def _range(text: str) -> Range | None:
    m = QUANTITY.search(text)
    return quantity(m) if m else None
