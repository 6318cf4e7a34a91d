"""Places in a text: countries (names and adjectives), curated conflict places, GeoNames towns, ISO
subdivisions and US counties (gazetteer.py), and capitalised names after a place cue ("village de X",
"near X") that no list knows. A name several places share is resolved against the story: the
countries it names, the words around the name, the kind of place (docs/places.md).

Cue words live in data/place_cues.yaml; stopwords in data/place_stopwords.txt.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .gazetteer import BIG_CITY, Place, countries_by_code, data_text, place_index, stopwords
from .textutil import PARTICLES, Matcher, Token, case_ok, key, tokens

SMALL_TOWN = 15_000      # a town below this needs the story's country or a place cue to count
DOMINANT = 20            # a name whose biggest place is this many times bigger than any other country's tells the country
PATTERN_NAME_MAX = 4
NAME = (r"(?P<name>[A-ZÀ-Þ][^\W\d_]*(?:(?:-| |'|’)(?:(?:e|i|el|al|ad|ed|de|da|du|des|la|le|sur|en|y)(?:-| ))?"
        r"[A-ZÀ-Þ][^\W\d_]*){0,3})")


@lru_cache(maxsize=1)
def cues() -> dict:
    return yaml.safe_load(data_text("place_cues.yaml"))


def _forms(entries: list[str]) -> list[str]:
    return [w for e in entries for w in e.split("|")]


def alternation(words) -> str:
    """A regex alternation of the words, longest first."""
    return "|".join(sorted({re.escape(w) for w in words}, key=len, reverse=True))


def _near(words: list[str]) -> str:
    """'près d'' is glued to the name; the others take a space. Both apostrophes."""
    out = set()
    for w in words:
        for form in {w, w.replace("'", "’")}:
            out.add(re.escape(form) + ("" if form.endswith(("'", "’")) else " "))
    return "|".join(sorted(out, key=len, reverse=True))


_C = cues()
SETTLEMENT = alternation(_forms(_C["settlement"]))
LEVEL = {w.lower(): level for level in ("region", "district") for w in _forms(_C[level])}
ADMIN = alternation(LEVEL)
SETTLEMENT_AFTER = frozenset(_C["settlement_after"])
OF = r"(?:de |du |des |d'|d’|of (?:the )?)"
# a place cue right before a capitalised name: (?i) for the cue only, the name itself must be capitalised
# 'le village russe de X': one adjective may sit between the noun and 'de'; not 'la ville natale de', 'the home
# town of' a person
CUE = re.compile(rf"(?i:(?:(?:le |du |au |les |des |the )?(?<!home )(?<!native )(?:{SETTLEMENT})(?: (?!natale? )[a-zà-ÿ]+)? (?:de la |de l'|de l’|de |du |d'|d’|of )"
                 rf"|(?:le |du |au |dans le )(?:{alternation(_C['settlement_bare'])}) (?=[A-ZÀ-Þ])"
                 rf"|(?:la |le |les |the )?(?P<region>{ADMIN}) {OF}|{_near(_C['near'])}))" + NAME)
CUE_WORDS = frozenset(w.split()[0].lower().rstrip("'’") for w in [*_forms(_C["settlement"]), *LEVEL, *_C["near"]]) | \
    frozenset("le du au les des the la".split())
