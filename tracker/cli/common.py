"""What every group of commands shares: the database option, the options that recur, and how results print."""

from __future__ import annotations

import re
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .output import Format

_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def date_option(value: str | None) -> str | None:
    from datetime import date

    if value is None:
        return None
    try:
        if not _DAY.match(value):
            raise ValueError
        date.fromisoformat((value + "-01-01")[:10])  # a month or a year: its first day must exist
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None
    return value


# ---------------------------------------------------------------- shared options

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
SinceOpt = Annotated[str | None, typer.Option(help="Only evidence on or after this date (YYYY[-MM[-DD]]).",
                                              callback=date_option)]
UntilOpt = Annotated[str | None, typer.Option(help="Only evidence on or before this date (YYYY[-MM[-DD]]).",
                                              callback=date_option)]
PartyOpt = Annotated[str | None, typer.Option(help="Only people of this party (name or slug), e.g. Labour.")]
NonMpsOpt = Annotated[bool, typer.Option(help="Also people who never sat in the Commons.")]


class EvidenceKind(str, Enum):  # noqa: UP042 (Typer takes str enums)
    statements = "statements"
    votes = "votes"
    all = "all"


EvidenceOpt = Annotated[EvidenceKind, typer.Option(help="Which evidence counts: statements, votes or all.")]


class State:
    db: str | None = None


state = State()


def open_engine(create: bool = False):
    """The engine for ``--db``; unless the command creates the database, a missing SQLite file is refused."""
    from ..db import make_engine
    from ..errors import InputError

    engine = make_engine(state.db)
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not create and path and path != ":memory:" and not Path(path).is_file():
        raise InputError(path, "no such database file (`tracker build` makes one)")
    return engine


def sqlite_file() -> Path | None:
    """The SQLite file ``--db`` names (``TRACKER_DB``, else data.db), found without loading SQLAlchemy; None
    when it names another database."""
    import os

    db = state.db or os.environ.get("TRACKER_DB") or "data.db"
    if "://" not in db:
        return Path(db).expanduser()
    if db.startswith("sqlite:///") and "?" not in db:
        return Path(db[len("sqlite:///"):]).expanduser()
    return None


@contextmanager
def query_connection():
    """A connection for asking questions (``tracker.queries`` takes either kind): plain sqlite3 on a SQLite file,
    so the command need not load SQLAlchemy, else SQLAlchemy's. Every question asked through it reads one
    snapshot of the database."""
    path = sqlite_file()
    if path is None:
        with open_engine().connect() as conn:
            yield conn
        return
    import sqlite3

    from ..errors import InputError

    if not path.is_file():
        raise InputError(str(path), "no such database file (`tracker build` makes one)")
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA busy_timeout = 30000")
        conn.execute("BEGIN")  # one read snapshot, taken at the first statement
        yield conn
    finally:
        conn.close()


@contextmanager
def answers_connection(table: str):
    """A connection (as :func:`query_connection`) for reading the stored answers in ``table``; None when the
    database is older than the answer tables."""
    from ..queries.sql import is_plain

    with query_connection() as conn:
        if is_plain(conn):
            known = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                 (table,)).fetchone()
        else:
            from sqlalchemy import inspect

            known = inspect(conn).has_table(table)
        yield conn if known else None


def print_report(report) -> None:
    for stage, counts in report.items():
        typer.echo(f"{stage}: {counts}")
    total = sum(c.changed for c in report.values())
    typer.echo("no change" if total == 0 else f"{total} row(s) changed")



def fail(message: str, code: int = 2) -> None:
    typer.echo(f"tracker: {message}", err=True)
    raise typer.Exit(code)
