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

from ..queries.common import SIDE, Seats
from ..queries.sql import records, run_many, tuples
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


def link_to_divisions(conn) -> Counts:
    """Link reported tallies and vote claims to the official division they speak of, and flag conflicts.

    How a vote claim is matched and checked: :func:`check_vote_claims`.
    """
    counts = Counts()
    by_date: dict[str, list] = {}
    for d in records(conn, "SELECT id, date, aye_count, no_count FROM division"):
        by_date.setdefault(d.date, []).append(d)

    updates = []
    for row in records(conn, """SELECT id, chamber, date, date_precision, ayes, noes, division_id, conflict
                                FROM reported_tally"""):
        match = None
        if row.chamber in ("commons", None) and row.date_precision == "day":
            scored = sorted((_distance(d, row), i, d) for i, d in enumerate(by_date.get(row.date, [])))
            if scored and scored[0][0] <= 10:
                match = scored[0][2]
        conflict = bool(match) and (match.aye_count, match.no_count) != (row.ayes, row.noes)
        new = (match.id if match else None, conflict)
        if (row.division_id, bool(row.conflict)) != new:
            updates.append({"_id": row.id, "_division_id": new[0], "_conflict": new[1]})
    run_many(conn, "UPDATE reported_tally SET division_id = :_division_id, conflict = :_conflict WHERE id = :_id",
             updates)
    counts.updated += len(updates)

    counts += check_vote_claims(conn)
    return counts


def _distance(division, tally) -> int:
    """How far a division's official counts are from a reported tally's."""
    return (abs((division.aye_count or 0) - (tally.ayes or 0))
            + abs((division.no_count or 0) - (tally.noes or 0)))


def check_vote_claims(conn) -> Counts:
    """Match every stored vote claim to a division, look up the official vote, and flag disagreements."""
    claims = records(conn, """
        SELECT id, person_id, topic_id, option, date, date_precision, stated_division_id, division_id, matched_by,
               official_option, conflict
        FROM vote_claim ORDER BY id""")
    counts = Counts()
    if not claims:
        return counts
    # each topic's linked divisions, by day
    linked: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    division_of: dict[int, tuple[str, str]] = {}  # id → (date, chamber)
    for topic_id, division_id, day, chamber in tuples(conn, """
            SELECT mt.topic_id, d.id, d.date, d.chamber
            FROM motion_topic mt JOIN division d ON d.motion_id = mt.motion_id
            ORDER BY mt.motion_id, mt.topic_id, d.id"""):
        linked[topic_id][day].append(division_id)
        division_of[division_id] = (day, chamber)
    stated = sorted({r.stated_division_id for r in claims if r.stated_division_id is not None} - set(division_of))
    for chunk in _chunks(stated):
        for division_id, day, chamber in tuples(conn, "SELECT id, date, chamber FROM division WHERE id IN :ids",
                                                {"ids": chunk}):
            division_of[division_id] = (day, chamber)

    matched: dict[int, tuple[int | None, str | None]] = {}
    for r in claims:
        matched[r.id] = _match(r, linked, division_of)
    pairs = sorted({(matched[r.id][0], r.person_id) for r in claims
                    if matched[r.id][0] is not None and r.person_id is not None})
    votes: dict[tuple[int, int], str] = {}
    for chunk in _chunks(pairs):
        # each division's voters asked for at once: (division, person) pairs by division
        wanted: dict[int, list[int]] = defaultdict(list)
        for d, p in chunk:
            wanted[d].append(p)
        for d, people in wanted.items():
            votes.update(((d, p), option) for p, option in tuples(
                conn, "SELECT person_id, option FROM vote WHERE division_id = :d AND person_id IN :people",
                {"d": d, "people": people}))
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
    run_many(conn, """UPDATE vote_claim SET division_id = :_division_id, matched_by = :_matched_by,
                      official_option = :_official, conflict = :_conflict WHERE id = :_id""", updates)
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