SPOKEN_TO = re.compile(rf"\b(?:{alternation(_C['spoken_to'])})\s+$")
NAME_BEFORE = re.compile(r"((?:[A-ZÀ-Þ][^\W\d_]+[ -]){0,2}[A-ZÀ-Þ][^\W\d_]+) $")
NAME_BEFORE_COMMA = re.compile(r"((?:[A-ZÀ-Þ][^\W\d_]+[ -]){0,2}[A-ZÀ-Þ][^\W\d_]+)$")
# a name introduced as an administrative area: 'le district de Dnipro', 'Bijapur district', 'Kano State'
ADMIN_BEFORE = re.compile(rf"\b(?P<w>{ADMIN}) {OF}$", re.I)
ADMIN_AFTER = re.compile(rf" (?P<w>{ADMIN})\b", re.I)
PLACE_CUE_BEFORE = re.compile(rf"(?i:(?:{_near(_C['near'])})|(?:{SETTLEMENT}) (?:de |d'|d’|of ))$")
SPEAKS_AFTER = re.compile(rf",?\s+(?:{alternation(_C['speaks'])})\b")
TOWN_KINDS = ("gazetteer", "subdivision")
# after a first name: 'Mathieu van der Poel', 'Osama bin Laden'
SURNAME_AFTER = re.compile(r" (?:van|von|der|den|bin|ben|ibn|dos|das|del|della|al|el)(?: der| den)? [A-ZÀ-Þ]")
# a street, not the town of the same name: 'Mercer Street', 'Gordon Road'
STREET_AFTER = re.compile(r" (?:Street|St|Road|Rd|Avenue|Ave|Boulevard|Square|Lane|Drive|Highway)\b")
# a facility named after a town abroad: 'Madina hospital', 'Medina Hospital', 'l'hôpital Medina'
FACILITY_AFTER = re.compile(r" (?:[Hh]ospital|[Uu]niversity|[Ss]chool|[Mm]osque|[Cc]linic)\b")
FACILITY_BEFORE = re.compile(r"\b(?:hôpital|université|école|mosquée|clinique) $", re.I)   # 'l'hôpital Medina'

# a clock, not a place: '(Sanaa time)', '(heure de Paris)'
TIME_ZONE_AFTER = re.compile(r" time\b")
TIME_ZONE_BEFORE = re.compile(r"\bheure (?:de |d'|d’)$")
# a sea, gulf or lake named after a town: 'the Sea of Azov', 'la mer d'Azov', 'Gulf of Aqaba'
WATER_BEFORE = re.compile(r"\b(?:Sea|Gulf|Bay|Strait|Straits|Lake|mer|golfe|baie|détroit|lac) (?:of (?:the )?|d'|d’|de |du )?$",
                          re.I)


@dataclass(frozen=True)
class PlaceMention:
    start: int            # char offsets in the text given
    end: int
    text: str             # as written ("Bagdad", "irakien", "Aïn al-Assad")
    name: str             # English exonym ("Baghdad", "Iraq", "Ain al-Asad Air Base")
    country: str | None   # ISO 3166-1 alpha-2
    lat: float | None
    lon: float | None
    precision: str        # site | town | district | region | country (gazetteer.PRECISIONS)
    kind: str             # country | adjective | curated | gazetteer (a town) | subdivision | pattern
    admin: str | None = None   # ISO 3166-2 code of the subdivision it lies in, when known


@lru_cache(maxsize=1)
def _matcher() -> Matcher:
    index = place_index()
    multi = [k for k in index.big.keys if " " in k]
    # every prebuilt name starts with a capital: a lower-case word needs no lookup there
    return Matcher(index, keys=list(index.curated), gated=(multi, index.big.keys), gate=lambda tok: tok.text[:1].isupper())


def find_places(text: str, lang: str = "en", countries: set[str] | None = None) -> list[PlaceMention]:
    """Every place mention in order of appearance, non-overlapping, longest match wins.

    A name several places share is resolved against `countries` (ISO codes the story is about), or,
    when not given, the countries the text itself names or unambiguously implies."""
    found_spans = spans(text)
    context = set(countries) if countries is not None else story_countries(found_spans, text)
    named = _named(found_spans)
    found = [m for start, end, cands in found_spans
             if (m := _resolved(_ranked(cands, start, text, found_spans, named), start, end, text, context))]
    found += _cued(text, found)
    return sorted(found, key=lambda p: p.start)


@lru_cache(maxsize=16)
def spans(text: str) -> tuple[tuple[int, int, tuple[Place, ...]], ...]:
    """(start, end, candidates) of every gazetteer name in the text, before any story context."""
    toks = tokens(text)
    return tuple((toks[i].start, toks[j - 1].end, cands)
                 for i, j, cands in _matcher().scan(toks, lambda cands, i, j: _fitting(cands, i, j, toks, text)))


