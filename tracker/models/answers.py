"""Answer tables: the answers to the questions, kept up to date by every load in its own transaction.

Each row is one row of a question's answer as ``tracker.queries`` gives it, with ``rank`` its place in
that answer, so the SQL views, Datasette's canned queries and the CLI's quick paths read a few indexed
rows instead of recomputing from millions of votes. ``tracker.load.answers`` fills them.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class BackerAnswer(Base):
    """Who backed a topic, and when: one row per person who sat in the Commons, as ``who_backed`` gives them."""

    __tablename__ = "answer_backer"
    __table_args__ = (Index(None, "topic", "rank"),)

    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer)  # place in the answer: earliest first, more evidence first
    topic: Mapped[str] = mapped_column(String)  # the topic's slug
    person: Mapped[str] = mapped_column(String)
    party: Mapped[str | None] = mapped_column(String)
    constituency: Mapped[str | None] = mapped_column(String)
    first_date: Mapped[str | None] = mapped_column(String(10))
    statements: Mapped[int] = mapped_column(Integer)
    vote_count: Mapped[int] = mapped_column(Integer)
    evidence: Mapped[int] = mapped_column(Integer)
    votes: Mapped[str | None] = mapped_column(Text)  # "aye 1666 (2023-11-15), ..."
    first_quote: Mapped[str | None] = mapped_column(Text)
    first_source: Mapped[str | None] = mapped_column(String)
    first_url: Mapped[str | None] = mapped_column(String)


class SaidVotedAnswer(Base):
    """What a member said on a topic beside how they voted on its divisions, as ``said_vs_voted`` gives it."""

    __tablename__ = "answer_said_voted"
    __table_args__ = (Index(None, "topic", "rank"), Index(None, "person_id"))

    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer)  # place in the answer: by verdict, then earliest said
    topic: Mapped[str] = mapped_column(String)
    person: Mapped[str] = mapped_column(String)
    party: Mapped[str | None] = mapped_column(String)
    said: Mapped[str | None] = mapped_column(String(10))
    said_first: Mapped[str | None] = mapped_column(String(10))
    said_latest: Mapped[str | None] = mapped_column(String(10))
    votes: Mapped[str | None] = mapped_column(Text)  # "aye 1666, did not vote 1670, ..."
    verdict: Mapped[str] = mapped_column(String(20))
    verdict_rank: Mapped[int] = mapped_column(Integer)


class PartyVoteAnswer(Base):
    """How each party's members voted in a division, "did not vote" counting those who sat that day."""

    __tablename__ = "answer_party_vote"

    division_id: Mapped[int] = mapped_column(ForeignKey("division.id", ondelete="CASCADE"), primary_key=True)
    party: Mapped[str] = mapped_column(String, primary_key=True)
    rank: Mapped[int] = mapped_column(Integer)  # largest party first
    date: Mapped[str] = mapped_column(String(10))
    title: Mapped[str] = mapped_column(Text)
    aye: Mapped[int] = mapped_column(Integer)
    no: Mapped[int] = mapped_column(Integer)
    did_not_vote: Mapped[int] = mapped_column(Integer)
    members: Mapped[int] = mapped_column(Integer)
