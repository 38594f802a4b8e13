"""What every question shares: topic look-up, party and seat on a day, source references."""

from __future__ import annotations

import gc
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection, or_, select

from ..formats.registry import CHAMBER_OF_ORG
from ..models import Membership, Organization, Person, Topic
from .answers import TopicRow, match_topic

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


def find_topic(conn: Connection, text: str) -> TopicRow:
    """A topic by slug, by name, or by a word of its name ("ceasefire")."""
    rows = [TopicRow(r.id, r.slug, r.name, r.description) for r in conn.execute(select(Topic.__table__))]
    return match_topic(rows, text)


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


def names_of(conn: Connection, person_ids) -> dict[int, str]:
    """Person id → name for the given people (all of them when there are many)."""
    query = select(Person.id, Person.name)
    if len(person_ids) <= FILTER_UP_TO:
        query = query.where(Person.id.in_(list(person_ids)))
    return dict(conn.execute(query).all())


class Seats:
    """Party and seat of people on given days, from the memberships (Commons first)."""

    def __init__(self, conn: Connection, person_ids: set[int] | None = None):
        # a handful of organisations: resolve them once instead of joining them into every row
        chamber_of, party_of = {}, {}
        for org_id, key, name in conn.execute(select(Organization.id, Organization.key, Organization.name)).all():
            chamber_of[org_id] = CHAMBER_OF_ORG.get(key, key)
            party_of[org_id] = name
        query = select(Membership.person_id, Membership.organization_id, Membership.on_behalf_of_id, Membership.post,
                       Membership.start_date, Membership.end_date)
        if person_ids is not None and len(person_ids) <= FILTER_UP_TO:
            query = query.where(Membership.person_id.in_(person_ids))
        # each seat as (not Commons, start, row number, chamber, party, post, end): plain tuple order puts the
        # Commons first, then the earliest; the row number settles ties before any None is compared
        self._seats: dict[int, list[tuple]] = defaultdict(list)
        self._memo: dict[tuple[int, str | None], tuple[str | None, str | None, str | None]] = {}
        for i, (person_id, org_id, party_id, post, start, end) in enumerate(conn.execute(query).all()):
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


def sitting(conn: Connection, chamber: str, day: str) -> set[int]:
    """Everyone whose membership of ``chamber`` (commons, lords, ...) covers ``day`` (a full date)."""
    orgs = [key for key, name in CHAMBER_OF_ORG.items() if name == chamber]
    query = (
        select(Membership.person_id).join(Organization, Organization.id == Membership.organization_id)
        .where(Organization.key.in_(orgs),
               or_(Membership.start_date.is_(None), Membership.start_date <= day),
               or_(Membership.end_date.is_(None), Membership.end_date >= day))
    )
    return set(conn.execute(query).scalars())


def source_ref(row) -> SourceRef:
    return SourceRef(row.source_id, row.url, row.outlet, row.path, row.published)
