"""A division in full: its motion and parent, official counts, the party breakdown, rebels, reported tallies,
and what texts claim members voted in it, beside the record."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, or_, select

from ..errors import NotFound
from ..models import Division, Motion, Person, Vote
from .claims import vote_claims
from .common import SIDE, Seats, sitting
from .tallies import tallies

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


def find_division(conn: Connection, text: str) -> int:
    """A DivisionId from an id or words of its title or motion."""
    text = text.strip()
    if text.isdigit():
        if conn.execute(select(Division.id).where(Division.id == int(text))).first():
            return int(text)
        raise NotFound(f"no division {text}")
    rows = conn.execute(select(Division.id, Division.title, Division.date, Motion.title)
                        .outerjoin(Motion, Motion.id == Division.motion_id)).all()
    words = text.lower().split()
    hits = [r for r in rows if all(w in f"{r[1]} {r[3] or ''} {r[2]}".lower() for w in words)]
    if len(hits) == 1:
        return hits[0][0]
    if hits:
        raise NotFound(f"'{text}' matches {len(hits)} divisions",
                       [f"{r[0]} ({r[2]}: {r[3] or r[1]})" for r in hits[:5]])
    close = process.extract(text, {r[0]: f"{r[3] or r[1]}" for r in rows}, scorer=fuzz.WRatio, limit=3)
    raise NotFound(f"no division matches '{text}'", [f"{key} ({title})" for title, _, key in close])


def _motion(conn: Connection, motion_id: int | None) -> dict | None:
    if motion_id is None:
        return None
    m = conn.execute(select(Motion.__table__).where(Motion.id == motion_id)).one()
    return {"id": m.id, "key": m.key, "title": m.title, "classification": m.classification, "result": m.result,
            "proposer": m.proposer, "date": m.date, "text": m.text, "parent_id": m.parent_id}


def division(conn: Connection, id_or_text: str | int) -> DivisionReport:
    division_id = find_division(conn, str(id_or_text))
    d = conn.execute(select(Division.__table__).where(Division.id == division_id)).one()
    motion = _motion(conn, d.motion_id)
    parent = _motion(conn, motion["parent_id"]) if motion else None
    votes = dict(conn.execute(select(Vote.person_id, Vote.option).where(Vote.division_id == division_id)).all())
    seats = Seats(conn, set(votes) | sitting(conn, "commons", d.date))
    party_of: dict[int, str | None] = {}
    choice: dict[int, str] = {}
    for pid in seats.people():
        chamber, party, _ = seats.on(pid, d.date)
        if chamber == "commons" or pid in votes:
            party_of[pid] = party
            choice[pid] = SIDE.get(votes.get(pid, ""), "did not vote")
    breakdown: dict[str, PartyBreakdown] = {}
    for pid, option in choice.items():
        label = party_of[pid] or "(no party)"
        row = breakdown.setdefault(label, PartyBreakdown(label))
        setattr(row, "did_not_vote" if option == "did not vote" else option,
                getattr(row, "did_not_vote" if option == "did not vote" else option) + 1)
    by_whip: dict[str, Counter] = defaultdict(Counter)
    for pid, option in choice.items():
        if party_of[pid] not in UNWHIPPED:
            by_whip[WHIP_OF.get(party_of[pid], party_of[pid])][option] += 1
    majority = {}
    for whip, counts in by_whip.items():
        (top, n), *rest = counts.most_common()
        if not rest or rest[0][1] < n:
            majority[whip] = top
    names = dict(conn.execute(select(Person.id, Person.name).where(Person.id.in_(list(choice)))).all())
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
        by_party=sorted(breakdown.values(), key=lambda b: (-(b.aye + b.no + b.did_not_vote), b.party)),
        rebels=rebels, reported=reported,
        vote_claims=[c.to_dict() for c in vote_claims(conn, division_id=division_id)],
    )


def divisions_list(conn: Connection, *, since: str | None = None, until: str | None = None) -> list[dict]:
    query = (select(Division.id, Division.date, Division.title, Division.aye_count, Division.no_count,
                    Motion.title.label("motion"), Motion.result)
             .outerjoin(Motion, Motion.id == Division.motion_id).order_by(Division.date, Division.id))
    if since:
        query = query.where(Division.date >= since)
    if until:
        query = query.where(or_(Division.date <= until, Division.date.like(f"{until}%")))
    return [dict(r._mapping) for r in conn.execute(query)]
