"""The DuckDB file: one writer at a time, schema on open.

DuckDB lets one process hold the file read-write. Every opening, read or
write, happens under a file lock next to the database, so two runs on one data
directory queue instead of failing with a lock error.
"""
from __future__ import annotations

from contextlib import contextmanager
from importlib import resources
from typing import Iterator

import duckdb
from filelock import FileLock, Timeout

from . import history
from .layout import Layout

LOCK_TIMEOUT = 15 * 60.0


class WarehouseBusy(Exception):
    """Another process held the warehouse longer than the lock timeout."""


def sql_text(name: str) -> str:
    """A SQL file shipped in this package (schema.sql, views.sql)."""
    return resources.files("warehouse").joinpath(name).read_text(encoding="utf-8")


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(sql_text("schema.sql"))
    history.ensure_schema(con)
    con.execute(sql_text("views.sql"))


@contextmanager
def locked(layout: Layout, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    layout.root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(layout.lock))
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise WarehouseBusy(f"{layout.db}: another wirewatch process held the warehouse for over {timeout:.0f} s") from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def connect(layout: Layout, *, write: bool, timeout: float = LOCK_TIMEOUT) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection under the writer lock; a write connection creates the schema."""
    with locked(layout, timeout):
        con = duckdb.connect(str(layout.db))
        con.execute("SET TimeZone = 'UTC'")
        try:
            if write:
                ensure_schema(con)
            yield con
        finally:
            con.close()
