"""The text as extraction sees it: words, sentences, clauses and quotations, all with offsets.

Nothing here rewrites the text: non-breaking spaces and curly quotes stay where
they are, and every span points into the original string.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

# a word: letters or digits, with inner apostrophes and hyphens ("can’t", "two-state")
WORD = re.compile(r"[^\W_](?:[\w]|[’'\-](?=\w))*")
_BOUNDARY = re.compile(r"[.!?]+[”\"’)\]]*(?=\s)|\n")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "hon",
        "rt",
        "gen",
        "no",
        "cllr",
        "prof",
        "sen",
        "rev",
        "lt",
        "col",
        "capt",
        "maj",
        "jr",
        "sr",
        "vs",
        "cf",
        "co",
        "inc",
        "ltd",
        "govt",
        "sgt",
    ]
)
_SPACE = re.compile(r"[\s\u00a0]+")
OPEN_QUOTES = '“"'
_QUOTE_MARK = re.compile('[“”"]')
CLOSE_QUOTES = '”"'
# words that begin a new clause inside a sentence: a stance in one clause does not reach the next
_CLAUSE_BREAK = re.compile(
    r"\s*[;:]\s+|\s+[–—-]\s+|,\s+(?=(?:instead|but|while|whereas|although|though|as|and\s+(?:she|he|they|we|i)"
    r"|and\s+(?:has|have|had|is|was|also|then|later)|which|who|before|after|when|claiming|saying|adding|arguing"
    r"|insisting|warning|stressing)\b)|\s+(?=(?:but|whereas|while|as|because|so that"
    r"|before|after|although)\s)",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """Runs of white space (non-breaking ones too) folded to one space, ends trimmed."""
    return _SPACE.sub(" ", text).strip()


class Word(NamedTuple):  # a tuple: texts have many words, and tuples are quick to make
    start: int
    end: int
    text: str
    lower: str


class Sentence(NamedTuple):
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Quotation:
    """A stretch of quoted words; ``speech`` when it is someone's own words rather than a phrase."""

    start: int  # offset of the opening quote mark
    end: int  # offset just past the closing mark (or the paragraph end)
    run: int  # quotations running over several paragraphs share a run number
    speech: bool


def words(text: str, start: int = 0, end: int | None = None) -> list[Word]:
    """The words of ``text[start:end]``, with offsets into ``text``."""
    end = len(text) if end is None else end
    return [Word(m.start(), m.end(), m.group(), m.group().lower()) for m in WORD.finditer(text, start, end)]


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial, not a sentence."""
    m = re.search(r"(\w+)$", text[max(0, dot - 12) : dot])
    if not m:
        return False
    word = m.group(1)
    return word.lower() in _ABBREVIATIONS or (len(word) == 1 and word.isupper())


def sentences(text: str) -> list[Sentence]:
    """Sentences with offsets; a line break ends one unless it follows an abbreviation like "hon."."""
    out: list[Sentence] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        cut = m.end()
        if m.group() == "\n":
            before = text[start : m.start()].rstrip()
            if before.endswith(".") and _is_abbreviation(text, start + len(before) - 1):
                continue
        else:
            if m.group()[0] == "." and _is_abbreviation(text, m.start()):
                continue
            nxt = re.match(r"[\s\u00a0]*(.)", text[cut : cut + 8])
            if nxt and nxt.group(1).islower():
                continue
        _add_sentence(text, out, start, cut)
        start = cut
    _add_sentence(text, out, start, len(text))
    return out


def _add_sentence(text: str, out: list[Sentence], start: int, end: int) -> None:
    seg = text[start:end]
    stripped = seg.strip()
    if not stripped:
        return
    lead = len(seg) - len(seg.lstrip())
    out.append(Sentence(len(out), start + lead, start + lead + len(stripped)))


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans of the sentence ``text[start:end]``."""
    out = []
    pos = start
    for m in _CLAUSE_BREAK.finditer(text, start, end):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < end:
        out.append((pos, end))
    return out or [(start, end)]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: the non-blank lines of the text."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if m.group().strip():
            out.append((m.start(), m.end()))
    return out


def quotations(text: str) -> list[Quotation]:
    """Quoted stretches, running on when the next paragraph opens with a quote mark.

    Straight and curly double quotes are both read, in any mix. A quotation is
    *speech* when it opens a paragraph or follows a colon, a comma or "that", or
    when an attribution ("she said") follows it; otherwise it is a phrase the
    writer quotes inside their own sentence.
    """
    out: list[Quotation] = []
    run = 0
    carry = False  # a quotation left open at the end of the previous paragraph
    for p_start, p_end in paragraphs(text):
        i, opened, continuing = p_start, None, carry
        if carry:
            first = _first_char(text, p_start, p_end)
            if first is not None and text[first] in OPEN_QUOTES:
                opened, i = first, first + 1
            else:
                continuing = False
        carry = False
        for m in _QUOTE_MARK.finditer(text, i, p_end):
            i, ch = m.start(), m.group()
            if opened is None and ch in OPEN_QUOTES and _opens(text, i):
                opened = i
                run += 1
            elif opened is not None and ch in CLOSE_QUOTES and _closes(text, i, p_end):
                speech = continuing or _is_speech(text, opened, i + 1, p_start, p_end)
                out.append(Quotation(opened, i + 1, run, speech))
                opened, continuing = None, False
        if opened is not None:
            out.append(Quotation(opened, p_end, run, True))
            carry = True
    return out


def _first_char(text: str, start: int, end: int) -> int | None:
    for i in range(start, end):
        if not text[i].isspace():
            return i
    return None


def _opens(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return (prev.isspace() or prev in "([—–-:") and not nxt.isspace()


def _closes(text: str, i: int, p_end: int) -> bool:
    nxt = text[i + 1] if i + 1 < p_end else " "
    return not (nxt.isalnum())


_ATTRIBUTION_AFTER = re.compile(
    r"^[\s,]*(?:(?:she|he|they|i|we)\s+(?:said|says|wrote|writes|added|adds|told|tweeted|posted)|"
    r"(?:said|says|wrote|added|told)\b|[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)*\s+(?:said|says|wrote|added))",
)


def _is_speech(text: str, start: int, end: int, p_start: int, p_end: int) -> bool:
    before = text[p_start:start].rstrip()
    if not before or before.endswith((":", ",")) or before.lower().endswith(" that"):
        return True
    inner = text[start + 1 : end - 1].rstrip()
    return inner.endswith((",", ".", "?", "!")) and bool(_ATTRIBUTION_AFTER.match(text[end:p_end]))
