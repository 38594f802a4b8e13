"""From a name, a seat or a party as written to people of the registry, on a given date.

A :class:`Resolver` indexes a :class:`Directory` once; build it once and pass
it to every :func:`tracker.extract.extract` call of a batch.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import OSA, Levenshtein

from .names import key, short_form_of, simpler_keys, without_title
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
        self._by_key: dict[str, DirectoryPerson] | None = None
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
            for middle in given[1:]:  # "Eluned Morgan" for Mair Eluned Morgan
                if len(middle) > 2:
                    names.setdefault(key(f"{middle} {person.family_name}"), "alias")
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

    def person(self, key: str) -> DirectoryPerson | None:
        """The registry's person with this key, or None."""
        if self._by_key is None:
            self._by_key = self.directory.by_key()
        return self._by_key.get(key)

    def by_name(self, name: str, on: str | None, seat: str | None = None) -> list[Match]:
        """People a full name may stand for, best first; [] when none or too many.

        Tried in turn: the name as the registry knows it, its plainer forms (no "Jnr", no middle
        initials or names), a short form of the given name ("Andy" for Andrew, "Tan" for
        Tanmanjeet), then a misspelling of the given name or the surname. Short forms and
        misspellings only find people who sat somewhere on the date. ``seat``, a constituency
        the text gives beside the name, decides between several and confirms a misspelling."""
        k = key(without_title(name))
        if not k:
            return []
        found = self._known(k, 0.95, 0.9)
        for plain in simpler_keys(k) if not found else ():
            found = self._known(plain, 0.9, 0.9)
            if found:
                k = plain
                break
        parts = k.split()
        if not found and len(parts) >= 2:
            found = self._nickname(parts, on)
            for plain in simpler_keys(k) if not found else ():
                found = self._nickname(plain.split(), on)
                if found:
                    break
            if not found:
                found = self._fuzzy(parts, on)
        if seat and found:
            found = _at_seat(found, seat, on)
        return _prefer_sitting(found, on)

    def _known(self, k: str, exact: float, alias: float) -> list[Match]:
        return [Match(p, how, exact if how == "exact" else alias) for p, how in self.full.get(k, ())]

    def by_cut_name(self, name: str, on: str | None) -> list[Match]:
        """A name cut off mid-surname, as at the end of a clipped text ("Alan Whit"): the one
        person sitting on the date with that given name whose surname starts so."""
        parts = key(without_title(name)).split()
        if len(parts) != 2 or len(parts[1]) < 3 or not on:
            return []
        given, stub = parts
        found = [
            Match(p, "fuzzy", 0.6)
            for p in self.by_given.get(given, ())
            if key(p.family_name or "").startswith(stub) and key(p.family_name or "") != stub and p.seats_on(on)
        ]
        return found if len(found) == 1 else []

    def _nickname(self, parts: list[str], on: str | None) -> list[Match]:
        family = " ".join(parts[1:])
        out = []
        for p in self.by_family.get(family, ()):
            first = key((p.given_name or "").split()[0]) if p.given_name else ""
            if short_form_of(first, parts[0]) and (not on or p.seats_on(on)):
                out.append(Match(p, "nickname", 0.85))
        return out

    def _fuzzy(self, parts: list[str], on: str | None) -> list[Match]:
        """A misspelling one or two letters off (a swap counts as one) in the given name or the
        surname, never both, keeping the first letter; only people indexed under the other,
        rightly spelt, part are compared."""
        given, family = parts[0], " ".join(parts[1:])
        out = []
        if len(given) >= 4:
            limit = 1 if len(given) < 6 else 2
            for p in self.by_family.get(family, ()):
                first = key((p.given_name or "").split()[0]) if p.given_name else ""
                if first and first != given and first[0] == given[0] and _near(first, given, limit):
                    out.append(Match(p, "fuzzy", 0.7))
        if not out and len(family) >= 4:
            limit = 1 if len(family) < 8 else 2
            for p in self.by_given.get(given, ()):
                fam = key(p.family_name or "")
                if fam and fam != family and fam[0] == family[0] and _near(fam, family, limit):
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

    def knows(self, name: str) -> bool:
        """True when the registry has a person of exactly this name or alias."""
        return key(without_title(name)) in self.full

    def is_constituency(self, place: str) -> bool:
        return key(place) in self.seats


def _near(a: str, b: str, limit: int) -> bool:
    return OSA.distance(a, b, score_cutoff=limit) <= limit


def _at_seat(found: list[Match], seat: str, on: str | None) -> list[Match]:
    """Of the people found, those who held ``seat`` (on the date, when known); a misspelling
    the seat confirms is surer. When the seat fits no one, the name alone decides."""
    k = key(seat)
    held = [
        m
        for m in found
        if any(
            s.constituency and (key(s.constituency) == k or key(s.constituency).startswith(k + " "))
            for s in m.person.seats_on(on)
        )
    ]
    if not held:
        return found
    return [Match(m.person, m.how, max(m.confidence, 0.85)) if m.how == "fuzzy" else m for m in held]


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
