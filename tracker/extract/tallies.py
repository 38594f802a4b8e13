"""Division results as texts report them: "defeated by 300 votes to 200", "150 in favour and 280 against"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import PartyCount
from .resolve import PARTY_PATTERN, party_of

_N = r"(\d{1,3}(?:,\d{3})+|\d{1,6})"
_S = r"[ \u00a0]+"
_Q = r"[‘’'\"“”]?"  # a quotation mark some texts put round "aye" and "no"

# -- "X to Y" and "X - Y": the order comes from the words around them ---------------------------

# what makes a figure pair no vote count: "fell by 5 to 10 per cent", "7-8pm"
_UNIT = (
    r"(?:[A-Za-z%]|[ \u00a0]*(?:per[ \u00a0]*cent|percent|points?|years?|months?|weeks?|days?|hours?|minutes?|"
    r"seats?|miles?|km|metres?|pounds?|million|billion|bn|m)\b)"
)
# "300 votes to 200", "300 to 200 votes", "250 – 232", "250-232"
_PAIR = re.compile(
    rf"(?<![\d,.£$€])(?P<a>{_N})(?P<v1>{_S}votes?)?(?:{_S}to{_S}|(?:{_S})?[-–—](?:{_S})?)(?P<b>{_N})(?![\d,]*\d)(?![-–—/]\d)(?!{_UNIT})(?P<v2>{_S}votes?)?"
)
# the words a result is told with, looked for before the figures in the same clause
_VERB = re.compile(
    r"\b(?P<verb>defeated|rejected|failed|fell|lost|thrown\s+out|voted\s+down|"
    r"passed|carried|approved|won|backed|supported|endorsed|agreed|"
    r"voted|voting|votes?|divided|result|tally)\b",
    re.IGNORECASE,
)
_FAILED = frozenset(["defeated", "rejected", "failed", "fell", "lost", "thrown out", "voted down"])
_PASSED = frozenset(["passed", "carried", "approved", "won", "backed", "supported", "endorsed", "agreed"])
# where the figures stand right after the verb: "voted 250 – 232", "backed by 515 to 29", "failed at ..."
_JUST_AFTER_VERB = re.compile(
    r"(?:\s+(?:overwhelmingly|narrowly|comfortably|heavily|decisively|last\s+night|tonight|today|yesterday|"
    r"this\s+(?:afternoon|evening|morning)|was|were|of|by|at))*\s*$",
    re.IGNORECASE,
)
_BY = re.compile(r"\bby(?:\s+(?:a\s+)?(?:vote|margin)\s+of)?\s*$", re.IGNORECASE)
# after a bare "voted X to Y": which way the larger side went
_AFTER = re.compile(
    r"(?:\s*,?\s*(?:a\s+)?majority(?:\s+of)?\s+\d[\d,]*\s*,?)?\s*(?P<way>"
    r"against|in\s+favour|for|to\s+(?:reject|throw\s+out|vote\s+down|defeat|block|oppose|scrap|kill)|"
    r"to\s+(?:approve|back|support|pass|accept|endorse|adopt|overturn))\b",
    re.IGNORECASE,
)
# what the Lords send the Commons, and the Lords voting themselves
_LORDS_THING = re.compile(r"\b(?:Lords|peers?)\b")
_PEERS_VOTING = re.compile(
    r"\b(?:peers|the\s+Lords|House\s+of\s+Lords)\s+(?:have\s+|has\s+|had\s+)?(?:voted|rejected|defeated|backed|passed)\b",
    re.IGNORECASE,
)
_FAIL_WAY = re.compile(r"against|reject|throw|down|defeat|block|oppose|scrap|kill", re.IGNORECASE)
# the end of a clause or sentence: a result verb before it says nothing of the figures after it
_CLAUSE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bNo)[.!?;](?=\s|$)|\n")

# -- counts that say their side: "125 voted for", "293 votes against", "Ayes: 249", "20 'ayes'" -----

_NOUN = rf"(?:MPs|MSPs|MSs|MLAs|AMs|peers|councillors|members(?:{_S}of{_S}(?:the{_S})?[Pp]arliament)?|votes)"
_AYE_WORD = rf"{_Q}(?:ayes?|yes|contents?){_Q}"
_NO_WORD = rf"{_Q}(?:noes|no|nays?|not[- ]contents?){_Q}"
SIDED = re.compile(
    # a quick look at the first character before the three forms (numbers first, "Ayes"/"Noes", "For"/"Against")
    rf"(?=[0-9AaNnCcFf])(?:(?<![\d,.£$€])(?P<n>{_N})(?:{_S}{_NOUN})?{_S}(?:"
    rf"(?:(?:who{_S})?(?:voted|voting){_S}(?:(?P<ay1>{_AYE_WORD}|for|in{_S}favour)|(?P<no1>{_NO_WORD}|against)))"
    rf"|(?P<ay2>{_Q}ayes{_Q}|in{_S}favour|for|supported|backed)|(?P<no2>{_Q}noes{_Q}|against|opposed)"
    rf")(?![\w-])"
    rf"|\b(?:(?P<ay3>Ayes|Contents)|(?P<no3>Noes|Not[- ]Contents))(?:{_S})?(?:[:=–-](?:{_S})?)?(?P<n2>{_N})(?![\d,]*\d)"
    rf"|\b(?:(?P<ay4>For)|(?P<no4>Against))(?:{_S})?[:=](?:{_S})?(?P<n3>{_N})(?![\d,]*\d))",
    re.IGNORECASE,
)
_PAIR_GAP = 90


PARTY_COUNT = re.compile(
    rf"\b{_N}{_S}(?P<party>{PARTY_PATTERN}){_S}(?:MPs|MSPs|members|councillors|backbenchers|rebels)?(?:{_S})?"
    r"(?P<way>backed|voted\s+for|supported|rebelled|voted\s+in\s+favour|voted\s+against|opposed|rejected)",
    re.IGNORECASE,
)
# the words that name who voted; a plain "Parliament" or "Westminster" only counts when none of these is said
_CHAMBERS = (
    ("scotland", re.compile(r"\b(?:MSPs?|Holyrood|Scottish\s+Parliament)\b")),
    ("wales", re.compile(r"\b(?:MSs|Senedd|Welsh\s+Parliament|Welsh\s+Assembly|Assembly\s+Members)\b")),
    # "the Stormont brake" is a Westminster matter, not the Assembly
    ("ni", re.compile(r"\b(?:MLAs?|Stormont(?![ \u00a0]+[Bb]rake)|Northern\s+Ireland\s+Assembly)\b")),
    ("council", re.compile(r"\b(?:[Cc]ouncil|[Cc]ouncillors|Cllrs?)\b")),
    # "Lords amendment 45" is a Commons vote on what the Lords sent back
    ("lords", re.compile(r"\b(?:House\s+of\s+Lords|[Pp]eers|the\s+Lords)\b(?![ \u00a0]+[Aa]mendments?)")),
    ("commons", re.compile(r"\b(?:MPs?|Commons|(?<!Scottish\s)(?<!Welsh\s)[Pp]arliament|Westminster)\b")),
)
_GENERIC = re.compile(r"[Pp]arliament|Westminster")
MOTION = re.compile(
    r"\b(?:the|an?|their|its)\s+((?:[A-Z][\w’'.]*\s+)*(?:[Aa]mendment|[Mm]otion|[Bb]ill|[Rr]esolution)"
    r"(?:\s+(?:calling|which\s+called)\s+for\s+[^,.;]+)?)"
)


@dataclass(frozen=True)
class TallyHit:
    start: int
    end: int
    ayes: int | None
    noes: int | None
    result: str | None


def find_tallies(text: str, start: int, end: int) -> list[TallyHit]:
    """The tallies written in ``text[start:end]``, in the order they stand."""
    out = _sided_pairs(text, start, end)
    for m in _PAIR.finditer(text, start, end):
        if any(h.start < m.end() and m.start() < h.end for h in out):
            continue
        hit = _pair(text, start, m)
        if hit is not None:
            out.append(hit)
    return sorted(out, key=lambda h: h.start)


def _num(s: str) -> int:
    return int(s.replace(",", ""))


def _clause_start(text: str, floor: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after the last stop before it, at most 200 characters back."""
    lo = max(floor, pos - 200)
    ends = list(_CLAUSE_END.finditer(text, lo, pos))
    return ends[-1].end() if ends else lo


