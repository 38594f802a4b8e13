"""What the database holds: topics, sources and motions, with counts."""

from __future__ import annotations

import json

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import aliased

from ..models import Division, Mention, Motion, MotionTopic, Position, ReportedTally, Source, Topic


def topics(conn: Connection) -> list[dict]:
    positions = (select(Position.topic_id, func.count().label("n")).where(Position.status != "rejected")
                 .group_by(Position.topic_id).subquery())
    linked = (select(MotionTopic.topic_id, func.count(Division.id).label("n"))
              .join(Division, Division.motion_id == MotionTopic.motion_id).group_by(MotionTopic.topic_id).subquery())
    query = (select(Topic.slug, Topic.name, Topic.description, Topic.cues,
                    func.coalesce(positions.c.n, 0), func.coalesce(linked.c.n, 0))
             .outerjoin(positions, positions.c.topic_id == Topic.id)
             .outerjoin(linked, linked.c.topic_id == Topic.id).order_by(Topic.slug))
    return [{"slug": s, "name": n, "description": d, "cues": json.loads(c), "positions": p, "divisions": dv}
            for s, n, d, c, p, dv in conn.execute(query)]


def sources(conn: Connection) -> list[dict]:
    def count(model):
        return (select(model.source_id, func.count().label("n")).group_by(model.source_id).subquery())

    pos, men, tal = count(Position), count(Mention), count(ReportedTally)
    query = (select(Source.id, Source.kind, Source.outlet, Source.url, Source.title, Source.published,
                    Source.author, Source.path, func.length(Source.text).label("chars"),
                    func.coalesce(pos.c.n, 0).label("positions"), func.coalesce(men.c.n, 0).label("mentions"),
                    func.coalesce(tal.c.n, 0).label("tallies"))
             .outerjoin(pos, pos.c.source_id == Source.id).outerjoin(men, men.c.source_id == Source.id)
             .outerjoin(tal, tal.c.source_id == Source.id).order_by(Source.published.nulls_first(), Source.id))
    return [dict(r._mapping) for r in conn.execute(query)]


def motions(conn: Connection) -> list[dict]:
    parent = aliased(Motion)
    divisions = (select(Division.motion_id, func.count().label("n"), func.min(Division.id).label("first"))
                 .group_by(Division.motion_id).subquery())
    query = (select(Motion.id, Motion.key, Motion.title, Motion.classification, parent.title.label("parent"),
                    Motion.chamber, Motion.date, Motion.result, Motion.proposer,
                    func.coalesce(divisions.c.n, 0).label("divisions"), divisions.c.first.label("division_id"))
             .outerjoin(parent, parent.id == Motion.parent_id)
             .outerjoin(divisions, divisions.c.motion_id == Motion.id)
             .order_by(Motion.date.nulls_first(), Motion.id))
    return [dict(r._mapping) for r in conn.execute(query)]


def stored_pages(conn: Connection) -> dict[str, dict]:
    """Every stored web page by each address it is known by (asked for, final, canonical): the SHA-256 of each
    version as fetched, and the ETag and Last-Modified of the latest, for a conditional fetch."""
    out: dict[str, dict] = {}
    rows = conn.execute(select(Source.id, Source.path, Source.url, Source.canonical_url, Source.raw_sha256,
                               Source.fetch).where(Source.raw_sha256.is_not(None)).order_by(Source.id)).all()
    for row in rows:
        fetch = json.loads(row.fetch) if row.fetch else {}
        for address in {row.path, row.url, row.canonical_url, fetch.get("asked"), fetch.get("final")} - {None}:
            page = out.setdefault(address, {"raw_sha256": set(), "etag": None, "last_modified": None,
                                            "source_id": None})
            page["raw_sha256"].add(row.raw_sha256)
            page.update(etag=fetch.get("etag"), last_modified=fetch.get("last_modified"), source_id=row.id)
    return out
