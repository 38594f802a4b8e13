"""Migrations on PostgreSQL as on SQLite: step by step with data in the database, to base and back, no drift.

Uses a throwaway schema on the server named by ``TRACKER_TEST_PG``, as
``tests/test_postgres.py`` does; skipped, with the reason, when no server answers.
"""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select

from tracker import db
from tracker.db import is_fts_table
from tracker.jobs.build import build
from tracker.models import Base, Person, Position

from .conftest import SEEDS, pg_schema


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    return not (type_ == "table" and is_fts_table(name))


@pytest.fixture()
def pg_engine():
    with pg_schema() as url:
        engine = db.make_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request, built_copy):
    if request.param == "sqlite":
        engine = db.make_engine(built_copy)
        yield engine
        engine.dispose()
    else:
        engine = request.getfixturevalue("pg_engine")
        build(engine, SEEDS)
        yield engine


def _count(engine, model) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(model)).scalar()


def _tables(engine) -> set[str]:
    return {t for t in inspect(engine).get_table_names() if not is_fts_table(t)}


def test_each_step_keeps_the_data_then_base_and_back(engine):
    people, stated = _count(engine, Person), _count(engine, Position)
    assert people > 2000 and stated > 0
    revisions = [s.revision for s in ScriptDirectory.from_config(db.alembic_config()).walk_revisions()]
    for target in revisions[1:]:  # down one revision at a time, the data staying, then up to head again
        db.downgrade(engine, target)
        assert _count(engine, Person) == people
    db.upgrade(engine)
    assert (_count(engine, Person), _count(engine, Position)) == (people, stated)

    db.downgrade(engine, "base")
    assert _tables(engine) <= {"alembic_version"}
    db.upgrade(engine)
    assert set(Base.metadata.tables) <= _tables(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": include_object}), Base.metadata)
    assert diff == []
    build(engine, SEEDS)
    assert (_count(engine, Person), _count(engine, Position)) == (people, stated)
