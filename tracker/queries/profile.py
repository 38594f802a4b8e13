"""Everything about one person: identity, seats over time, statements, votes on topics, said-vs-voted, and what
texts claim they voted beside the record."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .claims import ClaimRow, vote_claims
from .people import Identity, identity, resolve_person
from .positions import PositionRow, positions
from .said_voted import SaidVotedRow, direction_of, said_vs_voted
from .sql import tuples


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


def person_report(conn, name: str) -> PersonReport:
    ref = resolve_person(conn, name)
    who = identity(conn, ref.person_id)
    stated = positions(conn, person_ids={ref.person_id})
    votes = [
        TopicVote(slug, division_id, day, title, option, direction_of(option, aye_means))
        for slug, division_id, day, title, option, aye_means in tuples(conn, """
            SELECT t.slug, d.id, d.date, d.title, v.option, mt.aye_means
            FROM topic t JOIN motion_topic mt ON mt.topic_id = t.id JOIN division d ON d.motion_id = mt.motion_id
            JOIN vote v ON v.division_id = d.id AND v.person_id = :person
            ORDER BY d.date, d.id, t.slug""", {"person": ref.person_id})
    ]
    topics = sorted({p.topic for p in stated} | {v.topic for v in votes})
    compared = {}
    for slug in topics:
        found = said_vs_voted(conn, slug, person_ids={ref.person_id}, include_non_mps=True)
        if found:
            compared[slug] = found[0]
    return PersonReport(who, stated, votes, compared, vote_claims(conn, person_ids={ref.person_id}))
