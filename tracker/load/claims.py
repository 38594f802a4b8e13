"""Check what texts say about votes against the official record.

A vote claim ("Kate Hollern voted for the SNP amendment") is matched to one
division: the one extraction named when it knows it, else one of the claim's
topic's linked divisions (``motion_topic``) on the claim's day, or within its
month when the text gives only the month. When several divisions fit, the one
dated exactly the claim's date is taken; if that still leaves more than one,
or none, the claim stays unmatched rather than guessed. A matched claim is
compared with the person's recorded vote there: a teller counts with the side
they told for; a member who sat in the chamber that day and has no vote "did
not vote", which a claimed abstention agrees with. The record is never changed.

``check_vote_claims`` is run after every load that can change the answer
(texts, divisions, topics, the registry), inside the load's transaction, and
writes only the claims whose check came out differently, so a second run is a
no-op.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, select, tuple_

from ..models import Division, MotionTopic, Vote, VoteClaim
from ..queries.common import SIDE, Seats
from .sync import Counts

DID_NOT_VOTE = "did not vote"
CLAIM_OPTIONS = ("aye", "no", "abstain")
CHUNK = 500  # ids bound into one IN (...)


def conflict_of(claimed: str, official: str | None) -> bool | None:
    """True when the claim differs from the record, False when it agrees, None when it cannot be checked."""
    if official is None or claimed not in CLAIM_OPTIONS:
        return None
    if claimed == "abstain":
        return official != DID_NOT_VOTE
    return claimed != official


def pick_division(candidates: list[tuple[str, int]], date: str) -> int | None:
    """Of (date, division id) pairs that fit a claim, the one to check it against, or None when unsure."""
    if len(candidates) == 1:
        return candidates[0][1]
    exact = [d for day, d in candidates if day == date]
    return exact[0] if len(exact) == 1 else None


def _chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def check_vote_claims(conn: Connection) -> Counts:
    """Match every stored vote claim to a division, look up the official vote, and flag disagreements."""
    c = VoteClaim.__table__
    claims = conn.execute(select(c.c.id, c.c.person_id, c.c.topic_id, c.c.option, c.c.date, c.c.date_precision,
                                 c.c.stated_division_id, c.c.division_id, c.c.matched_by, c.c.official_option,
                                 c.c.conflict)).all()
    counts = Counts()
    if not claims:
        return counts
    # each topic's linked divisions, by day
    linked: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    division_of: dict[int, tuple[str, str]] = {}  # id → (date, chamber)
    for topic_id, division_id, day, chamber in conn.execute(
            select(MotionTopic.topic_id, Division.id, Division.date, Division.chamber)
            .join(Division, Division.motion_id == MotionTopic.motion_id)):
        linked[topic_id][day].append(division_id)
        division_of[division_id] = (day, chamber)
    stated = sorted({r.stated_division_id for r in claims if r.stated_division_id is not None} - set(division_of))
    for chunk in _chunks(stated):
        for division_id, day, chamber in conn.execute(
                select(Division.id, Division.date, Division.chamber).where(Division.id.in_(chunk))):
            division_of[division_id] = (day, chamber)

    matched: dict[int, tuple[int | None, str | None]] = {}
    for r in claims:
        matched[r.id] = _match(r, linked, division_of)
    pairs = sorted({(matched[r.id][0], r.person_id) for r in claims
                    if matched[r.id][0] is not None and r.person_id is not None})
    votes: dict[tuple[int, int], str] = {}
    for chunk in _chunks(pairs):
        votes.update(((d, p), option) for d, p, option in conn.execute(
            select(Vote.division_id, Vote.person_id, Vote.option)
            .where(tuple_(Vote.division_id, Vote.person_id).in_(chunk))))
    seats = Seats(conn, {p for _, p in pairs})

    updates = []
    for r in claims:
        division_id, how = matched[r.id]
        official = None
        if division_id is not None and r.person_id is not None:
            option = votes.get((division_id, r.person_id))
            if option is not None:
                official = SIDE[option]
            else:
                day, chamber = division_of[division_id]
                if seats.on(r.person_id, day)[0] == chamber:
                    official = DID_NOT_VOTE
        new = (division_id, how, official, conflict_of(r.option, official))
        old = (r.division_id, r.matched_by, r.official_option, None if r.conflict is None else bool(r.conflict))
        if new != old:
            updates.append({"_id": r.id, "_division_id": new[0], "_matched_by": new[1], "_official": new[2],
                            "_conflict": new[3]})
    if updates:
        conn.execute(c.update().where(c.c.id == bindparam("_id")).values(
            division_id=bindparam("_division_id"), matched_by=bindparam("_matched_by"),
            official_option=bindparam("_official"), conflict=bindparam("_conflict")), updates)
    counts.updated = len(updates)  # the claims themselves were counted when they were stored
    return counts


def _match(claim, linked, division_of) -> tuple[int | None, str | None]:
    """(division id, how it was matched) for one claim, or (None, None)."""
    if claim.stated_division_id is not None:
        if claim.stated_division_id in division_of:
            return claim.stated_division_id, "text"
        return None, None  # named by the text but not loaded (yet): never replaced by a guess
    if claim.topic_id is None or not claim.date or claim.topic_id not in linked:
        return None, None
    days = linked[claim.topic_id]
    precision = claim.date_precision or {10: "day", 7: "month"}.get(len(claim.date))
    if precision == "day":
        candidates = [(claim.date, d) for d in days.get(claim.date, [])]
    elif precision == "month":
        candidates = [(day, d) for day, ids in days.items() if day[:7] == claim.date[:7] for d in ids]
    else:
        return None, None
    found = pick_division(sorted(candidates), claim.date)
    return (found, "date") if found is not None else (None, None)
