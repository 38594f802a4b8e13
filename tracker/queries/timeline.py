"""Supporters of a topic over time: new and cumulative, by party."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

from sqlalchemy import Connection

from .backers import who_backed


@dataclass
class TimelineRow:
    date: str
    party: str
    new: int  # people of this party whose first support falls on this date
    party_total: int  # cumulative for the party
    total: int  # cumulative for everyone

    def to_dict(self) -> dict:
        return asdict(self)


def timeline(conn: Connection, topic: str, **filters) -> list[TimelineRow]:
    """One row per (date, party) on which someone first backed the topic, with running totals."""
    backers = [b for b in who_backed(conn, topic, **filters) if b.first_date]
    firsts = Counter((b.first_date, b.party or "(no party)") for b in backers)
    party_total: Counter = Counter()
    total = 0
    rows = []
    for (day, party), new in sorted(firsts.items()):
        party_total[party] += new
        total += new
        rows.append(TimelineRow(day, party, new, party_total[party], total))
    return rows
