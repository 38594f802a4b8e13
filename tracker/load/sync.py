"""Idempotent loads: bring a table in line with a list of rows keyed by natural keys.

Each call counts what it inserted, updated, left unchanged and deleted, so a
second load of the same inputs can show it changed nothing. New rows go in
the fastest way each engine offers, inside the caller's transaction: COPY on
PostgreSQL, one batched ``executemany`` on SQLite.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, fields
from itertools import islice
from operator import itemgetter

from sqlalchemy import Connection, Table, and_, bindparam, delete, literal, select, tuple_, update
from sqlalchemy.sql.elements import ColumnElement

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


def sync(
    conn: Connection,
    table: Table,
    keys: tuple[str, ...],
    rows: Iterable[Mapping],
    *,
    scope: ColumnElement[bool] | None = None,
    keep: tuple[str, ...] = (),
) -> Counts:
    """Insert new rows, update changed ones; with ``scope``, delete rows in scope that are not given.

    ``keys`` name the natural key columns. ``keep`` names columns whose stored
    values win over the given ones (a human's review status, say).
    """
    counts = Counts()
    pk = [c.name for c in table.primary_key.columns]
    query = select(table)
    if scope is not None:
        query = query.where(scope)
    existing = {tuple(r[k] for k in keys): r for r in conn.execute(query).mappings()}
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
    counts.inserted = bulk_insert(conn, table, to_insert)
    counts.updated = _update(conn, table, pk, to_update)
    if scope is not None:
        counts.deleted = _delete(conn, table, keys, scope, [k for k in existing if k not in seen])
    return counts


def sync_tuples(conn: Connection, table: Table, columns: tuple[str, ...], keys: tuple[str, ...],
                rows: Sequence[tuple], *, scope: ColumnElement[bool], distinct: bool = False) -> Counts:
    """:func:`sync` for many narrow rows given as tuples of ``columns``: what a division file's votes load
    through, without a mapping per row. Rows in ``scope`` that are not given are deleted. With ``distinct``
    the caller promises that no two rows share a key (else the first of them stands)."""
    counts = Counts()
    pk = [c.name for c in table.primary_key.columns]
    extra = [c for c in pk if c not in columns]  # the primary key columns the rows do not give
    key_of = itemgetter(*(columns.index(k) for k in keys))
    n = len(columns)
    stored = map(tuple, conn.execute(select(*(table.c[c] for c in (*columns, *extra))).where(scope)).all())
    existing = {key_of(r): r for r in stored}
    if not existing:  # nothing stored in scope: every row is new
        to_insert = rows if distinct else list({key_of(row): row for row in reversed(rows)}.values())[::-1]
        counts.inserted = bulk_insert(conn, table, to_insert, columns)
        return counts
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
            where = {f"_pk_{c}": old[n + extra.index(c)] if c in extra else old[columns.index(c)] for c in pk}
            to_update[tuple(sorted(changes))].append({**where, **{f"_new_{c}": v for c, v in changes.items()}})
    counts.inserted = bulk_insert(conn, table, to_insert, columns)
    counts.updated = _update(conn, table, pk, to_update)
    counts.deleted = _delete(conn, table, keys, scope, list(existing))  # what is left was not given
    return counts


def _update(conn: Connection, table: Table, pk: list[str], to_update: dict[tuple[str, ...], list[dict]]) -> int:
    """Apply the changes gathered by a sync, one statement per set of changed columns; how many rows."""
    for changed, params in to_update.items():
        stmt = (update(table).where(and_(*(table.c[c] == bindparam(f"_pk_{c}") for c in pk)))
                .values({c: bindparam(f"_new_{c}") for c in changed}))
        for start in range(0, len(params), BATCH):
            conn.execute(stmt, params[start:start + BATCH])
    return sum(len(params) for params in to_update.values())


def _delete(conn: Connection, table: Table, keys: tuple[str, ...], scope: ColumnElement[bool],
            gone: list[tuple]) -> int:
    """Delete the rows in ``scope`` whose natural keys are ``gone``; how many."""
    cols = [table.c[k] for k in keys]
    for start in range(0, len(gone), BATCH):
        chunk = gone[start:start + BATCH]
        target = tuple_(*cols).in_(chunk) if len(cols) > 1 else cols[0].in_([k[0] for k in chunk])
        conn.execute(delete(table).where(and_(scope, target)))
    return len(gone)


def bulk_insert(conn: Connection, table: Table, rows: Sequence[Mapping] | Sequence[tuple],
                columns: Sequence[str] | None = None) -> int:
    """Insert ``rows`` (all with the keys of the first) with COPY on PostgreSQL, ``executemany`` on SQLite.

    Columns a row leaves out take their scalar default, as an ORM insert would. With ``columns``, each row
    is a tuple of those columns.
    """
    if not rows:
        return 0
    given = list(columns) if columns is not None else list(rows[0])
    get = (lambda row: row) if columns is not None else (
        itemgetter(*given) if len(given) > 1 else (lambda row: (row[given[0]],)))
    defaults = {c.name: c.default.arg for c in table.columns
                if c.name not in given and c.default is not None and c.default.is_scalar}
    quote = conn.dialect.identifier_preparer.quote
    target = conn.dialect.identifier_preparer.format_table(table)
    column_list = ", ".join(quote(c) for c in [*given, *defaults])
    if conn.dialect.name == "postgresql":
        fixed = tuple(defaults.values())
        cursor = conn.connection.driver_connection.cursor()
        with cursor, cursor.copy(f"COPY {target} ({column_list}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(tuple(get(row)) + fixed)
    else:
        literals = [literal(v).compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})
                    for v in defaults.values()]
        values = ", ".join([*("?" for _ in given), *map(str, literals)])
        sql = f"INSERT INTO {target} ({column_list}) VALUES ({values})"
        # rows bound by position: sqlite3 binds a tuple faster than it looks names up in a mapping
        for start in range(0, len(rows), BATCH * 10):
            chunk = rows[start:start + BATCH * 10]
            conn.exec_driver_sql(sql, chunk if columns is not None else [get(row) for row in chunk])
    return len(rows)


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of up to ``size`` items, taken from ``items`` as they come."""
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def id_map(conn: Connection, table: Table, key: str = "key") -> dict:
    """Natural key → primary key id for every row of ``table``."""
    return dict(conn.execute(select(table.c[key], table.c.id)).all())


__all__ = ["BATCH", "Counts", "batched", "bulk_insert", "id_map", "sync", "sync_tuples"]
