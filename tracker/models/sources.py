"""Texts and what extraction found in them: mentions, positions, vote claims, reported tallies."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Float, ForeignKey, Index, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Source(Base):
    """A stored text: a news article, a Hansard extract, a statement or a column."""

    __tablename__ = "source"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # news | hansard | statement | column
    outlet: Mapped[str | None] = mapped_column(String)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(10))
    published_precision: Mapped[str | None] = mapped_column(String(5))
    author: Mapped[str | None] = mapped_column(String)
    path: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    # a web page: the address the page gives for itself, the SHA-256 of the bytes as fetched or saved, when it
    # was fetched, the fetch itself (JSON: address asked for, final address, redirects, content type, ETag,
    # Last-Modified), and the earlier version of the same page this one follows
    canonical_url: Mapped[str | None] = mapped_column(Text, index=True)
    raw_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    fetched_at: Mapped[str | None] = mapped_column(String(20))
    fetch: Mapped[str | None] = mapped_column(Text)
    previous_id: Mapped[int | None]  # a source id; not a foreign key, so SQLite adds it without a rebuild


class Mention(Base):
    """A reference to a person as written, beside the person it was resolved to (if any)."""

    __tablename__ = "mention"
    __table_args__ = (UniqueConstraint("source_id", "start", "end"), Index(None, "person_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"))
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    resolved_by: Mapped[str] = mapped_column(String(20))
    confidence: Mapped[float] = mapped_column(Float)
    role: Mapped[str | None] = mapped_column(String)
    is_mp: Mapped[bool | None]


class Position(Base):
    """A stated position: who, on which topic, which way, when, and the exact words."""

    __tablename__ = "position"
    __table_args__ = (
        Index(None, "topic_id", "date"),
        Index(None, "person_id"),
        Index(None, "source_id"),
        CheckConstraint("stance IN ('support', 'oppose')", name="stance"),
        CheckConstraint("method IN ('extracted', 'curated')", name="method"),
        CheckConstraint("status IN ('pending', 'confirmed', 'rejected', 'corrected')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(40), unique=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    speaker_as_written: Mapped[str | None] = mapped_column(Text)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id"))
    stance: Mapped[str] = mapped_column(String(10))
    qualifiers: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    date: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(5))
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int]
    end: Mapped[int]
    confidence: Mapped[float] = mapped_column(Float)
    is_mp: Mapped[bool | None]
    evidence: Mapped[str] = mapped_column(String(20), default="statement")
    method: Mapped[str] = mapped_column(String(10), default="extracted")
    status: Mapped[str] = mapped_column(String(10), default="pending")
    note: Mapped[str | None] = mapped_column(Text)
    needs_review: Mapped[bool] = mapped_column(default=False, server_default=false())  # low confidence
    original: Mapped[str | None] = mapped_column(Text)  # JSON: what extraction found, for the fields a review corrected
    # a position added by hand: "verbatim" when its quote was found in the stored source, "unverified" when it
    # could not be (the source is not stored, or its words differ); None for what extraction found
    quote_check: Mapped[str | None] = mapped_column(String(12))


class VoteClaim(Base):
    """A text's claim that someone voted a way, checked against the official division it speaks of.

    The claim is kept as the text makes it; the record is never changed by it. ``division_id`` is the
    division it was matched to (the one extraction named, else the topic's linked division on that day or in
    that month), ``official_option`` what the record gives for the person there (aye, no, or did not vote),
    and ``conflict`` is true when the two differ, false when they agree, and null while the claim is unchecked.
    """

    __tablename__ = "vote_claim"
    __table_args__ = (UniqueConstraint("source_id", "start", "end"), Index(None, "person_id"),
                      Index(None, "division_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("topic.id"))
    option: Mapped[str] = mapped_column(String(10))  # aye | no | abstain, as the text claims
    date: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(5))
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int]
    end: Mapped[int]
    confidence: Mapped[float] = mapped_column(Float)
    # the DivisionId extraction said the text speaks of; no foreign key, as it may not be loaded yet
    stated_division_id: Mapped[int | None]
    division_id: Mapped[int | None] = mapped_column(ForeignKey("division.id"))
    matched_by: Mapped[str | None] = mapped_column(String(10))  # text (extraction named it) | date
    official_option: Mapped[str | None] = mapped_column(String(12))  # aye | no | did not vote
    conflict: Mapped[bool | None]  # null: unchecked


class ReportedTally(Base):
    """A division's counts as a source reported them; kept beside, never over, the official record."""

    __tablename__ = "reported_tally"
    __table_args__ = (UniqueConstraint("source_id", "start", "end"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("source.id", ondelete="CASCADE"))
    motion: Mapped[str | None] = mapped_column(Text)
    chamber: Mapped[str | None] = mapped_column(String(20))
    date: Mapped[str | None] = mapped_column(String(10))
    date_precision: Mapped[str | None] = mapped_column(String(5))
    ayes: Mapped[int | None]
    noes: Mapped[int | None]
    result: Mapped[str | None] = mapped_column(String(20))
    quote: Mapped[str] = mapped_column(Text)
    start: Mapped[int]
    end: Mapped[int]
    party_counts: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of {party, aye, no}
    confidence: Mapped[float] = mapped_column(Float)
    division_id: Mapped[int | None] = mapped_column(ForeignKey("division.id"))
    conflict: Mapped[bool] = mapped_column(default=False)
