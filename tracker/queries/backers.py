"""Who backed a topic, and when: stated support and votes that point the same way."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass, field

from .answers import party_matches
from .common import SUPPORTING_OPTIONS, Seats, SourceRef, find_topic, many_rows, names_of, source_ref
from .sql import records, tuples

EVIDENCE_KINDS = ("statements", "votes", "all")


@dataclass(slots=True)
class Evidence:
    kind: str  # statement | vote
    date: str | None
    quote: str | None = None
    source: SourceRef | None = None
    position_id: int | None = None
    division_id: int | None = None
    title: str | None = None
    option: str | None = None


@dataclass(slots=True)
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


@many_rows()
def who_backed(
    conn,
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
        sources: dict[int, SourceRef] = {}  # a source quoted many times is one object
        for r in records(conn, """
                SELECT p.id, p.person_id, p.date, p.quote, s.id AS source_id, s.url, s.outlet, s.path, s.published
                FROM position p JOIN source s ON s.id = p.source_id
                WHERE p.topic_id = :topic AND p.stance = 'support' AND p.status != 'rejected'
                  AND p.person_id IS NOT NULL
                ORDER BY p.date IS NOT NULL, p.date, p.id""", {"topic": t.id}):
            ref = sources.get(r.source_id)
            if ref is None:
                ref = sources[r.source_id] = source_ref(r)
            found[r.person_id].append(Evidence("statement", r.date, r.quote, ref, position_id=r.id))
    if evidence in ("votes", "all"):
        linked = tuples(conn, """
            SELECT d.id, d.date, d.title, m.title, mt.aye_means
            FROM division d JOIN motion_topic mt ON mt.motion_id = d.motion_id
            LEFT JOIN motion m ON m.id = d.motion_id
            WHERE mt.topic_id = :topic ORDER BY d.date, d.id""", {"topic": t.id})
        about = {d: (day, motion_title or title) for d, day, title, motion_title, _ in linked}
        backing, params = [], {}
        for means in ("support", "oppose"):
            ids = [d for d, *_, aye_means in linked if aye_means == means]
            if ids:
                backing.append(f"(division_id IN :{means} AND option IN :{means}_options)")
                params.update({means: ids, f"{means}_options": list(SUPPORTING_OPTIONS[means])})
        if backing:
            # one narrow row per vote; what each division is comes from `about`
            shared: dict[tuple[int, str], Evidence] = {}  # many people cast the same vote: one object each
            for person_id, option, division_id in tuples(
                    conn, f"SELECT person_id, option, division_id FROM vote WHERE {' OR '.join(backing)}", params):
                ev = shared.get((division_id, option))
                if ev is None:
                    day, title = about[division_id]
                    ev = shared[division_id, option] = Evidence("vote", day, division_id=division_id, title=title,
                                                                option=option)
                found[person_id].append(ev)
    seats = Seats(conn, set(found))
    names = names_of(conn, found)
    rows = []
    for person_id, items in found.items():
        if since or until:
            items = [e for e in items if (not since or (e.date or "") >= since)
                     and (not until or (e.date or "")[: len(until)] <= until)]
            if not items:
                continue
        items.sort(key=lambda e: (e.date or "9999", e.kind != "statement"))
        first = items[0].date
        # party and seat: those of the first day the person sat in the Commons, else of the first evidence
        commons_seat = None
        for e in items:
            seat = seats.on(person_id, e.date)
            if seat[0] == "commons":
                commons_seat = seat
                break
        if commons_seat is None and not include_non_mps:
            continue
        _, party_name, constituency = commons_seat or seats.on(person_id, first)
        if party and not party_matches(party, party_name):
            continue
        rows.append(BackerRow(names[person_id], person_id, party_name, constituency, commons_seat is not None,
                              first, items))
    # earliest first; on the same day, the person with more evidence first
    rows.sort(key=lambda r: (r.first_date or "9999", -len(r.evidence), r.person))
    return rows
