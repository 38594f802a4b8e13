"""Migrations: one head, a round trip with data in the database, and no drift from the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select

from tracker import db
from tracker.db import is_fts_table
from tracker.models import Base, Person


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    return not (type_ == "table" and is_fts_table(name))


def test_one_head():
    script = ScriptDirectory.from_config(db.alembic_config())
    assert len(script.get_heads()) == 1


def test_models_and_migrations_agree(tmp_path):
    engine = db.make_engine(tmp_path / "x.db")
    db.upgrade(engine)
    with engine.connect() as conn:
        opts = {"compare_type": True, "include_object": include_object}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    assert diff == []


def test_round_trip_with_data(built_copy):
    engine = db.make_engine(built_copy)
    with engine.connect() as conn:
        people = conn.execute(select(func.count()).select_from(Person)).scalar()
    assert people > 2000
    db.downgrade(engine, "base")
    left = {t for t in inspect(engine).get_table_names() if not is_fts_table(t)}
    assert left <= {"alembic_version"}
    db.upgrade(engine)
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
