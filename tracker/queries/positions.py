"""Every stated position, with its quote, source and review status."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlalchemy import Connection, or_, select

from ..models import Person, Position, Source, Topic
from .common import Seats, SourceRef, find_topic, source_ref
from .people import find_person


@dataclass
class PositionRow:
    id: int
    fingerprint: str
    person: str | None
    person_id: int | None
    speaker_as_written: str | None
    is_mp: bool
    party: str | None
    constituency: str | None
    topic: str
    stance: str
    qualifiers: list[str]
    date: str | None
    date_precision: str | None
    quote: str
    start: int
    end: int
    confidence: float
    needs_review: bool
    method: str
    status: str
    note: str | None  # the reviewer's
    original: dict | None  # what extraction found, for the fields a review corrected
    evidence: str
    source: SourceRef
    # a hand-added position: "verbatim" (its quote is in the stored source) or "unverified"; None if extracted
    quote_check: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def positions(
    conn: Connection,
    *,
    topic: str | None = None,
    person: str | None = None,
    source: str | None = None,
    include_rejected: bool = True,
    person_ids: set[int] | None = None,
) -> list[PositionRow]:
    """Every stated position, in source order, filtered by topic, person (a name, or ids) or source."""
    query = (
        select(Position.__table__, Person.name.label("person_name"), Topic.slug.label("topic_slug"),
               Source.url, Source.outlet, Source.path, Source.published)
        .join(Source, Source.id == Position.source_id)
        .join(Topic, Topic.id == Position.topic_id)
        .outerjoin(Person, Person.id == Position.person_id)
        .order_by(Source.id, Position.start, Position.id)
    )
    if topic:
        query = query.where(Position.topic_id == find_topic(conn, topic).id)
    if person:
        query = query.where(Position.person_id.in_(_person_ids(conn, person)))
    if person_ids is not None:
        query = query.where(Position.person_id.in_(person_ids))
    if source:
        query = query.where(_source_filter(source))
    if not include_rejected:
        query = query.where(Position.status != "rejected")
    rows = conn.execute(query).all()
    seats = Seats(conn, {r.person_id for r in rows if r.person_id})
    out = []
    for r in rows:
        _, party_name, constituency = seats.on(r.person_id, r.date)
        out.append(PositionRow(
            id=r.id, fingerprint=r.fingerprint, person=r.person_name, person_id=r.person_id,
            speaker_as_written=r.speaker_as_written, is_mp=bool(r.is_mp), party=party_name,
            constituency=constituency, topic=r.topic_slug, stance=r.stance, qualifiers=json.loads(r.qualifiers),
            date=r.date, date_precision=r.date_precision, quote=r.quote, start=r.start, end=r.end,
            confidence=r.confidence, needs_review=bool(r.needs_review), method=r.method, status=r.status, note=r.note,
            original=json.loads(r.original) if r.original else None, evidence=r.evidence,
            source=source_ref(r), quote_check=r.quote_check,
        ))
    return out


def _source_filter(value: str):
    if value.isdigit():
        return Source.id == int(value)
    return or_(Source.path == value, Source.url == value, Source.canonical_url == value, Source.sha256 == value,
               Source.path.like(f"%{value}"))


def _person_ids(conn: Connection, name: str) -> list[int]:
    """The person ``name`` finds (nicknames, aliases and near misses included); every candidate when it is
    ambiguous, since a filter can show them all."""
    found = find_person(conn, name)
    if found.person is not None:
        return [found.person.person_id]
    return sorted({c.person_id for c in found.candidates})
