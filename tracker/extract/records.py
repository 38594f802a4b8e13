"""Typed records that go into and come out of extraction.

Extraction is a pure function: it takes a text, what is known about it
(:class:`ArticleMeta`), a snapshot of the members registry (:class:`Directory`)
and the topic definitions (:class:`TopicSpec`), and returns an
:class:`Extraction`. Nothing here touches a database.

Every span (``start``, ``end``) is a pair of character offsets into the text
that was passed in, so that ``text[start:end] == quote`` always holds.
Dates are ISO strings cut to their precision: ``2023-11-15`` (day),
``2023-11`` (month) or ``2023`` (year).
"""

from __future__ import annotations

from dataclasses import dataclass, field

STANCES = ("support", "oppose")
QUALIFIERS = ("immediate", "permanent", "bilateral", "humanitarian", "conditional")
PRECISIONS = ("day", "month", "year")
CHAMBERS = ("commons", "lords", "scotland", "wales", "ni")
# a position extracted with less confidence than this is marked for review
REVIEW_BELOW = 0.6


def needs_review(confidence: float) -> bool:
    """True when a record is too unsure to stand without a reviewer's look."""
    return confidence < REVIEW_BELOW


def precision_of(iso: str | None) -> str | None:
    """The precision of an ISO date cut to day, month or year."""
    if not iso:
        return None
    return {10: "day", 7: "month", 4: "year"}.get(len(iso))


@dataclass(frozen=True)
class Seat:
    """One membership of a chamber: party and seat between two dates."""

    chamber: str  # one of CHAMBERS
    party: str | None  # display name, e.g. "Labour"
    constituency: str | None  # "Blackburn"; None for the Lords
    start: str | None  # ISO date (may be a bare year in old records)
    end: str | None  # None while still sitting
    role: str | None = None  # "Member of Parliament", "MSP", "Peer", ...

    def covers(self, iso: str) -> bool:
        """True when the seat was held on the (possibly partial) date ``iso``."""
        lo = self.start or "0000"
        hi = self.end or "9999"
        # a partial date (month or year) counts when any day of it is covered
        return lo[: len(iso)] <= iso <= hi[: len(iso)] if len(iso) < 10 else lo <= iso <= hi


@dataclass(frozen=True)
class DirectoryPerson:
    """A person of the registry as extraction sees them."""

    key: str  # the registry's stable id, e.g. "uk.org.publicwhip/person/25298"
    name: str  # display name, "Kate Hollern"
    given_name: str | None = None
    family_name: str | None = None
    honorific: str | None = None  # "Sir", "Dame", "Lord", ...
    aliases: tuple[str, ...] = ()  # other names as the registry records them
    seats: tuple[Seat, ...] = ()

    def seats_on(self, iso: str | None) -> list[Seat]:
        if not iso:
            return list(self.seats)
        return [s for s in self.seats if s.covers(iso)]

    def is_mp_on(self, iso: str | None) -> bool:
        return any(s.chamber == "commons" for s in self.seats_on(iso)) if iso else False


@dataclass
class Directory:
    """A snapshot of the members registry; build it once, share it read-only."""

    people: list[DirectoryPerson] = field(default_factory=list)

    def by_key(self) -> dict[str, DirectoryPerson]:
        return {p.key: p for p in self.people}


@dataclass(frozen=True)
class TopicVote:
    """An official division that speaks to a topic: which way an aye points, and when it was held."""

    division: int  # Commons Votes API DivisionId
    aye_means: str  # support | oppose
    date: str | None = None  # ISO day, when the division record is known
    title: str | None = None


@dataclass(frozen=True)
class TopicSpec:
    """A topic as ``topics.yaml`` defines it."""

    slug: str  # "gaza-ceasefire"
    name: str  # "Ceasefire in Gaza"
    cues: tuple[str, ...]  # phrases that name the topic: "ceasefire", "cessation of violence"
    # phrases that, near a cue, mark a statement *against* the topic
    # ("resisted calls for"); the extractor has general rules too
    oppose_cues: tuple[str, ...] = ()
    # topic slugs that this one is offered *instead of* (humanitarian pauses
    # instead of a ceasefire): a mention of both is not support for both
    excludes: tuple[str, ...] = ()
    description: str = ""
    # the divisions linked to the topic: "Yes" under "how MPs voted on the amendment" points their way
    votes: tuple[TopicVote, ...] = ()

    def aye_means(self) -> str:
        """Which way an aye on the topic's own divisions points: the way most of them point."""
        ways = [v.aye_means for v in self.votes]
        return "oppose" if ways and ways.count("oppose") > len(ways) / 2 else "support"


