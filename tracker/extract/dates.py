"""Dates a text gives, resolved against the day it was published, kept to the precision known.

"yesterday (October 25)", "Tuesday night (7 November)", "last Thursday", "on
Monday", "tonight", "last night (Wednesday)", "Monday 11th December 2023". An
explicit day and month win over the relative word beside them. When the text
was published in a known month but on an unknown day, a weekday cannot be
placed and the date stays that month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
MONTHS = {m: i + 1 for i, m in enumerate(MONTH_NAMES)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
    r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_S = r"[ \u00a0]+"
EXPLICIT = re.compile(
    rf"\b(?:{_WEEKDAY},?{_S})?(?:(?P<d1>{_DAY}){_S}(?:of{_S})?(?P<m1>{_MONTH})|(?P<m2>{_MONTH}){_S}(?P<d2>{_DAY}))"
    rf"(?:,?{_S}(?P<y>(?:19|20)\d\d))?\b"
)
# "in November", "since October 2023": a month with no day
MONTH_ONLY = re.compile(
    rf"\b(?:in|since|during|from|until|by)\s+(?P<m>{_MONTH})(?:,?{_S}(?P<y>(?:19|20)\d\d))?\b(?![ \u00a0]+\d)"
)
RELATIVE = re.compile(
    rf"\b(?:(?P<yesterday>yesterday)|(?P<today>today|tonight|this\s+(?:morning|afternoon|evening))|"
    rf"(?P<lastnight>last\s+night)|(?P<last>last)\s+(?P<lwd>{_WEEKDAY})|(?:on|this|from)\s+(?P<wd>{_WEEKDAY})(?:\s+(?:night|morning|afternoon|evening))?|"
    rf"(?P<bare>{_WEEKDAY})(?:\s+(?:night|morning|afternoon|evening))?)\b",
    re.IGNORECASE,
)
# a vote the text puts in the past without a date
UNDATED_PAST = re.compile(
    r"\b(?:previously|earlier|once|in\s+the\s+past|had\s+(?:also\s+)?voted|last\s+(?:year|month))\b", re.I
)


@dataclass(frozen=True)
class DateRef:
    start: int
    end: int
    iso: str


def parse_published(published: str | None) -> tuple[date | None, str | None]:
    """The publication day when known, and the ISO string as given (day or month)."""
    if not published:
        return None, None
    if len(published) == 10:
        try:
            return date.fromisoformat(published), published
        except ValueError:
            return None, None
    return None, published


def find_dates(text: str, start: int, end: int, published: str | None) -> list[DateRef]:
    """The dates written in ``text[start:end]``, each resolved against ``published``."""
    day, given = parse_published(published)
    out: list[DateRef] = []
    taken: list[tuple[int, int]] = []
    for m in EXPLICIT.finditer(text, start, end):
        iso = _explicit(m, day, given)
        if iso:
            out.append(DateRef(m.start(), m.end(), iso))
            taken.append((m.start(), m.end()))
    for m in MONTH_ONLY.finditer(text, start, end):
        if any(a <= m.start("m") < b for a, b in taken):
            continue
        iso = _month(m, day, given)
        if iso:
            out.append(DateRef(m.start("m"), m.end(), iso))
            taken.append((m.start("m"), m.end()))
    for m in RELATIVE.finditer(text, start, end):
        if any(a <= m.start() < b for a, b in taken):
            continue
        near = _explicit_in_brackets(text, m.end(), end)
        if near is not None:
            continue  # "yesterday (October 25)": the explicit date is already taken
        iso = _relative(m, day, given)
        if iso:
            out.append(DateRef(m.start(), m.end(), iso))
    out.sort(key=lambda d: d.start)
    return out


def _explicit_in_brackets(text: str, pos: int, end: int) -> re.Match | None:
    m = re.match(r"\s*\(([^)]{3,30})\)", text[pos : min(end, pos + 40)])
    return m if m and EXPLICIT.search(m.group(1)) else None


def _explicit(m: re.Match, day: date | None, given: str | None) -> str | None:
    dd = int(re.match(r"\d+", m.group("d1") or m.group("d2")).group())
    month = MONTHS[_month_key(m.group("m1") or m.group("m2"))]
    if m.group("y"):
        year = int(m.group("y"))
    elif day is not None:
        year = day.year if (month, dd) <= (day.month, day.day) else day.year - 1
    elif given:
        ref_year, ref_month = int(given[:4]), int(given[5:7]) if len(given) >= 7 else 12
        year = ref_year if month <= ref_month else ref_year - 1
    else:
        return None
    try:
        return date(year, month, dd).isoformat()
    except ValueError:
        return None


def _month(m: re.Match, day: date | None, given: str | None) -> str | None:
    """A month with no day: in the year given, else the latest such month not after publication."""
    month = MONTHS[_month_key(m.group("m"))]
    if m.group("y"):
        return f"{int(m.group('y')):04d}-{month:02d}"
    ref = day.isoformat() if day else given
    if not ref:
        return None
    year, ref_month = int(ref[:4]), int(ref[5:7]) if len(ref) >= 7 else 12
    return f"{year if month <= ref_month else year - 1:04d}-{month:02d}"


def _month_key(word: str) -> str:
    w = word.lower()
    return w if w in MONTHS else w[:3]


def _relative(m: re.Match, day: date | None, given: str | None) -> str | None:
    if day is None:
        return given  # a weekday in an unknown week: only the month is known
    if m.group("today"):
        return day.isoformat()
    if m.group("yesterday") or m.group("lastnight"):
        return (day - timedelta(days=1)).isoformat()
    if m.group("lwd"):
        back = (day.weekday() - WEEKDAYS[m.group("lwd").lower()]) % 7 or 7
        return (day - timedelta(days=back)).isoformat()
    weekday = (m.group("wd") or m.group("bare")).lower()
    back = (day.weekday() - WEEKDAYS[weekday]) % 7
    return (day - timedelta(days=back)).isoformat()


def day_before(published: str | None) -> str | None:
    """The day before publication: when a news report's division was held, unless it says otherwise."""
    day, given = parse_published(published)
    if day is None:
        return given
    return (day - timedelta(days=1)).isoformat()


def nearest(dates: list[DateRef], pos: int) -> DateRef | None:
    """The date written nearest to ``pos``."""
    return min(dates, key=lambda d: min(abs(d.start - pos), abs(d.end - pos)), default=None)
