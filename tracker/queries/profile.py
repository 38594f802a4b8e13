"""Everything about one person: identity, seats over time, statements, votes on topics, said-vs-voted."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import Connection, select

from ..models import Division, MotionTopic, Topic, Vote
from .common import SIDE, Seats
from .people import Identity, identity, resolve_person
from .positions import PositionRow, positions
from .said_voted import SaidVotedRow, VoteOnTopic, direction_of, linked_divisions, verdict


@dataclass
class TopicVote:
    topic: str
    division_id: int
    date: str
    title: str
    option: str
    direction: str | None


@dataclass
class PersonReport:
    person: Identity
    positions: list[PositionRow] = field(default_factory=list)
    votes: list[TopicVote] = field(default_factory=list)
    said_vs_voted: dict[str, SaidVotedRow] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)


def person_report(conn: Connection, name: str) -> PersonReport:
    ref = resolve_person(conn, name)
    who = identity(conn, ref.person_id)
    stated = positions(conn, person_ids={ref.person_id})
    votes = [
        TopicVote(slug, division_id, day, title, option, direction_of(option, aye_means))
        for slug, division_id, day, title, option, aye_means in conn.execute(
            select(Topic.slug, Division.id, Division.date, Division.title, Vote.option, MotionTopic.aye_means)
            .join(MotionTopic, MotionTopic.topic_id == Topic.id)
            .join(Division, Division.motion_id == MotionTopic.motion_id)
            .join(Vote, (Vote.division_id == Division.id) & (Vote.person_id == ref.person_id))
            .order_by(Division.date, Division.id, Topic.slug))
    ]
    topics = sorted({p.topic for p in stated} | {v.topic for v in votes})
    compared = {slug: row for slug in topics if (row := _said_beside_voted(conn, ref, slug, stated, votes))}
    return PersonReport(who, stated, votes, compared)


def _said_beside_voted(conn: Connection, ref, slug: str, stated: list[PositionRow],
                       votes: list[TopicVote]) -> SaidVotedRow | None:
    """One person's said-vs-voted row on a topic, from what the report has already read."""
    said_list = sorted(((p.date or "", p.stance) for p in stated if p.topic == slug and p.status != "rejected"),
                       key=lambda s: s[0])
    topic_id = conn.execute(select(Topic.id).where(Topic.slug == slug)).scalar_one()
    cast = {v.division_id: v for v in votes if v.topic == slug}
    seats = Seats(conn, {ref.person_id})
    on_topic = []
    for d in linked_divisions(conn, topic_id):
        if d.id in cast:
            v = cast[d.id]
            on_topic.append(VoteOnTopic(d.id, d.date, SIDE[v.option], v.direction))
        elif seats.is_mp(ref.person_id, d.date):
            on_topic.append(VoteOnTopic(d.id, d.date, "did not vote", None))
    kinds = {stance for _, stance in said_list}
    said = None if not kinds else (kinds.pop() if len(kinds) == 1 else "mixed")
    if said is None and not cast:
        return None
    latest = said_list[-1][1] if said_list else None
    first = said_list[0][0] or None if said_list else None
    when = first or (on_topic[0].date if on_topic else None)
    party = seats.on(ref.person_id, when)[1] or seats.on(ref.person_id, None)[1]
    return SaidVotedRow(ref.name, ref.person_id, party, said, first, latest, on_topic, verdict(said, latest, on_topic))
