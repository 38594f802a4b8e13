"""Load official divisions and their votes, each vote with the voter's party on the day."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import repeat

from sqlalchemy import Connection, delete, select

from ..errors import InputError
from ..formats.division_files import DivisionRecord
from ..models import Division, Membership, Motion, MotionTopic, Organization, Person, PersonIdentifier, Vote
from ..queries.common import many_rows
from ..queries.divisions import Breakdowns
from .answers import store_breakdowns
from .sync import Counts, batched, sync, sync_tuples

AUTO_MOTION = "division/"  # key prefix of motions made from a division's own title
DIVISIONS_PER_BATCH = 200  # about 100,000 votes
VOTE_COLUMNS = ("division_id", "person_id", "option", "party_id")


class PartyOnDay:
    """Which party each person sat for in a chamber on a given day, from the memberships (read for the people
    asked about only: a division file's few hundred voters, not the whole registry's history)."""

    def __init__(self, conn: Connection, chamber_key: str = "house-of-commons"):
        self._conn = conn
        self._chamber = conn.execute(select(Organization.id).where(Organization.key == chamber_key)).scalar()
        self._spans: dict[int, list[tuple[str, str, int | None]]] = {}

    def _read(self, people: Iterable[int]) -> None:
        wanted = sorted(set(people) - self._spans.keys())
        m = Membership.__table__.c
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            spans: dict[int, list[tuple[str, str, int | None]]] = {p: [] for p in chunk}
            # found by person (their index), the chamber picked out here
            for person_id, chamber, begin, end, party in self._conn.execute(
                select(m.person_id, m.organization_id, m.start_date, m.end_date, m.on_behalf_of_id)
                .where(m.person_id.in_(chunk)).order_by(m.id)
            ).all():
                if chamber == self._chamber:
                    spans[person_id].append((begin or "0000", end or "9999", party))
            # the latest start first: the seat that covers a day and began last gives the party (ties: the first)
            self._spans.update((p, sorted(s, key=lambda span: span[0], reverse=True)) for p, s in spans.items())

    def __call__(self, person_id: int, day: str) -> int | None:
        self._read((person_id,))
        for start, end, party in self._spans[person_id]:
            if start <= day <= end:
                return party
        return None

    def on_days(self, days: list[str], people: Iterable[int]) -> dict[str, dict[int, int | None]]:
        """Day → {person: party} for ``people`` on each of ``days`` (sorted); a person without a seat that day is
        left out (no party). What :meth:`__call__` gives, worked out a seat at a time instead of a vote at a
        time."""
        people = list(people)
        self._read(people)
        out: dict[str, dict[int, int | None]] = {day: {} for day in days}
        for person_id in people:
            # the winning seat is written last: the earliest start first, among equal starts the last read first
            for start, end, party in reversed(self._spans[person_id]):
                for i in range(bisect_left(days, start), bisect_right(days, end)):
                    out[days[i]][person_id] = party
        return out


def mnis_map(conn: Connection) -> dict[str, int]:
    t = PersonIdentifier.__table__.c
    return dict(conn.execute(select(t.identifier, t.person_id).where(t.scheme == "datadotparl_id")).all())


def load_divisions(
    conn: Connection, records: Iterable[DivisionRecord], motion_for: dict[int, int] | None = None
) -> Counts:
    """Load divisions and votes; ``motion_for`` maps a DivisionId to the motion it decided.

    A division with no motion of its own gets one made from its title, so that
    every division can be listed with its motion. Records are taken a batch at
    a time, so a whole parliament's votes never sit in memory at once.
    """
    motion_for = motion_for or {}
    members = mnis_map(conn)
    party = PartyOnDay(conn)
    breakdowns = Breakdowns(conn)
    counts = Counts()
    # half a million small rows, none in a cycle: the collector would scan an ever larger heap for nothing
    with many_rows(), _bulk_of_votes(conn):
        for batch in batched(records, DIVISIONS_PER_BATCH):
            counts += _load_batch(conn, batch, motion_for, members, party, breakdowns)
    counts.deleted += _drop_orphan_motions(conn)
    return counts


@contextmanager
def _bulk_of_votes(conn: Connection) -> Iterator[None]:
    """Into an empty vote table, the votes go in without the person index, which is built once they are all in
    (the same index, several times faster than kept up row by row). On an error the transaction, and with it
    the index, is rolled back by the caller."""
    empty = conn.execute(select(Vote.division_id).limit(1)).first() is None
    indexes = sorted(Vote.__table__.indexes, key=lambda ix: ix.name) if empty else []
    for index in indexes:
        index.drop(conn)
    yield
    for index in indexes:
        index.create(conn)


def _load_batch(conn: Connection, divisions: list[DivisionRecord], motion_for: dict[int, int],
                members: dict[str, int], party: PartyOnDay, breakdowns: Breakdowns) -> Counts:
    cast: dict[int, dict[int, str]] = {}  # division → person → option, the first vote given for each
    people: list[tuple[list[int], tuple[str, ...]]] = []  # each record's voters and their options
    for rec in divisions:
        mnis, options = zip(*rec.votes, strict=True) if rec.votes else ((), ())
        person_ids = list(map(members.get, mnis))
        if None in person_ids:
            missing = mnis[person_ids.index(None)]
            raise InputError(rec.where, f"member id {missing} is not in the registry (datadotparl_id)")
        people.append((person_ids, options))
    days = sorted({rec.date for rec in divisions})
    party_on = party.on_days(days, set().union(*(person_ids for person_ids, _ in people)))
    votes: list[tuple] = []  # (division, person, option, party) once for each (division, person), in key order
    for rec, (person_ids, options) in zip(divisions, people, strict=True):
        given = cast.get(rec.id)
        on_day = party_on[rec.date]
        if given is None:
            given = dict(zip(person_ids, options, strict=True))
            if len(given) < len(person_ids):  # a person given twice: the first vote stands
                given = dict(zip(reversed(person_ids), reversed(options), strict=True))
            cast[rec.id] = given
            ids = sorted(given)
            votes.extend(zip(repeat(rec.id), ids, map(given.__getitem__, ids), map(on_day.get, ids)))
        else:  # the same division again in the batch: only the people it had no vote for yet
            for person_id, option in zip(person_ids, options, strict=True):
                if person_id not in given:
                    given[person_id] = option
                    votes.append((rec.id, person_id, option, on_day.get(person_id)))
    counts = _auto_motions(conn, [d for d in divisions if d.id not in motion_for])
    keys = [f"{AUTO_MOTION}{d.id}" for d in divisions]
    auto = dict(conn.execute(select(Motion.key, Motion.id).where(Motion.key.in_(keys))).all())
    counts += sync(conn, Division.__table__, ("id",), (
        {"id": d.id, "motion_id": motion_for.get(d.id, auto.get(f"{AUTO_MOTION}{d.id}")), "chamber": "commons",
         "date": d.date, "number": d.number, "title": d.title, "aye_count": d.aye_count, "no_count": d.no_count}
        for d in divisions
    ), scope=Division.__table__.c.id.in_([d.id for d in divisions]))
    counts += sync_tuples(conn, Vote.__table__, VOTE_COLUMNS, ("division_id", "person_id"), votes,
                          scope=Vote.__table__.c.division_id.in_(list(cast)), distinct=True)
    # the party breakdowns of these divisions, from the votes in hand
    seen: dict[int, DivisionRecord] = {}
    for d in divisions:
        seen.setdefault(d.id, d)
    store_breakdowns(conn, breakdowns.of([(d.id, d.date, d.title, cast[d.id]) for d in seen.values()]))
    return counts


def _auto_motions(conn: Connection, divisions: list[DivisionRecord]) -> Counts:
    rows = []
    for d in divisions:
        passed = (d.aye_count or 0) > (d.no_count or 0)
        rows.append({
            "key": f"{AUTO_MOTION}{d.id}", "title": d.title,
            "classification": "amendment" if "amendment" in d.title.lower() else "motion",
            "chamber": "commons", "date": d.date, "result": "passed" if passed else "failed",
        })
    return sync(conn, Motion.__table__, ("key",), rows)


def _drop_orphan_motions(conn: Connection) -> int:
    used = select(Division.motion_id).where(Division.motion_id.is_not(None))
    orphans = select(Motion.id).where(Motion.key.like(f"{AUTO_MOTION}%"), Motion.id.not_in(used))
    # their topic links go with them, here rather than by the cascade: a bulk load may run with the checks off
    conn.execute(delete(MotionTopic).where(MotionTopic.motion_id.in_(orphans)))
    result = conn.execute(delete(Motion).where(Motion.id.in_(orphans)))
    return result.rowcount or 0


def division_records(conn: Connection, ids: Iterable[int]) -> list[tuple[DivisionRecord, dict]]:
    """Stored divisions back as records, with MNIS id → (name, party) for each voter."""
    ident = PersonIdentifier.__table__
    out = []
    for division in conn.execute(select(Division.__table__).where(Division.id.in_(list(ids))).order_by(Division.id)):
        d = division._mapping
        rec = DivisionRecord(d["id"], d["date"], d["title"], d["number"], d["aye_count"], d["no_count"])
        names: dict[str, tuple[str, str | None]] = {}
        query = (
            select(ident.c.identifier, Vote.option, Person.name, Organization.name)
            .join(Person, Person.id == Vote.person_id)
            .join(ident, (ident.c.person_id == Person.id) & (ident.c.scheme == "datadotparl_id"))
            .outerjoin(Organization, Organization.id == Vote.party_id)
            .where(Vote.division_id == d["id"])
        )
        for mnis, option, name, party_name in conn.execute(query):
            rec.votes.append((mnis, option))
            names[mnis] = (name, party_name)
        out.append((rec, names))
    return out
