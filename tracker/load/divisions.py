"""Load official divisions and their votes, each vote with the voter's party on the day."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import repeat

from ..db import quote_identifier as quote
from ..errors import InputError
from ..formats.division_files import DivisionRecord
from ..queries.common import many_rows
from ..queries.divisions import Breakdowns
from ..queries.sql import dialect, first, run, tuples
from .answers import store_breakdowns
from .sync import Counts, batched, sync, sync_tuples

AUTO_MOTION = "division/"  # key prefix of motions made from a division's own title
DIVISIONS_PER_BATCH = 200  # about 100,000 votes
VOTE_COLUMNS = ("division_id", "person_id", "option", "party_id")


class PartyOnDay:
    """Which party each person sat for in a chamber on a given day, from the memberships (read for the people
    asked about only: a division file's few hundred voters, not the whole registry's history)."""

    def __init__(self, conn, chamber_key: str = "house-of-commons"):
        self._conn = conn
        found = first(conn, "SELECT id FROM organization WHERE key = :key", {"key": chamber_key})
        self._chamber = found[0] if found else None
        self._spans: dict[int, list[tuple[str, str, int | None]]] = {}

    def _read(self, people: Iterable[int]) -> None:
        wanted = sorted(set(people) - self._spans.keys())
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            spans: dict[int, list[tuple[str, str, int | None]]] = {p: [] for p in chunk}
            # found by person (their index), the chamber picked out here
            for person_id, chamber, begin, end, party in tuples(self._conn, """
                    SELECT person_id, organization_id, start_date, end_date, on_behalf_of_id FROM membership
                    WHERE person_id IN :chunk ORDER BY id""", {"chunk": chunk}):
                if chamber == self._chamber:
                    spans[person_id].append((begin or "0000", end or "9999", party))
            # the latest start first: the seat that covers a day and began last gives the party (ties: the first)
            self._spans.update((p, sorted(s, key=lambda span: span[0], reverse=True)) for p, s in spans.items())

    def on_days(self, days: list[str], people: Iterable[int]) -> dict[str, dict[int, int | None]]:
        """Day → {person: party} for ``people`` on each of ``days`` (sorted); a person without a seat that day is
        left out (no party): the seat that covers the day and began last, worked out a seat at a time instead of
        a vote at a time."""
        people = list(people)
        self._read(people)
        out: dict[str, dict[int, int | None]] = {day: {} for day in days}
        for person_id in people:
            # the winning seat is written last: the earliest start first, among equal starts the last read first
            for start, end, party in reversed(self._spans[person_id]):
                for i in range(bisect_left(days, start), bisect_right(days, end)):
                    out[days[i]][person_id] = party
        return out


def mnis_map(conn) -> dict[str, int]:
    return dict(tuples(conn, "SELECT identifier, person_id FROM person_identifier WHERE scheme = 'datadotparl_id'"))


def load_divisions(
    conn, records: Iterable[DivisionRecord], motion_for: dict[int, int] | None = None
) -> Counts:
    """Load divisions and votes; ``motion_for`` maps a DivisionId to the motion it decided.

    A division with no motion of its own gets one made from its title, so that
    every division can be listed with its motion. Without ``motion_for`` (a file
    imported on its own), a division already stored keeps the motion it was tied
    to, and with it the topics it speaks to. Records are taken a batch at a time,
    so a whole parliament's votes never sit in memory at once.
    """
    if motion_for is None:
        motion_for = dict(tuples(conn, """
            SELECT d.id, d.motion_id FROM division d JOIN motion m ON m.id = d.motion_id
            WHERE m.key NOT LIKE :auto""", {"auto": f"{AUTO_MOTION}%"}))
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
def _bulk_of_votes(conn) -> Iterator[None]:
    """Into an empty vote table, the votes go in without its secondary indexes, which are built once they are
    all in (the same indexes, several times faster than kept up row by row), each as the database itself
    defines it. On an error the transaction, and with it the indexes, is rolled back by the caller."""
    empty = first(conn, "SELECT division_id FROM vote LIMIT 1") is None
    indexes = _vote_indexes(conn) if empty else []
    for name, _ in indexes:
        run(conn, f"DROP INDEX {quote(name)}")
    yield
    for _, definition in indexes:
        run(conn, definition)


def _vote_indexes(conn) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of each index on the vote table that is not its primary key."""
    if dialect(conn) == "sqlite":
        found = tuples(conn, """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'vote'
              AND sql IS NOT NULL AND upper(sql) NOT LIKE 'CREATE UNIQUE%' ORDER BY name""")
    else:
        found = tuples(conn, """
            SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
            WHERE x.indrelid = CAST('vote' AS regclass) AND NOT x.indisprimary AND NOT x.indisunique
            ORDER BY c.relname""")
    return found


def _load_batch(conn, divisions: list[DivisionRecord], motion_for: dict[int, int],
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
    auto = dict(tuples(conn, "SELECT key, id FROM motion WHERE key IN :keys", {"keys": keys}))
    counts += sync(conn, "division", ("id",), (
        {"id": d.id, "motion_id": motion_for.get(d.id, auto.get(f"{AUTO_MOTION}{d.id}")), "chamber": "commons",
         "date": d.date, "number": d.number, "title": d.title, "aye_count": d.aye_count, "no_count": d.no_count}
        for d in divisions
    ), scope="id IN :ids", params={"ids": [d.id for d in divisions]})
    counts += sync_tuples(conn, "vote", VOTE_COLUMNS, ("division_id", "person_id"), votes,
                          scope="division_id IN :ids", params={"ids": list(cast)}, distinct=True)
    # the party breakdowns of these divisions, from the votes in hand
    seen: dict[int, DivisionRecord] = {}
    for d in divisions:
        seen.setdefault(d.id, d)
    store_breakdowns(conn, breakdowns.of([(d.id, d.date, d.title, cast[d.id]) for d in seen.values()]))
    return counts


def _auto_motions(conn, divisions: list[DivisionRecord]) -> Counts:
    rows = []
    for d in divisions:
        passed = (d.aye_count or 0) > (d.no_count or 0)
        rows.append({
            "key": f"{AUTO_MOTION}{d.id}", "title": d.title,
            "classification": "amendment" if "amendment" in d.title.lower() else "motion",
            "chamber": "commons", "date": d.date, "result": "passed" if passed else "failed",
        })
    return sync(conn, "motion", ("key",), rows)


_ORPHANS = """SELECT id FROM motion WHERE key LIKE :auto
                AND id NOT IN (SELECT motion_id FROM division WHERE motion_id IS NOT NULL)"""


def _drop_orphan_motions(conn) -> int:
    """Delete the motions made from a division's title that no division points to any more; how many."""
    auto = {"auto": f"{AUTO_MOTION}%"}
    # their topic links go with them, here rather than by the cascade: a bulk load may run with the checks off
    run(conn, f"DELETE FROM motion_topic WHERE motion_id IN ({_ORPHANS})", auto)
    return run(conn, f"DELETE FROM motion WHERE id IN ({_ORPHANS})", auto)


def division_records(conn, ids: Iterable[int]) -> list[tuple[DivisionRecord, dict]]:
    """Stored divisions back as records, with MNIS id → (name, party) for each voter."""
    from sqlalchemy import select

    from ..models import Division, Organization, Person, PersonIdentifier, Vote

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
