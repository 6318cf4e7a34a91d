"""Stage 5 of extraction: an incident's killed and injured, from the figures its readings state.

The schema's rules: a revised toll replaces the earlier ones ("le bilan s'est alourdi à 14"); sources
that disagree give a low..high range, open-ended when any figure is ("une quinzaine selon une source,
19 selon une autre": 15..19; "at least six" and the group's "10": 6..null); the attackers' own losses
told apart ("five gunmen were shot dead") are no victims. A figure that counts only part of the victims
stands when the incident states no other.
"""
from __future__ import annotations

from transforms.models import Range


def toll(readings, kind: str) -> Range | None:
    """The incident's toll of `kind` ('killed' or 'injured') from its readings, in story order. The attackers'
    own losses are never the victims': after 'twenty assailants were neutralised', a toll the story does not
    give is unknown."""
    figures = [(r, getattr(r, kind)) for r in readings if getattr(r, kind) is not None and kind not in r.own]
    current = [(r, f) for r, f in figures if kind not in r.stale]
    figures = current or figures  # 'un premier bilan de 40 morts' beside the 115 told since
    whole = [(r, f) for r, f in figures if kind not in r.partial]
    figures = whole or figures   # 'two of the wounded' is no count of the wounded
    stated = [(r, f) for r, f in figures if kind not in r.vague]
    figures = stated or figures  # 'des dizaines de morts' beside 'près de 90 morts'
    some = [(r, f) for r, f in figures if f.max != 0]
    figures = some or figures    # 'nobody else on board was hurt' beside 'two crew members were killed'
    if not figures:
        return None
    figures = _without_parts(figures)
    revised = [f for r, f in figures if r.update]
    if revised:
        return _hedged(revised[-1], [f for r, f in figures if not r.update])
    low = min(f.min for _, f in figures)
    high = None if any(f.max is None for _, f in figures) else max(f.max for _, f in figures)
    return Range(low, high)


def _hedged(revised: Range, others: list[Range]) -> Range:
    """'au moins 65 morts', then 'le bilan actualisé s'établissait à 65 morts': a revision restating the
    figure keeps its 'at least'."""
    if revised.min == revised.max and any(f.min == revised.min and f.max is None for f in others):
        return Range(revised.min, None)
    return revised


def _without_parts(figures: list) -> list:
    """'sept tués' and '35 civils ont été tués' beside 'the assault killed 35 civilians and seven soldiers' (42):
    two exact figures that add up to a third one the story gives are its parts, not sources disagreeing."""
    exact = [f.min for _, f in figures if f.min == f.max]
    values = {a for a in exact for b in exact if a and b and a != b and a + b in exact}
    if not values:
        return figures
    return [(r, f) for r, f in figures if not (f.min == f.max and f.min in values)]
