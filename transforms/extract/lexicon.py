"""The extractor's trigger lexicon (data/lexicon.yaml), loaded once.

Number words are in data/numbers.yaml (numbers.py), date words in data/dates.yaml (dates.py);
places and actors have their own data files (places.py, actors.py).
"""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import yaml

from . import rx


def _data(name: str) -> str:
    return resources.files("transforms.extract").joinpath(f"data/{name}").read_text(encoding="utf-8")


def words(pattern: str) -> re.Pattern:
    return rx.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])", re.I)


@lru_cache(maxsize=1)
def lexicon() -> dict:
    raw = yaml.safe_load(_data("lexicon.yaml"))
    return {
        "violence": words("|".join(raw["violence"])),
        "not_incident": {k: words(v) for k, v in raw["not_incident"].items()},
        "not_incident_raw": raw["not_incident"],
        # every background phrase starts a word: checking that first is ~3x faster than trying each everywhere
        "background": re.compile(rf"(?<!\w)(?:{raw['background']})", re.I),
        "event_types": [(e["name"], words(e["pattern"])) for e in raw["event_types"]],
        "weapons": [(e["name"], words(e["pattern"])) for e in raw["weapons"]],
        "killed": raw["killed"], "injured": raw["injured"], "person": raw["person"],
        "nobody": words(raw["nobody"]), "aftermath": words(raw["aftermath"]),
        "remote_hit": words(raw["remote_hit"]), "retaliation": words(raw["retaliation"]),
        "air_defence_tally": rx.compile(raw["air_defence_tally"], re.I),
        "military_target": words(raw["military_target"]), "military_aside": words(raw["military_aside"]),
        "unnamed_attacker": rx.compile(rf"(?:{raw['unnamed_attacker']})", re.I),
        "fighting": words(raw["fighting"]), "separate": rx.compile(raw["separate"], re.I),
        "another": rx.compile(raw["another"], re.I), "attackers_again": rx.compile(raw["attackers_again"], re.I), "own_vest": words(raw["own_vest"]),
        "armed_victims": words(raw["armed_victims"]),
        "civilian_victims": words(raw["civilian_victims"]),
        "not_weapon": words(raw["not_weapon"]),
        "aggregate_noun": raw["aggregate_noun"],
        "tally_ordinal_noun": raw["tally_ordinal_noun"], "tally_last_day": raw["tally_last_day"],
    }
