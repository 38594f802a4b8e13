"""Shared fixtures: a database built for real from the project's seeds."""

from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

from tracker.db import make_engine

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def built_db(tmp_path_factory) -> Path:
    """A SQLite file built from seeds/, once per test session; tests must not write to it."""
    from tracker.jobs.build import build

    path = tmp_path_factory.mktemp("built") / "data.db"
    engine = make_engine(path)
    build(engine, SEEDS)
    engine.dispose()
    return path


@pytest.fixture()
def built_copy(built_db, tmp_path) -> Path:
    """A private copy of the built database that a test may change."""
    path = tmp_path / "data.db"
    shutil.copy(built_db, path)
    return path


@pytest.fixture()
def conn(built_db):
    engine = make_engine(built_db)
    with engine.connect() as connection:
        yield connection
    engine.dispose()


# ---------------------------------------------------------------- both engines
# The same seeds built into SQLite and into a throwaway PostgreSQL schema, for
# tests that must give the same answers on either.

PG_URL = os.environ.get("TRACKER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@contextmanager
def pg_schema():
    """A URL for a fresh, empty schema on the test server, dropped afterwards; skips when none answers."""
    pytest.importorskip("psycopg")
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(text("select 1"))
    except Exception as exc:  # no server here: say so rather than fail
        admin.dispose()
        pytest.skip(f"no PostgreSQL at {PG_URL}: {exc.__class__.__name__}")
    schema = f"tracker_test_{uuid.uuid4().hex[:8]}"
    with admin.connect() as c:
        c.execute(text(f'create schema "{schema}"'))
    try:
        yield f"{PG_URL}?options=-csearch_path%3D{schema}"
    finally:
        with admin.connect() as c:
            c.execute(text(f'drop schema "{schema}" cascade'))
        admin.dispose()


@pytest.fixture(scope="session")
def built_pg():
    """A PostgreSQL schema built from seeds/, once per test session; tests must not write to it."""
    from tracker.jobs.build import build

    with pg_schema() as url:
        engine = make_engine(url)
        build(engine, SEEDS)
        yield engine
        engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def engine_kind(request) -> str:
    return request.param


@pytest.fixture()
def built_engine(engine_kind, request):
    """The seeds built on each engine in turn (read only)."""
    if engine_kind == "postgresql":
        yield request.getfixturevalue("built_pg")
        return
    engine = make_engine(request.getfixturevalue("built_db"))
    yield engine
    engine.dispose()


@pytest.fixture()
def fresh_engine(engine_kind, tmp_path):
    """An empty database on each engine in turn, that a test may write."""
    if engine_kind == "postgresql":
        with pg_schema() as url:
            engine = make_engine(url)
            yield engine
            engine.dispose()
        return
    engine = make_engine(tmp_path / "data.db")
    yield engine
    engine.dispose()
