"""Idempotent loads: bring a table in line with a list of rows keyed by natural keys.

Each call counts what it inserted, updated, left unchanged and deleted, so a
second load of the same inputs can show it changed nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

from sqlalchemy import Connection, Table, and_, bindparam, delete, insert, select, tuple_, update
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
    cols = [table.c[k] for k in keys]
    query = select(table)
    if scope is not None:
        query = query.where(scope)
    existing = {tuple(r[k] for k in keys): r for r in conn.execute(query).mappings()}
    seen: set[tuple] = set()
    to_insert: list[dict] = []
    to_update: list[dict] = []
    for row in rows:
        key = tuple(row[k] for k in keys)
        if key in seen:
            continue
        seen.add(key)
        old = existing.get(key)
        if old is None:
            to_insert.append(dict(row))
            continue
        changes = {c: v for c, v in row.items() if c not in keep and c not in pk and old[c] != v}
        if changes:
            to_update.append({**{f"_pk_{c}": old[c] for c in pk}, **changes})
        else:
            counts.unchanged += 1
    for start in range(0, len(to_insert), BATCH):
        conn.execute(insert(table), to_insert[start:start + BATCH])
    counts.inserted = len(to_insert)
    for values in to_update:
        where = and_(*(table.c[c] == values.pop(f"_pk_{c}") for c in pk))
        conn.execute(update(table).where(where).values(**values))
    counts.updated = len(to_update)
    if scope is not None:
        gone = [k for k in existing if k not in seen]
        for start in range(0, len(gone), BATCH):
            chunk = gone[start:start + BATCH]
            target = tuple_(*cols).in_(chunk) if len(cols) > 1 else cols[0].in_([k[0] for k in chunk])
            conn.execute(delete(table).where(and_(scope, target)))
        counts.deleted = len(gone)
    return counts


def id_map(conn: Connection, table: Table, key: str = "key") -> dict:
    """Natural key → primary key id for every row of ``table``."""
    return dict(conn.execute(select(table.c[key], table.c.id)).all())


__all__ = ["BATCH", "Counts", "bindparam", "id_map", "sync"]
