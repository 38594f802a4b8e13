"""The same build and the same answers on PostgreSQL.

Uses the server named by ``TRACKER_TEST_PG`` (default: postgres on
127.0.0.1:5432, database ``test``), in a schema of its own that is dropped
afterwards. Skipped, with the reason, when no server answers.
"""

from __future__ import annotations

import pytest

from tracker.db import make_engine
from tracker.jobs.build import build
from tracker.queries import positions, tallies, who_backed

from .conftest import SEEDS, pg_schema

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_engine():
    with pg_schema() as url:
        engine = make_engine(url)
        try:
            yield engine
        finally:
            engine.dispose()


def test_build_twice_and_same_answers_as_sqlite(pg_engine, conn):
    build(pg_engine, SEEDS)
    again = build(pg_engine, SEEDS)
    assert sum(c.changed for c in again.values()) == 0
    with pg_engine.connect() as pg:
        for query in (lambda c: who_backed(c, "ceasefire"), lambda c: who_backed(c, "humanitarian-pauses"),
                      lambda c: positions(c), lambda c: tallies(c)):
            assert [r.to_dict() for r in query(pg)] == [r.to_dict() for r in query(conn)]
