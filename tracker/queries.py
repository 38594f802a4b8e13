"""Every question the tracker answers, in one place.

The CLI, the Python API, Datasette views and reports all call these functions,
so they give the same answers everywhere. Each takes an open connection and
returns typed rows; ``asdict`` on a row gives the JSON shape of INTERFACE.md.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, and_, or_, select
from sqlalchemy.orm import aliased

from .errors import NotFound
from .models import (
    Division, Membership, Motion, MotionTopic, Organization, Person, Position, ReportedTally, Source, Topic, Vote,
)
from .registry import CHAMBER_OF_ORG, CHAMBER_ORGS

EVIDENCE_KINDS = ("statements", "votes", "all")
SUPPORTING_OPTIONS = {"support": ("aye", "teller_aye"), "oppose": ("no", "teller_no")}


# ---------------------------------------------------------------- rows


@dataclass
class SourceRef:
    id: int
    url: str | None
    outlet: str | None
    path: str | None
    published: str | None = None


@dataclass
class Evidence:
    kind: str  # statement | vote
    date: str | None
    quote: str | None = None
    source: SourceRef | None = None
    position_id: int | None = None
    division_id: int | None = None
    title: str | None = None
    option: str | None = None


@dataclass
class BackerRow:
    person: str
    person_id: int
    party: str | None
    constituency: str | None
    is_mp: bool
    first_date: str | None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict:
        out = asdict(self)
        for ev in out["evidence"]:
            for key in [k for k, v in ev.items() if v is None and k not in ("quote", "date")]:
                del ev[key]
            if ev["kind"] == "vote":
                ev.pop("quote", None)
        return out


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
    method: str
    status: str
    evidence: str
    source: SourceRef

    def to_dict(self) -> dict:
        return asdict(self)


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


@dataclass
class TopicRow:
    id: int
    slug: str
    name: str
    description: str | None


# ---------------------------------------------------------------- look-ups


def find_topic(conn: Connection, text: str) -> TopicRow:
    """A topic by slug, by name, or by a word of its name ("ceasefire")."""
    rows = [TopicRow(r.id, r.slug, r.name, r.description) for r in conn.execute(select(Topic.__table__))]
    wanted = text.strip().lower()
    for row in rows:
        if wanted in (row.slug.lower(), row.name.lower()):
            return row
    words = [r for r in rows if wanted in _words(r.slug) | _words(r.name)]
    if len(words) == 1:
        return words[0]
    if len(words) > 1:
        raise NotFound(f"topic '{text}' is ambiguous", [r.slug for r in words])
    close = process.extract(wanted, {r.slug: r.slug for r in rows}, scorer=fuzz.WRatio, limit=3, score_cutoff=50)
    raise NotFound(f"no topic '{text}'", [slug for _, _, slug in close] or [r.slug for r in rows])


def _words(text: str) -> set[str]:
    return set(text.lower().replace("-", " ").split())


class Seats:
    """Party and seat of people on given days, from the memberships (Commons first)."""

    def __init__(self, conn: Connection, person_ids: set[int] | None = None):
        chamber, party = aliased(Organization), aliased(Organization)
        query = (
            select(Membership.person_id, chamber.key, party.name, Membership.post,
                   Membership.start_date, Membership.end_date)
            .join(chamber, chamber.id == Membership.organization_id)
            .outerjoin(party, party.id == Membership.on_behalf_of_id)
        )
        if person_ids is not None:
            query = query.where(Membership.person_id.in_(person_ids))
        self._seats: dict[int, list[tuple]] = defaultdict(list)
        for person_id, chamber_key, party_name, post, start, end in conn.execute(query):
            self._seats[person_id].append((CHAMBER_OF_ORG.get(chamber_key, chamber_key), party_name, post,
                                           start or "0000", end or "9999"))
        for seats in self._seats.values():
            seats.sort(key=lambda s: (s[0] != "commons", s[3]), reverse=False)

    def on(self, person_id: int | None, day: str | None) -> tuple[str | None, str | None, str | None]:
        """(chamber, party, seat) on ``day`` (a partial date matches any day in it); Commons first."""
        if person_id is None:
            return None, None, None
        seats = self._seats.get(person_id, [])
        if day:
            n = len(day)
            for chamber, party, post, start, end in seats:
                if start[:n] <= day <= end[:n]:
                    return chamber, party, post
            return None, None, None
        if seats:
            latest = max(seats, key=lambda s: s[3])
            return latest[0], latest[1], latest[2]
        return None, None, None

    def is_mp(self, person_id: int | None, day: str | None) -> bool:
        return self.on(person_id, day)[0] == "commons"


def _source_ref(row) -> SourceRef:
    return SourceRef(row.source_id, row.url, row.outlet, row.path, row.published)


# ---------------------------------------------------------------- questions


def who_backed(
    conn: Connection,
    topic: str,
    *,
    party: str | None = None,
    since: str | None = None,
    until: str | None = None,
    evidence: str = "all",
    include_non_mps: bool = False,
) -> list[BackerRow]:
    """One row per person who supported the topic, earliest first, with the evidence."""
    t = find_topic(conn, topic)
    found: dict[int, list[Evidence]] = defaultdict(list)
    if evidence in ("statements", "all"):
        query = (
            select(Position.id, Position.person_id, Position.date, Position.quote, Source.id.label("source_id"),
                   Source.url, Source.outlet, Source.path, Source.published)
            .join(Source, Source.id == Position.source_id)
            .where(Position.topic_id == t.id, Position.stance == "support", Position.status != "rejected",
                   Position.person_id.is_not(None))
            .order_by(Position.date, Position.id)
        )
        for r in conn.execute(query):
            found[r.person_id].append(Evidence("statement", r.date, r.quote, _source_ref(r), position_id=r.id))
    if evidence in ("votes", "all"):
        backing = or_(*(
            and_(MotionTopic.aye_means == means, Vote.option.in_(options))
            for means, options in (("support", SUPPORTING_OPTIONS["support"]),
                                   ("oppose", SUPPORTING_OPTIONS["oppose"]))
        ))
        query = (
            select(Vote.person_id, Vote.option, Division.id, Division.date, Division.title, Motion.title)
            .join(Division, Division.id == Vote.division_id)
            .join(MotionTopic, MotionTopic.motion_id == Division.motion_id)
            .outerjoin(Motion, Motion.id == Division.motion_id)
            .where(MotionTopic.topic_id == t.id, backing)
            .order_by(Division.date, Division.id)
        )
        for person_id, option, division_id, day, title, motion_title in conn.execute(query):
            found[person_id].append(Evidence("vote", day, division_id=division_id, title=motion_title or title,
                                             option=option))
    seats = Seats(conn, set(found))
    names = dict(conn.execute(select(Person.id, Person.name).where(Person.id.in_(list(found)))).all())
    rows = []
    for person_id, items in found.items():
        items = [e for e in items if (not since or (e.date or "") >= since)
                 and (not until or (e.date or "")[: len(until)] <= until)]
        if not items:
            continue
        items.sort(key=lambda e: (e.date or "9999", e.kind != "statement"))
        first = items[0].date
        _, party_name, _ = seats.on(person_id, first)
        mp_ever = any(seats.is_mp(person_id, e.date) for e in items)
        if not include_non_mps and not mp_ever:
            continue
        commons_seat = next((seats.on(person_id, e.date) for e in items if seats.is_mp(person_id, e.date)), None)
        if commons_seat:
            party_name, constituency = commons_seat[1], commons_seat[2]
        else:
            party_name, constituency = seats.on(person_id, first)[1:] if first else seats.on(person_id, None)[1:]
        if party and not _party_matches(party, party_name):
            continue
        rows.append(BackerRow(names[person_id], person_id, party_name, constituency, mp_ever, first, items))
    rows.sort(key=lambda r: (r.first_date or "9999", r.person))
    return rows


def _party_matches(wanted: str, party_name: str | None) -> bool:
    if not party_name:
        return False
    w = wanted.strip().lower().replace("-", " ")
    p = party_name.lower().replace("-", " ")
    return w == p or w in p.split("/") or p.startswith(w)


def positions(
    conn: Connection,
    *,
    topic: str | None = None,
    person: str | None = None,
    source: str | None = None,
    include_rejected: bool = True,
) -> list[PositionRow]:
    """Every stated position, in source order, filtered by topic, person or source."""
    query = (
        select(Position.__table__, Person.name.label("person_name"), Topic.slug.label("topic_slug"),
               Source.id.label("source_id"), Source.url, Source.outlet, Source.path, Source.published)
        .join(Source, Source.id == Position.source_id)
        .join(Topic, Topic.id == Position.topic_id)
        .outerjoin(Person, Person.id == Position.person_id)
        .order_by(Source.id, Position.start, Position.id)
    )
    if topic:
        query = query.where(Position.topic_id == find_topic(conn, topic).id)
    if person:
        query = query.where(Position.person_id.in_(_person_ids(conn, person)))
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
            confidence=r.confidence, method=r.method, status=r.status, evidence=r.evidence,
            source=_source_ref(r),
        ))
    return out


def _source_filter(value: str):
    if value.isdigit():
        return Source.id == int(value)
    return or_(Source.path == value, Source.url == value, Source.path.like(f"%{value}"))


def _person_ids(conn: Connection, name: str) -> list[int]:
    """People whose name or alias matches ``name`` exactly (case-insensitive), else closely."""
    from .models import PersonAlias

    wanted = " ".join(name.split()).lower()
    names = conn.execute(select(Person.id, Person.name)).all()
    aliases = conn.execute(select(PersonAlias.person_id, PersonAlias.alias)).all()
    exact = {pid for pid, n in [*names, *aliases] if n.lower() == wanted}
    if exact:
        return sorted(exact)
    choices = {i: n for i, (_, n) in enumerate([*names, *aliases])}
    owners = [pid for pid, _ in [*names, *aliases]]
    close = process.extract(wanted, choices, scorer=fuzz.WRatio, limit=5, score_cutoff=88)
    if close:
        return sorted({owners[i] for _, _, i in close})
    suggestions = process.extract(wanted, choices, scorer=fuzz.WRatio, limit=3)
    raise NotFound(f"no person '{name}'", [n for n, _, _ in suggestions])


def tallies(conn: Connection) -> list[TallyRow]:
    """Division counts as sources reported them, beside the official counts."""
    query = (
        select(ReportedTally.__table__, Source.id.label("source_id"), Source.url, Source.outlet, Source.path,
               Source.published, Division.aye_count, Division.no_count, Motion.title.label("motion_title"))
        .join(Source, Source.id == ReportedTally.source_id)
        .outerjoin(Division, Division.id == ReportedTally.division_id)
        .outerjoin(Motion, Motion.id == Division.motion_id)
        .order_by(ReportedTally.date, Source.id, ReportedTally.start)
    )
    chamber_names = {chamber: name for chamber, (_, name) in CHAMBER_ORGS.items()}
    out = []
    for r in conn.execute(query):
        official = {"ayes": r.aye_count, "noes": r.no_count} if r.division_id else None
        out.append(TallyRow(
            source=_source_ref(r), motion=r.motion or r.motion_title,
            chamber=chamber_names.get(r.chamber, r.chamber) if r.chamber else None, date=r.date,
            ayes=r.ayes, noes=r.noes, result=r.result, quote=r.quote, division_id=r.division_id,
            official=official, conflict=bool(r.conflict), party_counts=json.loads(r.party_counts),
        ))
    return out
