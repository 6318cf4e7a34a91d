"""Every name an actor goes by, in French and English, so `--actor Daech` finds the events whose
actor is stored as "Islamic State" and `--actor Russie` those of "Russia".

The extractor stores a known group or state under its canonical English name and anything else as
written; the names come from the extractor's own data files (actors.yaml, countries.csv), read here
as package data.
"""
from __future__ import annotations

import csv
import io
import unicodedata
from functools import lru_cache
from importlib import resources

import yaml


def fold(name: str) -> str:
    """Lower case, accents off, spaces collapsed: how names are compared (warehouse.lakeview.fold_sql)."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def names_for(query: str) -> tuple[str, ...]:
    """The folded query and, when it names a known actor in either language, all that actor's names."""
    wanted = fold(query)
    names = {wanted}
    for group in _groups():
        if wanted in group:
            names |= group
    return tuple(sorted(names))


def _data(name: str) -> str:
    return resources.files("transforms.extract").joinpath(f"data/{name}").read_text(encoding="utf-8")


def _split(field: str | None) -> list[str]:
    return [a.strip() for a in (field or "").split("|") if a.strip()]


@lru_cache(maxsize=1)
def _groups() -> tuple[frozenset[str], ...]:
    groups = [{row["name"], *row.get("aliases", ())} for row in yaml.safe_load(_data("actors.yaml"))]
    for row in csv.DictReader(io.StringIO(_data("countries.csv"))):
        groups.append({row["en"], row["fr"], *_split(row["aliases"])})
    return tuple(frozenset(fold(n) for n in group) for group in groups)
