"""The same build and the same answers on PostgreSQL.

Uses the server named by ``TRACKER_TEST_PG`` (default: postgres on
127.0.0.1:5432, database ``test``), in a schema of its own that is dropped
afterwards. Skipped, with the reason, when no server answers.
"""

from __future__ import annotations

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from tracker.build import build
from tracker.db import make_engine
from tracker.queries import positions, tallies, who_backed

from .conftest import SEEDS

PG = os.environ.get("TRACKER_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_engine():
    pytest.importorskip("psycopg")
    admin = create_engine(PG, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as exc:  # no server here: say so rather than fail
        pytest.skip(f"no PostgreSQL at {PG}: {exc.__class__.__name__}")
    schema = f"tracker_test_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'create schema "{schema}"'))
    engine = make_engine(f"{PG}?options=-csearch_path%3D{schema}")
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'drop schema "{schema}" cascade'))
        admin.dispose()


def test_build_twice_and_same_answers_as_sqlite(pg_engine, conn):
    build(pg_engine, SEEDS)
    again = build(pg_engine, SEEDS)
    assert sum(c.changed for c in again.values()) == 0
    with pg_engine.connect() as pg:
        for query in (lambda c: who_backed(c, "ceasefire"), lambda c: who_backed(c, "humanitarian-pauses"),
                      lambda c: positions(c), lambda c: tallies(c)):
            assert [r.to_dict() for r in query(pg)] == [r.to_dict() for r in query(conn)]
