"""Idempotent loads: bring a table in line with a list of rows keyed by natural keys.

Each call counts what it inserted, updated, left unchanged and deleted, so a
second load of the same inputs can show it changed nothing. New rows go in
the fastest way each engine offers, inside the caller's transaction: COPY on
PostgreSQL, one batched ``executemany`` on SQLite.

The statements are SQL text both engines read, run on a plain ``sqlite3``
connection or a SQLAlchemy one (``tracker.queries.sql``). A table is named by
its name or given as its SQLAlchemy ``Table``; a scope is a SQL condition with
named parameters, ``"source_id = :sid"``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from itertools import islice
from operator import itemgetter
from typing import TYPE_CHECKING

from ..db import quote_identifier as quote
from ..queries.sql import dialect, is_plain, mappings, run, run_many, tuples

if TYPE_CHECKING:
    from sqlalchemy import Table

BATCH = 5_000


@dataclass
class Counts:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))
        return self

    @property
    def changed(self) -> int:
        return self.inserted + self.updated + self.deleted

    def __str__(self) -> str:
        return (f"{self.inserted} inserted, {self.updated} updated, "
                f"{self.unchanged} unchanged, {self.deleted} deleted")


@dataclass(frozen=True)
class TableInfo:
    """What a load needs to know of a table: its name, primary key, and the scalar defaults of its columns
    (what a column a row leaves out takes, as an ORM insert would give it)."""

    name: str
    pk: tuple[str, ...]
    defaults: dict = field(default_factory=dict)


def table_info(conn, table: Table | str) -> TableInfo:
    """The :class:`TableInfo` of ``table``. Given by name on a plain sqlite3 connection, it is read from the
    database, which knows no Python-side defaults: rows loaded that way give every column that has one."""
    if not isinstance(table, str):
        return _from_model(table)
    if is_plain(conn):
        cols = conn.execute(f"PRAGMA table_info({quote(table)})").fetchall()
        if not cols:
            raise LookupError(f"no table {table!r} in the database")
        pk = tuple(name for _, name, *_, pk_index in sorted(cols, key=lambda c: c[-1]) if pk_index)
        return TableInfo(table, pk)
    from ..models import Base

    return _from_model(Base.metadata.tables[table])


def _from_model(table: Table) -> TableInfo:
    return TableInfo(table.name, tuple(c.name for c in table.primary_key.columns),
                     {c.name: c.default.arg for c in table.columns if c.default is not None and c.default.is_scalar})


def _where(scope: str | None) -> str:
    return f" WHERE {scope}" if scope else ""


def sync(
    conn,
    table: Table | str,
    keys: tuple[str, ...],
    rows: Iterable[Mapping],
    *,
    scope: str | None = None,
    params: dict | None = None,
    keep: tuple[str, ...] = (),
) -> Counts:
    """Insert new rows, update changed ones; with ``scope`` (a condition, its ``params``), delete rows in scope
    that are not given.

    ``keys`` name the natural key columns. ``keep`` names columns whose stored
    values win over the given ones (a human's review status, say).
    """
    info = table_info(conn, table)
    counts = Counts()
    pk = info.pk
    stored = mappings(conn, f"SELECT * FROM {quote(info.name)}{_where(scope)}", params)
    existing = {tuple(r[k] for k in keys): r for r in stored}
    seen: set[tuple] = set()
    to_insert: list[Mapping] = []
    to_update: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for row in rows:
        key = tuple(row[k] for k in keys)
        if key in seen:
            continue
        seen.add(key)
        old = existing.get(key)
        if old is None:
            to_insert.append(row)
            continue
        changes = {c: v for c, v in row.items() if c not in keep and c not in pk and old[c] != v}
        if changes:
            to_update[tuple(sorted(changes))].append(
                {**{f"_pk_{c}": old[c] for c in pk}, **{f"_new_{c}": v for c, v in changes.items()}})
        else:
            counts.unchanged += 1
    counts.inserted = bulk_insert(conn, info, to_insert)
    counts.updated = _update(conn, info, to_update)
    if scope is not None:
        counts.deleted = _delete(conn, info, [tuple(r[c] for c in pk) for k, r in existing.items() if k not in seen])
    return counts


def sync_tuples(conn, table: Table | str, columns: tuple[str, ...], keys: tuple[str, ...], rows: Sequence[tuple],
                *, scope: str, params: dict | None = None, distinct: bool = False) -> Counts:
    """:func:`sync` for many narrow rows given as tuples of ``columns``: what a division file's votes load
    through, without a mapping per row. Rows in ``scope`` that are not given are deleted. With ``distinct``
    the caller promises that no two rows share a key (else the first of them stands)."""
    info = table_info(conn, table)
    counts = Counts()
    pk = info.pk
    extra = [c for c in pk if c not in columns]  # the primary key columns the rows do not give
    key_of = itemgetter(*(columns.index(k) for k in keys))
    n = len(columns)
    selected = ", ".join(quote(c) for c in (*columns, *extra))
    stored = tuples(conn, f"SELECT {selected} FROM {quote(info.name)}{_where(scope)}", params)
    existing = {key_of(r): r for r in stored}
    if not existing:  # nothing stored in scope: every row is new
        to_insert = rows if distinct else list({key_of(row): row for row in reversed(rows)}.values())[::-1]
        counts.inserted = bulk_insert(conn, info, to_insert, columns)
        return counts
    pk_of = itemgetter(*(n + extra.index(c) if c in extra else columns.index(c) for c in pk))
    seen: set = set()
    to_insert: list[tuple] = []
    to_update: dict[tuple[str, ...], list[dict]] = defaultdict(list)
    for row in rows:
        key = key_of(row)
        if not distinct:
            if key in seen:
                continue
            seen.add(key)
        old = existing.pop(key, None)
        if old is None:
            to_insert.append(row)
        elif old[:n] == row:
            counts.unchanged += 1
        else:
            changes = {c: v for c, v, was in zip(columns, row, old[:n], strict=True) if v != was}
            where = dict(zip((f"_pk_{c}" for c in pk), _as_tuple(pk_of(old)), strict=True))
            to_update[tuple(sorted(changes))].append({**where, **{f"_new_{c}": v for c, v in changes.items()}})
    counts.inserted = bulk_insert(conn, info, to_insert, columns)
    counts.updated = _update(conn, info, to_update)
    # what is left was not given
    counts.deleted = _delete(conn, info, [_as_tuple(pk_of(old)) for old in existing.values()])
    return counts


def _as_tuple(value) -> tuple:
    return value if isinstance(value, tuple) else (value,)


def _update(conn, info: TableInfo, to_update: dict[tuple[str, ...], list[dict]]) -> int:
    """Apply the changes gathered by a sync, one statement per set of changed columns; how many rows."""
    match = " AND ".join(f"{quote(c)} = :_pk_{c}" for c in info.pk)
    for changed, params in to_update.items():
        sets = ", ".join(f"{quote(c)} = :_new_{c}" for c in changed)
        sql = f"UPDATE {quote(info.name)} SET {sets} WHERE {match}"
        for start in range(0, len(params), BATCH):
            run_many(conn, sql, params[start:start + BATCH])
    return sum(len(params) for params in to_update.values())


def _delete(conn, info: TableInfo, gone: list[tuple]) -> int:
    """Delete the rows whose primary keys are ``gone``; how many."""
    if not gone:
        return 0
    table = quote(info.name)
    if len(info.pk) == 1:
        (column,) = info.pk
        for start in range(0, len(gone), BATCH):
            run(conn, f"DELETE FROM {table} WHERE {quote(column)} IN :ids",
                {"ids": [k for (k,) in gone[start:start + BATCH]]})
    else:
        match = " AND ".join(f"{quote(c)} = :_pk_{c}" for c in info.pk)
        names = [f"_pk_{c}" for c in info.pk]
        run_many(conn, f"DELETE FROM {table} WHERE {match}", [dict(zip(names, k, strict=True)) for k in gone])
    return len(gone)


def bulk_insert(conn, table: TableInfo | Table | str, rows: Sequence[Mapping] | Sequence[tuple],
                columns: Sequence[str] | None = None) -> int:
    """Insert ``rows`` (all with the keys of the first) with COPY on PostgreSQL, ``executemany`` on SQLite.

    Columns a row leaves out take their scalar default (:class:`TableInfo`). With ``columns``, each row is a
    tuple of those columns.
    """
    if not rows:
        return 0
    info = table if isinstance(table, TableInfo) else table_info(conn, table)
    given = list(columns) if columns is not None else list(rows[0])
    get = (lambda row: row) if columns is not None else (
        itemgetter(*given) if len(given) > 1 else (lambda row: (row[given[0]],)))
    defaults = {c: v for c, v in info.defaults.items() if c not in given}
    fixed = tuple(defaults.values())
    column_list = ", ".join(quote(c) for c in [*given, *defaults])
    target = quote(info.name)
    if dialect(conn) == "postgresql":
        cursor = conn.connection.driver_connection.cursor()
        with cursor, cursor.copy(f"COPY {target} ({column_list}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(tuple(get(row)) + fixed)
        return len(rows)
    sql = f"INSERT INTO {target} ({column_list}) VALUES ({', '.join('?' * (len(given) + len(fixed)))})"
    cursor = conn if is_plain(conn) else conn.connection.driver_connection
    # rows bound by position: sqlite3 binds a tuple faster than it looks names up in a mapping
    for start in range(0, len(rows), BATCH * 10):
        chunk = rows[start:start + BATCH * 10]
        if columns is None or fixed:
            chunk = [tuple(get(row)) + fixed for row in chunk]
        cursor.executemany(sql, chunk)
    return len(rows)


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of up to ``size`` items, taken from ``items`` as they come."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def id_map(conn, table: Table | str, key: str = "key") -> dict:
    """Natural key → primary key id for every row of ``table``."""
    name = table if isinstance(table, str) else table.name
    return dict(tuples(conn, f"SELECT {quote(key)}, id FROM {quote(name)}"))


__all__ = ["BATCH", "Counts", "TableInfo", "batched", "bulk_insert", "id_map", "sync", "sync_tuples", "table_info"]
