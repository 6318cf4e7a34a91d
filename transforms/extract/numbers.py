"""Number phrases -> {min, max} ranges, in French and English (schema rules).

Number words and hedges live in data/numbers.yaml.
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from transforms.models import Range


@lru_cache(maxsize=1)
def number_data() -> dict:
    text = resources.files("transforms.extract").joinpath("data/numbers.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _alternation(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_D = number_data()
UNITS: dict[str, int] = {str(k): int(v) for k, v in _D["units"].items()}
APPROX: dict[str, int] = dict(_D["approx"])
VAGUE: dict[str, int] = dict(_D["vague"])
ONE_WORDS = frozenset(_D["one_words"])
WORD_NUMBER = _alternation(UNITS)
DIGITS = r"\d{1,3}(?:[ \u00a0\u202f,]\d{3})+(?!\d)|\d+"
# an age is no count: "a 67-year-old woman", "un garçon de 14 ans" (checked past the whole number, so a shorter
# reading, "6" or "sixty" of "67-year-old" / "sixty-seven-year-old", is refused too)
AGE_AFTER = r"(?![\w-]*[- ]years?[- ]old|[\w-]*\s?ans\b)"
NUMBER = rf"(?:{DIGITS}|(?:{WORD_NUMBER})(?:[- ](?:et[- ]|and[- ])?(?:{WORD_NUMBER})|[- ]et[- ]une?(?![\w-]))*){AGE_AFTER}"
MORE, LEAST, ABOUT = (f"(?:{_D[k]})" for k in ("more_than", "at_least", "about"))
_APPROX = _alternation(APPROX)
QUANTITY = re.compile(
    rf"(?<![\w-])(?:(?P<between>(?:between|entre) (?P<lo>{NUMBER}) (?:and|et) (?P<hi>{NUMBER}))"
    rf"|(?P<span>(?P<lo2>{NUMBER}) (?:to|à|-|–) (?P<hi2>{NUMBER}))"
    rf"|(?P<more>{MORE}) ?(?:une? |a )?(?P<n_more>{NUMBER}|(?:{_APPROX}))"
    rf"|(?P<least>{LEAST}) ?(?:une? |a )?(?P<n_least>{NUMBER}|(?:{_APPROX}))"
    rf"|(?:{ABOUT} )?(?:une |a |an )?(?P<approx>{_APPROX})(?: de| d'| d’| of)?"
    rf"|(?:{ABOUT} )?(?P<n>{NUMBER})"
    rf"|(?P<vague>{_alternation(VAGUE)}))(?![\w-])", re.I)


def parse_number(text: str) -> int | None:
    """'2 500' -> 2500, 'dix-sept' -> 17, 'vingt et un' -> 21, 'quatre-vingt-dix' -> 90, 'twenty-one' -> 21."""
    text = text.lower().strip()
    digits = re.sub(r"[ \u00a0\u202f,]", "", text)
    if digits.isdigit():
        return int(digits)
    total, current, seen = 0, 0, False
    for word in re.split(r"[- ]+", text):
        if word in ("et", "and", ""):
            continue
        seen = True
        if word not in UNITS and word not in ONE_WORDS:
            return None
        value = UNITS.get(word, 1)
        if value == 100:
            current = max(current, 1) * 100
        elif value == 20 and current % 100 == 4:   # quatre-vingt(s)
            current = current - 4 + 80
        else:
            current += value
    return total + current if seen else None


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
        n = APPROX[g["approx"].lower()]
        return Range(n, n)
    if g["vague"]:
        return Range(VAGUE[g["vague"].lower()], None)
    n = parse_number(g["n"]) if g["n"] else None
    return Range(n, n) if n is not None else None


def is_vague(text: str) -> bool:
    """'dozens', 'plusieurs', 'des centaines': an amount with no figure, which a stated figure outranks."""
    m = QUANTITY.search(text)
    return bool(m and m.group("vague"))


def parse_quantity(text: str) -> Range | None:
    """The first number phrase in text as a range: 'plus de 60' -> 61..None."""
    m = QUANTITY.search(text)
    return quantity(m) if m else None


def _value(text: str) -> int | None:
    word = text.lower()
    return APPROX[word] if word in APPROX else parse_number(text)
