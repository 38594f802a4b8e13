"""Engines and schema upgrades. An engine is made on request, never at import."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    Target = Engine | str | os.PathLike  # an engine, or the path of a SQLite file to work on through plain sqlite3

DEFAULT_DB = "data.db"
BUSY_TIMEOUT_MS = 30_000
CACHE_KIB = 65_536  # SQLite's page cache per connection: a bulk load's indexes stay in memory


def database_url(db: str | os.PathLike | None = None) -> str:
    """A SQLAlchemy URL from a path (SQLite) or a URL; ``TRACKER_DB`` or ``data.db`` by default."""
    db = str(db or os.environ.get("TRACKER_DB") or DEFAULT_DB)
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def is_sqlite(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite"


def is_path(target) -> bool:
    """Whether ``target`` names a SQLite file to open with plain sqlite3 (rather than being an engine)."""
    return isinstance(target, str | os.PathLike)


def make_engine(db: str | os.PathLike | None = None, **kwargs) -> Engine:
    """An engine for ``db``; on SQLite with foreign keys on, WAL and a busy timeout."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url

    url = make_url(database_url(db))
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        # let SQLAlchemy, not pysqlite, say where transactions begin, so a load is one transaction
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN"))
        return engine
    return create_engine(url, **kwargs)


def connect_sqlite(path: str | os.PathLike) -> sqlite3.Connection:
    """A plain sqlite3 connection to the file at ``path``, set up as the engine's connections are (foreign keys
    on, WAL, the busy timeout), beginning no transaction of its own: the caller says ``BEGIN``."""
    conn = sqlite3.connect(Path(path).expanduser(), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
    _sqlite_pragmas(conn, None)
    return conn


@contextmanager
def sqlite_connection(target: Target) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection, outside any transaction, to a SQLite file's path (opened and closed here) or
    from a SQLite engine's pool (given back after)."""
    if is_path(target):
        conn = connect_sqlite(target)
        try:
            yield conn
        finally:
            conn.close()
        return
    raw = target.raw_connection()
    try:
        yield raw.driver_connection
    finally:
        raw.close()


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = cur.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal" and mode != "memory":
        cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cur.close()


@contextmanager
def bulk_transaction(engine: Target) -> Iterator[Connection | sqlite3.Connection]:
    """``engine.begin()`` for a load of many rows: one transaction, committed at the end or rolled back. Given
    the path of a SQLite file instead of an engine, the connection is a plain sqlite3 one.

    On SQLite the foreign keys are checked once, over every table, just before the commit, instead of row by
    row as the rows go in (half a million votes look up three parents each); a row that points nowhere rolls
    the whole load back, as it would have failed it. With the checks off no delete cascades, so what a load
    deletes it deletes with its dependents itself (any it missed would fail the check)."""
    if is_path(engine):
        conn = connect_sqlite(engine)
        try:
            conn.execute("PRAGMA foreign_keys = OFF")  # before the transaction begins: inside one it does nothing
            conn.execute("BEGIN")
            try:
                yield conn
                broken = broken_foreign_key(conn)
                if broken is not None:
                    raise sqlite3.IntegrityError(f"FOREIGN KEY constraint failed: {broken}")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()
        return
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            yield conn
        return
    with engine.connect() as conn:
        driver = conn.connection.driver_connection
        driver.execute("PRAGMA foreign_keys = OFF")  # before the transaction begins: inside one it does nothing
        try:
            with conn.begin():
                yield conn
                broken = broken_foreign_key(conn)
                if broken is not None:
                    from sqlalchemy.exc import IntegrityError

                    raise IntegrityError("foreign key check", None, sqlite3.IntegrityError(
                        f"FOREIGN KEY constraint failed: {broken}"))
        finally:
            driver.execute("PRAGMA foreign_keys = ON")


def broken_foreign_key(conn: Connection | sqlite3.Connection) -> str | None:
    """On SQLite, a foreign key of any table that points to no row (as words), else None; what
    ``PRAGMA foreign_key_check`` finds, asked set-wise: each distinct value of a key column once (read from
    its index, when it has one), not every row. ``conn`` is a plain sqlite3 connection or a SQLAlchemy one."""
    q = quote_identifier
    driver = conn if isinstance(conn, sqlite3.Connection) else conn.connection.driver_connection

    def one(sql: str):
        return driver.execute(sql).fetchone()

    tables = [name for (name,) in driver.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for table in tables:
        keys: dict[int, list] = {}
        for fk_id, _, parent, column, parent_column, *_ in driver.execute(f"PRAGMA foreign_key_list({q(table)})"):
            keys.setdefault(fk_id, []).append((parent, column, parent_column))
        for key in keys.values():
            if len(key) > 1 or key[0][2] is None:  # a key of several columns, or to the parent's primary key
                found = one(f"PRAGMA foreign_key_check({q(table)})")
                if found is not None:
                    return f"a row of {table} points to no row of {found[2]}"
                continue
            (parent, column, parent_column), = key
            found = one(
                f"SELECT k FROM (SELECT DISTINCT {q(column)} AS k FROM {q(table)} WHERE {q(column)} IS NOT NULL) "
                f"WHERE NOT EXISTS (SELECT 1 FROM {q(parent)} WHERE {q(parent)}.{q(parent_column)} = k) LIMIT 1")
            if found is not None:
                return f"{table}.{column} = {found[0]!r} points to no row of {parent}"
    return None


def migrations_dir() -> Path:
    """Where the Alembic scripts are: ``migrations/`` beside the package, or inside it once installed."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "migrations", here / "migrations"):
        if (candidate / "env.py").is_file():
            return candidate
    raise FileNotFoundError("the migrations folder is missing from this installation")


def alembic_config(engine: Engine | None = None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head_revision() -> str | None:
    """The newest revision among the migration scripts: the one no other revises (None if that is unclear)."""
    revisions, revised = set(), set()
    for path in (migrations_dir() / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        found = _REVISION.search(text)
        if found:
            revisions.add(found.group(1))
        down = _DOWN_REVISION.search(text)
        if down:
            revised.add(down.group(1))
    heads = revisions - revised
    return heads.pop() if len(heads) == 1 else None


_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)
_DOWN_REVISION = re.compile(r"^down_revision\s*=\s*['\"]([^'\"]+)['\"]", re.M)


def _at_head(engine: Target) -> bool:
    """Whether the database already stands at the newest revision: read without loading Alembic, which
    takes longer to import than a small load takes to run (and, given a SQLite file's path, SQLAlchemy)."""
    head = head_revision()
    if head is None:
        return False
    if is_path(engine):
        if not Path(engine).expanduser().is_file():
            return False
        with sqlite_connection(engine) as conn:
            if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
                            ).fetchone() is None:
                return False
            return [r for (r,) in conn.execute("SELECT version_num FROM alembic_version")] == [head]
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return False
        return [r for (r,) in conn.execute(text("SELECT version_num FROM alembic_version"))] == [head]


def upgrade(engine: Target, revision: str = "head") -> None:
    """Create or upgrade the schema to ``revision`` (given a SQLite file's path, SQLAlchemy is loaded only when
    there is something to do)."""
    if revision == "head" and _at_head(engine):
        return
    if is_path(engine):
        sa_engine = make_engine(engine)
        try:
            upgrade(sa_engine, revision)
        finally:
            sa_engine.dispose()
        return
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    from alembic import command

    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


# ---------------------------------------------------------------- full-text index
# On SQLite the search index is FTS5, kept up to date by triggers: the very tables and triggers sqlite-utils'
# ``enable_fts(columns, create_triggers=True, tokenize="porter")`` makes (and finds again with ``detect_fts``),
# written here so that a load need not import sqlite-utils; on PostgreSQL the searches use its built-in
# full-text search.

FTS_TABLES = {"source": ("title", "outlet", "text"), "position": ("quote", "speaker_as_written")}


def quote_identifier(identifier: str) -> str:
    """A table or column name, quoted as SQLite and PostgreSQL both read it."""
    return '"{}"'.format(identifier.replace('"', '""'))


def fts_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    """The statements that make ``table``'s FTS5 index, fill it and keep it up to date, as sqlite-utils writes
    them."""
    fts, cols = quote_identifier(f"{table}_fts"), ", ".join(quote_identifier(c) for c in columns)
    old = ", ".join(f"old.{quote_identifier(c)}" for c in columns)
    new = ", ".join(f"new.{quote_identifier(c)}" for c in columns)
    name = quote_identifier(table)
    return [
        f"CREATE VIRTUAL TABLE {fts} USING FTS5 (\n    {cols},\n    tokenize='porter',\n    content={name}\n)",
        f"INSERT INTO {fts} (rowid, {cols})\n    SELECT rowid, {cols} FROM {name};",
        f"CREATE TRIGGER {quote_identifier(table + '_ai')} AFTER INSERT ON {name} BEGIN\n"
        f"  INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});\nEND;",
        f"CREATE TRIGGER {quote_identifier(table + '_ad')} AFTER DELETE ON {name} BEGIN\n"
        f"  INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old});\nEND;",
        f"CREATE TRIGGER {quote_identifier(table + '_au')} AFTER UPDATE ON {name} BEGIN\n"
        f"  INSERT INTO {fts} ({fts}, rowid, {cols}) VALUES('delete', old.rowid, {old});\n"
        f"  INSERT INTO {fts} (rowid, {cols}) VALUES (new.rowid, {new});\nEND;",
    ]


def ensure_fts(engine: Target | sqlite3.Connection) -> None:
    """Create the FTS5 tables (with their triggers) on SQLite if they are missing (given an engine, a SQLite
    file's path, or a plain sqlite3 connection outside any transaction)."""
    if isinstance(engine, sqlite3.Connection):
        _ensure_fts(engine)
    elif is_path(engine) or is_sqlite(engine):
        with sqlite_connection(engine) as conn:
            _ensure_fts(conn)


def _ensure_fts(conn: sqlite3.Connection) -> None:
    present = {name: sql for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")}
    if all(f"{table}_fts" in present for table in FTS_TABLES):
        return
    conn.execute("BEGIN")
    try:
        for table, columns in FTS_TABLES.items():
            if not _has_fts(present, table):
                for statement in fts_statements(table, columns):
                    conn.execute(statement)
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _has_fts(tables: dict[str, str | None], table: str) -> bool:
    """Whether a virtual FTS table reads ``table`` (sqlite-utils' ``detect_fts``)."""
    for sql in tables.values():
        text = (sql or "").upper()
        if "VIRTUAL TABLE" in text and "USING FTS" in text and (
                f"CONTENT=[{table.upper()}]" in text or f'CONTENT="{table.upper()}"' in text):
            return True
    return False


def is_fts_table(name: str) -> bool:
    return any(name.startswith(f"{table}_fts") for table in FTS_TABLES)
