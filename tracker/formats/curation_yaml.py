"""Review decisions on stated positions, kept in ``seeds/curation.yaml``.

The file is a list. Each item either decides on a position the extractor found,
named by its fingerprint (which stays the same when the extractor is re-run or
improved), or adds a position by hand:

    - fingerprint: 3f0c...            # 40 hex digits, from `tracker review list`
      decision: reject                # confirm | reject | correct
      note: a question, not a call    # optional
      quote: words decided on         # for whoever reads the file; not checked
    - fingerprint: 9a1b...
      decision: correct
      set: {stance: oppose, person: Keir Starmer, date: 2023-11-01, topic: humanitarian-pauses}
    - decision: add
      source: articles/x.txt          # the source's path, URL or SHA-256
      person: Kate Hollern            # optional: a name or a registry key
      topic: gaza-ceasefire
      stance: support
      date: 2023-10-31                # optional
      quote: the words, exactly as the source has them
    - decision: add                   # from a user's own list (`tracker import positions`)
      source: https://example.org/a   # an address; stored or not
      person: Kate Hollern
      topic: gaza-ceasefire
      stance: support
      quote: the words as the list has them
      verified: false                 # checked again on every load; "unverified" until they match

Reading checks the shape of every item (no database needed); the loader in
:mod:`tracker.load.curation` checks what needs the database.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import InputError
from ..extract.records import STANCES
from .articles import check_published
from .yamlfile import read_yaml_list

DECISIONS = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}  # decision → status
CORRECTABLE = ("person", "stance", "date", "topic")
ADDITION_FIELDS = ("source", "person", "topic", "stance", "date", "quote", "qualifiers", "note", "verified")
HEADER = """\
# Review decisions on stated positions. `tracker build` applies them after every
# load, so a rejected position stays rejected and a correction stays corrected.
# `tracker review confirm|reject|correct` writes this file; the layout is
# described in tracker/formats/curation_yaml.py.
"""
_FINGERPRINT = re.compile(r"^[0-9a-f]{40}$")


@dataclass(frozen=True)
class Decision:
    """A reviewer's decision on one extracted position."""

    fingerprint: str
    decision: str  # confirm | reject | correct
    note: str | None = None
    changes: dict[str, str] = field(default_factory=dict)  # corrected fields: person, stance, date, topic
    quote: str | None = None  # the words decided on, for the reader
    where: str = ""

    @property
    def status(self) -> str:
        return DECISIONS[self.decision]

    def to_yaml(self) -> dict:
        out: dict = {"fingerprint": self.fingerprint, "decision": self.decision}
        if self.changes:
            out["set"] = dict(self.changes)
        if self.note:
            out["note"] = self.note
        if self.quote:
            out["quote"] = self.quote
        return out


@dataclass(frozen=True)
class Addition:
    """A position added by hand. Its quote must be found verbatim in its stored source, unless it is marked
    ``verified: false`` (recorded from a user's own list): then it is checked again on every load, and
    until its source is stored and holds those words it is kept and shown as "unverified"."""

    source: str | None
    topic: str
    stance: str
    quote: str
    person: str | None = None
    date: str | None = None
    qualifiers: tuple[str, ...] = ()
    note: str | None = None
    verified: bool = True
    where: str = ""

    def to_yaml(self) -> dict:
        out = {"decision": "add", "source": self.source, "person": self.person, "topic": self.topic,
               "stance": self.stance, "date": self.date, "quote": self.quote,
               "qualifiers": list(self.qualifiers), "note": self.note,
               "verified": None if self.verified else False}
        return {k: v for k, v in out.items() if v not in (None, [])}


@dataclass
class Curation:
    decisions: list[Decision] = field(default_factory=list)
    additions: list[Addition] = field(default_factory=list)

    def record(self, decision: Decision) -> None:
        """Add ``decision``, replacing an earlier one on the same position."""
        for i, old in enumerate(self.decisions):
            if old.fingerprint == decision.fingerprint:
                self.decisions[i] = decision
                return
        self.decisions.append(decision)


def check_fingerprint(value, where: str) -> str:
    if not isinstance(value, str) or not _FINGERPRINT.match(value):
        raise InputError(where, f"expected a fingerprint of 40 hex digits, found {value!r}")
    return value


def check_stance(value, where: str) -> str:
    if value not in STANCES:
        raise InputError(where, f"{value!r} is not one of {', '.join(STANCES)}")
    return value


def check_date(value, where: str) -> str:
    day = check_published(value, where)
    if day is None:
        raise InputError(where, "a date is required (YYYY-MM-DD or YYYY-MM)")
    return day


def _text(value, where: str, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value).strip():
        raise InputError(where, "expected some text" if value is None else f"expected text, found {value!r}")
    return str(value)


