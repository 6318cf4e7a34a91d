"""Stage 5 of extraction: an incident's killed and injured, from the figures its readings state.

A revised toll replaces the earlier ones; a side's boast of what it inflicted gives way to any other
source's figure; otherwise the highest figure stated.
"""
from __future__ import annotations

import re

from transforms.models import Range

# the perpetrator's own count ("the group said it had killed 47 soldiers", "affirment avoir tué")
BOAST = re.compile(r"\b(?:said|says|saying|claimed|claims|claiming|announced|announcing)\s+(?:that\s+)?"
                   r"(?:it|they|its fighters|its forces)\s+(?:had\s+|have\s+)?(?:killed|wounded|injured)|"
                   r"\bclaim(?:ed|s)? to have (?:killed|wounded)|"
                   r"\b(?:affirm\w*|dit|disent|revendiqu\w*|assur\w*|annonc\w*)\s+avoir\s+(?:tué|blessé|abattu)", re.I)


def toll(readings, kind: str) -> Range | None:
    """The latest toll update if any, else the highest figure stated ('kind' is killed or injured)."""
    updates = [getattr(r, kind) for r in readings if r.update and getattr(r, kind) is not None]
    if updates:
        return updates[-1]
    stated = [r for r in readings if getattr(r, kind) is not None]
    values = [getattr(r, kind) for r in stated if not BOAST.search(r.sentence.text)] or \
        [getattr(r, kind) for r in stated]
    if not values:
        return None
    return max(values, key=lambda r: (r.min, r.max or r.min))
