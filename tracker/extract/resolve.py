"""From a name, a seat or a party as written to people of the registry, on a given date.

A :class:`Resolver` indexes a :class:`Directory` once; build it once and pass
it to every :func:`tracker.extract.extract` call of a batch.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from .names import given_variants, key, without_title
from .records import Directory, DirectoryPerson, Seat

# how texts name parties → the registry's display names
PARTY_ALIASES = {
    "labour": "Labour",
    "tory": "Conservative",
    "tories": "Conservative",
    "conservative": "Conservative",
    "conservatives": "Conservative",
    "lib dem": "Liberal Democrat",
    "lib dems": "Liberal Democrat",
    "liberal democrat": "Liberal Democrat",
    "liberal democrats": "Liberal Democrat",
    "snp": "Scottish National Party",
    "scottish national party": "Scottish National Party",
    "scottish nationalist party": "Scottish National Party",
    "plaid": "Plaid Cymru",
    "plaid cymru": "Plaid Cymru",
    "green": "Green",
    "greens": "Green",
    "dup": "DUP",
    "reform": "Reform UK",
    "reform uk": "Reform UK",
    "sinn fein": "Sinn Féin",
    "alba": "Alba",
    "sdlp": "Social Democratic and Labour Party",
}
PARTY_PATTERN = (
    "(?i:"
    + "|".join(
        sorted((r"\s+".join(re.escape(w) for w in p.split()) for p in PARTY_ALIASES), key=len, reverse=True)
    )
    + ")"
)


def party_of(text: str) -> str | None:
    """The registry display name of a party as a text names it ("Lib Dems" → "Liberal Democrat")."""
    return PARTY_ALIASES.get(key(text))


def same_party(seat_party: str | None, party: str) -> bool:
    """True when a seat's party is ``party`` ("Labour/Co-operative" counts as Labour)."""
    return bool(seat_party) and key(seat_party).startswith(key(party))


@dataclass(frozen=True)
class Match:
    person: DirectoryPerson
    how: str  # exact | alias | nickname | fuzzy | surname | given
    confidence: float


