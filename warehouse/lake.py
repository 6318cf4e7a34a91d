"""Parquet lake: hive-partitioned tables, merged by key, written atomically.

Each partition is one file, rewritten as (old rows not in the batch) + (batch
rows). A crash between the lake write and the warehouse commit therefore
leaves no duplicate: the next run rewrites the same keys. Local writes go to
a temporary name and are renamed; object stores (s3://...) replace an object
in one PUT, which is atomic there.
"""
from __future__ import annotations

import uuid
from datetime import date

import duckdb
import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

PART = "part-0.parquet"


def _fs(lake: str):
    return fsspec.core.url_to_fs(lake)


def partition_path(lake: str, table: str, day: date) -> str:
    return f"{lake.rstrip('/')}/{table}/date={day.isoformat()}/{PART}"


def merge_partitions(lake: str, table: str, rows: pa.Table, key: str, day_column: str) -> list[str]:
    """Merge `rows` into the table's partitions, one per distinct value of `day_column`."""
    written = []
    days = sorted(set(rows.column(day_column).to_pylist()))
    for day in days:
        part = rows.filter(pa.compute.equal(rows.column(day_column), pa.scalar(day, rows.schema.field(day_column).type)))
        written.append(_merge_one(lake, table, part.drop_columns([day_column]), key, day))
    return written


def _merge_one(lake: str, table: str, batch: pa.Table, key: str, day: date) -> str:
    fs, root = _fs(lake)
    path = partition_path(root, table, day)
    merged = batch
    if fs.exists(path):
        with fs.open(path, "rb") as fh:
            old = pq.read_table(fh)
        merged = _union_by_key(old, batch, key)
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    if _is_local(fs):
        tmp = f"{path}.{uuid.uuid4().hex}.tmp"
        pq.write_table(merged, tmp, filesystem=None)
        fs.mv(tmp, path)
    else:
        with fs.open(path, "wb") as fh:
            pq.write_table(merged, fh)
    return path


def _union_by_key(old: pa.Table, new: pa.Table, key: str) -> pa.Table:
    con = duckdb.connect()
    try:
        con.register("old_rows", old)
        con.register("new_rows", new)
        return con.sql(
            f"SELECT * FROM new_rows UNION ALL BY NAME "
            f"SELECT * FROM old_rows WHERE {key} NOT IN (SELECT {key} FROM new_rows)"
        ).to_arrow_table()
    finally:
        con.close()


def _is_local(fs) -> bool:
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    return protocol in ("file", "local")


def read_table(lake: str, table: str) -> pa.Table:
    """The whole table with its `date` partition column (for analysts and tests)."""
    fs, root = _fs(lake)
    base = f"{root.rstrip('/')}/{table}"
    if not fs.exists(base):
        return pa.table({})
    dataset = pq.ParquetDataset(base, filesystem=fs, partitioning="hive")
    return dataset.read()
