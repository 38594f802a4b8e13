"""Division results as texts report them: "defeated by 300 votes to 200", "150 in favour and 280 against"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import PartyCount
from .resolve import PARTY_PATTERN, party_of

_N = r"(\d{1,3}(?:,\d{3})?)"
_S = r"[ \u00a0]+"
_RESULT_VERB = (
    r"(?P<verb>defeated|rejected|failed|fell|lost|passed|carried|approved|won|backed|"
    r"voted(?:\s+down)?|(?:was|were)\s+(?:defeated|rejected|passed|carried|approved))"
)
# "<verb> by 300 votes to 200", "failed by 250 to 100 votes", "voted 301 to 217 against"
BY_TO = re.compile(
    rf"\b{_RESULT_VERB}{_S}(?:(?:in|at){_S}(?:the{_S})?[A-Z][\w’']+(?:{_S}[A-Z][\w’']+)?{_S})?(?:by{_S}(?:a{_S}(?:vote|margin){_S}of{_S})?)?{_N}(?:{_S}votes?)?{_S}to{_S}{_N}"
    rf"(?:{_S}votes?)?(?:{_S}(?P<side>against|in{_S}favour|for))?",
    re.IGNORECASE,
)
# "150 in favour and 280 against", "280 against and 150 for"
FOR_AGAINST = re.compile(
    rf"\b{_N}(?:{_S}(?:MPs|MSPs|members|votes|councillors))?{_S}(?P<first>in{_S}favour|for)\b[^.;\d]{{0,20}}?{_N}"
    rf"(?:{_S}(?:MPs|MSPs|members|votes|councillors))?{_S}against\b"
    rf"|\b{_N}(?:{_S}(?:MPs|MSPs|members|votes|councillors))?{_S}against\b[^.;\d]{{0,20}}?{_N}"
    rf"(?:{_S}(?:MPs|MSPs|members|votes|councillors))?{_S}(?:in{_S}favour|for)\b",
    re.IGNORECASE,
)
PARTY_COUNT = re.compile(
    rf"\b{_N}{_S}(?P<party>{PARTY_PATTERN}){_S}(?:MPs|MSPs|members|councillors|backbenchers|rebels)?{_S}?"
    r"(?P<way>backed|voted\s+for|supported|rebelled|voted\s+in\s+favour|voted\s+against|opposed|rejected)",
    re.IGNORECASE,
)
# a number followed by "to", "for", "in favour" or "against": nothing else can start a tally
_MAYBE = re.compile(
    r"\d(?:[ \u00a0]+(?:votes?|MPs|MSPs|members|councillors))?[ \u00a0]+(?:to|for|in[ \u00a0]+favour|against)\b"
)
_FAILED = frozenset(["defeated", "rejected", "failed", "fell", "lost"])
_CHAMBERS = (
    ("scotland", re.compile(r"\b(?:MSPs?|Holyrood|Scottish\s+Parliament)\b")),
    ("wales", re.compile(r"\b(?:MSs|Senedd|Welsh\s+Parliament|Assembly\s+Members)\b")),
    ("ni", re.compile(r"\b(?:MLAs?|Stormont|Northern\s+Ireland\s+Assembly)\b")),
    ("council", re.compile(r"\b(?:[Cc]ouncil|[Cc]ouncillors|Cllrs?)\b")),
    ("lords", re.compile(r"\b(?:House\s+of\s+Lords|[Pp]eers|the\s+Lords)\b")),
    ("commons", re.compile(r"\b(?:MPs?|Commons|Westminster|[Pp]arliament)\b")),
)
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
    """The tallies written in ``text[start:end]``."""
    out: list[TallyHit] = []
    if not _MAYBE.search(text, start, end):
        return out
    for m in BY_TO.finditer(text, start, end):
        out.append(_by_to(m))
    for m in FOR_AGAINST.finditer(text, start, end):
        if any(h.start <= m.start() < h.end for h in out):
            continue
        g = [int(x.replace(",", "")) for x in m.groups() if x and x.replace(",", "").isdigit()]
        ayes, noes = (g[0], g[1]) if m.group("first") else (g[1], g[0])
        out.append(TallyHit(m.start(), m.end(), ayes, noes, "passed" if ayes > noes else "failed"))
    return sorted(out, key=lambda h: h.start)


def _by_to(m: re.Match) -> TallyHit:
    verb = m.group("verb").lower().split()[-1]
    a, b = int(m.group(2).replace(",", "")), int(m.group(3).replace(",", ""))
    side = (m.group("side") or "").lower()
    if verb in _FAILED or verb == "down" or side == "against":
        result = "failed"
    elif verb in ("voted",) and not side:
        result = None
    else:
        result = "passed"
    if result == "failed":
        ayes, noes = min(a, b), max(a, b)
    elif result == "passed":
        ayes, noes = max(a, b), min(a, b)
    else:
        ayes, noes = a, b
    return TallyHit(m.start(), m.end(), ayes, noes, result)


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


def chamber(context: str) -> str | None:
    """The chamber the words around a tally name; devolved and council words win over "parliament"."""
    for name, pattern in _CHAMBERS:
        if pattern.search(context):
            return name
    return None


def motion(context: str) -> str | None:
    m = MOTION.search(context)
    return m.group(1).strip() if m else None
