"""docs/data-dictionary.md documents exactly the schema (warehouse tables, views, lake datasets), with
the warehouse's types, and its five example queries give the known answers on a small data directory,
both on the warehouse file and through the lake (`wirewatch sql`)."""
from __future__ import annotations

import re
from datetime import timedelta

import duckdb
import pytest

from tests import analyst_support
from tests.conftest import REPO
from warehouse import lake_schema
from warehouse.db import ensure_schema
from warehouse.lakeview import lake_connection, read_only_query

DICTIONARY = REPO / "docs" / "data-dictionary.md"
ENTRY = re.compile(r"^\| `([a-z_0-9]+)` \| ([^|]+?) \|", re.M)


def documented(text: str) -> dict[str, dict[str, str]]:
    """section name -> {column: type cell} for every `### `name`` section's table."""
    sections = re.split(r"^### `([a-z_0-9]+)`\s*$", text, flags=re.M)
    return {name: dict(ENTRY.findall(body)) for name, body in zip(sections[1::2], sections[2::2])}


def schema() -> dict[str, dict[str, str]]:
    """object name -> {column: DuckDB type}: warehouse tables and views, plus the lake datasets' columns
    (lake-only ones have no warehouse type)."""
    con = duckdb.connect()
    ensure_schema(con)
    names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() UNION ALL "
                                       "SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()]
    objects = {n: {c: t for c, t, *_ in con.execute(f"DESCRIBE {n}").fetchall()} for n in names}
    for table in lake_schema.COLUMNS:
        for column in lake_schema.dataset_schema(table).names:
            objects[table].setdefault(column, "")
    return objects


def test_every_table_view_and_column_has_an_entry_and_every_entry_exists():
    docs, actual = documented(DICTIONARY.read_text(encoding="utf-8")), schema()
    assert set(docs) == set(actual), f"sections without an object: {set(docs) - set(actual)}; " \
                                     f"objects without a section: {set(actual) - set(docs)}"
    for name, columns in actual.items():
        missing, unknown = set(columns) - set(docs[name]), set(docs[name]) - set(columns)
        assert not missing, f"{name}: no entry for {sorted(missing)}"
        assert not unknown, f"{name}: entries for columns that do not exist: {sorted(unknown)}"
        for column, kind in columns.items():
            if kind:
                assert docs[name][column].strip() == kind, f"{name}.{column}: documented as " \
                                                           f"{docs[name][column]!r}, is {kind}"


def test_the_check_catches_a_missing_and_an_invented_column():
    text = DICTIONARY.read_text(encoding="utf-8")
    broken = documented(text.replace("| `dup_of` |", "| `dup_off` |"))
    assert "dup_off" in broken["stories"] and "dup_of" not in broken["stories"]


EXAMPLE = re.compile(r"<!-- example: ([a-z_]+) -->\n```sql\n(.*?)```", re.S)


def examples() -> dict[str, str]:
    return dict(EXAMPLE.findall(DICTIONARY.read_text(encoding="utf-8")))


T = analyst_support.TODAY
EXPECTED = {   # the answers analyst_support's events give, worked out by hand from its docstring
    "attacks_per_week": [(analyst_support.D, "air_drone_strike", 1, 5), (analyst_support.D, "attack", 1, 10),
                         (analyst_support.D + timedelta(7), "attack", 1, 2)],
    "deadliest_recent": [(T - timedelta(3), "NG", "Maiduguri", "attack", 20, 25, "Evidence of ev-recent in fr-r1."),
                         (T - timedelta(10), "NG", "Konduga", "suicide_bomb", 4, 4,
                          "Evidence of ev-recent2 in en-r2.")],
    "perpetrators": [("Boko Haram", 2, 24), ("al-Shabaab", 1, 12), ("JNIM", 1, 10), ("Malian army", 1, 5),
                     ("Islamic State Sahel Province", 1, 2), ("Russia", 1, 0)],
    "sources_per_event": [("ev-kharkiv", 3, 3), ("ev-mopti", 2, 2), ("ev-kidal", 1, 1), ("ev-menaka", 1, 1),
                          ("ev-mogadishu", 1, 1), ("ev-old", 1, 1), ("ev-recent", 1, 1), ("ev-recent2", 1, 1)],
    "coverage_by_language": [("English only", 4), ("French only", 2), ("both", 2)],
}


def _comparable(name: str, rows: list[tuple]) -> list[tuple]:
    if name == "sources_per_event":
        return [(r[0], r[3], r[4]) for r in rows]
    return [tuple(int(v) if isinstance(v, (int,)) else v for v in r) for r in rows]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    root = tmp_path_factory.mktemp("dictionary")
    return analyst_support.build(root)


def test_there_are_five_examples():
    assert sorted(examples()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_query_on_the_warehouse_and_on_the_lake(data, name):
    sql = examples()[name]
    con = duckdb.connect(str(data.db), read_only=True)
    try:
        on_warehouse = con.execute(sql).fetchall()
    finally:
        con.close()
    with lake_connection(data) as lake:
        _, on_lake = read_only_query(lake, sql)
    assert _comparable(name, on_warehouse) == EXPECTED[name]
    assert _comparable(name, on_lake) == EXPECTED[name]
