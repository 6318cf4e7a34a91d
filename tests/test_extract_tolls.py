"""Stage 5, tolls (transforms/extract/tolls.py): the schema's rules for an incident's killed and injured
from the figures its sentences state, each rule on its own (readings reduced to what toll() reads)."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from transforms.extract.tolls import toll
from transforms.models import Range


@dataclass(frozen=True)
class Said:
    killed: Range | None = None
    injured: Range | None = None
    update: bool = False
    partial: frozenset = frozenset()
    own: frozenset = frozenset()
    vague: frozenset = frozenset()
    stale: frozenset = frozenset()


K = frozenset({"killed"})


@pytest.mark.parametrize("readings, expected", [
    ([], None),
    ([Said(killed=Range(8, 8))], Range(8, 8)),
    # sources that disagree: low..high; open-ended when any figure is
    ([Said(killed=Range(15, 15)), Said(killed=Range(19, 19))], Range(15, 19)),
    ([Said(killed=Range(6, None)), Said(killed=Range(10, 10))], Range(6, None)),
    # a revised toll replaces the earlier ones; the latest revision wins
    ([Said(killed=Range(12, None)), Said(killed=Range(23, 23), update=True), Said(killed=Range(30, 30), update=True)],
     Range(30, 30)),
    # the attackers' own losses told apart are no victims, even when they are the only figure
    ([Said(killed=Range(4, 4)), Said(killed=Range(10, 10), own=K)], Range(4, 4)),
    ([Said(killed=Range(20, 20), own=K)], None),
    # a part of the victims ('two of the wounded') stands only alone
    ([Said(killed=Range(9, 9)), Said(killed=Range(2, 2), partial=K)], Range(9, 9)),
    # a vague amount ('dozens') gives way to a figure
    ([Said(killed=Range(24, None), vague=K), Said(killed=Range(41, 41))], Range(41, 41)),
    # an earlier toll told as such ('un premier bilan') gives way to the figures told since, and stands alone
    ([Said(killed=Range(40, 40), stale=K), Said(killed=Range(115, 115))], Range(115, 115)),
    ([Said(killed=Range(40, 40), stale=K)], Range(40, 40)),
    # 'nobody else was hurt' gives way to a toll
    ([Said(killed=Range(0, 0)), Said(killed=Range(2, 2))], Range(2, 2)),
    ([Said(killed=Range(0, 0))], Range(0, 0)),
])
def test_killed_by_the_schema_rules(readings, expected):
    assert toll(readings, "killed") == expected


def test_each_kind_is_read_on_its_own():
    readings = [Said(killed=Range(3, 3), injured=Range(0, 0)), Said(injured=Range(5, 5), partial=frozenset({"injured"}))]
    assert (toll(readings, "killed"), toll(readings, "injured")) == (Range(3, 3), Range(0, 0))
