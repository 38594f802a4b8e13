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
# letters after a name that say nothing about who it is: "Sir Bill Cash MP", "Martin Howe KC"
POST_NOMINALS = frozenset(
    {"mp", "msp", "ms", "mla", "am", "mep", "kc", "qc", "obe", "mbe", "cbe", "kbe", "dbe", "gbe", "ch", "pc"}
    | {"kcb", "gcb", "kcmg", "cmg", "frs", "jp", "dl"}
)
# "Ian Paisley Jnr": the registry keeps father and son apart by their dates, not by the suffix
GENERATIONS = frozenset({"jnr", "jr", "junior", "snr", "sr", "senior"})
_HONOURABLE = re.compile(r"^(?:the\s+)?(?:(?:rt\.?|right)\s+)?(?:hon\.?|honourable)\s+(?:and\s+\w+\s+)?", re.I)
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
    name = _HONOURABLE.sub("", _PAREN.sub("", name).strip())
    parts = name.split()
    while len(parts) > 1 and parts[0].lower().rstrip(".") in HONORIFICS:
        parts = parts[1:]
    while len(parts) > 2 and parts[-1].lower().strip(".,") in POST_NOMINALS:
        parts = parts[:-1]
    return " ".join(parts)


def simpler_keys(k: str) -> list[str]:
    """Plainer forms of a name key to try when it is not known as written: without "Jnr",
    without middle initials ("jeffrey m donaldson"), then without middle names."""
    parts = k.split()
    out = []
    if len(parts) > 2 and parts[-1] in GENERATIONS:
        parts = parts[:-1]
        out.append(" ".join(parts))
    if len(parts) > 2:
        plain = [parts[0]] + [w for w in parts[1:-1] if len(w) > 1] + [parts[-1]]
        if len(plain) < len(parts):
            out.append(" ".join(plain))
        if len(plain) > 2:
            out.append(f"{plain[0]} {plain[-1]}")
    return out


def short_form_of(a: str, b: str) -> bool:
    """True when one given name (a key) is the other's short form: a known nickname ("bill",
    "william") or its first three letters or more ("tan", "tanmanjeet")."""
    if not a or not b or a == b:
        return False
    if b in given_variants(a) or a in given_variants(b):
        return True
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return len(short) >= 3 and long.startswith(short)


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
