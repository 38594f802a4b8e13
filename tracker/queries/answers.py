"""The stored answers (``tracker.models.answers``) read quickly, through any connection.

Who backed a topic and said-vs-voted, row by row as ``who_backed`` and ``said_vs_voted`` give them, with
the evidence summed up the way the CLI's tables show it. These functions take a SQLAlchemy connection or a
plain ``sqlite3`` one and import nothing heavy, so a command that only reads answers starts quickly; the
loads keep the tables true (``tracker.load.answers``), and tests check them against the full questions.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..errors import NotFound
from .sql import tuples


@dataclass
class TopicRow:
    id: int
    slug: str
    name: str
    description: str | None


@dataclass(slots=True)
class BackerSummary:
    person: str
    person_id: int
    party: str | None
    constituency: str | None
    first_date: str | None
    statements: int
    votes: str | None  # "aye 1666 (2023-11-15), ..."
    first_quote: str | None
    first_source: str | None  # outlet, else path

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class SaidVotedSummary:
    person: str
    person_id: int
    party: str | None
    said: str | None
    said_first: str | None
    votes: str | None  # "aye 1666, did not vote 1670, ..."
    verdict: str

    def to_dict(self) -> dict:
        return asdict(self)


def match_topic(topics: list[TopicRow], text: str) -> TopicRow:
    """A topic by slug, by name, or by a word of its name ("ceasefire")."""
    wanted = text.strip().lower()
    for row in topics:
        if wanted in (row.slug.lower(), row.name.lower()):
            return row
    words = [r for r in topics if wanted in _words(r.slug) | _words(r.name)]
    if len(words) == 1:
        return words[0]
    if len(words) > 1:
        raise NotFound(f"topic '{text}' is ambiguous", [r.slug for r in words])
    from rapidfuzz import fuzz, process

    close = process.extract(wanted, {r.slug: r.slug for r in topics}, scorer=fuzz.WRatio, limit=3, score_cutoff=50)
    raise NotFound(f"no topic '{text}'", [slug for _, _, slug in close] or [r.slug for r in topics])


def _words(text: str) -> set[str]:
    return set(text.lower().replace("-", " ").split())


def topic(conn, text: str) -> TopicRow:
    return match_topic([TopicRow(*r) for r in tuples(conn, "SELECT id, slug, name, description FROM topic")], text)


def party_matches(wanted: str, party_name: str | None) -> bool:
    """Whether a party filter (a name or slug, "labour") picks ``party_name`` in who-backed."""
    if not party_name:
        return False
    w = wanted.strip().lower().replace("-", " ")
    p = party_name.lower().replace("-", " ")
    return w == p or w in p.split("/") or p.startswith(w)


def backers(conn, topic_text: str, *, party: str | None = None) -> list[BackerSummary]:
    """Who backed the topic (members of the Commons), earliest first: ``who_backed``'s rows, summed up."""
    t = topic(conn, topic_text)
    found = [BackerSummary(*r) for r in tuples(conn, """
        SELECT person, person_id, party, constituency, first_date, statements, votes, first_quote, first_source
        FROM answer_backer WHERE topic_id = :topic ORDER BY rank""", {"topic": t.id})]
    return [r for r in found if not party or party_matches(party, r.party)]


def said_voted(conn, topic_text: str, *, party: str | None = None,
               verdict: str | None = None) -> list[SaidVotedSummary]:
    """What members said on the topic beside how they voted: ``said_vs_voted``'s rows, summed up."""
    t = topic(conn, topic_text)
    found = [SaidVotedSummary(*r) for r in tuples(conn, """
        SELECT person, person_id, party, said, said_first, votes, verdict
        FROM answer_said_voted WHERE topic_id = :topic ORDER BY rank""", {"topic": t.id})]
    return [r for r in found if (not party or (r.party and party.lower() in r.party.lower()))
            and (verdict is None or r.verdict == verdict)]
