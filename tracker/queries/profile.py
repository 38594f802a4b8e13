"""Everything about one person: identity, seats over time, statements, votes on topics, said-vs-voted, and what
texts claim they voted beside the record."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from sqlalchemy import Connection, select

from ..models import Division, MotionTopic, Topic, Vote
from .claims import ClaimRow, vote_claims
from .people import Identity, identity, resolve_person
from .positions import PositionRow, positions
from .said_voted import SaidVotedRow, direction_of, said_vs_voted


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
    vote_claims: list[ClaimRow] = field(default_factory=list)  # disagreements with the record first

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
    compared = {}
    for slug in topics:
        found = said_vs_voted(conn, slug, person_ids={ref.person_id}, include_non_mps=True)
        if found:
            compared[slug] = found[0]
    return PersonReport(who, stated, votes, compared, vote_claims(conn, person_ids={ref.person_id}))