def check_changes(values: dict, where: str) -> dict[str, str]:
    """The corrected fields of a decision, each checked: person, stance, date, topic."""
    unknown = set(values) - set(CORRECTABLE)
    if unknown:
        raise InputError(where, f"cannot correct {', '.join(sorted(map(str, unknown)))} "
                                f"(only {', '.join(CORRECTABLE)})")
    if not values:
        raise InputError(where, f"a correction needs at least one of {', '.join(CORRECTABLE)}")
    out = {}
    for key, value in values.items():
        if key == "stance":
            out[key] = check_stance(value, f"{where}.stance")
        elif key == "date":
            out[key] = check_date(value, f"{where}.date")
        else:
            out[key] = " ".join(_text(value, f"{where}.{key}").split())
    return out


def _decision(item: dict, where: str) -> Decision:
    unknown = set(item) - {"fingerprint", "decision", "note", "set", "quote"}
    if unknown:
        raise InputError(where, f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
    kind = item.get("decision")
    if kind not in DECISIONS:
        raise InputError(f"{where}, field 'decision'", f"{kind!r} is not one of {', '.join([*DECISIONS, 'add'])}")
    changes = item.get("set")
    if kind == "correct":
        if not isinstance(changes, dict):
            raise InputError(f"{where}, field 'set'", "a correction needs a mapping of the fields it changes")
        changes = check_changes(changes, f"{where}, field 'set'")
    elif changes is not None:
        raise InputError(f"{where}, field 'set'", f"only a correction sets fields, not {kind!r}")
    return Decision(
        fingerprint=check_fingerprint(item.get("fingerprint"), f"{where}, field 'fingerprint'"),
        decision=kind, note=_text(item.get("note"), f"{where}, field 'note'", required=False),
        changes=changes or {}, quote=_text(item.get("quote"), f"{where}, field 'quote'", required=False),
        where=where,
    )


def _addition(item: dict, where: str) -> Addition:
    unknown = set(item) - {"decision", *ADDITION_FIELDS}
    if unknown:
        raise InputError(where, f"unknown field(s): {', '.join(sorted(map(str, unknown)))}")
    qualifiers = item.get("qualifiers") or []
    if not isinstance(qualifiers, list) or not all(isinstance(q, str) for q in qualifiers):
        raise InputError(f"{where}, field 'qualifiers'", "expected a list of words")
    quote = item.get("quote")
    if not isinstance(quote, str) or not quote.strip():
        raise InputError(f"{where}, field 'quote'", "a hand-added position needs the exact words of its source")
    verified = item.get("verified", True)
    if not isinstance(verified, bool):
        raise InputError(f"{where}, field 'verified'", "expected true or false")
    return Addition(
        source=_text(item.get("source"), f"{where}, field 'source'", required=verified),
        verified=verified,
        topic=_text(item.get("topic"), f"{where}, field 'topic'"),
        stance=check_stance(item.get("stance"), f"{where}, field 'stance'"),
        quote=quote,
        person=_text(item.get("person"), f"{where}, field 'person'", required=False),
        date=check_published(item.get("date"), f"{where}, field 'date'"),
        qualifiers=tuple(sorted(set(qualifiers))),
        note=_text(item.get("note"), f"{where}, field 'note'", required=False),
        where=where,
    )


def read_curation(path: Path) -> Curation:
    """Every decision and hand-added position in ``path``, each checked; one clear error for the first bad one."""
    path = Path(path)
    data, lines = read_yaml_list(path)
    if data is None:
        return Curation()
    if not isinstance(data, list):
        raise InputError(str(path), "expected a list of decisions")
    out = Curation()
    seen: dict[str, str] = {}
    for i, item in enumerate(data):
        where = f"{path}, line {lines[i]}"
        if not isinstance(item, dict):
            raise InputError(where, "expected a mapping with 'fingerprint' and 'decision', or 'decision: add'")
        if item.get("decision") == "add":
            out.additions.append(_addition(item, where))
            continue
        decision = _decision(item, where)
        if decision.fingerprint in seen:
            raise InputError(f"{where}, field 'fingerprint'",
                             f"position {decision.fingerprint} is already decided at {seen[decision.fingerprint]}")
        seen[decision.fingerprint] = where
        out.decisions.append(decision)
    return out


def write_curation(path: Path, curation: Curation) -> None:
    """Write the file whole, through a temporary file, so a reader never sees half of it."""
    path = Path(path)
    items = [d.to_yaml() for d in curation.decisions] + [a.to_yaml() for a in curation.additions]
    body = yaml.safe_dump(items, sort_keys=False, allow_unicode=True, width=100) if items else "[]\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(HEADER + body)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
