"""People, their names and identifiers, organizations, and memberships over time (Popolo)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class Person(Base):
    """A person: an MP, a peer, an MSP, or someone quoted who sits nowhere."""

    __tablename__ = "person"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String, unique=True)  # registry id, or "local/<name>"
    name: Mapped[str] = mapped_column(String, index=True)
    given_name: Mapped[str | None] = mapped_column(String)
    family_name: Mapped[str | None] = mapped_column(String)
    sort_name: Mapped[str | None] = mapped_column(String)
    honorific: Mapped[str | None] = mapped_column(String(40))
    in_registry: Mapped[bool] = mapped_column(default=True)


class PersonIdentifier(Base):
    """An id of a person in another scheme: theyworkforyou, datadotparl_id (MNIS), wikidata, ..."""

    __tablename__ = "person_identifier"
    __table_args__ = (UniqueConstraint("scheme", "identifier"), Index(None, "person_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    scheme: Mapped[str] = mapped_column(String(50))
    identifier: Mapped[str] = mapped_column(String)


class PersonAlias(Base):
    """Another name of a person: from the registry, a title, a nickname, a curated spelling."""

    __tablename__ = "person_alias"
    __table_args__ = (UniqueConstraint("person_id", "alias"), Index(None, "alias"))

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String(20))  # registry | title | honorific | nickname | curated | misspelling


class Organization(Base):
    """A party, a chamber or another body."""

    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String, unique=True)
    name: Mapped[str] = mapped_column(String)
    classification: Mapped[str] = mapped_column(String(40))  # party | chamber | ...


class Membership(Base):
    """A seat held between two dates, for a party; a party change or lost whip starts a new one."""

    __tablename__ = "membership"
    __table_args__ = (Index(None, "person_id", "start_date"), Index(None, "organization_id", "start_date"))

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String, unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id"))  # the chamber
    on_behalf_of_id: Mapped[int | None] = mapped_column(ForeignKey("organization.id"))  # the party
    post: Mapped[str | None] = mapped_column(String)  # constituency or region
    role: Mapped[str | None] = mapped_column(String)
    start_date: Mapped[str | None] = mapped_column(String(10))
    end_date: Mapped[str | None] = mapped_column(String(10))
    start_reason: Mapped[str | None] = mapped_column(String(60))
    end_reason: Mapped[str | None] = mapped_column(String(60))


__all__ = ["Person", "PersonIdentifier", "PersonAlias", "Organization", "Membership"]
