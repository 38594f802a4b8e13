"""The Python API: the same questions as the command line, as typed rows.

    from tracker import Tracker
    t = Tracker("data.db")
    for row in t.who_backed("ceasefire", party="Labour"):
        print(row.person, row.first_date)
"""

from __future__ import annotations

import os

from . import queries
from .db import make_engine


class Tracker:
    """A tracker database: a SQLite path or a SQLAlchemy URL (default ``data.db``)."""

    def __init__(self, db: str | os.PathLike | None = None):
        self.engine = make_engine(db)

    def who_backed(self, topic: str, **filters) -> list[queries.BackerRow]:
        with self.engine.connect() as conn:
            return queries.who_backed(conn, topic, **filters)

    def positions(self, **filters) -> list[queries.PositionRow]:
        with self.engine.connect() as conn:
            return queries.positions(conn, **filters)

    def tallies(self) -> list[queries.TallyRow]:
        with self.engine.connect() as conn:
            return queries.tallies(conn)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
