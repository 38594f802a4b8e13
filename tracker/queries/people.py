"""Finding a person by what a user types, and everything known about them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, func, select
from sqlalchemy.orm import aliased

from ..errors import NotFound
from ..formats.registry import CHAMBER_OF_ORG
from ..models import Membership, Organization, Person, PersonAlias, PersonIdentifier

_HONORIFICS = re.compile(
    r"^(?:(?:the\s+)?(?:rt\.?\s+)?(?:hon\.?\s+)?)?(?:sir|dame|dr|mr|mrs|ms|miss|lord|lady|baroness|rev|prof)\.?\s+",
    re.I,
)
_SUFFIXES = re.compile(r"\s+(?:mp|msp|ms|mla|kc|qc|obe|mbe|cbe)\.?$", re.I)


@dataclass
class PersonRef:
    person_id: int
    name: str
    key: str
    matched: str  # the name or alias that matched
    how: str  # key | exact | alias | nickname | surname | fuzzy
    score: float = 100.0

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Lookup:
    """The result of looking a name up: one person, or the candidates to choose from."""

    query: str
    person: PersonRef | None
    candidates: list[PersonRef] = field(default_factory=list)


def fold(text: str) -> str:
    """Lower case, accents and punctuation folded, honorifics and post-nominals dropped."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"\([^)]*\)", " ", text)  # "Thangam Debbonaire (Baroness)"
    text = re.sub(r"[^\w\s'-]", " ", text)
    text = " ".join(text.split())
    while True:
        stripped = _SUFFIXES.sub("", _HONORIFICS.sub("", text)).strip()
        if stripped == text:
            return text
        text = stripped


@lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer

    return NickNamer()


def given_name_variants(given: str) -> set[str]:
    """'liz' → {'liz', 'elizabeth', ...}: a given name, its nicknames and what it is short for."""
    given = given.lower()
    nn = _nicknamer()
    out = {given} | nn.nicknames_of(given) | nn.canonicals_of(given)
    for canonical in nn.canonicals_of(given):
        out |= nn.nicknames_of(canonical)
    return out


def find_person(conn: Connection, name: str, limit: int = 10) -> Lookup:
    """Look a person up by name, alias, nickname ("Liz Truss"), surname or near-miss spelling."""
    wanted = fold(name)
    if not wanted:
        raise NotFound("an empty name matches nobody")
    # a registry key ("uk.org.publicwhip/person/25364") names its person, as callers pass on a
    # fuzzy match's key to be sure of getting that very person again
    by_key = conn.execute(select(Person.id, Person.name, Person.key).where(Person.key == name.strip())).first()
    if by_key is not None:
        return Lookup(name, PersonRef(by_key.id, by_key.name, by_key.key, by_key.key, "key"))
    typed = " ".join(name.split()).lower()
    # a name or alias typed as stored is found by the database, without folding every name
    direct = conn.execute(
        select(Person.id, Person.name, Person.key).where(func.lower(Person.name) == typed)
        .union(select(Person.id, Person.name, Person.key).join(PersonAlias, PersonAlias.person_id == Person.id)
               .where(func.lower(PersonAlias.alias) == typed))
    ).all()
    if direct:
        return _decide(name, [PersonRef(pid, pname, key, name, "exact") for pid, pname, key in sorted(direct)])
    people = conn.execute(select(Person.id, Person.name, Person.key, Person.given_name, Person.family_name)).all()
    aliases = conn.execute(select(PersonAlias.person_id, PersonAlias.alias)).all()
    by_id = {p.id: p for p in people}

    def ref(pid: int, matched: str, how: str, score: float = 100.0) -> PersonRef:
        return PersonRef(pid, by_id[pid].name, by_id[pid].key, matched, how, round(score, 1))

    exact = {p.id: ref(p.id, p.name, "exact") for p in people if fold(p.name) == wanted}
    for pid, alias in aliases:
        if pid not in exact and fold(alias) == wanted:
            exact[pid] = ref(pid, alias, "alias")
    if exact:
        return _decide(name, list(exact.values()))

    words = wanted.split()
    if len(words) >= 2:
        variants, family = given_name_variants(words[0]), " ".join(words[1:])
        nick = [ref(p.id, p.name, "nickname") for p in people
                if p.given_name and p.family_name and fold(p.family_name) == family
                and fold(p.given_name).split()[0] in variants]
        if nick:
            return _decide(name, nick)
    else:
        surname = [ref(p.id, p.name, "surname") for p in people
                   if p.family_name and fold(p.family_name) == wanted]
        if surname:
            return _decide(name, sorted(surname, key=lambda r: r.name))

    choices = [(p.id, p.name) for p in people] + list(aliases)
    folded = [fold(n) for _, n in choices]
    best: dict[int, PersonRef] = {}
    for _, score, i in process.extract(wanted, folded, scorer=fuzz.ratio, limit=limit, score_cutoff=80):
        pid, matched = choices[i]
        if pid not in best or best[pid].score < score:
            best[pid] = ref(pid, matched, "fuzzy", score)
    if best:
        ranked = sorted(best.values(), key=lambda r: -r.score)
        if len(ranked) == 1 or ranked[0].score - ranked[1].score >= 5:
            return Lookup(name, ranked[0], ranked)
        return Lookup(name, None, ranked)
    close = process.extract(wanted, folded, scorer=fuzz.WRatio, limit=3)
    raise NotFound(f"no person '{name}'", [choices[i][1] for _, _, i in close])


