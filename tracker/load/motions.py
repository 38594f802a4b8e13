"""Load motions (with their parents), topics, and which way an aye on a motion points on a topic."""

from __future__ import annotations

import json

from sqlalchemy import Connection, select

from ..errors import InputError
from ..formats.motions_yaml import MotionRec
from ..formats.topics_yaml import TopicDef
from ..models import Division, Motion, MotionTopic, Topic
from .sync import Counts, id_map, sync


def load_motions(
    conn: Connection, motions: list[MotionRec], counts_of: dict[int, tuple[int | None, int | None]] | None = None
) -> tuple[Counts, dict[int, int]]:
    """Load motions; returns the counts and a map DivisionId → motion id for the division loader.

    A motion with no result of its own takes it from the division that decided it
    (``counts_of`` maps a DivisionId to its official ayes and noes).
    """
    counts = sync(conn, Motion.__table__, ("key",), (
        {"key": m.key, "title": m.title, "text": m.text, "classification": m.classification,
         "chamber": m.chamber, "proposer": m.proposer, "date": m.date,
         "result": m.result or _result_of(m.divisions, counts_of or {}), "note": m.note}
        for m in motions
    ))
    ids = id_map(conn, Motion.__table__)
    counts += sync(conn, Motion.__table__, ("key",), (
        {"key": m.key, "parent_id": ids[m.parent] if m.parent else None} for m in motions
    ))
    return counts, {d: ids[m.key] for m in motions for d in m.divisions}


def _result_of(divisions: list[int], counts_of: dict) -> str | None:
    if len(divisions) != 1 or divisions[0] not in counts_of:
        return None
    ayes, noes = counts_of[divisions[0]]
    return "passed" if (ayes or 0) > (noes or 0) else "failed"


def load_topics(conn: Connection, topics: list[TopicDef]) -> Counts:
    counts = sync(conn, Topic.__table__, ("slug",), (
        {"slug": t.slug, "name": t.spec.name, "description": t.spec.description or None,
         "cues": json.dumps(list(t.spec.cues)), "oppose_cues": json.dumps(list(t.spec.oppose_cues)),
         "excludes": json.dumps(list(t.spec.excludes))}
        for t in topics
    ))
    topic_ids = id_map(conn, Topic.__table__, "slug")
    motion_of = dict(conn.execute(select(Division.id, Division.motion_id)).all())
    rows = []
    for t in topics:
        for td in t.divisions:
            if td.division not in motion_of:
                raise InputError(f"topic '{t.slug}'", f"division {td.division} is not loaded")
            rows.append({"motion_id": motion_of[td.division], "topic_id": topic_ids[t.slug],
                         "aye_means": td.aye_means})
    counts += sync(conn, MotionTopic.__table__, ("motion_id", "topic_id"), rows,
                   scope="topic_id IN :topics", params={"topics": [topic_ids[t.slug] for t in topics]})
    return counts
