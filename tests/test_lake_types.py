"""The lake reads in one line in pandas, polars and DuckDB with the same types in every partition:
nullable integers stay integers, timestamps stay UTC, even where a partition's column is all null."""
from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests import analyst_support
from warehouse import lake_schema
from warehouse.db import ensure_schema

polars = pytest.importorskip("polars")
TABLES = ("stories", "incidents", "events")


@pytest.fixture(scope="module")
def lake_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("analyst")
    analyst_support.build(root)
    return root / "lake"


def _parts(lake_dir: Path, table: str) -> list[Path]:
    return sorted((lake_dir / table).glob("date=*/*.parquet"))


def test_the_partitions_have_nulls_in_different_columns(lake_dir):
    """What makes the other tests worth running: a column all null in one partition and set in another."""
    null_somewhere = {}
    for part in _parts(lake_dir, "events"):
        table = pq.read_table(part)
        for name in ("killed_max", "injured_min", "lat", "actor1"):
            null_somewhere.setdefault(name, set()).add(table.column(name).null_count == table.num_rows)
    assert all(seen == {True, False} for seen in null_somewhere.values()), null_somewhere
    stories = [pq.read_table(p) for p in _parts(lake_dir, "stories")]
    assert any(t.column("published_at").null_count == t.num_rows for t in stories)


@pytest.mark.parametrize("table", TABLES)
def test_every_partition_has_the_dataset_schema(lake_dir, table):
    parts = _parts(lake_dir, table)
    assert len(parts) >= 5
    expected = lake_schema.file_schema(table)
    for part in parts:
        schema = pq.read_schema(part)
        assert schema.equals(expected), f"{part}: {schema} != {expected}"


def test_pandas_one_line(lake_dir):
    events = pd.read_parquet(lake_dir / "events").set_index("event_id")
    assert str(events.killed_max.dtype) == "Int64" and str(events.n_stories.dtype) == "Int64"
    assert str(events.first_seen.dtype) == "datetime64[us, UTC]"
    assert events.loc["ev-mopti", "killed_max"] == 12 and pd.isna(events.loc["ev-kidal", "killed_max"])
    assert str(events.loc["ev-mopti", "date"]) == "2025-05-05"
    assert events.loc["ev-mogadishu", "date_imputed"] and not events.loc["ev-mopti", "date_imputed"]
    incidents = pd.read_parquet(lake_dir / "incidents")
    assert str(incidents.count_min.dtype) == "Int64" and incidents.count_min.dropna().tolist() == [61]
    stories = pd.read_parquet(lake_dir / "stories")
    assert str(stories.published_at.dtype) == "datetime64[us, UTC]" and str(stories.attack.dtype) == "boolean"
    assert len(stories) == len(analyst_support.STORIES)


def test_polars_one_line(lake_dir):
    events = polars.read_parquet(f"{lake_dir}/events/**/*.parquet", hive_partitioning=True)
    assert events.schema["killed_max"] == polars.Int64 and events.schema["n_stories"] == polars.Int64
    assert events.schema["first_seen"] == polars.Datetime("us", "UTC")
    assert events.schema["date"] == polars.Date
    row = events.filter(polars.col("event_id") == "ev-kidal").row(0, named=True)
    assert row["killed_min"] == 5 and row["killed_max"] is None
    lazy = polars.scan_parquet(f"{lake_dir}/incidents/**/*.parquet", hive_partitioning=True)
    assert lazy.select(polars.col("killed_min").sum()).collect().item() == sum(
        r["killed_min"] or 0 for r in analyst_support.incident_rows())


def test_duckdb_one_line(lake_dir):
    con = duckdb.connect()
    try:
        rel = con.sql(f"SELECT * FROM read_parquet('{lake_dir}/events/**/*.parquet', hive_partitioning = true)")
        types = dict(zip(rel.columns, map(str, rel.types)))
        assert types["killed_max"] == "BIGINT" and types["first_seen"] == "TIMESTAMP WITH TIME ZONE"
        assert types["date"] == "DATE"
        assert con.execute(f"SELECT count(*) FROM read_parquet('{lake_dir}/events/**/*.parquet', hive_partitioning = true)"
                       " WHERE NOT date_imputed").fetchone()[0] == len(analyst_support.EVENTS) - 1
    finally:
        con.close()


@pytest.mark.parametrize("table", TABLES)
def test_the_lake_schema_follows_the_warehouse(table):
    """A column added to the warehouse must be added to warehouse/lake_schema.py (conform refuses it)."""
    con = duckdb.connect()
    ensure_schema(con)
    warehouse = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()]
    lake = [name for name, _ in lake_schema.COLUMNS[table]]
    assert set(warehouse) <= set(lake) and set(lake) - set(warehouse) <= lake_schema.OPTIONAL.get(table, set())


def test_conform_casts_fills_optional_columns_and_refuses_unknown_ones():
    rows = pa.table({"event_id": ["e"], "killed_min": pa.array([3], pa.int32()),
                     "first_seen": pa.array([0], pa.timestamp("us", tz="Europe/Paris"))})
    full = {name: pa.nulls(1, t) for name, t in lake_schema.COLUMNS["events"]
            if name not in ("date", "geo_precision")}
    out = lake_schema.conform("events", pa.table({**full, **{n: rows.column(n) for n in rows.column_names},
                                                  "date_imputed": [False]}))
    assert out.schema.field("killed_min").type == pa.int64()
    assert out.schema.field("first_seen").type == pa.timestamp("us", tz="UTC")
    assert out.column("geo_precision").null_count == 1
    with pytest.raises(ValueError, match="colour"):
        lake_schema.conform("events", out.append_column("colour", pa.array(["red"])))