def _pair(text: str, floor: int, m: re.Match) -> TallyHit | None:
    a, b = _num(m.group("a")), _num(m.group("b"))
    if a == b or (1900 <= a <= 2100 and (b < 100 or 1900 <= b <= 2100)):
        return None  # a year span ("2022-23", "2016 to 2020") or no vote at all
    dashed = not re.search(r"\bto\b", m.group(0))
    votes = bool(m.group("v1") or m.group("v2"))
    if dashed and votes:
        return None
    clause = _clause_start(text, floor, m.start())
    left = text[clause : m.start()]
    verbs = list(_VERB.finditer(left))
    verb = verbs[-1] if verbs else None
    by = bool(_BY.search(left))
    right_after = verb is not None and bool(_JUST_AFTER_VERB.fullmatch(left, verb.end()))
    # a figure pair counts when a vote word stands right before it, or it reads "by X votes to Y"
    if not (right_after or (votes and (by or verb is not None))):
        return None
    word = re.sub(r"\s+", " ", verb.group("verb").lower()) if verb else ""
    way = after = None
    if word in _FAILED:
        result = "failed"
    elif word in _PASSED:
        result = "passed"
    else:  # "voted 293 to 125, a majority 168, to reject ...": the words after say which way
        after = _AFTER.match(text, m.end())
        way = after or (_AFTER.match(left, verb.end()) if verb else None)
        result = None if way is None else "failed" if _FAIL_WAY.search(way.group("way")) else "passed"
    if result == "failed" and _rejects_lords_amendment(left + text[m.end() : _clause_end(text, m.end())]):
        # MPs reject a Lords amendment by voting aye to disagree with it: the larger side is the ayes
        result, a, b = None, max(a, b), min(a, b)
    if result == "failed":
        ayes, noes = min(a, b), max(a, b)
    elif result == "passed":
        ayes, noes = max(a, b), min(a, b)
    else:
        ayes, noes = a, b
    # the quote runs from a verb close before the figures to the words after them that gave the way
    start = clause + verb.start() if verb is not None and len(left) - verb.start() <= 60 else m.start()
    end = after.end() if result is not None and way is not None and way is after else m.end()
    return TallyHit(start, end, ayes, noes, result)


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_END.search(text, pos, pos + 200)
    return m.start() if m else min(len(text), pos + 200)


