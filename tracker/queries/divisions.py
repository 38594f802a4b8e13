"""A division in full: its motion and parent, official counts, the party breakdown, rebels, reported tallies,
and what texts claim members voted in it, beside the record."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from itertools import repeat

from ..errors import NotFound
from ..formats.chambers import CHAMBER_OF_ORG
from .common import SIDE, Seats
from .sql import column, first, is_plain, records, tuples

# labels under which members sit but take another party's whip
WHIP_OF = {"Labour/Co-operative": "Labour"}
# labels that are not a whipped party: nobody in them can rebel
UNWHIPPED = {None, "Independent", "Speaker", "Deputy Speaker", "Non-affiliated", "None", "non-attached"}


@dataclass
class PartyBreakdown:
    party: str
    aye: int = 0
    no: int = 0
    did_not_vote: int = 0


@dataclass
class Rebel:
    person: str
    person_id: int
    party: str
    option: str  # aye | no | did not vote
    party_majority: str


@dataclass
class DivisionReport:
    division_id: int
    title: str
    date: str
    motion: dict | None
    parent_motion: dict | None
    ayes: int | None
    noes: int | None
    by_party: list[PartyBreakdown] = field(default_factory=list)
    rebels: list[Rebel] = field(default_factory=list)
    reported: list[dict] = field(default_factory=list)
    vote_claims: list[dict] = field(default_factory=list)  # disagreements with the record first

    def to_dict(self) -> dict:
        return asdict(self)


def find_division(conn, text: str) -> int:
    """A DivisionId from an id or words of its title or motion."""
    text = text.strip()
    if text.isdigit():
        if tuples(conn, "SELECT id FROM division WHERE id = :id", {"id": int(text)}):
            return int(text)
        raise NotFound(f"no division {text}")
    rows = tuples(conn, "SELECT d.id, d.title, d.date, m.title FROM division d "
                        "LEFT JOIN motion m ON m.id = d.motion_id")
    words = text.lower().split()
    hits = [r for r in rows if all(w in f"{r[1]} {r[3] or ''} {r[2]}".lower() for w in words)]
    if len(hits) == 1:
        return hits[0][0]
    if hits:
        raise NotFound(f"'{text}' matches {len(hits)} divisions",
                       [f"{r[0]} ({r[2]}: {r[3] or r[1]})" for r in hits[:5]])
    from rapidfuzz import fuzz, process

    close = process.extract(text, {r[0]: f"{r[3] or r[1]}" for r in rows}, scorer=fuzz.WRatio, limit=3)
    raise NotFound(f"no division matches '{text}'", [f"{key} ({title})" for title, _, key in close])


def _motion(conn, motion_id: int | None) -> dict | None:
    if motion_id is None:
        return None
    m = first(conn, """SELECT id, key, title, classification, result, proposer, date, text, parent_id FROM motion
                       WHERE id = :id""", {"id": motion_id})
    return {"id": m.id, "key": m.key, "title": m.title, "classification": m.classification, "result": m.result,
            "proposer": m.proposer, "date": m.date, "text": m.text, "parent_id": m.parent_id}


def _choices(seats: Seats, day: str, candidates, votes: dict[int, str]) -> tuple[dict, dict]:
    """Party on ``day`` and choice (aye, no, did not vote) of everyone who sat in the Commons that day or voted
    (having any seat at all)."""
    party_of: dict[int, str | None] = {}
    choice: dict[int, str] = {}
    for pid in candidates:
        chamber, party, _ = seats.on(pid, day)
        if chamber == "commons" or pid in votes:
            party_of[pid] = party
            choice[pid] = SIDE.get(votes.get(pid, ""), "did not vote")
    return party_of, choice


def _by_party(party_of: dict, choice: dict) -> list[PartyBreakdown]:
    breakdown: dict[str, PartyBreakdown] = {}
    for pid, option in choice.items():
        label = party_of[pid] or "(no party)"
        row = breakdown.get(label)
        if row is None:
            row = breakdown[label] = PartyBreakdown(label)
        if option == "aye":
            row.aye += 1
        elif option == "no":
            row.no += 1
        else:
            row.did_not_vote += 1
    return sorted(breakdown.values(), key=lambda b: (-(b.aye + b.no + b.did_not_vote), b.party))


MISSING = object()


class Breakdowns:
    """Party breakdowns of many divisions, as :func:`division` gives each: who sat in the Commons for which party
    is worked out once per day, not once per division, from the Commons seats still open on the earliest day
    asked about (read once, not the whole registry's history); a voter who sat elsewhere that day is looked up
    with all their seats, as :class:`Seats` ranks them."""

    def __init__(self, conn):
        self._conn = conn
        orgs = tuples(conn, "SELECT id, key, name FROM organization")
        self._party_of = {org_id: name for org_id, _, name in orgs}
        self._commons = [org_id for org_id, key, _ in orgs if CHAMBER_OF_ORG.get(key, key) == "commons"]
        self._since: str | None = None  # the Commons seats read are those open on or after this day
        # each seat as (member, start, end, party); a member's seats lowest priority first, so that the seat
        # `Seats.on` picks is written last
        self._spans: list[tuple[int, str, str, str | None]] = []
        self._seats: dict[int, Seats] = {}  # voters not sitting in the Commons on a day: all their seats

    def _read(self, first: str) -> None:
        if self._since is not None and self._since <= first:
            return
        seats: dict[int, list[tuple[str, int, str, str | None]]] = defaultdict(list)
        # still open by year in SQL (four digits compare alike under any collation), to the day below
        for i, (pid, party, start, end) in enumerate(tuples(self._conn, """
                SELECT person_id, on_behalf_of_id, start_date, end_date FROM membership
                WHERE organization_id IN :commons
                  AND (end_date IS NULL OR end_date = '' OR substr(end_date, 1, 4) >= :year)
                ORDER BY id""", {"commons": self._commons, "year": first[:4]})):
            seats[pid].append((start or "0000", i, end or "9999", self._party_of.get(party)))
        self._spans = [(pid, start, end, party) for pid, held in seats.items()
                       for start, _, end, party in sorted(held, reverse=True)]
        self._since = first

    def _sitting(self, days: list[str]) -> dict[str, dict[int, str | None]]:
        """Day → {member: party} of everyone whose Commons seat covers the day (``days`` sorted)."""
        out: dict[str, dict[int, str | None]] = {day: {} for day in days}
        if not days:
            return out
        first, last = days[0], days[-1]
        self._read(first)
        for pid, start, end, party in self._spans:
            if end >= first and start <= last:
                for i in range(bisect_left(days, start), bisect_right(days, end)):
                    out[days[i]][pid] = party
        return out

    def _elsewhere(self, pid: int, day: str):
        """The party of the seat ``pid`` held on ``day`` (:meth:`Seats.on`), MISSING if they never held one."""
        seats = self._seats.get(pid)
        if seats is None:
            seats = self._seats[pid] = Seats(self._conn, {pid})
        return seats.on(pid, day)[1] if pid in seats._seats else MISSING

    @staticmethod
    def _add(rows: dict[str, PartyBreakdown], label: str, side: str, n: int) -> None:
        row = rows.get(label)
        if row is None:
            row = rows[label] = PartyBreakdown(label)
        if side == "aye":
            row.aye += n
        elif side == "no":
            row.no += n
        else:
            row.did_not_vote += n

    def of(self, divisions: list[tuple[int, str, str, dict[int, str]]]):
        """(id, date, title, breakdown) for each (id, date, title, {person id: option}) given."""
        sitting_on = self._sitting(sorted({day for _, day, _, _ in divisions}))
        members_on: dict[str, Counter] = {}
        for division_id, day, title, cast in divisions:
            sitting = sitting_on[day]
            members = members_on.get(day)
            if members is None:
                members = members_on[day] = Counter(sitting.values())
                for none in (None, ""):
                    if none in members:
                        members["(no party)"] += members.pop(none)
            # (party, option) → votes, counted in C; MISSING marks a voter not sitting in the Commons that day
            tally = Counter(zip(map(sitting.get, cast, repeat(MISSING)), cast.values(), strict=True))
            rows: dict[str, PartyBreakdown] = {}
            absent = Counter(members)  # sitting members of each party who did not vote
            for (party, option), n in tally.items():
                if party is MISSING:
                    continue
                label = party or "(no party)"
                absent[label] -= n
                self._add(rows, label, SIDE[option], n)
            if MISSING in {party for party, _ in tally}:
                for pid, option in cast.items():
                    if pid not in sitting:  # counted with the seat they held that day, if they ever held one
                        party = self._elsewhere(pid, day)
                        if party is not MISSING:
                            self._add(rows, party or "(no party)", SIDE[option], 1)
            for label, n in absent.items():
                if n:
                    self._add(rows, label, "did not vote", n)
            yield division_id, day, title, sorted(
                rows.values(), key=lambda b: (-(b.aye + b.no + b.did_not_vote), b.party))


def party_breakdowns(conn, division_ids: list[int] | None = None):
    """(division id, date, title, by-party breakdown) of each division (every one when ``division_ids`` is None),
    as :func:`division` gives the breakdown."""
    if division_ids is not None:
        if not division_ids:
            return
        wanted = set(division_ids)
    divisions = [d for d in records(conn, "SELECT id, date, title FROM division ORDER BY date, id")
                 if division_ids is None or d.id in wanted]
    if not divisions:
        return
    breakdowns = Breakdowns(conn)
    for start in range(0, len(divisions), 500):
        chunk = divisions[start:start + 500]
        votes: dict[int, dict[int, str]] = defaultdict(dict)
        ids = ", ".join(str(int(d.id)) for d in chunk)  # integers: written into the statement as they are
        # the driver's own rows: millions of them at scale
        cursor = conn.cursor() if is_plain(conn) else conn.connection.cursor()
        try:
            cursor.execute(f"SELECT division_id, person_id, option FROM vote WHERE division_id IN ({ids})")
            for division_id, pid, option in cursor.fetchall():
                votes[division_id][pid] = option
        finally:
            cursor.close()
        yield from breakdowns.of([(d.id, d.date, d.title, votes.get(d.id, {})) for d in chunk])


def division(conn, id_or_text: str | int) -> DivisionReport:
    from .claims import vote_claims  # here: a load's party breakdowns need neither
    from .tallies import tallies

    division_id = find_division(conn, str(id_or_text))
    d = first(conn, "SELECT id, title, date, motion_id, aye_count, no_count FROM division WHERE id = :id",
              {"id": division_id})
    motion = _motion(conn, d.motion_id)
    parent = _motion(conn, motion["parent_id"]) if motion else None
    votes = dict(tuples(conn, "SELECT person_id, option FROM vote WHERE division_id = :id", {"id": division_id}))
    seats = Seats(conn, day=d.date)  # every seat held that day
    # everyone with a seat that day, and every voter with a seat at all (counted with no party if none that day)
    candidates = set(seats.people()) | set(column(conn, """
        SELECT DISTINCT v.person_id FROM vote v JOIN membership m ON m.person_id = v.person_id
        WHERE v.division_id = :id""", {"id": division_id}))
    party_of, choice = _choices(seats, d.date, candidates, votes)
    by_whip: dict[str, Counter] = defaultdict(Counter)
    for pid, option in choice.items():
        if party_of[pid] not in UNWHIPPED:
            by_whip[WHIP_OF.get(party_of[pid], party_of[pid])][option] += 1
    majority = {}
    for whip, counts in by_whip.items():
        (top, n), *rest = counts.most_common()
        if not rest or rest[0][1] < n:
            majority[whip] = top
    names = dict(tuples(conn, "SELECT id, name FROM person WHERE id IN :ids", {"ids": list(choice)}))
    rebels = []
    for pid, option in choice.items():
        whip = WHIP_OF.get(party_of[pid], party_of[pid])
        if whip in majority and option != majority[whip]:
            rebels.append(Rebel(names[pid], pid, party_of[pid], option, majority[whip]))
    rebels.sort(key=lambda r: (r.party, r.option, r.person))
    reported = [t.to_dict() for t in tallies(conn, division_id)]
    return DivisionReport(
        division_id=d.id, title=d.title, date=d.date, motion=motion, parent_motion=parent,
        ayes=d.aye_count, noes=d.no_count,
        by_party=_by_party(party_of, choice),
        rebels=rebels, reported=reported,
        vote_claims=[c.to_dict() for c in vote_claims(conn, division_id=division_id)],
    )


def divisions_list(conn, *, since: str | None = None, until: str | None = None) -> list[dict]:
    query = """SELECT d.id, d.date, d.title, d.aye_count, d.no_count, m.title AS motion, m.result
               FROM division d LEFT JOIN motion m ON m.id = d.motion_id"""
    where, params = [], {}
    if since:
        where.append("d.date >= :since")
        params["since"] = since
    if until:
        where.append("(d.date <= :until OR d.date LIKE :until_prefix)")
        params.update(until=until, until_prefix=f"{until}%")
    if where:
        query += " WHERE " + " AND ".join(where)
    return [r._asdict() for r in records(conn, query + " ORDER BY d.date, d.id", params)]
