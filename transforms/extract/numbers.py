"""Number phrases -> {min, max} ranges, in French and English (schema rules)."""
from __future__ import annotations

import re

from transforms.models import Range

UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100,
    "zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60, "cent": 100,
}
UNITS["six"] = 6
APPROX = {"dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30,
          "quarantaine": 40, "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "dozen": 12}
VAGUE = {"dozens": 24, "dizaines": 24, "scores": 40, "several": 2, "plusieurs": 2, "some": 1, "certains": 1,
         "certaines": 1, "quelques": 2, "hundreds": 200, "centaines": 200, "many": 2, "nombreux": 2,
         "nombreuses": 2, "d'autres": 1, "d’autres": 1, "others": 1}
WORD_NUMBER = "|".join(sorted((re.escape(w) for w in UNITS if len(w) > 2), key=len, reverse=True))
NUMBER = (rf"(?:\d{{1,3}}(?:[ \u00a0\u202f,]\d{{3}})+|\d+|(?:{WORD_NUMBER})(?:[- ](?:et[- ])?(?:{WORD_NUMBER}))*)")
MORE = r"(?:plus de|plus d'|more than|over|upwards of)"
LEAST = r"(?:au moins|at least|no fewer than|pas moins de)"
ABOUT = r"(?:about|around|some|nearly|almost|roughly|approximately|environ|près de|quelque)"
QUANTITY = re.compile(
    rf"\b(?:(?P<between>(?:between|entre) (?P<lo>{NUMBER}) (?:and|et) (?P<hi>{NUMBER}))"
    rf"|(?P<span>(?P<lo2>{NUMBER}) (?:to|à) (?P<hi2>{NUMBER}))"
    rf"|(?P<more>{MORE}) ?(?:une? |a )?(?P<n_more>{NUMBER}|(?:{'|'.join(APPROX)}))"
    rf"|(?P<least>{LEAST}) ?(?:une? |a )?(?P<n_least>{NUMBER}|(?:{'|'.join(APPROX)}))"
    rf"|(?P<vague>{'|'.join(VAGUE)})"
    rf"|(?:{ABOUT} )?(?:une |a |an )?(?P<approx>{'|'.join(APPROX)})(?: de| d'| of)?"
    rf"|(?:{ABOUT} )?(?P<n>{NUMBER}))\b", re.I)


def parse_number(text: str) -> int | None:
    """'2 500' -> 2500, 'dix-sept' -> 17, 'vingt et un' -> 21, 'twenty-one' -> 21; None if not a number."""
    text = text.lower().strip()
    digits = re.sub(r"[ \u00a0\u202f,]", "", text)
    if digits.isdigit():
        return int(digits)
    total, current = 0, 0
    for word in re.split(r"[- ]+", text):
        if word in ("et", "and", ""):
            continue
        if word not in UNITS:
            return None
        value = UNITS[word]
        if value == 100:
            current = max(current, 1) * 100
        elif word == "vingt" and current in (4,):
            current *= 20
        else:
            current += value
    return total + current


def quantity(match: re.Match) -> Range | None:
    g = match.groupdict()
    if g["between"] or g["span"]:
        lo, hi = parse_number(g["lo"] or g["lo2"]), parse_number(g["hi"] or g["hi2"])
        return Range(lo, hi) if lo is not None and hi is not None and lo <= hi else None
    if g["more"]:
        n = _value(g["n_more"])
        return Range(n + 1, None) if n is not None else None
    if g["least"]:
        n = _value(g["n_least"])
        return Range(n, None) if n is not None else None
    if g["approx"]:
        return Range(APPROX[g["approx"].lower()], APPROX[g["approx"].lower()])
    if g["vague"]:
        return Range(VAGUE[g["vague"].lower()], None)
    n = parse_number(g["n"]) if g["n"] else None
    return Range(n, n) if n is not None else None


def _value(text: str) -> int | None:
    word = text.lower().rstrip("s")
    return APPROX.get(word) if word in APPROX else parse_number(text)
