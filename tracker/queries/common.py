"""What every question shares: topic look-up, party and seat on a day, source references."""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass

from ..formats.chambers import CHAMBER_OF_ORG
from .answers import TopicRow, topic
from .sql import tuples

SUPPORTING_OPTIONS = {"support": ("aye", "teller_aye"), "oppose": ("no", "teller_no")}
# the side a vote counts for: a teller counts with the side they told for
SIDE = {"aye": "aye", "teller_aye": "aye", "no": "no", "teller_no": "no"}


@dataclass(slots=True)
class SourceRef:
    id: int
    url: str | None
    outlet: str | None
    path: str | None
    published: str | None = None


def find_topic(conn, text: str) -> TopicRow:
    """A topic by slug, by name, or by a word of its name ("ceasefire")."""
    return topic(conn, text)


@contextmanager
def many_rows():
    """Pause the cyclic garbage collector while a question builds thousands of small result objects.

    They hold no reference cycles, and each pass of the collector would scan the whole heap
    again; without the pause a large answer can take half again as long, at random.
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


# Past this many people, reading every membership is cheaper than binding each id into the statement.
FILTER_UP_TO = 200


def names_of(conn, person_ids) -> dict[int, str]:
    """Person id → name for the given people (all of them when there are many)."""
    if len(person_ids) <= FILTER_UP_TO:
        return dict(tuples(conn, "SELECT id, name FROM person WHERE id IN :ids", {"ids": list(person_ids)}))
    return dict(tuples(conn, "SELECT id, name FROM person"))


class Seats:
    """Party and seat of people on given days, from the memberships (Commons first)."""

    def __init__(self, conn, person_ids: set[int] | None = None, *, day: str | None = None):
        """The seats of ``person_ids`` (everyone's when None or many); with ``day`` (a full date), only the seats
        held that day, which is all :meth:`on` needs to answer for that day."""
        # a handful of organisations: resolve them once instead of joining them into every row
        chamber_of, party_of = {}, {}
        for org_id, key, name in tuples(conn, "SELECT id, key, name FROM organization"):
            chamber_of[org_id] = CHAMBER_OF_ORG.get(key, key)
            party_of[org_id] = name
        query = "SELECT person_id, organization_id, on_behalf_of_id, post, start_date, end_date FROM membership"
        where, params = [], {}
        if person_ids is not None and len(person_ids) <= FILTER_UP_TO:
            where.append("person_id IN :ids")
            params["ids"] = list(person_ids)
        if day is not None:
            where.append("(start_date IS NULL OR start_date <= :day) AND (end_date IS NULL OR end_date >= :day)")
            params["day"] = day
        if where:
            query += " WHERE " + " AND ".join(where)
        # each seat as (not Commons, start, row number, chamber, party, post, end): plain tuple order puts the
        # Commons first, then the earliest; the row number settles ties before any None is compared
        self._seats: dict[int, list[tuple]] = defaultdict(list)
        self._memo: dict[tuple[int, str | None], tuple[str | None, str | None, str | None]] = {}
        for i, (person_id, org_id, party_id, post, start, end) in enumerate(tuples(conn, query, params)):
            chamber = chamber_of[org_id]
            self._seats[person_id].append((chamber != "commons", start or "0000", i, chamber, party_of.get(party_id),
                                           post, end or "9999"))
        for seats in self._seats.values():
            if len(seats) > 1:
                seats.sort()

    def people(self) -> list[int]:
        return list(self._seats)

    def forget(self) -> None:
        """Drop the remembered answers of :meth:`on` (a long walk over many days keeps memory flat)."""
        self._memo.clear()

    def on(self, person_id: int | None, day: str | None) -> tuple[str | None, str | None, str | None]:
        """(chamber, party, seat) on ``day`` (a partial date matches any day in it); Commons first."""
        if person_id is None:
            return None, None, None
        key = (person_id, day)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._on(person_id, day)
        return found

    def _on(self, person_id: int, day: str | None) -> tuple[str | None, str | None, str | None]:
        seats = self._seats.get(person_id, [])
        if day:
            n = len(day)
            for _, start, _, chamber, party, post, end in seats:
                if start[:n] <= day <= end[:n]:
                    return chamber, party, post
            return None, None, None
        if seats:
            latest = max(seats, key=lambda s: s[1])
            return latest[3], latest[4], latest[5]
        return None, None, None

    def commons_spans(self, person_id: int) -> list[tuple[str, str]]:
        """(start, end) of each Commons seat the person held, open ends as '0000' and '9999'."""
        return [(s[1], s[6]) for s in self._seats.get(person_id, ()) if s[3] == "commons"]

    def is_mp(self, person_id: int | None, day: str | None) -> bool:
        return self.on(person_id, day)[0] == "commons"


def source_ref(row) -> SourceRef:
    return SourceRef(row.source_id, row.url, row.outlet, row.path, row.published)
