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
from typing import Callable, Iterator, Mapping, Sequence

import duckdb
import fsspec
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

PART = "part-0.parquet"
Shape = Callable[[pa.Table], pa.Table]   # a partition's rows -> the rows as written (lake_schema.conform)


def _as_is(rows: pa.Table) -> pa.Table:
    return rows


def _fs(lake: str):
    return fsspec.core.url_to_fs(lake)


def _is_local(fs) -> bool:
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    return protocol in ("file", "local")


def _part_file(base: str, day: date) -> str:
    return f"{base}/date={day.isoformat()}/{PART}"


def partition_path(lake: str, table: str, day: date) -> str:
    return _part_file(f"{lake.rstrip('/')}/{table}", day)


def _by_day(rows: pa.Table, day_column: str) -> Iterator[tuple[date, pa.Table]]:
    column = rows.column(day_column)
    for day in sorted(set(column.to_pylist())):
        part = rows.filter(pc.equal(column, pa.scalar(day, column.type)))
        yield day, part.drop_columns([day_column])


def merge_partitions(lake: str, table: str, rows: pa.Table, key: str, day_column: str,
                     shape: Shape = _as_is) -> list[str]:
    """Merge `rows` into the table's partitions, one per distinct value of `day_column`; each partition
    is written as `shape` returns it."""
    fs, root = _fs(lake)
    base = f"{root.rstrip('/')}/{table}"
    return [_merge_one(fs, _part_file(base, day), shape(part), key, shape)
            for day, part in _by_day(rows, day_column)]


def _merge_one(fs, path: str, batch: pa.Table, key: str, shape: Shape) -> str:
    merged = batch
    if fs.exists(path):
        with fs.open(path, "rb") as fh:
            merged = _union_by_key(pq.read_table(fh), batch, key)
    _write(fs, path, shape(merged))
    return path


def drop_keys(lake: str, table: str, key: str, by_day: Mapping[date, Sequence[str]], shape: Shape = _as_is) -> None:
    """Remove rows whose key moved to another partition (an event whose date changed)."""
    fs, root = _fs(lake)
    base = f"{root.rstrip('/')}/{table}"
    for day, keys in by_day.items():
        path = _part_file(base, day)
        if not keys or not fs.exists(path):
            continue
        with fs.open(path, "rb") as fh:
            rows = pq.read_table(fh)
        kept = rows.filter(pc.invert(pc.is_in(rows.column(key), pa.array(list(keys), rows.schema.field(key).type))))
        if kept.num_rows:
            _write(fs, path, shape(kept))
        else:
            fs.rm(path.rsplit("/", 1)[0], recursive=True)


def _write(fs, path: str, rows: pa.Table) -> None:
    fs.makedirs(path.rsplit("/", 1)[0], exist_ok=True)
    if _is_local(fs):
        tmp = f"{path}.{uuid.uuid4().hex}.tmp"
        pq.write_table(rows, tmp)
        fs.mv(tmp, path)
    else:
        with fs.open(path, "wb") as fh:
            pq.write_table(rows, fh)


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


def replace_table(lake: str, table: str, rows: pa.Table, day_column: str, shape: Shape = _as_is) -> None:
    """Rewrite a whole table (reprocess): stage every partition, then swap it in.

    Locally the swap is renames; on an object store the partitions are
    overwritten in place and partitions absent from `rows` are removed.
    """
    fs, root = _fs(lake)
    base = f"{root.rstrip('/')}/{table}"
    target = f"{base}.staging-{uuid.uuid4().hex[:8]}" if _is_local(fs) else base
    days = set()
    for day, part in _by_day(rows, day_column):
        _write(fs, _part_file(target, day), shape(part))
        days.add(f"date={day.isoformat()}")
    if _is_local(fs):
        _swap_local(fs, target, base)
    elif fs.exists(base):
        for path in fs.ls(base):
            if path.rstrip("/").rsplit("/", 1)[-1] not in days:
                fs.rm(path, recursive=True)


def _swap_local(fs, staging: str, base: str) -> None:
    old = f"{base}.old-{uuid.uuid4().hex[:8]}"
    if fs.exists(base):
        fs.mv(base, old, recursive=True)
    if fs.exists(staging):
        fs.mv(staging, base, recursive=True)
    if fs.exists(old):
        fs.rm(old, recursive=True)


def read_table(lake: str, table: str) -> pa.Table:
    """The whole table with its `date` partition column (for analysts and tests)."""
    fs, root = _fs(lake)
    base = f"{root.rstrip('/')}/{table}"
    if not fs.exists(base):
        return pa.table({})
    return pq.ParquetDataset(base, filesystem=fs, partitioning="hive").read()
