"""The warehouse's tables and views, read from the Parquet lake: SQL that never waits for the writer.

DuckDB lets one process open the warehouse file read-write, and the ingest
flow is that process while it loads. The lake is plain Parquet files, each
replaced atomically, so any number of readers can open it at any time. This
module opens an in-memory DuckDB whose views `stories`, `incidents` and
`events` read the lake with the warehouse tables' columns (the incident and
event `date` comes back from the partition, null again where it was imputed),
then runs the warehouse's own views.sql on top: `attacks_daily|weekly|monthly`
are the same definitions in both places.

An answer is as fresh as the last lake write, which each run makes just before
its warehouse commit.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Iterator

import duckdb
import fsspec

from . import lake_schema
from .db import sql_text
from .layout import Layout

TABLES = ("stories", "incidents", "events")
READ_ONLY = {duckdb.StatementType.SELECT}


class NoLake(Exception):
    """The data directory has no lake to read yet."""


class NotReadOnly(Exception):
    """A statement that would write, or more than one statement."""


@dataclass(frozen=True)
class EventFilter:
    """Which events count; every field None (or empty) means no restriction."""
    country: str | None = None
    event_type: str | None = None
    since: date | None = None
    until: date | None = None
    actors: tuple[str, ...] = ()     # names folded as fold_sql folds them: matches actor1 or actor2

    @property
    def empty(self) -> bool:
        return self == EventFilter()


def fold_sql(column: str) -> str:
    """The SQL twin of transforms.actor_names.fold."""
    return f"lower(strip_accents({column}))"


FILTERED_EVENTS = f"""
CREATE VIEW main.events AS
SELECT e.* FROM lake.events e, lake.event_filter f
WHERE (f.country IS NULL OR e.country = f.country)
  AND (f.event_type IS NULL OR e.event_type = f.event_type)
  AND (f.since IS NULL OR e.date >= f.since)
  AND (f.until IS NULL OR e.date <= f.until)
  AND (len(f.actors) = 0
       OR list_has_any(f.actors, [{fold_sql('e.actor1')}, {fold_sql('e.actor2')}])
       OR e.event_id IN (SELECT i.event_id FROM lake.incidents i
                         WHERE list_has_any(f.actors, [{fold_sql('i.actor1')}, {fold_sql('i.actor2')}])))
"""


@contextmanager
def lake_connection(layout: Layout, only: EventFilter = EventFilter()) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB with the warehouse's tables and views over the lake; `only` narrows `events`
    (and so the attacks_* views) to the events it lets through."""
    fs, root = fsspec.core.url_to_fs(layout.lake)
    if not any(fs.exists(f"{root}/{t}") for t in TABLES):
        raise NoLake(f"{layout.lake}: no lake yet; run 'wirewatch run' or 'wirewatch demo' first")
    con = duckdb.connect()
    try:
        con.execute("SET TimeZone = 'UTC'")
        if not _is_local(fs):
            con.register_filesystem(fs)
        con.execute("CREATE SCHEMA lake")
        for table in TABLES:
            source = _source(con, fs, layout.lake, table)
            con.execute(f"CREATE VIEW lake.{table} AS SELECT {_columns(table)} FROM {source}")
        _main_views(con, only)
        con.execute(sql_text("views.sql"))
        yield con
    finally:
        con.close()


def _is_local(fs) -> bool:
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    return protocol in ("file", "local")


def _columns(table: str) -> str:
    names = [name for name, _ in lake_schema.COLUMNS[table]]
    return ", ".join("CASE WHEN date_imputed THEN NULL ELSE date END AS date" if n == lake_schema.PARTITION
                     else n for n in names)


def _source(con, fs, lake_url: str, table: str) -> str:
    """read_parquet over the dataset's partitions, or an empty table of its schema when it has none."""
    base = f"{lake_url.rstrip('/')}/{table}"
    if fs.glob(f"{fsspec.core.url_to_fs(base)[1]}/*/*.parquet"):
        return (f"read_parquet('{base}/*/*.parquet', hive_partitioning = true, hive_types = {{'date': DATE}},"
                f" union_by_name = true)")
    con.register("_empty", lake_schema.dataset_schema(table).empty_table())
    con.execute(f"CREATE TABLE lake.{table}_empty AS SELECT * FROM _empty")
    con.unregister("_empty")
    return f"lake.{table}_empty"


def _main_views(con, only: EventFilter) -> None:
    for table in ("stories", "incidents") if not only.empty else TABLES:
        con.execute(f"CREATE VIEW main.{table} AS SELECT * FROM lake.{table}")
    if only.empty:
        return
    con.execute("CREATE TABLE lake.event_filter AS SELECT ?::VARCHAR AS country, ?::VARCHAR AS event_type,"
                " ?::DATE AS since, ?::DATE AS until, ?::VARCHAR[] AS actors",
                [only.country, only.event_type, only.since, only.until, list(only.actors)])
    con.execute(FILTERED_EVENTS)


def read_only_query(con: duckdb.DuckDBPyConnection, sql: str) -> tuple[list[str], list[tuple]]:
    """Run one SELECT (SHOW, DESCRIBE, SUMMARIZE and FROM-first queries are SELECTs too); anything else
    is refused before it runs: DuckDB's parser names the statement's type."""
    statements = con.extract_statements(sql)
    if len(statements) != 1:
        raise NotReadOnly(f"one statement at a time, got {len(statements)}")
    kind = statements[0].type
    if kind not in READ_ONLY:
        raise NotReadOnly(f"read-only: {kind.name} statements are refused (only SELECT, SHOW, DESCRIBE, "
                          f"SUMMARIZE)")
    cursor = con.execute(statements[0])
    return [d[0] for d in cursor.description], cursor.fetchall()