def story_countries(spans, text: str) -> set[str]:
    """Countries a text names (names, adjectives) or implies by a name that leaves no doubt: a curated
    place or subdivision of one country, or a big town named by its own name whose namesakes elsewhere are
    all far smaller ('Kano' is Nigeria's; 'Irna', an old name of Salerno, says nothing). A small town is
    no evidence: it is what the countries decide."""
    out = set()
    for start, end, cands in spans:
        top = cands[0]
        if top.kind in ("country", "adjective", "curated", "subdivision") and {c.country for c in cands} == {top.country}:
            out.add(top.country)
        elif _big(top) and key(text[start:end]) == key(top.name) and all(c.population * DOMINANT <= top.population for c in cands if c.country != top.country):
            out.add(top.country)
    out.discard(None)
    return out


def _named(found_spans) -> tuple[dict[str, int], set[str]]:
    """How often the text names each country (names and adjectives), and the subdivisions it names."""
    counts: dict[str, int] = {}
    codes = set()
    for _, _, cands in found_spans:
        top = cands[0]
        if top.kind in ("country", "adjective"):
            counts[top.country] = counts.get(top.country, 0) + 1
        if top.kind == "subdivision":
            codes.add(top.code)
    return counts, codes


SENTENCE_END = re.compile(r"[.!?]\s|\n")   # a headline ends at its line break


def _ranked(cands: tuple[Place, ...], start: int, text: str, found_spans, named) -> tuple[Place, ...]:
    """Candidates of a shared name, best first: places before subdivisions (a bare 'Sahel' is the belt, not
    Burkina Faso's Sahel Region: an administrative cue picks areas, see _area), then those in a country
    the same sentence names ('Tripoli, dans le nord du Liban', 'Iraq's Kurdistan region'), in a
    subdivision the text names, in the country the text names most; ties keep the gazetteer's order
    (curated first, then by population)."""
    if len({c.country for c in cands}) < 2 or cands[0].kind in ("country", "adjective"):
        return cands
    counts, codes = named
    lo = max((m.end() for m in SENTENCE_END.finditer(text, max(0, start - 300), start)), default=0)
    hi = SENTENCE_END.search(text, start)
    hi = hi.start() if hi else len(text)
    near = {}   # country -> (named as an adjective, distance): 'Saint-Denis, on the French island of Réunion'
    for s, _, other in found_spans:
        if lo <= s < hi and other[0].kind in ("country", "adjective"):
            near[other[0].country] = min(near.get(other[0].country, (2, 0)), (other[0].kind == "adjective", abs(s - start)))
    order = {id(c): n for n, c in enumerate(cands)}
    dominant = {c.country for c in cands if _dwarfs(c, cands)}
    return tuple(sorted(cands, key=lambda c: (c.kind == "subdivision", near.get(c.country, (2, 0)),
                                              c.admin not in codes, c.country not in dominant,
                                              -counts.get(c.country, 0), order[id(c)])))


def _dwarfs(place: Place, cands: tuple[Place, ...]) -> bool:
    """'à Bagdad' in a story that names the Americans more often than Iraq: a big city whose namesakes
    abroad are all far smaller (and none a curated place) is itself unless its sentence names their country."""
    return _big(place) and all(c.kind != "curated" and c.population * DOMINANT <= place.population
                               for c in cands if c.country != place.country)


def _resolved(cands: tuple[Place, ...], start: int, end: int, text: str, context: set[str]) -> PlaceMention | None:
    top = cands[0]
    if top.kind in ("country", "adjective"):
        return _mention(top, start, end, text)
    level = _admin_level(text, start, end)
    if level:
        return _area(cands, start, end, text, context, level)
    fitting = [c for c in cands if c.country in context or c.country is None]   # None: the Sahel, the Red Sea
    if fitting:
        return _mention(fitting[0], start, end, text)
    if FACILITY_AFTER.match(text, end) or FACILITY_BEFORE.search(text, max(0, start - 12), start):
        return None   # 'At Madina hospital' in a story on Mogadishu: a hospital's name, not Medina
    cue = PLACE_CUE_BEFORE.search(text, max(0, start - 30), start) is not None
    if top.kind == "curated" or _big(top) or (not context and (top.population >= SMALL_TOWN or cue)):
        return _mention(top, start, end, text)
    if cue and context and len(text[start:end]) > 3:   # 'in Kani township' in a story on Myanmar: a local namesake
        return PlaceMention(start, end, text[start:end], text[start:end], None, None, None, "town", "pattern")
    return None


