"""The Arrow schema of each lake dataset: every partition file is written with it.

A partition whose rows happen to be all null in a column would otherwise get
whatever type the writer inferred (null, int32, a timestamp in the session's
time zone), and readers that stitch partitions together (pandas, polars,
DuckDB) disagree or fail. So: integers are int64 (with nulls, never floats),
timestamps are microseconds in UTC, in the warehouse's column order.

The `date` of incidents and events is the hive partition (`date=YYYY-MM-DD/`),
not a column of the file; `date_imputed` says the partition day is the
story's day because the text gave none. The files also carry pandas metadata
so `pd.read_parquet` gives nullable Int64 and boolean columns, not floats and
objects.
"""
from __future__ import annotations

import json

import pyarrow as pa

STR, INT, FLOAT, BOOL, DAY = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.date32()
UTC = pa.timestamp("us", tz="UTC")
STRS = pa.list_(pa.string())
PARTITION = "date"

# Columns in the warehouse's order; `date` marks where the partition column sits in the warehouse table.
COLUMNS: dict[str, list[tuple[str, pa.DataType]]] = {
    "stories": [
        ("story_id", STR), ("feed", STR), ("guid", STR), ("url", STR), ("title", STR), ("text", STR),
        ("lang", STR), ("published_at", UTC), ("content_hash", STR), ("dup_of", STR), ("cluster_id", STR),
        ("dup_reason", STR), ("flags", STRS), ("fetch_id", STR), ("attack", BOOL), ("extractor_version", STR),
        ("ingested_at", UTC)],
    "incidents": [
        ("incident_id", STR), ("story_id", STR), ("idx", INT), ("kind", STR), ("event_type", STR),
        (PARTITION, DAY), ("country", STR), ("location", STR), ("lat", FLOAT), ("lon", FLOAT), ("actor1", STR),
        ("actor2", STR), ("weapon", STR), ("killed_min", INT), ("killed_max", INT), ("injured_min", INT),
        ("injured_max", INT), ("count_min", INT), ("count_max", INT), ("period_start", DAY),
        ("period_end", DAY), ("date_precision", STR), ("geo_precision", STR), ("evidence", STR),
        ("evidence_start", INT), ("evidence_end", INT), ("casualty_phrases", STRS), ("claimed_by", STR),
        ("confidence", FLOAT), ("event_id", STR), ("extractor_version", STR)],
    "events": [
        ("event_id", STR), ("event_type", STR), (PARTITION, DAY), ("country", STR), ("location", STR),
        ("lat", FLOAT), ("lon", FLOAT), ("geo_precision", STR), ("actor1", STR), ("actor2", STR),
        ("weapon", STR), ("killed_min", INT), ("killed_max", INT), ("injured_min", INT), ("injured_max", INT),
        ("n_incidents", INT), ("n_stories", INT), ("first_seen", UTC), ("updated_at", UTC), ("members", STR)],
}
# columns the lake has and the warehouse table may not (yet): filled with nulls when absent
OPTIONAL = {"events": {"geo_precision"}}
IMPUTED = ("date_imputed", BOOL)


def has_date(table: str) -> bool:
    return any(name == PARTITION for name, _ in COLUMNS[table])


def file_schema(table: str) -> pa.Schema:
    """The schema of one partition file: the table's columns less `date`, plus `date_imputed`."""
    fields = [pa.field(n, t) for n, t in COLUMNS[table] if n != PARTITION]
    if has_date(table):
        fields.append(pa.field(*IMPUTED))
    return pa.schema(fields, metadata={b"pandas": _pandas_metadata(fields)})


def dataset_schema(table: str) -> pa.Schema:
    """What a reader sees: the file schema plus the `date` partition column."""
    return file_schema(table).append(pa.field(PARTITION, DAY))


def conform(table: str, rows: pa.Table) -> pa.Table:
    """`rows` in the dataset's file schema: columns ordered and cast, optional ones added as nulls.

    A column the schema does not know is an error: it would reach some partitions and not others."""
    schema = file_schema(table)
    extra = set(rows.column_names) - set(schema.names)
    if extra:
        raise ValueError(f"lake {table}: columns {sorted(extra)} are not in warehouse/lake_schema.py")
    missing = set(schema.names) - set(rows.column_names) - OPTIONAL.get(table, set())
    if missing:
        raise ValueError(f"lake {table}: rows lack columns {sorted(missing)}")
    columns = [rows.column(f.name).cast(f.type) if f.name in rows.column_names
               else pa.nulls(rows.num_rows, f.type) for f in schema]
    return pa.Table.from_arrays(columns, schema=schema)


def _pandas_metadata(fields: list[pa.Field]) -> bytes:
    """Just enough of pandas' own metadata for pandas to rebuild nullable Int64 / boolean columns."""
    dtypes = {pa.int64(): ("int64", "Int64"), pa.bool_(): ("bool", "boolean")}
    columns = [{"name": f.name, "field_name": f.name, "pandas_type": dtypes[f.type][0],
                "numpy_type": dtypes[f.type][1], "metadata": None} for f in fields if f.type in dtypes]
    return json.dumps({"index_columns": [], "column_indexes": [], "columns": columns}).encode()
