"""Names as keys: folding case, accents, titles and punctuation so that spellings meet."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from nicknames import NickNamer

# titles that may stand before a name; they say nothing about who it is, only sometimes the sex
HONORIFICS = {
    "sir": "m",
    "dame": "f",
    "dr": None,
    "mr": "m",
    "mrs": "f",
    "ms": "f",
    "miss": "f",
    "mx": None,
    "lord": "m",
    "lady": "f",
    "baroness": "f",
    "baron": "m",
    "viscount": "m",
    "earl": "m",
    "professor": None,
    "prof": None,
    "rev": None,
    "reverend": None,
    "general": None,
    "gen": None,
    "colonel": None,
    "major": None,
    "captain": None,
    "cllr": None,
    "councillor": None,
}
# titles that are part of how a person is named when no given name is written ("General Smith")
RANKS = frozenset({"general", "gen", "colonel", "major", "captain", "professor", "prof"})
_PAREN = re.compile(r"\s*\([^)]*\)\s*$")
_NON_WORD = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
_NICKNAMER = NickNamer()


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def key(name: str) -> str:
    """A lookup key for a name or a place: lower case, no accents, "&" as "and", no punctuation."""
    name = strip_accents(name).lower().replace("&", " and ").replace("’", "'")
    name = _NON_WORD.sub(" ", name.replace("'", ""))
    return _SPACES.sub(" ", name).strip()


def without_title(name: str) -> str:
    """'Jane Smith (Baroness)' → 'Jane Smith'; 'Sir John Smith' → 'John Smith'."""
    name = _PAREN.sub("", name).strip()
    parts = name.split()
    while len(parts) > 1 and parts[0].lower().rstrip(".") in HONORIFICS:
        parts = parts[1:]
    return " ".join(parts)


def title_sex(title: str | None) -> str | None:
    """'m' or 'f' when a title tells it, else None."""
    return HONORIFICS.get((title or "").lower().rstrip(".")) if title else None


@lru_cache(maxsize=4096)
def given_variants(given: str) -> frozenset[str]:
    """A given name with its nicknames and the names it is a nickname of, as keys."""
    g = key(given)
    if not g:
        return frozenset()
    out = {g}
    out.update(key(n) for n in _NICKNAMER.nicknames_of(g))
    out.update(key(n) for n in _NICKNAMER.canonicals_of(g))
    return frozenset(out)
