"""Topics, motions, official divisions and the votes cast in them."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

VOTE_OPTIONS = ("aye", "no", "teller_aye", "teller_no")


class Topic(Base):
    __tablename__ = "topic"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String, unique=True)
    name: Mapped[str] = mapped_column(String)
    description: Mapped[str | None] = mapped_column(Text)
    cues: Mapped[str] = mapped_column(Text)  # JSON list of cue phrases
    oppose_cues: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    excludes: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of topic slugs


class Motion(Base):
    """A motion or an amendment (an amendment points to the motion it would change)."""

    __tablename__ = "motion"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String, unique=True)
    title: Mapped[str] = mapped_column(Text)
    text: Mapped[str | None] = mapped_column(Text)
    classification: Mapped[str] = mapped_column(String(20))  # motion | amendment
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("motion.id"))
    chamber: Mapped[str | None] = mapped_column(String(20))
    proposer: Mapped[str | None] = mapped_column(String)
    date: Mapped[str | None] = mapped_column(String(10))
    result: Mapped[str | None] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)


class MotionTopic(Base):
    """Which way an aye on a motion points on a topic."""

    __tablename__ = "motion_topic"
    __table_args__ = (CheckConstraint("aye_means IN ('support', 'oppose')", name="aye_means"), Index(None, "topic_id"))

    motion_id: Mapped[int] = mapped_column(ForeignKey("motion.id", ondelete="CASCADE"), primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("topic.id", ondelete="CASCADE"), primary_key=True)
    aye_means: Mapped[str] = mapped_column(String(10))


class Division(Base):
    """An official division (a Popolo vote event); ``id`` is the Commons Votes API DivisionId."""

    __tablename__ = "division"
    __table_args__ = (Index(None, "date"), Index(None, "motion_id"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    motion_id: Mapped[int | None] = mapped_column(ForeignKey("motion.id"))
    chamber: Mapped[str] = mapped_column(String(20), default="commons")
    date: Mapped[str] = mapped_column(String(10))
    number: Mapped[int | None]
    title: Mapped[str] = mapped_column(Text)
    aye_count: Mapped[int | None]
    no_count: Mapped[int | None]


class Vote(Base):
    """One member's vote in a division, with the party they sat for that day.

    Keyed by (division, person): on SQLite the table is stored in that key's order (WITHOUT ROWID), so a
    division's votes sit together and a load writes no row id and keeps no separate unique index.
    """

    __tablename__ = "vote"
    __table_args__ = (
        Index(None, "person_id"),
        # written out rather than as IN (...): SQLite checks this form several times faster, once per vote loaded
        CheckConstraint("option = 'aye' OR option = 'no' OR option = 'teller_aye' OR option = 'teller_no'",
                        name="option"),
        {"sqlite_with_rowid": False},
    )

    division_id: Mapped[int] = mapped_column(ForeignKey("division.id", ondelete="CASCADE"), primary_key=True,
                                             autoincrement=False)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"), primary_key=True, autoincrement=False)
    option: Mapped[str] = mapped_column(String(10))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))
