"""Division counts as sources reported them, beside the official record."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlalchemy import Connection, select

from ..formats.registry import CHAMBER_ORGS
from ..models import Division, Motion, ReportedTally, Source
from .common import SourceRef, source_ref


@dataclass
class TallyRow:
    source: SourceRef
    motion: str | None
    chamber: str | None
    date: str | None
    ayes: int | None
    noes: int | None
    result: str | None
    quote: str
    division_id: int | None
    official: dict | None
    conflict: bool
    party_counts: list[dict]

    def to_dict(self) -> dict:
        return asdict(self)


def tallies(conn: Connection, division_id: int | None = None) -> list[TallyRow]:
    """Division counts as sources reported them, beside the official counts; all, or those of one division."""
    query = (
        select(ReportedTally.__table__, Source.url, Source.outlet, Source.path,
               Source.published, Division.aye_count, Division.no_count, Motion.title.label("motion_title"))
        .join(Source, Source.id == ReportedTally.source_id)
        .outerjoin(Division, Division.id == ReportedTally.division_id)
        .outerjoin(Motion, Motion.id == Division.motion_id)
        .order_by(ReportedTally.date.nulls_first(), Source.id, ReportedTally.start)
    )
    if division_id is not None:
        query = query.where(ReportedTally.division_id == division_id)
    chamber_names = {chamber: name for chamber, (_, name) in CHAMBER_ORGS.items()}
    out = []
    for r in conn.execute(query):
        official = {"ayes": r.aye_count, "noes": r.no_count} if r.division_id else None
        out.append(TallyRow(
            source=source_ref(r), motion=r.motion or r.motion_title,
            chamber=chamber_names.get(r.chamber, r.chamber) if r.chamber else None, date=r.date,
            ayes=r.ayes, noes=r.noes, result=r.result, quote=r.quote, division_id=r.division_id,
            official=official, conflict=bool(r.conflict), party_counts=json.loads(r.party_counts),
        ))
    return out