def _rejects_lords_amendment(clause: str) -> bool:
    """Whether what MPs turned down is something the Lords sent: "to reject the Lords amendment", "a peer's change"."""
    if _PEERS_VOTING.search(clause):
        return False
    return bool(_LORDS_THING.search(clause))


def _sided_pairs(text: str, start: int, end: int) -> list[TallyHit]:
    """Counts that name their side, paired with the next count of the other side close by in the same sentence."""
    counts = []
    for m in SIDED.finditer(text, start, end):
        n = _num(m.group("n") or m.group("n2") or m.group("n3"))
        aye = bool(m.group("ay1") or m.group("ay2") or m.group("ay3") or m.group("ay4"))
        counts.append((m, n, aye))
    out = []
    i = 0
    while i + 1 < len(counts):
        (m1, n1, aye1), (m2, n2, aye2) = counts[i], counts[i + 1]
        gap = text[m1.end() : m2.start()]
        if aye1 != aye2 and len(gap) <= _PAIR_GAP and not re.search(r"\d", gap) and not _breaks(gap):
            ayes, noes = (n1, n2) if aye1 else (n2, n1)
            result = "passed" if ayes > noes else "failed" if ayes < noes else None
            out.append(TallyHit(m1.start(), m2.end(), ayes, noes, result))
            i += 2
        else:
            i += 1
    return out


def _breaks(gap: str) -> bool:
    """Whether a sentence ends in ``gap``; a line break between "Ayes: 249" and "Noes: 312" does not."""
    return bool(re.search(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)[.!?;](?=\s|$)", gap))


def party_counts(text: str, start: int, end: int) -> tuple[PartyCount, ...]:
    """Counts by party in ``text[start:end]``: "40 Labour MPs backed the amendment"."""
    out = []
    for m in PARTY_COUNT.finditer(text, start, end):
        party = party_of(m.group("party"))
        if party is None:
            continue
        n = int(m.group(1).replace(",", ""))
        against = re.search(r"against|opposed|rejected", m.group("way"), re.IGNORECASE)
        out.append(PartyCount(party, no=n) if against else PartyCount(party, aye=n))
    return tuple(out)


def chamber(context: str, at: int | None = None) -> str | None:
    """The chamber the words around a tally name.

    With ``at`` (where the tally stands in ``context``) the naming word nearest to it wins ("MPs voted 515 to
    29 ... in Stormont" is the Commons); without it devolved and council words win over the Commons. A plain
    "Parliament" or "Westminster" counts only when nothing more telling is said.
    """
    found = []
    for rank, (name, pattern) in enumerate(_CHAMBERS):
        for m in pattern.finditer(context):
            generic = bool(_GENERIC.fullmatch(m.group(0)))
            distance = abs(m.start() - at) if at is not None else 0
            found.append((generic, distance, rank, name))
    return min(found)[3] if found else None


def motion(context: str) -> str | None:
    m = MOTION.search(context)
    return m.group(1).strip() if m else None
