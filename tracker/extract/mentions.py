"""Who is named in a text: names, "the MP for X", "the Wigan MP", Hansard's "(Name)" after a seat.

Each reference becomes a :class:`Ref` that carries the person (when the
registry has them), the role the text gives them and whether they are an MP
on the date of the text. Surnames ("Ms Nandy") and given names after Sir or
Dame ("Sir Keir") only ever point back to someone the text has introduced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dates import MONTH_NAMES, WEEKDAYS
from .names import HONORIFICS, RANKS, given_variants, key, title_sex
from .records import DirectoryPerson
from .resolve import PARTY_PATTERN, Resolver, party_on

_TITLE = r"(?:Sir|Dame|Dr|Mr|Mrs|Ms|Miss|Mx|Lord|Lady|Baroness|Professor|Prof|Cllrs?|Councillors?|General|Rev)\.?"
_TOKEN = r"(?:(?:Mc|Mac|O[’'])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?|[A-Z]\.)"
_PARTICLE = r"(?:al|Al|el|El|bin|ibn|de|De|van|von|der|da|du|Abu|Ben|La|Le|ap|ab)"
_SP = r"[ \u00a0]"
NAME = re.compile(
    rf"(?<![\w’'])(?:(?P<title>{_TITLE}){_SP}+)?"
    rf"(?P<name>{_TOKEN}(?:{_SP}(?:{_PARTICLE}{_SP})?{_TOKEN}){{0,5}})(?![\w])"
)
# page furniture of Hansard's web layouts that may stand glued to a name: "Read Full DebateJane Doe"
_GLUED = re.compile(r"(?:Debate|Chamber|Portrait)(?=[A-Z][a-z])")
_GLUED_NAME = re.compile(NAME.pattern.removeprefix("(?<![\\w’'])"))
# words of web layouts that stand between two names in a speech header: "Jane Doe Portrait Jane Doe"
_LAYOUT = frozenset({"portrait", "excerpts"})
# a peer or a holder of a title named by the place: "Lord Cameron of Chipping Norton", "the Duke of Wellington"
PEER = re.compile(
    r"\b(?P<title>Lord|Lady|Baroness|Baron|Viscount(?:ess)?|Earl|Countess|Duke|Duchess|Marquess)"
    r"\s+(?P<rest>(?:[A-Z][\w’'\-]+\s+){0,2}of\s+[A-Z][\w’'\-]+(?:\s+(?:and\s+|upon\s+)?[A-Z][\w’'\-]+)*)"
)
# what may follow a name in lists and speech headers: "(Somewhere) (Lab)", "(Con, Somewhere)",
# "(Labour - Somewhere)", ", Somewhere,"
_SEAT_AFTER = re.compile(
    r"\s*\((?P<a>[^()\n]{2,70})\)(?:\s*\((?P<b>[^()\n]{1,50})\))?|,\s+(?P<c>[^,.;:()\n]{3,50})(?=,|\.|\n|$)"
)
_PLACE = (
    r"(?:[A-Z][\w’'\-]+|St\.?)(?:(?:,?\s|\s(?:and|&|upon|on|under|in|by|the)\s)(?:[A-Z][\w’'\-]+|St\.?))*"
)
MEMBER_FOR = re.compile(
    rf"\b(?:MP|Member|member)\s+for\s+(?P<place>{_PLACE})(?:\s*\((?P<name>[^()\n]{{3,60}})\))?"
)
# what may stand before "Member for": "the right hon. and learned"
_MEMBER_LEAD = re.compile(r"(?:[Tt]he\s+)?(?:(?:right\s+)?hon\.?\s+(?:and\s+(?:learned|gallant)\s+)?)?$")
_MP_WORD = re.compile(r"\bMP\b(?!\s+[A-Z][a-z])")
_PLACE_BEFORE = re.compile(rf"(?:\b[Tt]he\s+)?(?P<place>{_PLACE})\s+$")
ROLE_ANAPHOR = re.compile(
    rf"\b[Tt]he\s+(?:(?P<party>{PARTY_PATTERN})\s+)?(?P<head>leader|frontbencher|MP|backbencher|minister|"
    r"shadow\s+\w+(?:\s+secretary)?|Foreign\s+Secretary|Home\s+Secretary|Prime\s+Minister|Chancellor)\b"
)
# words that look like names at the head of a sentence or in titles of things but name nobody
_NOT_NAMES = frozenset(
    [
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "of",
        "for",
        "and",
        "but",
        "or",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "my",
        "your",
        "when",
        "while",
        "after",
        "before",
        "since",
        "as",
        "if",
        "so",
        "then",
        "also",
        "some",
        "many",
        "most",
        "more",
        "several",
        "all",
        "both",
        "writing",
        "speaking",
        "asked",
        "overall",
        "meanwhile",
        "however",
        "sadly",
        "crucially",
        "locally",
        "outside",
        "inside",
        "around",
        "ahead",
        "labour",
        "conservative",
        "conservatives",
        "tory",
        "tories",
        "party",
        "parliament",
        "house",
        "commons",
        "lords",
        "government",
        "minister",
        "ministers",
        "secretary",
        "foreign",
        "home",
        "prime",
        "chancellor",
        "speaker",
        "shadow",
        "senior",
        "leader",
        "leaders",
        "council",
        "cllr",
        "israel",
        "israeli",
        "gaza",
        "hamas",
        "palestine",
        "palestinian",
        "palestinians",
        "uk",
        "britain",
        "british",
        "england",
        "scotland",
        "scottish",
        "wales",
        "welsh",
        "london",
        "westminster",
        "downing",
        "street",
        "un",
        "nations",
        "security",
        "united",
        "states",
        "us",
        "america",
        "american",
        "europe",
        "european",
        "arab",
        "muslim",
        "jewish",
        "christian",
        "sikh",
        "hindu",
        "god",
        "king",
        "queen",
        "prince",
        "christmas",
        "easter",
        "diwali",
        "ramadan",
        "eid",
        "west",
        "east",
        "north",
        "south",
        "bank",
        "city",
        "hospital",
        "university",
        "church",
        "live",
        "follow",
        "news",
        "updates",
        "national",
        "liberal",
        "democrat",
        "democrats",
        "lib",
        "dem",
        "friends",
        "amendment",
        "motion",
        "bill",
        "act",
        "resolution",
        "debate",
        "vote",
        "speech",
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "rt",
        "hon",
        "right",
        "honourable",
        "by",
        "dear",
        "read",
        "full",
        "main",
        "page",
        "view",
        "portrait",
        "excerpts",
        "cllrs",
    ]
) | frozenset(WEEKDAYS) | frozenset(MONTH_NAMES)
# roles that say a person does not sit in the Commons
NON_MP_ROLE = re.compile(
    r"\b(?:councillor|cllr|MSPs?|MSs?|AMs?|first\s+minister|mayor|ambassador|president|senator|congress\w*|"
    r"assembly\s+member|scottish|welsh|holyrood|senedd|peer|king|queen|prince|chancellor\s+of\s+\w+|"
    r"prime\s+minister\s+of|lawyer|student|surgeon|doctor|professor|general|chief\s+of|envoy|spokes\w+)\b",
    re.IGNORECASE,
)
_MP_ROLE = re.compile(r"\b(?:MP|member\s+of\s+parliament|frontbencher|backbencher|shadow\s+\w+)\b")
_PLACE_NO_COMMA = (
    r"(?:[A-Z][\w’'\-]+|St\.?)(?:\s(?:(?:and|&|upon|on|under|in|by|the)\s)?(?:[A-Z][\w’'\-]+|St\.?))*"
)
_ROLE_BEFORE = re.compile(
    rf"(?:(?P<place>{_PLACE_NO_COMMA})\s+(?P<seat_role>MP|MSP|MS|councillor|Councillor)"
    rf"|(?P<role>(?:(?:Scottish|Welsh|Northern\s+Irish)\s+)?(?:(?:{PARTY_PATTERN})\s+)?(?:MP|MSP|leader|"
    r"frontbencher|backbencher|councillor|Cllr|minister|[Ss]hadow\s+\w+|First\s+Minister|Mayor|[Mm]ayor|"
    r"[Aa]mbassador(?:\s+to\s+the\s+\w+)?|President|Chancellor|Foreign\s+Secretary|Home\s+Secretary|"
    r"Prime\s+Minister)))[,\s]*$"
)
# the last word of any role _ROLE_BEFORE knows: a cheap test before the full pattern
_ROLE_TAIL = re.compile(
    r"(?:MPs?|MSPs?|MSs?|leader|frontbencher|backbencher|[Cc]ouncillor|Cllr|minister|Minister|[Ss]hadow\s+\w+|"
    r"[Mm]ayor|[Aa]mbassador(?:\s+to\s+the\s+\w+)?|President|Chancellor|Secretary)[,\s]*$"
)
_ROLE_AFTER = re.compile(
    r"^(?:\s+(?P<mp>MP)\b|,\s+(?:the\s+|a\s+|an\s+)?(?P<role>[^,.;:“”\"]{2,70}?)(?=,|\s+(?:said|says|who|has|had|"
    r"is|was|wrote|told|added|condemned|urged|called)\b|\.))"
)


@dataclass(frozen=True)
class Ref:
    """A reference to a person, as found and as resolved."""

    start: int
    end: int
    np_start: int  # where the noun phrase begins, role words included
    text: str
    person: DirectoryPerson | None
    name: str | None
    how: str
    confidence: float
    role: str | None = None
    is_mp: bool | None = None
    sex: str | None = None
    party: str | None = None


class MentionFinder:
    """Finds the people a text names, remembering who it has introduced."""

    def __init__(self, text: str, resolver: Resolver, on: str | None):
        self.text = text
        self.resolver = resolver
        self.on = on
        self.introduced: list[Ref] = []
        # the latest person introduced under each surname and each given name, with their order
        self.by_last: dict[str, tuple[int, Ref]] = {}
        self.by_first: dict[str, tuple[int, Ref]] = {}
        self._rest: int | None = None  # where a run of name words was cut, to be read again

    def find(self) -> list[Ref]:
        spans: list[tuple[int, int, str, re.Match]] = []
        for m in MEMBER_FOR.finditer(self.text):
            lead = _MEMBER_LEAD.search(self.text, max(0, m.start() - 30), m.start())
            spans.append((lead.start() if lead else m.start(), m.end(), "member", m))
        for m in place_mps(self.text):
            if self.resolver.by_constituency(m.group("place"), self.on):
                spans.append((m.start(), m.end(), "place", m))
        for m in ROLE_ANAPHOR.finditer(self.text):
            spans.append((m.start(), m.end(), "anaphor", m))
        for m in PEER.finditer(self.text):
            the = self.text[max(0, m.start() - 4) : m.start()]
            spans.append((m.start() - 4 if the in ("the ", "The ") else m.start(), m.end(), "peer", m))
        for m in NAME.finditer(self.text):
            spans.append((_name_start(m), m.end(), "name", m))
        for g in _GLUED.finditer(self.text):
            m = _GLUED_NAME.match(self.text, g.end())
            if m:
                spans.append((_name_start(m), m.end(), "name", m))
        spans.sort(key=lambda s: (s[0], -s[1]))
        refs: list[Ref] = []
        last_end = -1
        i = 0
        while i < len(spans):
            start, _end, kind, m = spans[i]
            i += 1
            if start < last_end:
                continue
            self._rest = None
            ref = getattr(self, f"_{kind}")(m, start)
            if ref is not None:
                refs.append(ref)
                last_end = ref.end
                if ref.person is not None or ref.how == "none":
                    self._introduce(ref)
            if self._rest is not None:  # a run of words that held more than one name: read on
                again = NAME.search(self.text, self._rest, m.end())
                if again:
                    span = (_name_start(again), again.end(), "name", again)
                    j = i
                    while j < len(spans) and (spans[j][0], -spans[j][1]) < (span[0], -span[1]):
                        j += 1
                    spans.insert(j, span)
        return refs

    def _introduce(self, ref: Ref) -> None:
        self.introduced.append(ref)
        if ref.name:
            parts = key(ref.name).split()
            if parts:
                n = len(self.introduced)
                self.by_last[parts[-1]] = (n, ref)
                self.by_first[parts[0]] = (n, ref)

    # -- the kinds of reference ------------------------------------------------------------

    def _member(self, m: re.Match, start: int) -> Ref | None:
        """Hansard's "the hon. Member for X (Name)", or "the MP for X"."""
        if m.group("name"):
            matches = self.resolver.by_name(m.group("name"), self.on)
            if matches:
                return self._ref(start, m.end(), matches[0].person, "hansard", 0.95)
        seats = self._pick_seat(m.group("place"))
        if seats is None:
            return None
        return self._ref(start, m.end(), seats, "constituency", 0.85)

    def _place(self, m: re.Match, start: int) -> Ref | None:
        """ "the Wigan MP" with no name after it."""
        person = self._pick_seat(m.group("place"))
        if person is None:
            return None
        return self._ref(start, m.end(), person, "constituency", 0.85)

    def _pick_seat(self, place: str) -> DirectoryPerson | None:
        holders = [p for p, _ in self.resolver.by_constituency(place, self.on)]
        if len(holders) > 1:  # "the MP for Leeds": the seat the text has named
            named = {r.person.key for r in self.introduced if r.person}
            holders = [p for p in holders if p.key in named]
        return holders[0] if len(holders) == 1 else None

    def _anaphor(self, m: re.Match, start: int) -> Ref | None:
        """ "The Labour leader": the latest person introduced with that party or role."""
        if self.introduced and re.fullmatch(r",\s*", self.text[self.introduced[-1].end : m.start()]):
            return (
                None  # an apposition ("Jane Smith, the shadow minister") is the role, not a new reference
            )
        head = m.group("head").lower()
        party = m.group("party")
        for ref in reversed(self.introduced[-8:]):
            if ref.person is None:
                continue
            if party and not (ref.party and key(ref.party).startswith(key(party))):
                continue
            if ref.role and head.split()[-1] not in ref.role.lower() and not party:
                continue
            if not party and not ref.role:
                continue
            return Ref(
                m.start(),
                m.end(),
                m.start(),
                m.group(),
                ref.person,
                ref.name,
                "role",
                0.7,
                ref.role,
                ref.is_mp,
                ref.sex,
                ref.party,
            )
        return None

    def _peer(self, m: re.Match, start: int) -> Ref | None:
        """ "Lord Cameron of Chipping Norton": the registry's peer, or a titled person outside it."""
        end = m.end()
        if self.text[end - 2 : end] in ("’s", "'s"):
            end -= 2
        name = " ".join(self.text[m.start("title") : end].split())
        matches = self.resolver.by_name(name, self.on)
        if matches:
            return self._ref(start, end, matches[0].person, matches[0].how, matches[0].confidence, role="peer")
        if m.group("title") not in ("Duke", "Duchess", "Earl", "Countess", "Marquess", "Viscount", "Viscountess"):
            return None  # "Lord Smith of ..." outside the registry is read as a name, if at all
        return Ref(start, end, start, self.text[start:end], None, name, "none", 0.6, "peer", False)

    def _name(self, m: re.Match, _start: int) -> Ref | None:
        title = m.group("title")
        start, end = m.start("name"), m.end("name")
        raw = m.group("name")
        if raw.endswith(("’s", "'s")):
            raw, end = raw[:-2], end - 2
        tokens = re.split(r"[ \u00a0]+", raw)
        cut = next((i for i, t in enumerate(tokens) if i and t.lower() in _LAYOUT), None)
        if cut is not None:  # "Jane Doe Portrait Jane Doe": two names, read one at a time
            tokens = tokens[:cut]
            end = start + len(" ".join(tokens))
            self._rest = end
        titled = [i for i, t in enumerate(tokens[:-1]) if t.lower().rstrip(".") in HONORIFICS and i > 0]
        if titled:  # "Later Ms Nandy": the name starts at the title
            i = titled[-1]
            start += len(" ".join(tokens[: i + 1])) + 1
            np_start = start - len(tokens[i]) - 1
            title, tokens = tokens[i], tokens[i + 1 :]
            return (
                self._single(tokens[0], title, np_start, start, end)
                if len(tokens) == 1
                else self._full(tokens, title, np_start, start, end)
            )
        # leading words that are no part of a name ("Labour", "Sir" already taken as a title),
        # unless they start a name the registry knows ("Bill Cash")
        while (
            tokens
            and key(tokens[0]) in _NOT_NAMES
            and not (title and len(tokens) == 1)
            and not self._known_from(tokens)
        ):
            start += len(tokens[0]) + 1
            tokens = tokens[1:]
            title = None
        # ... and trailing ones, unless they end a known name ("Theresa May", "Catherine West")
        while tokens and key(tokens[-1]) in _NOT_NAMES and not self._known_to(tokens):
            end -= len(tokens[-1]) + 1
            tokens = tokens[:-1]
        if not tokens:
            return None
        np_start = m.start() if title else start
        if len(tokens) == 1:
            return self._single(tokens[0], title, np_start, start, end)
        return self._full(tokens, title, np_start, start, end)

    def _known_from(self, tokens: list[str]) -> bool:
        return any(self.resolver.knows(" ".join(tokens[:j])) for j in range(2, len(tokens) + 1))

    def _known_to(self, tokens: list[str]) -> bool:
        return any(self.resolver.knows(" ".join(tokens[i:])) for i in range(len(tokens) - 1))

    def _single(self, token: str, title: str | None, np_start: int, start: int, end: int) -> Ref | None:
        """ "Ms Nandy", "Sir Ed", or a bare surname of someone introduced."""
        k = key(token)
        last = self.by_last.get(k)
        first = self.by_first.get(k) if title and title.rstrip(".").lower() in ("sir", "dame") else None
        found = max((c for c in (last, first) if c is not None), default=None)  # the latest introduced
        if found is not None:
            ref = found[1]
            parts = key(ref.name).split()
            return Ref(
                np_start,
                end,
                np_start,
                self.text[np_start:end],
                ref.person,
                ref.name,
                "surname" if k == parts[-1] else "given",
                min(ref.confidence, 0.9),
                ref.role,
                ref.is_mp,
                ref.sex or title_sex(title),
                ref.party,
            )
        if not title:
            return None
        rank = title.rstrip(".").lower() in RANKS
        name = f"{title} {token}" if rank else token
        return Ref(
            np_start,
            end,
            np_start,
            self.text[np_start:end],
            None,
            name,
            "none",
            0.5,
            None,
            False,
            title_sex(title),
        )

    def _full(self, tokens: list[str], title: str | None, np_start: int, start: int, end: int) -> Ref | None:
        """A name of two words or more: the registry's, or a person's outside it, or no one's."""
        role, place_role = self._role(np_start, end)
        if role is None and title and title.rstrip(".").lower().rstrip("s") in ("cllr", "councillor"):
            role = "councillor"
        if len(tokens) >= 4 and not self.resolver.knows(" ".join(tokens)):
            # "Angela Rayner Mary Foy" in a list: a known name first, the rest read again
            for j in range(len(tokens) - 2, 1, -1):
                if self.resolver.knows(" ".join(tokens[:j])):
                    end = start + len(" ".join(tokens[:j]))
                    self._rest = end
                    tokens = tokens[:j]
                    role, place_role = self._role(np_start, end)
                    break
        seat = self._seat_after(end)
        at_end = not self.text[end:].strip(" \t\n.,;:…-")
        for i in range(len(tokens) - 1):
            sub = tokens[i:]
            matches = self.resolver.by_name(" ".join(sub), self.on, seat=seat)
            if not matches and at_end and i == len(tokens) - 2:  # "Alan Whit" where the text is cut
                matches = self.resolver.by_cut_name(" ".join(sub), self.on)
            if matches:
                person = matches[0].person
                if role and NON_MP_ROLE.search(role) and person.is_mp_on(self.on):
                    break  # a councillor who shares an MP's name is not that MP
                s = start + len(" ".join(tokens[:i])) + (1 if i else 0)
                return self._ref(
                    np_start if i == 0 else s,
                    end,
                    person,
                    matches[0].how,
                    matches[0].confidence,
                    role=role,
                    title=title,
                    start=s,
                )
        seat_role = re.fullmatch(r"(?P<place>.+)\s+MP", role or "")
        for place in (seat_role.group("place") if seat_role else None, seat):
            # "Bradford West MP Naz Shah", "Jane Do (Somewhere)": the seat's MP by that surname
            person = self.resolver.seat_holder_named(place, tokens[-1], self.on) if place else None
            if person is not None:
                return self._ref(np_start, end, person, "constituency", 0.85, role=role, title=title, start=start)
        if self.resolver.is_constituency(" ".join(tokens)) or not self._looks_like_person(
            tokens, title, role, end
        ):
            return None
        name = " ".join(tokens)
        return Ref(
            start,
            end,
            np_start,
            self.text[start:end],
            None,
            name,
            "none",
            0.6,
            role or place_role,
            False,
            title_sex(title),
        )

    def _looks_like_person(self, tokens: list[str], title: str | None, role: str | None, end: int) -> bool:
        """A name outside the registry counts when a title, a role or a known given name says so."""
        if title or role:
            return True
        first = key(tokens[0])
        if first in self.resolver.first_words and first not in HONORIFICS:
            return True
        if len(given_variants(first)) > 1:
            return True
        return bool(re.match(r"\s*(?:,\s+(?:a|an|the)\s|\s*said\b|\s*says\b)", self.text[end : end + 12]))

    def _seat_after(self, end: int) -> str | None:
        """A constituency written just after a name: "(Somewhere) (Lab)", "(Con, Somewhere)",
        "(Labour - Somewhere)", ", Somewhere,"."""
        m = _SEAT_AFTER.match(self.text, end, min(len(self.text), end + 130))
        if not m:
            return None
        for group in ("a", "b", "c"):
            for piece in re.split(r"\s+-\s+|,\s*|\s+–\s+", m.group(group) or ""):
                if self.resolver.is_constituency(piece):
                    return piece
        return None

    def _role(self, np_start: int, end: int) -> tuple[str | None, str | None]:
        """The role words around a name: "Labour MP Jane Smith", "Jane Smith, First Minister,"."""
        line_start = max(self.text.rfind("\n", 0, np_start) + 1, np_start - 80)
        lead = self.text[line_start:np_start]
        before = _ROLE_BEFORE.search(lead) if _ROLE_TAIL.search(lead[-40:]) else None
        after = _ROLE_AFTER.match(self.text[end : end + 90])
        if before and before.group("seat_role"):
            return before.group("place") + " " + before.group("seat_role"), None
        if before:
            return before.group("role"), None
        if after and (after.group("mp") or _is_role_phrase(after.group("role"))):
            return ("MP" if after.group("mp") else after.group("role")), None
        prev = self.introduced[-1] if self.introduced else None
        if prev is not None and prev.role and prev.person is None and _JOINED.fullmatch(self.text, prev.end, np_start):
            return prev.role, None  # "Cllrs Jane Doe and John Roe": the role is both people's
        return None, None

    def _ref(
        self,
        np_start: int,
        end: int,
        person: DirectoryPerson,
        how: str,
        confidence: float,
        *,
        role: str | None = None,
        title: str | None = None,
        start: int | None = None,
    ) -> Ref:
        start = np_start if start is None else start
        is_mp = person.is_mp_on(self.on) if self.on else None
        if role and NON_MP_ROLE.search(role) and not _MP_ROLE.search(role):
            is_mp = False
        return Ref(
            start,
            end,
            np_start,
            self.text[start:end],
            person,
            person.name,
            how,
            confidence,
            role,
            is_mp,
            title_sex(title),
            party_on(person, self.on),
        )


