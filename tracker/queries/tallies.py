"""Division counts as sources reported them, beside the official record."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from ..formats.chambers import CHAMBER_ORGS
from .common import SourceRef, source_ref
from .sql import records


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


def tallies(conn, division_id: int | None = None) -> list[TallyRow]:
    """Division counts as sources reported them, beside the official counts; all, or those of one division."""
    query = """
        SELECT r.division_id, r.motion, r.chamber, r.date, r.ayes, r.noes, r.result, r.quote, r.conflict,
               r.party_counts, s.id AS source_id, s.url, s.outlet, s.path, s.published, d.aye_count, d.no_count,
               m.title AS motion_title
        FROM reported_tally r JOIN source s ON s.id = r.source_id
        LEFT JOIN division d ON d.id = r.division_id LEFT JOIN motion m ON m.id = d.motion_id"""
    params = {}
    if division_id is not None:
        query += " WHERE r.division_id = :division"
        params["division"] = division_id
    query += " ORDER BY r.date IS NOT NULL, r.date, s.id, r.start"
    chamber_names = {chamber: name for chamber, (_, name) in CHAMBER_ORGS.items()}
    out = []
    for r in records(conn, query, params):
        official = {"ayes": r.aye_count, "noes": r.no_count} if r.division_id else None
        out.append(TallyRow(
            source=source_ref(r), motion=r.motion or r.motion_title,
            chamber=chamber_names.get(r.chamber, r.chamber) if r.chamber else None, date=r.date,
            ayes=r.ayes, noes=r.noes, result=r.result, quote=r.quote, division_id=r.division_id,
            official=official, conflict=bool(r.conflict), party_counts=json.loads(r.party_counts),
        ))
    return out
