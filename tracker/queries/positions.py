"""Every stated position, with its quote, source and review status."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from .common import Seats, SourceRef, find_topic, source_ref
from .people import find_person
from .sql import records


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
    conn,
    *,
    topic: str | None = None,
    person: str | None = None,
    source: str | None = None,
    include_rejected: bool = True,
    person_ids: set[int] | None = None,
) -> list[PositionRow]:
    """Every stated position, in source order, filtered by topic, person (a name, or ids) or source."""
    where, params = [], {}
    if topic:
        where.append("x.topic_id = :topic")
        params["topic"] = find_topic(conn, topic).id
    if person:
        where.append("x.person_id IN :named")
        params["named"] = _person_ids(conn, person)
    if person_ids is not None:
        where.append("x.person_id IN :ids")
        params["ids"] = list(person_ids)
    if source:
        where.append(_source_filter(source, params))
    if not include_rejected:
        where.append("x.status != 'rejected'")
    rows = records(conn, f"""
        SELECT x.id, x.fingerprint, x.person_id, x.speaker_as_written, x.is_mp, x.stance, x.qualifiers, x.date,
               x.date_precision, x.quote, x.start, x."end", x.confidence, x.needs_review, x.method, x.status,
               x.note, x.original, x.evidence, x.quote_check, p.name AS person_name, t.slug AS topic_slug,
               s.id AS source_id, s.url, s.outlet, s.path, s.published
        FROM position x JOIN source s ON s.id = x.source_id JOIN topic t ON t.id = x.topic_id
        LEFT JOIN person p ON p.id = x.person_id
        {"WHERE " + " AND ".join(where) if where else ""}
        ORDER BY s.id, x.start, x.id""", params)
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


def _source_filter(value: str, params: dict) -> str:
    """The condition picking a source by id, path, URL, canonical URL, content hash or the end of its path."""
    if value.isdigit():
        params["source_id"] = int(value)
        return "s.id = :source_id"
    params["source"] = value
    params["source_tail"] = f"%{value}"
    return ("(s.path = :source OR s.url = :source OR s.canonical_url = :source OR s.sha256 = :source"
            " OR s.path LIKE :source_tail)")


def _person_ids(conn, name: str) -> list[int]:
    """The person ``name`` finds (nicknames, aliases and near misses included); every candidate when it is
    ambiguous, since a filter can show them all."""
    found = find_person(conn, name)
    if found.person is not None:
        return [found.person.person_id]
    return sorted({c.person_id for c in found.candidates})
