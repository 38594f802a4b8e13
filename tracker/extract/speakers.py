"""Who is speaking: quotations and their attributions, pronouns, Hansard labels, the author of a
first-person text."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from .mentions import Ref, place_mps
from .names import key
from .records import ArticleMeta, DirectoryPerson
from .resolve import PARTY_PATTERN, Resolver, party_of, same_party
from .text import Quotation, Sentence

PREPOSITIONS = frozenset(
    [
        "to",
        "for",
        "with",
        "from",
        "by",
        "of",
        "about",
        "against",
        "at",
        "on",
        "in",
        "into",
        "onto",
        "over",
        "under",
        "between",
        "among",
        "towards",
        "toward",
        "than",
        "like",
        "via",
        "per",
        "upon",
        "despite",
        "including",
    ]
)
# verbs whose object is never the speaker of what follows
OBJECT_VERBS = frozenset(
    [
        "met",
        "meets",
        "meeting",
        "criticised",
        "criticized",
        "attacked",
        "thanked",
        "told",
        "asked",
        "urged",
        "praised",
        "blamed",
        "accused",
        "wrote",
        "writes",
        "named",
        "replaced",
        "sacked",
        "called",
    ]
)
SPEECH_VERB = re.compile(
    r"\b(?:said|says|say|wrote|writes|added|adds|told|tweeted|posted|stated|explained|insisted|argued|"
    r"warned|declared|commented|continued|replied|revealed|urged|claimed)\b",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"(?:said|says|wrote|writes|added|adds|told\s+[\w ]{1,40}?|tweeted|posted|stated|insisted|declared|"
    r"explained|continued|warned|replied)\s*[:,]?\s*$|:\s*$",
    re.IGNORECASE,
)
_TRAIL = re.compile(
    r"^[\s,]*(?:(?P<pron>she|he|they|I|we)\s+(?:said|says|wrote|writes|added|adds|told|tweeted|posted|"
    r"continued|warned)|(?:said|says|wrote|added)\s+(?P<after>[A-Z])|(?P<before>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*)"
    r"\s+(?:said|says|wrote|added))"
)
# the words of a name and the role words before it ("Labour leader Sir Keir"), stripped to find the word governing it
_NAME_AND_ROLE_TAIL = re.compile(
    r"(?:,?\s*(?:the\s+)?(?:(?:[A-Z][\w’'\-]*|leader|MP|minister|secretary|councillor|mayor|frontbencher|"
    r"backbencher|shadow|spokes\w+|chair\w*|member)\s*)+,?\s*)$"
)
_PRONOUN_SEX = {"she": "f", "her": "f", "he": "m", "him": "m", "his": "m"}
_FIRST_PERSON = re.compile(r"\b(?:I|my|me|myself)\b")
_HANSARD_LABEL = re.compile(
    r"^(?P<label>(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\s+)?[A-Z][\w’'\-. ]{1,60}?)\s*\((?P<a>[^()\n]{2,80})\)"
    r"(?:\s*\((?P<b>[^()\n]{2,40})\))?\s*(?::|$)",
    re.MULTILINE,
)
_WEB_LABEL = re.compile(
    r"^(?:(?P<name>[A-Z][^\n()]{2,60}?)[ \t\u00a0]+Portrait\b[^\n]*|"
    r"Main[ \t]+Page:[ \t]*(?P<name2>[^\n()]{3,60}?)[ \t]*\([^\n]*)$",
    re.MULTILINE,
)
_NAME_OVER_ROLE = re.compile(
    r"^(?P<name>(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame)\s+)?[A-Z][\w’'.-]+(?:[ \t]+[A-Z][\w’'.-]+){1,3})[ \t]*\n"
    r"(?P<desc>[A-Z][^\n]{1,120})$",
    re.MULTILINE,
)
_WE_PARTY = re.compile(rf"\b(?:[Ww]e|[Aa]s)\s+(?:(?:in|at)\s+the\s+|an?\s+)?(?P<party>{PARTY_PATTERN})\b")
_MY_PLACE = re.compile(
    r"\b(?:people|residents|constituents|families|communities|community|voters|everyone)\s+(?:in|of|across|from"
    r"|here\s+in)\s+(?P<p1>(?:[A-Z][\w’'\-]+|St\.?)(?:\s+(?:and\s+|&\s+)?(?:[A-Z][\w’'\-]+))*)"
    r"|\bmy\s+constituency\s+(?:of\s+)?(?P<p2>(?:[A-Z][\w’'\-]+|St\.?)(?:\s+(?:and\s+|&\s+)?[A-Z][\w’'\-]+)*)"
    r"|\bhere\s+in\s+(?P<p3>(?:[A-Z][\w’'\-]+|St\.?)(?:\s+(?:and\s+|&\s+)?[A-Z][\w’'\-]+)*)"
)


@dataclass(frozen=True)
class Speaker:
    """Who says a quotation or a Hansard speech: a reference, or nobody named."""

    ref: Ref | None
    attribution: tuple[int, int] | None  # the words that attribute it, where dates are looked for


class Salience:
    """Pronouns and definite descriptions, resolved to the latest fitting person before them."""

    def __init__(self, text: str, refs: list[Ref], sents: list[Sentence]):
        self.text = text
        self.refs = refs
        self.ends = [r.end for r in refs]
        self.sents = sents
        self.sent_starts = [s.start for s in sents]
        self.sex: dict[str, str] = {}
        for r in refs:
            if r.sex and r.name:
                self.sex.setdefault(r.name, r.sex)

    def sentence_of(self, pos: int) -> Sentence:
        i = max(0, bisect.bisect_right(self.sent_starts, pos) - 1)
        return self.sents[i]

    def is_object(self, ref: Ref) -> bool:
        """True when the reference stands after a preposition or a verb that takes it as object, or owns
        something ("Sir Keir Starmer's team": the team is what the sentence speaks of)."""
        if re.match(r"[’']s?\b", self.text[ref.end:ref.end + 3]):
            return True
        sent = self.sentence_of(ref.np_start)
        i = bisect.bisect_right(self.ends, ref.np_start) - 1
        prev = self.refs[i] if i >= 0 else None
        if (
            prev is not None
            and prev.name != ref.name
            and prev.end >= sent.start
            and re.fullmatch(r"\s*,\s*", self.text[prev.end : ref.np_start])
        ):
            return False  # "In the letter to Mr Cleverly, the Blackburn MP says": a subject after a fronted phrase
        before = self.text[sent.start : ref.np_start]
        before = _NAME_AND_ROLE_TAIL.sub("", before).rstrip()
        m = re.search(r"([A-Za-z]+)\W*$", before)
        if not m:
            return False
        word = m.group(1).lower()
        if word == "the":
            m = re.search(r"([A-Za-z]+)\W+the\W*$", before)
            word = m.group(1).lower() if m else word
        return word in PREPOSITIONS or word in OBJECT_VERBS

    def pronoun(self, word: str, pos: int) -> Ref | None:
        """The person a third-person pronoun at ``pos`` stands for: subjects first, then anyone."""
        sex = _PRONOUN_SEX.get(word.lower())
        sent = self.sentence_of(pos)
        floor = self.sents[max(0, sent.index - 3)].start
        i = bisect.bisect_right(self.ends, pos)
        fallback = None
        for ref in reversed(self.refs[:i]):
            if ref.end < floor:
                break
            if ref.name is None or (sex and self.sex.get(ref.name, sex) != sex):
                continue
            if not self.is_object(ref):
                self._learn(ref, sex)
                return ref
            fallback = fallback or ref
        if fallback:
            self._learn(fallback, sex)
        return fallback

    def _learn(self, ref: Ref, sex: str | None) -> None:
        if sex and ref.name:
            self.sex.setdefault(ref.name, sex)

    def subject_before(self, start: int, end: int) -> Ref | None:
        """The first person named as a subject in ``text[start:end]``."""
        i = bisect.bisect_left(self.ends, start)
        for ref in self.refs[i:]:
            if ref.np_start >= end:
                break
            if ref.start >= start and not self.is_object(ref):
                return ref
        return None


def attribute(text: str, quotes: list[Quotation], sal: Salience) -> dict[int, Speaker]:
    """The speaker of each run of speech, by the words before or after it."""
    out: dict[int, Speaker] = {}
    runs: dict[int, list[Quotation]] = {}
    for q in quotes:
        if q.speech:
            runs.setdefault(q.run, []).append(q)
    for run, qs in runs.items():
        out[run] = _lead_in(text, qs[0], sal) or _trailer(text, qs[-1], sal) or _previous(text, qs[0], sal)
    return out


def _lead_in(text: str, q: Quotation, sal: Salience) -> Speaker | None:
    sent = sal.sentence_of(q.start)
    para = text.rfind("\n", 0, q.start) + 1
    start = max(sent.start, para)
    lead = text[start : q.start]
    if not lead.strip() or not _LEAD_IN.search(lead):
        return None
    ref = _subject_in(text, start, q.start, sal)
    return Speaker(ref, (start, q.start)) if ref else None


def _trailer(text: str, q: Quotation, sal: Salience) -> Speaker | None:
    line_end = text.find("\n", q.end)
    line_end = len(text) if line_end < 0 else line_end
    m = _TRAIL.match(text[q.end : line_end])
    if not m:
        return None
    end = q.end + m.end()
    sent_end = text.find(".", end, line_end)
    span = (q.end, sent_end if sent_end > 0 else line_end)
    if m.group("pron"):
        if m.group("pron") in ("I", "we"):
            return None
        ref = sal.pronoun(m.group("pron"), q.start)
        return Speaker(ref, span) if ref else None
    ref = _subject_in(text, q.end, span[1], sal)
    return Speaker(ref, span) if ref else None


def _previous(text: str, q: Quotation, sal: Salience) -> Speaker | None:
    """Speech with no attribution of its own belongs to whoever the sentence before has speaking."""
    sent = sal.sentence_of(q.start)
    if sent.index == 0:
        return None
    prev = sal.sents[sent.index - 1]
    if not SPEECH_VERB.search(text[prev.start : prev.end]):
        return None
    ref = _subject_in(text, prev.start, prev.end, sal)
    return Speaker(ref, None) if ref else None


def _subject_in(text: str, start: int, end: int, sal: Salience) -> Ref | None:
    ref = sal.subject_before(start, end)
    if ref is not None:
        return ref
    m = re.search(r"\b(she|he|She|He)\b", text[start:end])
    return sal.pronoun(m.group(1), start + m.start()) if m else None


LETTER_KINDS = ("letter", "email", "forum")


def is_first_person(text: str, meta: ArticleMeta, quotes: list[Quotation]) -> bool:
    """A column or statement, a letter, or a text whose own words (outside quotations) say "I" and "my"."""
    if meta.kind in ("column", "statement", *LETTER_KINDS):
        return True
    if meta.kind == "hansard":
        return False
    inside = sum(q.end - q.start for q in quotes)
    count = len(_FIRST_PERSON.findall(text))
    count -= sum(len(_FIRST_PERSON.findall(text, q.start, q.end)) for q in quotes)
    return count >= 3 and inside < len(text) / 2


def find_author(
    text: str, meta: ArticleMeta, resolver: Resolver, on: str | None
) -> tuple[DirectoryPerson | None, str]:
    """The author of a first-person text: the byline, a name in the address, or how the text
    describes them."""
    if meta.author:
        found = resolver.by_name(meta.author, on)
        if found:
            return found[0].person, "author"
    if meta.kind in LETTER_KINDS:
        # "New email from my MP Helen Hayes": a post that passes on a member's letter speaks in their words
        m = _LETTER_FROM.search(text, 0, 600)
        if m:
            found = resolver.by_name(m.group("name"), on)
            if found and len({f.person.key for f in found}) == 1:
                return found[0].person, "author"
    if meta.outlet:
        # "Rachael Maskell MP", "Barbara Keeley MP (website)": a site named after its member
        name = re.sub(r"\s*\([^)]*\)|\b(?:MP|M\.P\.|website|blog|official\s+site)\b|[’']s\b", " ", meta.outlet)
        found = resolver.by_name(" ".join(name.split()), on) if name.strip() else []
        if found and len({f.person.key for f in found}) == 1:
            return found[0].person, "author"
    if meta.url:
        person = _name_in_url(meta.url, resolver, on) or _name_in_host(meta.url, resolver, on)
        if person:
            return person, "author"
    return _self_described(text, resolver, on), "role"


_LETTER_FROM = re.compile(
    r"\b(?:e-?mail|letter|reply|response|message|answer)\s+(?:\w+\s+){0,3}?from\s+(?:my\s+(?:local\s+)?MP,?\s+|"
    r"(?:the\s+)?(?:local\s+)?MP,?\s+)?(?P<name>(?:(?:Sir|Dame|Dr|Mr|Mrs|Ms)\s+)?[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})")
_HOSTS: dict[int, dict[str, list[DirectoryPerson]]] = {}


def _name_in_host(url: str, resolver: Resolver, on: str | None) -> DirectoryPerson | None:
    """ "www.rachaelmaskell.com": a member's name run together as the site's address."""
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/")[0]
    labels = [lab for lab in host.split(".") if lab not in ("www", "com", "org", "uk", "co", "net", "info")]
    index = _HOSTS.get(id(resolver))
    if index is None:
        index = {}
        for full, found in resolver.full.items():
            for person, _how in found:
                index.setdefault(re.sub(r"[^a-z]", "", full), []).append(person)
        _HOSTS.clear()
        _HOSTS[id(resolver)] = index
    for label in labels:
        people = {p.key: p for p in index.get(re.sub(r"[^a-z]", "", label), [])}
        sitting = [p for p in people.values() if not on or p.seats_on(on)]
        if len(sitting) == 1:
            return sitting[0]
    return None


def _name_in_url(url: str, resolver: Resolver, on: str | None) -> DirectoryPerson | None:
    words = [w for w in re.split(r"[^a-z]+", url.lower()) if w]
    for size in (3, 2):
        for i in range(len(words) - size + 1):
            found = resolver.full.get(" ".join(words[i : i + size]))
            if found and len({p.key for p, _ in found}) == 1:
                return found[0][0]
    return None


def _self_described(text: str, resolver: Resolver, on: str | None) -> DirectoryPerson | None:
    """ "We Greens" and "many people in Bristol West": the party's MP for that seat on the date."""
    parties = {party_of(m.group("party")) for m in _WE_PARTY.finditer(text)} - {None}
    places = [next(g for g in m.groups() if g) for m in _MY_PLACE.finditer(text)]
    places += [
        m.group("place")
        for m in place_mps(text)
        if re.search(r"\b(?:my|our)\s*$", text[max(0, m.start() - 8) : m.start()])
    ]
    found: dict[str, DirectoryPerson] = {}
    for place in places:
        for cut in _place_prefixes(place):
            holders = resolver.by_constituency(cut, on)
            if parties:
                holders = [(p, s) for p, s in holders if any(same_party(s.party, x) for x in parties)]
            if len(holders) == 1:
                found[holders[0][0].key] = holders[0][0]
                break
    return next(iter(found.values())) if len(found) == 1 else None