def _big(place: Place) -> bool:
    """'in Moscow', 'à Soumy': a big town is itself, wherever the story is."""
    return place.kind == "gazetteer" and place.population >= BIG_CITY


def _area(cands, start: int, end: int, text: str, context: set[str], level: str) -> PlaceMention | None:
    """A name after 'province de' or before 'district': the subdivision so named, else the town's name
    standing for its area (its point dropped: the town is not the area)."""
    areas = [c for c in cands if c.precision in ("region", "district") and c.kind != "adjective"]
    fitting = [c for c in areas if c.country in context or c.country is None] or ([] if context else areas)
    if fitting:
        return _mention(fitting[0], start, end, text)
    town = next((c for c in cands if c.country in context), None if context else cands[0])
    written = text[start:end]
    if town is None:   # 'in Kani township' in a story on Myanmar: a local area, not the Japanese town
        return PlaceMention(start, end, written, written, None, None, None, level, "pattern")
    return PlaceMention(start, end, written, written, town.country, None, None, level, town.kind, town.admin)


def _admin_level(text: str, start: int, end: int) -> str | None:
    m = ADMIN_BEFORE.search(text, max(0, start - 30), start) or ADMIN_AFTER.match(text, end)
    return LEVEL.get(m["w"].lower()) if m else None


def _mention(place: Place, start: int, end: int, text: str) -> PlaceMention:
    return PlaceMention(start, end, text[start:end], place.name, place.country, place.lat, place.lon,
                        place.precision, place.kind, place.admin or place.code)


def _fitting(cands: tuple[Place, ...], i: int, j: int, toks: tuple[Token, ...], text: str) -> tuple[Place, ...] | None:
    """The candidates whose case fits the text, or None when the words are no place here whatever
    the story (a modifier, a metonym, an ordinary word, part of another name)."""
    span = toks[i:j]
    fitting = tuple(c for c in cands if case_ok(c.rule, c.words, span) and _words_case_fits(c, span))
    if not fitting or glued_modifier(text, span[-1].end) or _metonym(text, span):
        return None
    best = fitting[0]
    if j - i == 1 and _ordinary_word(toks[i], toks, text, best):
        return None
    if best.kind == "country" and _inside_other_name(i, j, toks) and not _headline(text, toks[i].start):
        return None   # 'Radio France Internationale', 'Agence France-Presse'; not in 'Jihadists Attack Mali Army Post'
    if best.kind in ("country", "adjective"):
        return (best,)
    if TIME_ZONE_AFTER.match(text, span[-1].end) or TIME_ZONE_BEFORE.search(text, max(0, span[0].start - 10), span[0].start):
        return None
    if (j - i == 1 or best.kind in TOWN_KINDS) and _inside_other_name(i, j, toks):
        return None
    if j - i == 1 and (_names_group(text[span[0].start:span[0].end]) or span[0].folded in stopwords()):
        return None
    if best.kind in TOWN_KINDS and SPEAKS_AFTER.match(text, span[-1].end):
        return None   # 'Bello said', 'Rodriguez said': a person (a capital that speaks is its state: _metonym)
    if best.kind in TOWN_KINDS and (SURNAME_AFTER.match(text, span[-1].end) or STREET_AFTER.match(text, span[-1].end)
                                    or WATER_BEFORE.search(text, max(0, span[0].start - 12), span[0].start)):
        return None
    return fitting


