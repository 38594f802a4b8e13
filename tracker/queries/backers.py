"""Who backed a topic, and when: stated support and votes that point the same way."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from sqlalchemy import Connection, and_, or_, select

from ..models import Division, Motion, MotionTopic, Person, Position, Source, Vote
from .common import SUPPORTING_OPTIONS, Seats, SourceRef, find_topic, source_ref

EVIDENCE_KINDS = ("statements", "votes", "all")


@dataclass
class Evidence:
    kind: str  # statement | vote
    date: str | None
    quote: str | None = None
    source: SourceRef | None = None
    position_id: int | None = None
    division_id: int | None = None
    title: str | None = None
    option: str | None = None


@dataclass
class BackerRow:
    person: str
    person_id: int
    party: str | None
    constituency: str | None
    is_mp: bool
    first_date: str | None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        out = asdict(self)
        for ev in out["evidence"]:
            for key in [k for k, v in ev.items() if v is None and k not in ("quote", "date")]:
                del ev[key]
            if ev["kind"] == "vote":
                ev.pop("quote", None)
        return out


def who_backed(
    conn: Connection,
    topic: str,
    *,
    party: str | None = None,
    since: str | None = None,
    until: str | None = None,
    evidence: str = "all",
    include_non_mps: bool = False,
) -> list[BackerRow]:
    """One row per person who supported the topic, earliest first, with the evidence."""
    t = find_topic(conn, topic)
    found: dict[int, list[Evidence]] = defaultdict(list)
    if evidence in ("statements", "all"):
        query = (
            select(Position.id, Position.person_id, Position.date, Position.quote, Source.id.label("source_id"),
                   Source.url, Source.outlet, Source.path, Source.published)
            .join(Source, Source.id == Position.source_id)
            .where(Position.topic_id == t.id, Position.stance == "support", Position.status != "rejected",
                   Position.person_id.is_not(None))
            .order_by(Position.date.nulls_first(), Position.id)
        )
        for r in conn.execute(query):
            found[r.person_id].append(Evidence("statement", r.date, r.quote, source_ref(r), position_id=r.id))
    if evidence in ("votes", "all"):
        backing = or_(*(
            and_(MotionTopic.aye_means == means, Vote.option.in_(options))
            for means, options in (("support", SUPPORTING_OPTIONS["support"]),
                                   ("oppose", SUPPORTING_OPTIONS["oppose"]))
        ))
        query = (
            select(Vote.person_id, Vote.option, Division.id, Division.date, Division.title, Motion.title)
            .join(Division, Division.id == Vote.division_id)
            .join(MotionTopic, MotionTopic.motion_id == Division.motion_id)
            .outerjoin(Motion, Motion.id == Division.motion_id)
            .where(MotionTopic.topic_id == t.id, backing)
            .order_by(Division.date, Division.id)
        )
        for person_id, option, division_id, day, title, motion_title in conn.execute(query):
            found[person_id].append(Evidence("vote", day, division_id=division_id, title=motion_title or title,
                                             option=option))
    seats = Seats(conn, set(found))
    names = dict(conn.execute(select(Person.id, Person.name).where(Person.id.in_(list(found)))).all())
    rows = []
    for person_id, items in found.items():
        items = [e for e in items if (not since or (e.date or "") >= since)
                 and (not until or (e.date or "")[: len(until)] <= until)]
        if not items:
            continue
        items.sort(key=lambda e: (e.date or "9999", e.kind != "statement"))
        first = items[0].date
        _, party_name, _ = seats.on(person_id, first)
        mp_ever = any(seats.is_mp(person_id, e.date) for e in items)
        if not include_non_mps and not mp_ever:
            continue
        commons_seat = next((seats.on(person_id, e.date) for e in items if seats.is_mp(person_id, e.date)), None)
        if commons_seat:
            party_name, constituency = commons_seat[1], commons_seat[2]
        else:
            party_name, constituency = seats.on(person_id, first)[1:] if first else seats.on(person_id, None)[1:]
        if party and not _party_matches(party, party_name):
            continue
        rows.append(BackerRow(names[person_id], person_id, party_name, constituency, mp_ever, first, items))
    # earliest first; on the same day, the person with more evidence first
    rows.sort(key=lambda r: (r.first_date or "9999", -len(r.evidence), r.person))
    return rows


def _party_matches(wanted: str, party_name: str | None) -> bool:
    if not party_name:
        return False
    w = wanted.strip().lower().replace("-", " ")
    p = party_name.lower().replace("-", " ")
    return w == p or w in p.split("/") or p.startswith(w)
