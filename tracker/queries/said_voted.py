"""What people said about a topic beside how they voted on the divisions that speak to it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import asdict, dataclass, field

from .common import SIDE, Seats, find_topic, many_rows, names_of
from .sql import tuples

VERDICTS = ("consistent", "contradicts", "said-only", "voted-only", "did-not-vote")


@dataclass(frozen=True, slots=True)
class VoteOnTopic:
    division_id: int
    date: str
    option: str  # aye | no | did not vote
    direction: str | None  # support | oppose | None


@dataclass(slots=True)
class SaidVotedRow:
    person: str
    person_id: int
    party: str | None
    said: str | None  # support | oppose | mixed | None
    said_first: str | None
    said_latest: str | None  # the stance of the latest statement
    votes: list[VoteOnTopic] = field(default_factory=list)
    verdict: str = "said-only"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class LinkedDivision:
    id: int
    date: str
    title: str
    aye_means: str


def linked_divisions(conn, topic_id: int) -> list[LinkedDivision]:
    rows = tuples(conn, """
        SELECT d.id, d.date, d.title, mt.aye_means FROM division d JOIN motion_topic mt ON mt.motion_id = d.motion_id
        WHERE mt.topic_id = :topic ORDER BY d.date, d.id""", {"topic": topic_id})
    return [LinkedDivision(*r) for r in rows]


def direction_of(option: str, aye_means: str) -> str | None:
    side = SIDE.get(option)
    if side is None:
        return None
    other = "oppose" if aye_means == "support" else "support"
    return aye_means if side == "aye" else other


def verdict(said: str | None, latest: str | None, votes: list[VoteOnTopic]) -> str:
    directed = [v.direction for v in votes if v.direction]
    if said is None:
        return "voted-only"
    if not votes:
        return "said-only"
    if not directed:
        return "did-not-vote"
    stance = latest if said == "mixed" else said
    return "consistent" if all(d == stance for d in directed) else "contradicts"


@many_rows()
def said_vs_voted(
    conn,
    topic: str,
    *,
    party: str | None = None,
    person_ids: set[int] | None = None,
    include_non_mps: bool = False,
) -> list[SaidVotedRow]:
    t = find_topic(conn, topic)
    divisions = linked_divisions(conn, t.id)
    stances: dict[int, list[tuple[str, str]]] = defaultdict(list)
    query = """SELECT person_id, date, stance FROM position
               WHERE topic_id = :topic AND status != 'rejected' AND person_id IS NOT NULL"""
    votes = "SELECT person_id, division_id, option FROM vote WHERE division_id IN :divisions"
    params = {"topic": t.id, "divisions": [d.id for d in divisions]}
    if person_ids is not None:
        query += " AND person_id IN :people"
        votes += " AND person_id IN :people"
        params["people"] = list(person_ids)
    for pid, day, stance in tuples(conn, query + " ORDER BY date IS NOT NULL, date, id", params):
        stances[pid].append((day or "", stance))
    n = len(divisions)
    # one shared, immutable answer per division and way of voting: thousands of people give the same
    answers = {d.id: (i, {option: VoteOnTopic(d.id, d.date, SIDE[option], direction_of(option, d.aye_means))
                          for option in SIDE}) for i, d in enumerate(divisions)}
    absent = [VoteOnTopic(d.id, d.date, "did not vote", None) for d in divisions]
    # each person's votes as one slot per linked division, in date order (None: no vote recorded)
    cast: dict[int, list[VoteOnTopic | None]] = {}
    if divisions:
        for pid, division_id, option in tuples(conn, votes, params):
            slots = cast.get(pid)
            if slots is None:
                slots = cast[pid] = [None] * n
            i, by_option = answers[division_id]
            slots[i] = by_option[option]
    people = set(stances) | set(cast)
    if person_ids is not None:
        people &= person_ids
    seats = Seats(conn, people)
    names = names_of(conn, people)
    days = [d.date for d in divisions]  # in date order
    rows = []
    for pid in people:
        said_list = stances.get(pid, [])
        kinds = {s for _, s in said_list}
        said = None if not kinds else (kinds.pop() if len(kinds) == 1 else "mixed")
        slots = cast.get(pid)
        voted = slots is not None
        if not voted:
            if said is None:
                continue
            slots = [None] * n
        # a linked division held while this person sat in the Commons, with no vote recorded: did not vote
        sat_in_any = False
        for start, end in seats.commons_spans(pid):
            for i in range(bisect_left(days, start), bisect_right(days, end)):
                sat_in_any = True
                if slots[i] is None:
                    slots[i] = absent[i]
        votes = [v for v in slots if v is not None]
        first = said_list[0][0] if said_list else None
        sat = voted or any(seats.is_mp(pid, day) for day, _ in said_list)
        if not include_non_mps and not sat and not sat_in_any:
            continue
        when = first or (votes[0].date if votes else None)
        _, party_name, _ = seats.on(pid, when)
        if party_name is None:
            party_name = seats.on(pid, None)[1]
        if party and (not party_name or party.lower() not in party_name.lower()):
            continue
        rows.append(SaidVotedRow(names[pid], pid, party_name, said, first or None,
                                 said_list[-1][1] if said_list else None, votes,
                                 verdict(said, said_list[-1][1] if said_list else None, votes)))
    rows.sort(key=lambda r: (VERDICTS.index(r.verdict), r.said_first or "9999", r.person))
    return rows
