"""Load official divisions and their votes, each vote with the voter's party on the day."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, delete, select

from ..errors import InputError
from ..formats.division_files import DivisionRecord
from ..models import Division, Membership, Motion, Organization, Person, PersonIdentifier, Vote
from ..queries.divisions import Breakdowns
from .answers import store_breakdowns
from .sync import Counts, batched, sync, sync_tuples

AUTO_MOTION = "division/"  # key prefix of motions made from a division's own title
DIVISIONS_PER_BATCH = 200  # about 100,000 votes
VOTE_COLUMNS = ("division_id", "person_id", "option", "party_id")


class PartyOnDay:
    """Which party each person sat for in a chamber on a given day, from the memberships."""

    def __init__(self, conn: Connection, chamber_key: str = "house-of-commons"):
        m = Membership.__table__.c
        chamber = select(Organization.id).where(Organization.key == chamber_key).scalar_subquery()
        spans: dict[int, list[tuple[str, str, int | None]]] = defaultdict(list)
        for person_id, start, end, party in conn.execute(
            select(m.person_id, m.start_date, m.end_date, m.on_behalf_of_id).where(m.organization_id == chamber)
        ):
            spans[person_id].append((start or "0000", end or "9999", party))
        self._spans = {p: sorted(s, key=lambda span: span[0], reverse=True) for p, s in spans.items()}

        self._memo: dict[tuple[int, str], int | None] = {}  # a day holds a few divisions: one look-up each

    def __call__(self, person_id: int, day: str) -> int | None:
        key = (person_id, day)
        try:
            return self._memo[key]
        except KeyError:
            pass
        found = None
        for start, end, party in self._spans.get(person_id, ()):
            if start <= day <= end:
                found = party
                break
        self._memo[key] = found
        return found

    def forget(self) -> None:
        self._memo.clear()


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
    for batch in batched(records, DIVISIONS_PER_BATCH):
        counts += _load_batch(conn, batch, motion_for, members, party, breakdowns)
        party.forget()  # memory follows the batch
    counts.deleted += _drop_orphan_motions(conn)
    return counts


def _load_batch(conn: Connection, divisions: list[DivisionRecord], motion_for: dict[int, int],
                members: dict[str, int], party: PartyOnDay, breakdowns: Breakdowns) -> Counts:
    votes = []
    cast: dict[int, dict[int, str]] = {}  # division → person → option, the first vote given for each
    for rec in divisions:
        options = cast.setdefault(rec.id, {})
        for mnis, option in rec.votes:
            person_id = members.get(mnis)
            if person_id is None:
                raise InputError(rec.where, f"member id {mnis} is not in the registry (datadotparl_id)")
            options.setdefault(person_id, option)
            votes.append((rec.id, person_id, option, party(person_id, rec.date)))
    counts = _auto_motions(conn, [d for d in divisions if d.id not in motion_for])
    keys = [f"{AUTO_MOTION}{d.id}" for d in divisions]
    auto = dict(conn.execute(select(Motion.key, Motion.id).where(Motion.key.in_(keys))).all())
    counts += sync(conn, Division.__table__, ("id",), (
        {"id": d.id, "motion_id": motion_for.get(d.id, auto.get(f"{AUTO_MOTION}{d.id}")), "chamber": "commons",
         "date": d.date, "number": d.number, "title": d.title, "aye_count": d.aye_count, "no_count": d.no_count}
        for d in divisions
    ), scope=Division.__table__.c.id.in_([d.id for d in divisions]))
    counts += sync_tuples(conn, Vote.__table__, VOTE_COLUMNS, ("division_id", "person_id"), votes,
                          scope=Vote.__table__.c.division_id.in_([d.id for d in divisions]))
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
    result = conn.execute(delete(Motion).where(Motion.key.like(f"{AUTO_MOTION}%"), Motion.id.not_in(used)))
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