class Resolver:
    """Name, surname and constituency indexes over a directory."""

    def __init__(self, directory: Directory):
        self.directory = directory
        self.full: dict[str, list[tuple[DirectoryPerson, str]]] = defaultdict(list)
        self.by_family: dict[str, list[DirectoryPerson]] = defaultdict(list)
        self.by_given: dict[str, list[DirectoryPerson]] = defaultdict(list)
        self.seats: dict[str, list[tuple[DirectoryPerson, Seat]]] = defaultdict(list)
        for person in directory.people:
            self._index(person)
        self.first_words = frozenset(k.split()[0] for k in self.full)
        self.seat_keys = sorted(self.seats)
        # "Walton" for "Liverpool, Walton": the part of a seat's name after its town
        self.seat_tails: dict[str, list[str]] = defaultdict(list)
        for name in sorted({s.constituency for p in directory.people for s in p.seats if s.constituency}):
            if "," in name:
                self.seat_tails[key(name.split(",", 1)[1])].append(key(name))

    def _index(self, person: DirectoryPerson) -> None:
        names = {key(without_title(person.name)): "exact", key(person.name): "exact"}
        given = (person.given_name or "").split()
        if given and person.family_name:
            names.setdefault(key(f"{given[0]} {person.family_name}"), "exact")
            names.setdefault(key(f"{person.given_name} {person.family_name}"), "exact")
        for alias in person.aliases:
            names.setdefault(key(without_title(alias)), "alias")
            names.setdefault(key(alias), "alias")
        for k, how in names.items():
            if k and (person, how) not in self.full[k]:
                self.full[k].append((person, how))
        family = key(person.family_name or without_title(person.name).split()[-1])
        self.by_family[family].append(person)
        if given:
            self.by_given[key(given[0])].append(person)
        for seat in person.seats:
            if seat.constituency:
                self.seats[key(seat.constituency)].append((person, seat))

    def by_name(self, name: str, on: str | None) -> list[Match]:
        """People a full name may stand for, best first; [] when none or too many."""
        k = key(without_title(name))
        if not k:
            return []
        found = [Match(p, how, 0.95 if how == "exact" else 0.9) for p, how in self.full.get(k, ())]
        parts = k.split()
        if not found and len(parts) >= 2:
            found = self._nickname(parts, on) or self._fuzzy(parts, on)
        return _prefer_sitting(found, on)

    def _nickname(self, parts: list[str], on: str | None) -> list[Match]:
        family = " ".join(parts[1:])
        variants = given_variants(parts[0])
        out = []
        for p in self.by_family.get(family, ()):
            first = key((p.given_name or "").split()[0]) if p.given_name else ""
            if first and first != parts[0] and (first in variants or parts[0] in given_variants(first)):
                out.append(Match(p, "nickname", 0.85))
        return out

    def _fuzzy(self, parts: list[str], on: str | None) -> list[Match]:
        """A misspelling one or two letters off in the given name or the surname, never both."""
        given, family = parts[0], " ".join(parts[1:])
        out = []
        if len(given) >= 4:
            for p in self.by_family.get(family, ()):
                first = key((p.given_name or "").split()[0]) if p.given_name else ""
                limit = 1 if len(given) < 6 else 2
                near = Levenshtein.distance(first, given, score_cutoff=limit) <= limit
                if first and first != given and near:
                    out.append(Match(p, "fuzzy", 0.7))
        if not out and len(family) >= 5:
            for p in self.by_given.get(given, ()):
                fam = key(p.family_name or "")
                limit = 1 if len(family) < 8 else 2
                if fam != family and Levenshtein.distance(fam, family, score_cutoff=limit) <= limit:
                    out.append(Match(p, "fuzzy", 0.7))
        return [m for m in out if m.person.seats_on(on)] if on else out

    def by_constituency(
        self, place: str, on: str | None, chamber: str = "commons"
    ) -> list[tuple[DirectoryPerson, Seat]]:
        """Who held the seat ``place`` in ``chamber`` on the date; a place that only starts a seat's
        name ("Leeds" for "Leeds East") gives every seat it starts."""
        k = key(place)
        if not k:
            return []
        hits = self.seats.get(k)
        if hits is None:
            hits = [h for name in self._starting(k + " ") for h in self.seats[name]]
        if not hits:
            hits = [h for name in self.seat_tails.get(k, ()) for h in self.seats[name]]
        out = []
        for person, seat in hits:
            if (
                seat.chamber == chamber
                and (on is None or seat.covers(on))
                and person not in [p for p, _ in out]
            ):
                out.append((person, seat))
        return out

    def _starting(self, prefix: str) -> list[str]:
        i = bisect.bisect_left(self.seat_keys, prefix)
        out = []
        while i < len(self.seat_keys) and self.seat_keys[i].startswith(prefix):
            out.append(self.seat_keys[i])
            i += 1
        return out

    def seat_holder_named(self, place: str, surname: str, on: str | None) -> DirectoryPerson | None:
        """The MP for ``place`` on the date whose surname is ``surname`` or one letter off it."""
        k = key(surname)
        found = [
            p
            for p, _ in self.by_constituency(place, on)
            if Levenshtein.distance(key(p.family_name or p.name.split()[-1]), k, score_cutoff=1) <= 1
        ]
        return found[0] if len(found) == 1 else None

    def is_constituency(self, place: str) -> bool:
        return key(place) in self.seats


def _prefer_sitting(found: list[Match], on: str | None) -> list[Match]:
    """Of several people with one name, those who sat somewhere on the date; several left is no answer."""
    unique: dict[str, Match] = {}
    for m in found:
        unique.setdefault(m.person.key, m)
    found = list(unique.values())
    if len(found) > 1 and on:
        sitting = [m for m in found if m.person.seats_on(on)]
        found = sitting or found
    return found if len(found) == 1 else []


def party_on(person: DirectoryPerson, on: str | None) -> str | None:
    """The person's party on the date (their latest seat's when the date is unknown)."""
    seats = person.seats_on(on) if on else []
    seats = seats or list(person.seats)
    return seats[-1].party if seats else None


def chambers_on(person: DirectoryPerson, on: str | None) -> set[str]:
    return {s.chamber for s in person.seats_on(on)} if on else {s.chamber for s in person.seats}
