"""Finding a person by what a user types, and everything known about them."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from ..errors import NotFound
from ..formats.chambers import CHAMBER_OF_ORG
from .sql import column, first, records, tuples

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


def find_person(conn, name: str, limit: int = 10) -> Lookup:
    """Look a person up by name, alias, nickname ("Liz Truss"), surname or near-miss spelling."""
    wanted = fold(name)
    if not wanted:
        raise NotFound("an empty name matches nobody")
    # a registry key ("uk.org.publicwhip/person/25364") names its person, as callers pass on a
    # fuzzy match's key to be sure of getting that very person again
    by_key = first(conn, "SELECT id, name, key FROM person WHERE key = :key", {"key": name.strip()})
    if by_key is not None:
        return Lookup(name, PersonRef(by_key.id, by_key.name, by_key.key, by_key.key, "key"))
    typed = " ".join(name.split()).lower()
    # a name or alias typed as stored is found by the database, without folding every name
    direct = tuples(conn, """
        SELECT id, name, key FROM person WHERE lower(name) = :typed
        UNION SELECT p.id, p.name, p.key FROM person p JOIN person_alias a ON a.person_id = p.id
        WHERE lower(a.alias) = :typed""", {"typed": typed})
    if direct:
        return _decide(name, [PersonRef(pid, pname, key, name, "exact") for pid, pname, key in sorted(direct)])
    people = records(conn, "SELECT id, name, key, given_name, family_name FROM person")
    aliases = tuples(conn, "SELECT person_id, alias FROM person_alias")
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

    from rapidfuzz import fuzz, process

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


def resolve_person(conn, name: str) -> PersonRef:
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


def identity(conn, person_id: int) -> Identity:
    p = first(conn, """SELECT id, key, name, given_name, family_name, honorific, in_registry FROM person
                       WHERE id = :id""", {"id": person_id})
    if p is None:
        raise NotFound(f"no person with id {person_id}")
    ids = dict(tuples(conn, "SELECT scheme, identifier FROM person_identifier WHERE person_id = :id",
                      {"id": person_id}))
    aliases = column(conn, "SELECT alias FROM person_alias WHERE person_id = :id ORDER BY id", {"id": person_id})
    seats = [
        SeatRow(CHAMBER_OF_ORG.get(r[0], r[0]), *r[1:])
        for r in tuples(conn, """
            SELECT c.key, party.name, m.post, m.role, m.start_date, m.end_date, m.start_reason, m.end_reason
            FROM membership m JOIN organization c ON c.id = m.organization_id
            LEFT JOIN organization party ON party.id = m.on_behalf_of_id
            WHERE m.person_id = :id ORDER BY m.start_date IS NOT NULL, m.start_date, m.id""", {"id": person_id})
    ]
    return Identity(p.id, p.key, p.name, p.given_name, p.family_name, p.honorific, bool(p.in_registry),
                    dict(sorted(ids.items())), aliases, seats)


def people_index(conn) -> dict[int, str]:
    return dict(tuples(conn, "SELECT id, name FROM person"))


__all__ = ["Identity", "Lookup", "PersonRef", "SeatRow", "find_person", "fold", "given_name_variants",
           "identity", "people_index", "resolve_person"]


def keys_by_identifier(conn, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """Registry keys of the people with these (scheme, identifier) pairs, e.g. ("datadotparl_id", "4363")."""
    if not pairs:
        return {}
    found = tuples(conn, """SELECT i.scheme, i.identifier, p.key FROM person_identifier i
                            JOIN person p ON p.id = i.person_id WHERE i.identifier IN :ids""",
                   {"ids": sorted({i for _, i in pairs})})
    return {(scheme, ident): key for scheme, ident, key in found if (scheme, ident) in pairs}