def _place_prefixes(place: str) -> list[str]:
    """"Bristol West Cathedral" → itself, "Bristol West", "Bristol": a place followed by other capitals."""
    parts = place.split()
    return [" ".join(parts[:n]) for n in range(len(parts), 0, -1) if key(" ".join(parts[:n]))]


def hansard_labels(
    text: str, resolver: Resolver, on: str | None, refs: list[Ref]
) -> list[tuple[int, int, Ref]]:
    """Speech labels "Name (Constituency) (Party)" starting a line, as (label start, label end, speaker)."""
    out = []
    by_start = {r.start: r for r in refs}
    # web layouts: "Jane Doe Portrait Jane Doe (Somewhere) (Lab)", "Main Page: Jane Doe (Labour - Somewhere)"
    for m in _WEB_LABEL.finditer(text):
        group = "name" if m.group("name") else "name2"
        name = m.group(group).strip()
        found = resolver.by_name(name, on)
        if not found:
            continue
        person = found[0].person
        ref = Ref(m.start(group), m.start(group) + len(m.group(group).rstrip()), m.start(group), name, person,
                  person.name, "hansard", 0.95, None, person.is_mp_on(on) if on else None)
        out.append((m.start(), m.end(), ref))
    # TheyWorkForYou: the name alone on a line, the member's party and seat (or office) on the next
    for m in _NAME_OVER_ROLE.finditer(text):
        name, desc = m.group("name").strip(), m.group("desc").strip()
        if any(a <= m.start() < b for a, b, _ in out) or len(desc.split()) > 14 or desc.endswith("."):
            continue
        found = resolver.by_name(name, on)
        if not found:
            continue
        person = found[0].person
        ref = Ref(m.start("name"), m.start("name") + len(name), m.start("name"), name, person, person.name,
                  "hansard", 0.9, None, person.is_mp_on(on) if on else None)
        out.append((m.start(), m.end(), ref))
    taken = [(a, b) for a, b, _ in out]
    for m in _HANSARD_LABEL.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        label, a = m.group("label").strip(), m.group("a").strip()
        name = label if resolver.is_constituency(a) or m.group("b") else a
        found = resolver.by_name(name, on)
        ref = by_start.get(m.start())
        if found:
            person = found[0].person
            ref = Ref(
                m.start(),
                m.start() + len(m.group("label").rstrip()),
                m.start(),
                label,
                person,
                person.name,
                "hansard",
                0.95,
                None,
                person.is_mp_on(on) if on else None,
            )
        if ref is not None:
            out.append((m.start(), m.end(), ref))
    return sorted(out, key=lambda lab: lab[0])