def _decide(query: str, refs: list[PersonRef]) -> Lookup:
    return Lookup(query, refs[0] if len(refs) == 1 else None, refs)


def resolve_person(conn: Connection, name: str) -> PersonRef:
    """Exactly one person for ``name``, or NotFound naming the candidates."""
    found = find_person(conn, name)
    if found.person is None:
        raise NotFound(f"'{name}' matches {len(found.candidates)} people", [c.name for c in found.candidates])
    return found.person


@dataclass
class SeatRow:
    chamber: str
    party: str | None
    post: str | None
    role: str | None
    start_date: str | None
    end_date: str | None
    start_reason: str | None
    end_reason: str | None


@dataclass
class Identity:
    person_id: int
    key: str
    name: str
    given_name: str | None
    family_name: str | None
    honorific: str | None
    in_registry: bool
    identifiers: dict[str, str]
    aliases: list[str]
    memberships: list[SeatRow]


def identity(conn: Connection, person_id: int) -> Identity:
    p = conn.execute(select(Person.__table__).where(Person.id == person_id)).one()
    ids = dict(conn.execute(select(PersonIdentifier.scheme, PersonIdentifier.identifier)
                            .where(PersonIdentifier.person_id == person_id)).all())
    aliases = list(conn.execute(select(PersonAlias.alias).where(PersonAlias.person_id == person_id)
                                .order_by(PersonAlias.id)).scalars())
    chamber, party = aliased(Organization), aliased(Organization)
    seats = [
        SeatRow(CHAMBER_OF_ORG.get(r[0], r[0]), *r[1:])
        for r in conn.execute(
            select(chamber.key, party.name, Membership.post, Membership.role, Membership.start_date,
                   Membership.end_date, Membership.start_reason, Membership.end_reason)
            .join(chamber, chamber.id == Membership.organization_id)
            .outerjoin(party, party.id == Membership.on_behalf_of_id)
            .where(Membership.person_id == person_id).order_by(Membership.start_date.nulls_first(), Membership.id))
    ]
    return Identity(p.id, p.key, p.name, p.given_name, p.family_name, p.honorific, bool(p.in_registry),
                    dict(sorted(ids.items())), aliases, seats)


def people_index(conn: Connection) -> dict[int, str]:
    return dict(conn.execute(select(Person.id, Person.name)).all())


__all__ = ["Identity", "Lookup", "PersonRef", "SeatRow", "find_person", "fold", "given_name_variants",
           "identity", "people_index", "resolve_person"]


def keys_by_identifier(conn: Connection, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Registry keys of the people with these (scheme, identifier) pairs, e.g. ("datadotparl_id", "4363")."""
    if not pairs:
        return {}
    found = conn.execute(select(PersonIdentifier.scheme, PersonIdentifier.identifier, Person.key)
                         .join(Person, Person.id == PersonIdentifier.person_id)
                         .where(PersonIdentifier.identifier.in_(sorted({i for _, i in pairs})))).all()
    return {(scheme, ident): key for scheme, ident, key in found if (scheme, ident) in pairs}
