"""What texts say people voted, beside what the division record says they voted.

Each claim keeps its quote and source; the load (``tracker.load.claims``) has
matched it to a division and looked up the official vote. The verdict is
``disagrees`` when the two differ, ``agrees`` when they match (a claimed
abstention agrees with "did not vote"), and ``unchecked`` when no division
could be matched without guessing, or the person is unknown or did not sit
in the chamber that day. Disagreements come first.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .common import SourceRef, find_topic, source_ref
from .people import resolve_person
from .sql import records

CLAIM_VERDICTS = ("disagrees", "agrees", "unchecked")


def verdict_of(conflict: bool | None) -> str:
    return "unchecked" if conflict is None else "disagrees" if conflict else "agrees"


@dataclass
class ClaimRow:
    id: int
    person: str | None
    person_id: int | None
    topic: str | None
    option: str  # what the text claims: aye, no or abstain
    date: str | None
    date_precision: str | None
    quote: str
    start: int
    end: int
    confidence: float
    source: SourceRef
    division_id: int | None  # the division the claim was checked against
    division_date: str | None
    division_title: str | None
    matched_by: str | None  # text (extraction named the division) or date
    official: str | None  # what the record says: aye, no or did not vote
    conflict: bool | None  # None while unchecked
    verdict: str  # disagrees, agrees or unchecked

    def to_dict(self) -> dict:
        return asdict(self)


def vote_claims(
    conn,
    *,
    person: str | None = None,
    person_ids: set[int] | None = None,
    topic: str | None = None,
    division_id: int | None = None,
    verdict: str | None = None,
) -> list[ClaimRow]:
    """Vote claims beside the record, disagreements first, then by date; filtered by person, topic, division
    or verdict."""
    if verdict is not None and verdict not in CLAIM_VERDICTS:
        raise ValueError(f"verdict must be one of {', '.join(CLAIM_VERDICTS)}")
    where, params = [], {}
    if person is not None:
        person_ids = {resolve_person(conn, person).person_id}
    if person_ids is not None:
        where.append("c.person_id IN :ids")
        params["ids"] = sorted(person_ids)
    if topic is not None:
        where.append("c.topic_id = :topic")
        params["topic"] = find_topic(conn, topic).id
    if division_id is not None:
        where.append("c.division_id = :division")
        params["division"] = division_id
    query = f"""
        SELECT c.id, c.person_id, c.option, c.date, c.date_precision, c.quote, c.start, c."end", c.confidence,
               c.division_id, c.matched_by, c.official_option, c.conflict, p.name AS person, t.slug AS topic,
               s.id AS source_id, s.url, s.outlet, s.path, s.published, d.date AS division_date,
               coalesce(m.title, d.title) AS division_title
        FROM vote_claim c JOIN source s ON s.id = c.source_id
        LEFT JOIN person p ON p.id = c.person_id LEFT JOIN topic t ON t.id = c.topic_id
        LEFT JOIN division d ON d.id = c.division_id LEFT JOIN motion m ON m.id = d.motion_id
        {"WHERE " + " AND ".join(where) if where else ""}"""
    rows = []
    for r in records(conn, query, params):
        conflict = None if r.conflict is None else bool(r.conflict)
        rows.append(ClaimRow(
            id=r.id, person=r.person, person_id=r.person_id, topic=r.topic, option=r.option, date=r.date,
            date_precision=r.date_precision, quote=r.quote, start=r.start, end=r.end, confidence=r.confidence,
            source=source_ref(r), division_id=r.division_id, division_date=r.division_date,
            division_title=r.division_title if r.division_id is not None else None, matched_by=r.matched_by,
            official=r.official_option, conflict=conflict, verdict=verdict_of(conflict),
        ))
    if verdict is not None:
        rows = [r for r in rows if r.verdict == verdict]
    rows.sort(key=lambda r: (CLAIM_VERDICTS.index(r.verdict), r.date or "", r.source.id, r.start))
    return rows