def _words_case_fits(place: Place, span: tuple[Token, ...]) -> bool:
    """'La réunion a eu lieu' is a meeting, 'à la Tour 22' no French village 'La Tour': past its first
    word, a name written in lower case where the alias has a capital is an ordinary phrase; a town or
    subdivision's name starts with a capital itself."""
    if place.kind in TOWN_KINDS and not span[0].capitalised:
        return False
    for k, tok in enumerate(span[1:], 1):
        if tok.capitalised or len(tok.text) < 4 or tok.folded in PARTICLES:
            continue
        if not place.words or (k < len(place.words) and place.words[k][:1].isupper()):
            return False
    return True


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
    if place.kind not in TOWN_KINDS or (place.population >= BIG_CITY and key(place.name) == tok.folded):
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
        known = place_index().get(key(name), ())
        if _is_actor(name) or _acronym(name) or any(c.kind not in TOWN_KINDS for c in known) or glued_modifier(text, e):
            continue   # 'in Indian-administered Kashmir'; a town the story refused ('villages of ... Magami') is kept
        out.append(PlaceMention(s, e, name, name, None, None, None, precision, "pattern"))
    return out


ROMAN_ORDINAL = re.compile(r"[IVXLC]+(?:e|er|ème)")   # 'du Xe arrondissement', 'le XXe siècle'


def _acronym(name: str) -> bool:
    """'in UKMTO's advisory', 'selon l'ONU': an organisation's initials, 'du Xe arrondissement' an ordinal; a
    village's name is not written so ('le parc national du W' is a park)."""
    return (name.isupper() and name.isalpha() and len(name) > 1) or ROMAN_ORDINAL.fullmatch(name) is not None


def _cue_spans(text: str):
    """(start, end, precision) of names a cue points at: after 'village de', 'near', 'province du'...,
    before an administrative noun written in lower case ('Soum province'), or before a comma and a
    settlement noun ('Solhan, the village where...', 'Vodyane, un village de la région de Kharkiv')."""
    for m in _cue_matches(text):
        if not SPOKEN_TO.search(text, max(0, m.start() - 30), m.start()):
            level = LEVEL[m["region"].lower()] if m["region"] else "town"
            yield m.start("name"), m.end("name"), level
            yield from _more_names(text, m, level)
    for t in tokens(text):
        level = LEVEL.get(t.text) or ("town" if t.text in SETTLEMENT_AFTER else None)
        if level:
            m = NAME_BEFORE.search(text, max(0, t.start - 40), t.start)
            if m:
                yield m.start(1), m.end(1), level
    for a in APPOSITION.finditer(text):
        m = NAME_BEFORE_COMMA.search(text, max(0, a.start() - 40), a.start())
        if m:
            yield m.start(1), m.end(1), "town"


# a name set beside what it is, with one word between: 'Baniaba, a village close to...', 'Masirah, an Omani
# island', 'Masau et Mununze, deux localités où...'; not 'X, the town's
# mayor' nor 'X, a village elder' (a person)
APPOSITION = re.compile(rf", (?:(?:an?|the|un|une|le|la) )?(?:[\w-]+ )?(?:{SETTLEMENT})\b"
                         r"(?!['’]s\b| (?:de |d'|d’|of )[A-ZÀ-Þ]| (?:elder|chief|head|leader|official|resident|councillor|mayor)s?\b)")


# after a plural cue, the names that follow the first: "the villages of Ancha and Nkiedonwhro"
PLURAL_CUE = re.compile(rf"(?:{alternation(w for e in _C['settlement'] for w in e.split('|')[1:])}) (?:de |d'|d’|of )$", re.I)
MORE_NAME = re.compile(r"(?:,| et| and) (?P<name>[A-ZÀ-Þ][^\W\d_]+(?:[ -][A-ZÀ-Þ][^\W\d_]+)?)")


def _more_names(text: str, m: re.Match, level: str):
    if not PLURAL_CUE.search(text, m.start(), m.start("name")):
        return
    end = m.end("name")
    while (more := MORE_NAME.match(text, end)) is not None:
        yield more.start("name"), more.end("name"), level
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
