"""Statements written once for both engines, run through a plain ``sqlite3`` connection or a SQLAlchemy one.

The questions that a command answers on its own (a person, a division, said-vs-voted, the stored answers)
are written as SQL text that SQLite and PostgreSQL read alike, with named ``:parameters``. Given a
``sqlite3.Connection`` they run on it directly, so a command reading a SQLite file need not load SQLAlchemy at
all; given a SQLAlchemy connection they run through it, as the Python API, the report and the loads call them.

A parameter whose value is a list, tuple or set stands for a list: write ``IN :ids`` and it becomes
``IN (:ids_0, :ids_1, ...)`` (an empty one matches nothing).
"""

from __future__ import annotations

import re
import sqlite3
from collections import namedtuple
from functools import lru_cache

_PARAM = re.compile(r"(?<![:\w]):(\w+)")
_LISTS = (list, tuple, set, frozenset)


def expand(sql: str, params: dict | None) -> tuple[str, dict]:
    """``sql`` with each list parameter spelled out, and the parameters to bind with it."""
    params = params or {}
    lists = {k: v for k, v in params.items() if isinstance(v, _LISTS)}
    if not lists:
        return sql, params
    bound = {k: v for k, v in params.items() if k not in lists}

    def spell(match: re.Match) -> str:
        name = match.group(1)
        if name not in lists:
            return match.group(0)
        values = sorted(lists[name]) if isinstance(lists[name], set | frozenset) else list(lists[name])
        if not values:
            return "(NULL)"
        names = [f"{name}_{i}" for i in range(len(values))]
        bound.update(zip(names, values, strict=True))
        return "(" + ", ".join(f":{n}" for n in names) + ")"

    return _PARAM.sub(spell, sql), bound


def is_plain(conn) -> bool:
    """Whether ``conn`` is a plain ``sqlite3`` connection (not SQLAlchemy's)."""
    return isinstance(conn, sqlite3.Connection)


def tuples(conn, sql: str, params: dict | None = None) -> list[tuple]:
    """Every row of ``sql`` as a plain tuple."""
    sql, params = expand(sql, params)
    if is_plain(conn):
        return conn.execute(sql, params).fetchall()
    from sqlalchemy import text

    # fetched whole: row by row, the driver would be asked for each row in turn
    return [tuple(r) for r in conn.execute(text(sql), params).all()]


@lru_cache(maxsize=256)
def _row_type(names: tuple[str, ...]):
    return namedtuple("Row", names)


def records(conn, sql: str, params: dict | None = None) -> list:
    """Every row of ``sql``, its columns readable by name (``row.person_id``) and by position."""
    sql, params = expand(sql, params)
    if is_plain(conn):
        cursor = conn.execute(sql, params)
        make = _row_type(tuple(d[0] for d in cursor.description))._make
        return [make(r) for r in cursor.fetchall()]
    from sqlalchemy import text

    return conn.execute(text(sql), params).all()


def first(conn, sql: str, params: dict | None = None):
    """The first row of ``sql`` (columns by name), or None."""
    found = records(conn, sql, params)
    return found[0] if found else None


def column(conn, sql: str, params: dict | None = None) -> list:
    """The first column of every row."""
    return [r[0] for r in tuples(conn, sql, params)]


def mappings(conn, sql: str, params: dict | None = None) -> list[dict]:
    """Every row of ``sql`` as a dict of column → value."""
    sql, params = expand(sql, params)
    if is_plain(conn):
        cursor = conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    from sqlalchemy import text

    return [dict(r) for r in conn.execute(text(sql), params).mappings().all()]


def run(conn, sql: str, params: dict | None = None) -> int:
    """Run a statement that returns no rows; how many rows it changed (-1 when the driver cannot tell)."""
    sql, params = expand(sql, params)
    if is_plain(conn):
        return conn.execute(sql, params).rowcount
    from sqlalchemy import text

    return conn.execute(text(sql), params).rowcount


def run_many(conn, sql: str, seq: list[dict]) -> None:
    """Run a statement once for each dict of parameters in ``seq`` (no list parameters)."""
    if not seq:
        return
    if is_plain(conn):
        conn.executemany(sql, seq)
        return
    from sqlalchemy import text

    conn.execute(text(sql), seq)


def dialect(conn) -> str:
    """``sqlite`` or ``postgresql``: which engine ``conn`` speaks to."""
    return "sqlite" if is_plain(conn) else conn.dialect.name