class _PlaceMP:
    """A "the Wigan MP" match: the place, and the span from "the" to "MP"."""

    def __init__(self, start: int, end: int, place: str):
        self._start, self._end, self._place = start, end, place

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end

    def group(self, name: str) -> str:
        return self._place


def place_mps(text: str) -> list[_PlaceMP]:
    """Every "<place> MP" not followed by a name, found from the word "MP" backwards."""
    out = []
    for m in _MP_WORD.finditer(text):
        before = _PLACE_BEFORE.search(text, max(0, m.start() - 60), m.start())
        if before:
            out.append(_PlaceMP(before.start(), m.end(), before.group("place")))
    return out


_JOINED = re.compile(r"\s*(?:,|,?\s+and|&)\s+")


def _name_start(m: re.Match) -> int:
    return m.start("name") if not m.group("title") else m.start()


_VERBISH = re.compile(
    r"^(?:is|was|are|were|has|had|have|will|would|being|also|who|which|and|but|to|said|says)\b"
)
_TITLE_WORD = re.compile(rf"\b{_TITLE}(?=\s)")


def _is_role_phrase(phrase: str) -> bool:
    """An apposition that describes a person ("First Minister", "a financial lawyer"), not a clause."""
    return len(phrase.split()) <= 9 and not _VERBISH.match(phrase) and not _TITLE_WORD.search(phrase)
