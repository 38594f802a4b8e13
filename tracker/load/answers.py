"""Keep the answer tables (``tracker.models.answers``) true to the base tables, inside the load's transaction.

Every load that can change an answer ends by refreshing the answers it may have changed: the party breakdown
of each division it touched (all of them after the registry changes), and who backed each topic and what was
said beside what was voted on it. The answers come from ``tracker.queries``, the one place questions are
answered, so a view over an answer table gives the rows the query module gives. Rows are written through
``sync``: a load that changes nothing writes nothing here either.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..queries.divisions import party_breakdowns
from ..queries.sql import column, tuples
from .sync import Counts, sync

EVERY = None  # refresh every topic or division


def refresh_answers(conn, *, topics: Iterable[int] | None = EVERY,
                    divisions: Iterable[int] | None = EVERY) -> Counts:
    """Recompute the answers for ``topics`` (ids) and ``divisions`` (ids); None means all of them."""
    counts = refresh_topics(conn, topics)
    counts += refresh_divisions(conn, divisions)
    return counts


def stored_divisions(conn) -> set[int]:
    return set(column(conn, "SELECT id FROM division"))


def linked_topics(conn) -> dict[int, set[int]]:
    """Division id → the topics it speaks to, for every division linked to a topic (a few hundred)."""
    out: dict[int, set[int]] = {}
    for division_id, topic_id in tuples(conn, """
            SELECT d.id, mt.topic_id FROM division d JOIN motion_topic mt ON mt.motion_id = d.motion_id"""):
        out.setdefault(division_id, set()).add(topic_id)
    return out


def topics_of_divisions(conn, division_ids: Iterable[int],
                        before: dict[int, set[int]] | None = None) -> set[int]:
    """The topics any of ``division_ids`` speaks to now, or spoke to ``before`` the load."""
    found: set[int] = set()
    for links in (linked_topics(conn), before or {}):
        for division_id in division_ids:
            found |= links.get(division_id, set())
    return found


BACKERS, SAID_VOTED, PARTY_VOTES = "answer_backer", "answer_said_voted", "answer_party_vote"


def refresh_topics(conn, topic_ids: Iterable[int] | None = EVERY) -> Counts:
    query, params = "SELECT id, slug FROM topic", {}
    if topic_ids is not None:
        topic_ids = sorted(set(topic_ids))
        if not topic_ids:
            return Counts()
        query, params = query + " WHERE id IN :ids", {"ids": topic_ids}
    counts = Counts()
    for topic_id, slug in tuples(conn, query + " ORDER BY id", params):
        counts += sync(conn, BACKERS, ("topic_id", "person_id"), backer_rows(conn, topic_id, slug),
                       scope="topic_id = :topic", params={"topic": topic_id})
        counts += sync(conn, SAID_VOTED, ("topic_id", "person_id"), said_voted_rows(conn, topic_id, slug),
                       scope="topic_id = :topic", params={"topic": topic_id})
    if topic_ids is None:  # topics gone: their answers go too
        for table in (BACKERS, SAID_VOTED):
            counts += sync(conn, table, ("topic_id", "person_id"), [],
                           scope="topic_id NOT IN (SELECT id FROM topic)")
    return counts


def backer_rows(conn, topic_id: int, slug: str) -> list[dict]:
    from ..queries.backers import who_backed  # here: a load that touches no topic need not load the questions

    rows = []
    for rank, r in enumerate(who_backed(conn, slug)):
        votes = sorted((e for e in r.evidence if e.kind == "vote"), key=lambda e: (e.date or "9999", e.division_id))
        statements = [e for e in r.evidence if e.kind == "statement"]
        first = min(statements, key=lambda e: (e.date or "9999", e.position_id)) if statements else None
        rows.append({
            "topic_id": topic_id, "person_id": r.person_id, "rank": rank, "topic": slug, "person": r.person,
            "party": r.party, "constituency": r.constituency, "first_date": r.first_date,
            "statements": len(statements), "vote_count": len(votes), "evidence": len(r.evidence),
            "votes": ", ".join(f"{e.option} {e.division_id} ({e.date})" for e in votes) or None,
            "first_quote": first.quote if first else None,
            "first_source": (first.source.outlet or first.source.path) if first else None,
            "first_url": first.source.url if first else None,
        })
    return rows


def said_voted_rows(conn, topic_id: int, slug: str) -> list[dict]:
    from ..queries.said_voted import VERDICTS, said_vs_voted

    return [{
        "topic_id": topic_id, "person_id": r.person_id, "rank": rank, "topic": slug, "person": r.person,
        "party": r.party, "said": r.said, "said_first": r.said_first, "said_latest": r.said_latest,
        "votes": ", ".join(f"{v.option} {v.division_id}" for v in r.votes) or None, "verdict": r.verdict,
        "verdict_rank": VERDICTS.index(r.verdict),
    } for rank, r in enumerate(said_vs_voted(conn, slug))]


def refresh_divisions(conn, division_ids: Iterable[int] | None = EVERY) -> Counts:
    ids = None if division_ids is None else sorted(set(division_ids))
    return store_breakdowns(conn, party_breakdowns(conn, ids))


def store_breakdowns(conn, breakdowns) -> Counts:
    """Write (division id, date, title, breakdown) answers, replacing those of the same divisions."""
    counts = Counts()
    rows: list[dict] = []
    done: list[int] = []

    def flush() -> None:
        nonlocal counts
        if done:
            counts += sync(conn, PARTY_VOTES, ("division_id", "party"), rows, scope="division_id IN :done",
                           params={"done": done})
            rows.clear()
            done.clear()

    for division_id, day, title, by_party in breakdowns:
        done.append(division_id)
        rows.extend({"division_id": division_id, "party": b.party, "rank": rank, "date": day, "title": title,
                     "aye": b.aye, "no": b.no, "did_not_vote": b.did_not_vote,
                     "members": b.aye + b.no + b.did_not_vote} for rank, b in enumerate(by_party))
        if len(done) >= 500:
            flush()
    flush()
    return counts
