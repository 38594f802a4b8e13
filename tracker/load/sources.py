"""Load texts and what extraction found in them.

A text is keyed by the SHA-256 of its content, so ingesting it again is a
no-op. Positions carry a fingerprint that stays the same when the extractor is
re-run or improved (source, person, topic, stance and the sentence the quote
starts in), so a reviewer's decision on a position outlives every rebuild.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, and_, func, select

from ..extract.records import Directory, Extraction, precision_of
from ..models import (
    Mention,
    Person,
    Position,
    ReportedTally,
    Source,
    Topic,
    VoteClaim,
)
from .sync import Counts, id_map, sync

if TYPE_CHECKING:
    from ..formats.articles import ArticleInput

LOCAL_PREFIX = "local/"  # key prefix of people who are not in the registry
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n")


@dataclass
class Extracted:
    article: ArticleInput
    extraction: Extraction


def sentence_start(text: str, pos: int) -> int:
    """Offset where the sentence holding ``pos`` starts."""
    start = 0
    for m in _SENTENCE_END.finditer(text, 0, pos):
        start = m.end()
    return start


def fingerprint(sha256: str, who: str, topic: str, stance: str, anchor: int) -> str:
    return hashlib.sha1(f"{sha256}|{who}|{topic}|{stance}|{anchor}".encode()).hexdigest()


def local_key(name: str) -> str:
    return LOCAL_PREFIX + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# how a text first came in stays as it was: the same words fetched again, or saved again, change nothing
ORIGIN_KEPT = ("canonical_url", "raw_sha256", "fetched_at", "fetch", "previous_id")


def _origin(article: ArticleInput) -> dict:
    o = article.origin
    if o is None:
        return {"canonical_url": None, "raw_sha256": None, "fetched_at": None, "fetch": None, "previous_id": None}
    return {"canonical_url": o.canonical_url, "raw_sha256": o.raw_sha256, "fetched_at": o.fetched_at,
            "fetch": o.fetch_record(), "previous_id": None}


def _link_versions(conn: Connection) -> None:
    """A page stored again with other words is a new version: it points at the one it follows."""
    s, earlier = Source.__table__, Source.__table__.alias("earlier")
    same_page = and_(earlier.c.canonical_url == s.c.canonical_url, earlier.c.id < s.c.id)
    conn.execute(s.update().where(s.c.previous_id.is_(None), s.c.canonical_url.is_not(None),
                                  select(earlier.c.id).where(same_page).exists())
                 .values(previous_id=select(func.max(earlier.c.id)).where(same_page).scalar_subquery()))


def load_sources(conn: Connection, items: Iterable[Extracted], directory: Directory) -> Counts:
    """Store each text and replace what was extracted from it; curated rows and review status stay."""
    counts = Counts()
    items = list(items)
    counts += sync(conn, Source.__table__, ("sha256",), (
        {"sha256": it.article.sha256, "kind": it.article.meta.kind, "outlet": it.article.meta.outlet,
         "url": it.article.meta.url, "title": it.article.meta.title, "published": it.article.meta.published,
         "published_precision": precision_of(it.article.meta.published), "author": it.article.meta.author,
         "path": it.article.path, "text": it.article.text, **_origin(it.article)}
        for it in items
    ), keep=ORIGIN_KEPT)
    _link_versions(conn)
    counts += _local_people(conn, items)
    sources = dict(conn.execute(select(Source.sha256, Source.id)).all())
    people = id_map(conn, Person.__table__)
    topics = id_map(conn, Topic.__table__, "slug")
    known = directory.by_key()

    def person_id(key, name):
        if key:
            return people.get(key)
        return people.get(local_key(name)) if name else None

    def is_mp(key, day, said_by_text):
        """Sat in the Commons on that day, by the registry; someone outside the registry never did."""
        person = known.get(key) if key else None
        if person is None:
            return False
        return person.is_mp_on(day) if day else said_by_text

    for it in items:
        sid, text, sha, ex = sources[it.article.sha256], it.article.text, it.article.sha256, it.extraction
        counts += sync(conn, Mention.__table__, ("source_id", "start", "end"), (
            {"source_id": sid, "start": m.start, "end": m.end, "text": m.text,
             "person_id": person_id(m.person_key, m.person_name), "resolved_by": m.resolved_by,
             "confidence": round(m.confidence, 3), "role": m.role,
             "is_mp": is_mp(m.person_key, it.article.meta.published, m.is_mp)}
            for m in ex.mentions
        ), scope="source_id = :sid", params={"sid": sid})
        rows: dict[str, dict] = {}
        for p in ex.positions:
            if p.topic not in topics:
                continue
            who = p.person_key or (local_key(p.person_name) if p.person_name else "")
            fp = fingerprint(sha, who, p.topic, p.stance, sentence_start(text, p.start))
            row = {
                "fingerprint": fp, "source_id": sid, "person_id": person_id(p.person_key, p.person_name),
                "speaker_as_written": p.speaker_as_written, "topic_id": topics[p.topic], "stance": p.stance,
                "qualifiers": json.dumps(sorted(set(p.qualifiers))), "date": p.date,
                "date_precision": p.date_precision or precision_of(p.date), "quote": p.quote,
                "start": p.start, "end": p.end, "confidence": round(p.confidence, 3),
                "needs_review": p.needs_review, "is_mp": is_mp(p.person_key, p.date, p.is_mp), "evidence": p.evidence,
                "method": "extracted", "status": "pending", "original": None,
            }
            if fp not in rows or rows[fp]["confidence"] < row["confidence"]:
                rows[fp] = row
        _keep_corrections(conn, sid, rows)
        counts += sync(conn, Position.__table__, ("fingerprint",), rows.values(),
                       scope="source_id = :sid AND method = 'extracted'", params={"sid": sid},
                       keep=("status", "note"))
        counts += sync(conn, VoteClaim.__table__, ("source_id", "start", "end"), (
            {"source_id": sid, "person_id": person_id(v.person_key, v.person_name),
             "topic_id": topics.get(v.topic) if v.topic else None, "option": v.option, "date": v.date,
             "date_precision": v.date_precision or precision_of(v.date), "quote": v.quote, "start": v.start,
             "end": v.end, "confidence": round(v.confidence, 3), "stated_division_id": v.division_id}
            for v in ex.vote_claims
        ), scope="source_id = :sid", params={"sid": sid})
        counts += sync(conn, ReportedTally.__table__, ("source_id", "start", "end"), (
            {"source_id": sid, "motion": t.motion, "chamber": t.chamber, "date": t.date,
             "date_precision": t.date_precision or precision_of(t.date), "ayes": t.ayes, "noes": t.noes,
             "result": t.result, "quote": t.quote, "start": t.start, "end": t.end,
             "party_counts": json.dumps([{"party": c.party, "aye": c.aye, "no": c.no} for c in t.party_counts]),
             "confidence": round(t.confidence, 3)}
            for t in ex.tallies
        ), scope="source_id = :sid", params={"sid": sid})
    return counts


def _keep_corrections(conn: Connection, source_id: int, rows: dict[str, dict]) -> None:
    """A reviewer's corrections outlive re-extraction: each corrected column keeps its stored value,
    and ``original`` records what extraction finds there now."""
    t = Position.__table__
    for old in conn.execute(select(t).where(t.c.source_id == source_id, t.c.original.is_not(None))).mappings():
        row = rows.get(old["fingerprint"])
        if row is not None:
            corrected = json.loads(old["original"])
            row["original"] = json.dumps({c: row[c] for c in corrected}, sort_keys=True)
            row.update({c: old[c] for c in corrected})


def _local_people(conn: Connection, items: list[Extracted]) -> Counts:
    """People named in texts who are not in the registry get a row of their own."""
    names: dict[str, str] = {}
    for it in items:
        ex = it.extraction
        for rec in (*ex.mentions, *ex.positions, *ex.vote_claims):
            if rec.person_key is None and rec.person_name:
                names.setdefault(local_key(rec.person_name), rec.person_name)
    parts = {k: n.split() for k, n in names.items()}
    return sync(conn, Person.__table__, ("key",), (
        {"key": k, "name": n, "given_name": parts[k][0] if len(parts[k]) > 1 else None,
         "family_name": parts[k][-1] if len(parts[k]) > 1 else None,
         "sort_name": f"{parts[k][-1]}, {' '.join(parts[k][:-1])}" if len(parts[k]) > 1 else n,
         "honorific": None, "in_registry": False}
        for k, n in sorted(names.items())
    ))
