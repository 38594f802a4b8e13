"""Who backed a topic, and when: stated support and votes that point the same way."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from sqlalchemy import Connection, and_, or_, select

from ..models import Division, Motion, MotionTopic, Position, Source, Vote
from .answers import party_matches
from .common import SUPPORTING_OPTIONS, Seats, SourceRef, find_topic, many_rows, names_of, source_ref

EVIDENCE_KINDS = ("statements", "votes", "all")


@dataclass(slots=True)
class Evidence:
    kind: str  # statement | vote
    date: str | None
    quote: str | None = None
    source: SourceRef | None = None
    position_id: int | None = None
    division_id: int | None = None
    title: str | None = None
    option: str | None = None


@dataclass(slots=True)
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


@many_rows()
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
        sources: dict[int, SourceRef] = {}  # a source quoted many times is one object
        for r in conn.execute(query).all():
            ref = sources.get(r.source_id)
            if ref is None:
                ref = sources[r.source_id] = source_ref(r)
            found[r.person_id].append(Evidence("statement", r.date, r.quote, ref, position_id=r.id))
    if evidence in ("votes", "all"):
        linked = conn.execute(
            select(Division.id, Division.date, Division.title, Motion.title, MotionTopic.aye_means)
            .join(MotionTopic, MotionTopic.motion_id == Division.motion_id)
            .outerjoin(Motion, Motion.id == Division.motion_id)
            .where(MotionTopic.topic_id == t.id).order_by(Division.date, Division.id)
        ).all()
        about = {d: (day, motion_title or title) for d, day, title, motion_title, _ in linked}
        backing = [and_(Vote.division_id.in_(ids), Vote.option.in_(SUPPORTING_OPTIONS[means]))
                   for means in ("support", "oppose")
                   if (ids := [d for d, *_, aye_means in linked if aye_means == means])]
        if backing:
            # one narrow row per vote; what each division is comes from `about`
            query = select(Vote.person_id, Vote.option, Vote.division_id).where(or_(*backing))
            shared: dict[tuple[int, str], Evidence] = {}  # many people cast the same vote: one object each
            for person_id, option, division_id in conn.execute(query).all():
                ev = shared.get((division_id, option))
                if ev is None:
                    day, title = about[division_id]
                    ev = shared[division_id, option] = Evidence("vote", day, division_id=division_id, title=title,
                                                                option=option)
                found[person_id].append(ev)
    seats = Seats(conn, set(found))
    names = names_of(conn, found)
    rows = []
    for person_id, items in found.items():
        if since or until:
            items = [e for e in items if (not since or (e.date or "") >= since)
                     and (not until or (e.date or "")[: len(until)] <= until)]
            if not items:
                continue
        items.sort(key=lambda e: (e.date or "9999", e.kind != "statement"))
        first = items[0].date
        # party and seat: those of the first day the person sat in the Commons, else of the first evidence
        commons_seat = None
        for e in items:
            seat = seats.on(person_id, e.date)
            if seat[0] == "commons":
                commons_seat = seat
                break
        if commons_seat is None and not include_non_mps:
            continue
        _, party_name, constituency = commons_seat or seats.on(person_id, first)
        if party and not party_matches(party, party_name):
            continue
        rows.append(BackerRow(names[person_id], person_id, party_name, constituency, commons_seat is not None,
                              first, items))
    # earliest first; on the same day, the person with more evidence first
    rows.sort(key=lambda r: (r.first_date or "9999", -len(r.evidence), r.person))
    return rows