@dataclass(frozen=True)
class MarkedSpeech:
    """A speech whose speaker a page's markup names: its label ("Kate Hollern (Blackburn) (Lab)") and the
    registry key the member link or id resolved to (None when the member is not in the registry)."""

    label_start: int
    label_end: int
    name: str  # the name as the label writes it
    person_key: str | None = None


@dataclass(frozen=True)
class ArticleMeta:
    """What is known about a text beyond its words."""

    published: str | None = None  # ISO date, day or month
    kind: str = "news"  # news | hansard | statement | column
    outlet: str | None = None
    url: str | None = None
    author: str | None = None  # a name as written; resolved against the directory
    title: str | None = None
    # speeches whose speaker the page's markup names (a member link or id), in text order
    speeches: tuple[MarkedSpeech, ...] = ()


@dataclass(frozen=True)
class Mention:
    """A reference to a person in the text, raw words beside the resolved link."""

    start: int
    end: int
    text: str  # as written: "Ms Hollern", "the Blackburn MP"
    person_key: str | None  # registry key, or None
    person_name: str | None  # canonical name (registry name or, for people not in it, as written)
    # exact | alias | nickname | fuzzy | surname | role | constituency | hansard | author | pronoun | none
    resolved_by: str
    confidence: float
    role: str | None = None  # a role the text gives: "councillor", "First Minister", ...
    is_mp: bool | None = None  # None when unknown


@dataclass(frozen=True)
class Position:
    """A stated position: who, on what, which way, when, and the exact words."""

    topic: str  # topic slug
    stance: str  # one of STANCES
    quote: str  # == text[start:end]
    start: int
    end: int
    person_key: str | None  # registry key, None for people outside it or unnamed speakers
    person_name: str | None  # canonical name; None when the speaker is not named
    speaker_as_written: str | None  # "Labour MP Kate Hollern", "She", None
    date: str | None
    date_precision: str | None
    qualifiers: tuple[str, ...] = ()
    confidence: float = 0.5
    is_mp: bool | None = None
    evidence: str = "statement"  # statement | vote-claim | implied
    needs_review: bool = False  # confidence under REVIEW_BELOW


@dataclass(frozen=True)
class VoteClaim:
    """A text's claim that someone voted a way ("she also voted for an immediate ceasefire")."""

    topic: str | None
    option: str  # aye | no | abstain
    quote: str
    start: int
    end: int
    person_key: str | None
    person_name: str | None
    date: str | None
    date_precision: str | None
    confidence: float = 0.5
    # the linked division the text speaks of, when extraction knows it (a DivisionId); else the loader
    # matches the claim to one of its topic's divisions by date
    division_id: int | None = None


@dataclass(frozen=True)
class PartyCount:
    party: str
    aye: int | None = None
    no: int | None = None


@dataclass(frozen=True)
class ReportedTally:
    """A division's result as a text reports it ("failed by 293 to 125 votes")."""

    quote: str
    start: int
    end: int
    ayes: int | None
    noes: int | None
    result: str | None  # passed | failed | None
    motion: str | None  # the motion as the text names it
    chamber: str | None  # one of CHAMBERS, "council", "other", or None when not said
    date: str | None
    date_precision: str | None
    party_counts: tuple[PartyCount, ...] = ()
    topic: str | None = None
    confidence: float = 0.5


@dataclass
class Extraction:
    mentions: list[Mention] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    vote_claims: list[VoteClaim] = field(default_factory=list)
    tallies: list[ReportedTally] = field(default_factory=list)
    author_key: str | None = None  # the author, when the text is first person and identifiable
    author_name: str | None = None
