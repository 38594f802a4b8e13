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

    def vote_claims(self, **filters) -> list[queries.ClaimRow]:
        """What texts say people voted, beside the record: ``person``, ``topic``, ``division_id``, ``verdict``."""
        with self.engine.connect() as conn:
            return queries.vote_claims(conn, **filters)

    def said_vs_voted(self, topic: str, **filters) -> list[queries.SaidVotedRow]:
        with self.engine.connect() as conn:
            return queries.said_vs_voted(conn, topic, **filters)

    def division(self, id_or_text: str | int) -> queries.DivisionReport:
        with self.engine.connect() as conn:
            return queries.division(conn, id_or_text)

    def person(self, name: str) -> queries.PersonReport:
        with self.engine.connect() as conn:
            return queries.person_report(conn, name)

    def timeline(self, topic: str, **filters) -> list[queries.TimelineRow]:
        with self.engine.connect() as conn:
            return queries.timeline(conn, topic, **filters)

    def search(self, text: str, limit: int = 20):
        from .queries.search import search

        with self.engine.connect() as conn:
            return search(conn, text, limit)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Tracker:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
