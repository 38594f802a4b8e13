"""Apply review decisions to the stored positions, inside the load's transaction.

A decision names a position by its fingerprint. Confirming or rejecting sets
its status; a correction changes person, stance, date or topic, sets the status
to 'corrected' and keeps what extraction found for those fields in
``position.original`` (JSON), so the original stays inspectable and a later
re-extraction cannot undo the correction (see ``load.sources``). A hand-added
position (method 'curated') must quote its source verbatim: its offsets are
found in the stored text.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field

from sqlalchemy import Connection, or_, select

from ..errors import InputError, NotFound
from ..extract.records import Directory, precision_of
from ..formats.curation_yaml import Addition, Curation, Decision
from ..models import Person, Position, Source, Topic
from ..queries.extraction_inputs import directory_from_db
from ..queries.people import find_person
from .sources import fingerprint, sentence_start
from .sync import Counts, sync


@dataclass
class CurationCounts(Counts):
    """What applying the curation file changed, and the decisions that found no position to apply to."""

    unmatched: list[str] = field(default_factory=list)  # where each such decision is written

    def __str__(self) -> str:
        text = super().__str__()
        if not self.unmatched:
            return text
        shown = "; ".join(self.unmatched[:3]) + ("; ..." if len(self.unmatched) > 3 else "")
        return (f"{text}; {len(self.unmatched)} decision(s) kept but matching no extracted position, "
                f"so not applied ({shown})")


class Resolver:
    """Turns the values a reviewer writes (names, slugs, dates) into column values."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self._directory: Directory | None = None

    def person(self, value: str, where: str) -> tuple[int, str]:
        """(id, key) of the one person whose registry key, name or alias is exactly ``value``."""
        rows = self.conn.execute(
            select(Person.id, Person.key).where(or_(Person.key == value, Person.name == value))).all()
        if len(rows) > 1:
            raise InputError(where, f"{value!r} names {len(rows)} people; give the registry key, "
                                    f"e.g. {rows[0].key!r}")
        if rows:
            return rows[0].id, rows[0].key
        try:
            found = find_person(self.conn, value)
        except NotFound as exc:
            raise InputError(where, str(exc)) from None
        if found.person is not None and found.person.how in ("exact", "alias"):
            return found.person.person_id, found.person.key
        close = ", ".join(c.name for c in found.candidates[:3])
        raise InputError(where, f"no person named exactly {value!r}" + (f"; did you mean: {close}?" if close else ""))

    def topic(self, value: str, where: str) -> int:
        topic_id = self.conn.execute(select(Topic.id).where(Topic.slug == value)).scalar()
        if topic_id is None:
            slugs = ", ".join(self.conn.execute(select(Topic.slug).order_by(Topic.slug)).scalars())
            raise InputError(where, f"no topic {value!r} (topics: {slugs})")
        return topic_id

    def is_mp(self, person_key: str | None, day: str | None, otherwise: bool | None) -> bool | None:
        """Sat in the Commons on ``day``, by the registry; ``otherwise`` when there is no date."""
        if person_key is None:
            return False
        if self._directory is None:
            self._directory = directory_from_db(self.conn)
        person = self._directory.by_key().get(person_key)
        if person is None:
            return False
        return person.is_mp_on(day) if day else otherwise

    def corrected_columns(self, decision: Decision, base: dict) -> dict:
        """The column values a correction gives, from the extraction's values in ``base``."""
        def where(name: str) -> str:
            return f"{decision.where}, field 'set'.{name}" if decision.where else f"--{name}"

        changes = decision.changes
        out: dict = {}
        key = None
        if "person" in changes:
            out["person_id"], key = self.person(changes["person"], where("person"))
        elif base["person_id"] is not None:
            key = self.conn.execute(select(Person.key).where(Person.id == base["person_id"])).scalar()
        if "stance" in changes:
            out["stance"] = changes["stance"]
        if "date" in changes:
            out["date"], out["date_precision"] = changes["date"], precision_of(changes["date"])
        if "topic" in changes:
            out["topic_id"] = self.topic(changes["topic"], where("topic"))
        if "person" in changes or "date" in changes:
            out["is_mp"] = self.is_mp(key, out.get("date", base["date"]), base["is_mp"])
        return out


def find_position(conn: Connection, fingerprint_or_prefix: str) -> dict:
    """The one stored position whose fingerprint is, or starts with, the given hex digits."""
    wanted = fingerprint_or_prefix.strip().lower()
    if not wanted or any(c not in "0123456789abcdef" for c in wanted):
        raise InputError("fingerprint", f"{fingerprint_or_prefix!r} is not hex digits")
    t = Position.__table__
    rows = conn.execute(select(t).where(t.c.fingerprint.startswith(wanted)).limit(2)).mappings().all()
    if not rows:
        raise NotFound(f"no position with fingerprint {wanted}")
    if len(rows) > 1:
        raise InputError("fingerprint", f"{wanted} starts more than one fingerprint; give more digits")
    return dict(rows[0])


def apply_decision(conn: Connection, decision: Decision, resolver: Resolver | None = None) -> Counts | None:
    """Set one position's status, note and corrected fields; None when no stored position has the
    fingerprint (its text no longer yields it), which is left alone."""
    t = Position.__table__
    row = conn.execute(select(t).where(t.c.fingerprint == decision.fingerprint)).mappings().first()
    if row is None:
        return None
    if row["method"] != "extracted":
        raise InputError(decision.where or decision.fingerprint,
                         "a hand-added position is changed by editing its entry in the curation file")
    return _set(conn, dict(row), decision, resolver or Resolver(conn))


def apply_curation(conn: Connection, curation: Curation) -> CurationCounts:
    """Make the stored review state what the curation file says: hand-added positions, then every
    decision; an extracted position with no decision goes back to pending, as extracted."""
    resolver = Resolver(conn)
    counts = _load_additions(conn, curation.additions, resolver)
    decided = {d.fingerprint for d in curation.decisions}
    unmatched = []  # decisions on positions a changed extractor or source no longer yields: kept in the file
    for decision in curation.decisions:
        applied = apply_decision(conn, decision, resolver)
        if applied is None:
            unmatched.append(decision.where or decision.fingerprint)
        else:
            counts += applied
    t = Position.__table__
    reviewed = conn.execute(select(t).where(
        t.c.method == "extracted",
        or_(t.c.status != "pending", t.c.note.is_not(None), t.c.original.is_not(None)))).mappings()
    for row in [dict(r) for r in reviewed if r["fingerprint"] not in decided]:
        counts += _set(conn, row, None, resolver)
    return CurationCounts(**asdict(counts), unmatched=unmatched)


def _set(conn: Connection, row: dict, decision: Decision | None, resolver: Resolver) -> Counts:
    base = {**row, **json.loads(row["original"] or "{}")}  # the values as extracted
    target = {"status": decision.status if decision else "pending",
              "note": decision.note if decision else None, "original": None}
    target.update({c: base[c] for c in json.loads(row["original"] or "{}")})
    if decision and decision.changes:
        columns = resolver.corrected_columns(decision, base)
        target.update(columns)
        target["original"] = json.dumps({c: base[c] for c in columns}, sort_keys=True)
    changes = {c: v for c, v in target.items() if row[c] != v}
    if not changes:
        return Counts(unchanged=1)
    t = Position.__table__
    conn.execute(t.update().where(t.c.id == row["id"]).values(**changes))
    return Counts(updated=1)


HAND_RECORDED = "hand-recorded"  # the kind of source that holds an unverified position's words as recorded
UNVERIFIED_OUTLET = "unverified (recorded by hand)"  # shown wherever a source is named


def _load_additions(conn: Connection, additions: list[Addition], resolver: Resolver) -> Counts:
    """Hand-added positions. A verified one cites its stored source at the quote's offsets. An unverified
    one (from a user's list) is checked again here: when a stored version of its source holds the words, it
    cites that; otherwise its words as recorded are kept in a source of their own, marked unverified."""
    placed: list[tuple[Addition, object, int, int, str]] = []
    stubs: dict[str, dict] = {}
    for a in additions:
        if a.verified:
            source = _source(conn, a)
            start = source.text.find(a.quote)
            if start < 0:
                raise InputError(f"{a.where}, field 'quote'",
                                 f"not found verbatim in source {source.path or source.url or source.id}")
            placed.append((a, source, start, start + len(a.quote), "verbatim"))
            continue
        found = find_in_stored(conn, a.source, a.quote)
        if found is not None:
            placed.append((a, *found, "verbatim"))
            continue
        sha = hashlib.sha256("\n".join((HAND_RECORDED, a.source or "", a.person or "", a.topic, a.stance,
                                        a.date or "", a.quote)).encode("utf-8")).hexdigest()
        stubs[sha] = {"sha256": sha, "kind": HAND_RECORDED, "outlet": UNVERIFIED_OUTLET,
                      "url": a.source if a.source and _URLISH.match(a.source) else None,
                      "title": "Recorded by hand; not checked against its source", "published": a.date,
                      "published_precision": precision_of(a.date), "author": None,
                      "path": a.source or "recorded by hand", "text": a.quote, "canonical_url": None,
                      "raw_sha256": None, "fetched_at": None, "fetch": None, "previous_id": None}
        placed.append((a, sha, 0, len(a.quote), "unverified"))
    counts = sync(conn, Source.__table__, ("sha256",), stubs.values(), scope="kind = :kind",
                  params={"kind": HAND_RECORDED})
    stub_rows = {r.sha256: r for r in conn.execute(
        select(Source.id, Source.sha256, Source.path, Source.url, Source.published, Source.text)
        .where(Source.kind == HAND_RECORDED))} if stubs else {}
    rows: dict[str, dict] = {}
    for a, source, start, end, check in placed:
        if isinstance(source, str):
            source = stub_rows[source]
        row = _addition_row(a, source, start, end, check, resolver)
        if row["fingerprint"] in rows:
            raise InputError(a.where, "the same position is added twice (same source, sentence, person, topic "
                                      "and stance)")
        rows[row["fingerprint"]] = row
    counts += sync(conn, Position.__table__, ("fingerprint",), rows.values(),
                   scope="method = 'curated'")
    return counts


def _addition_row(a: Addition, source, start: int, end: int, check: str, resolver: Resolver) -> dict:
    person_id, key = resolver.person(a.person, f"{a.where}, field 'person'") if a.person else (None, None)
    day = a.date or source.published
    return {
        "fingerprint": fingerprint(source.sha256, f"curated:{key or ''}", a.topic, a.stance,
                                   sentence_start(source.text, start)),
        "source_id": source.id, "person_id": person_id, "speaker_as_written": a.person,
        "topic_id": resolver.topic(a.topic, f"{a.where}, field 'topic'"), "stance": a.stance,
        "qualifiers": json.dumps(list(a.qualifiers)), "date": day, "date_precision": precision_of(day),
        "quote": source.text[start:end], "start": start, "end": end, "confidence": 1.0,
        "is_mp": resolver.is_mp(key, day, False), "evidence": "statement", "method": "curated",
        "status": "confirmed" if check == "verbatim" else "pending", "note": a.note, "original": None,
        "quote_check": check,
    }


def verify_recorded(conn: Connection) -> Counts:
    """After texts are stored: each unverified position whose source now is stored and holds its words
    cites that source instead, as the next rebuild from the curation file will too."""
    counts = Counts()
    t = Position.__table__
    pending = conn.execute(
        select(t, Source.path.label("recorded_source"), Source.id.label("stub_id"), Topic.slug)
        .join(Source, Source.id == t.c.source_id).join(Topic, Topic.id == t.c.topic_id)
        .where(t.c.quote_check == "unverified", Source.kind == HAND_RECORDED, Source.path.like("http%"))).all()
    if not pending:
        return counts
    resolver = Resolver(conn)
    for r in pending:
        a = Addition(source=r.recorded_source, topic=r.slug, stance=r.stance, quote=r.quote,
                     person=r.speaker_as_written, date=r.date, qualifiers=tuple(json.loads(r.qualifiers)),
                     note=r.note, verified=False, where=f"position {r.id}")
        found = find_in_stored(conn, a.source, a.quote)
        if found is None:
            continue
        row = _addition_row(a, *found, "verbatim", resolver)
        if conn.execute(select(t.c.id).where(t.c.fingerprint == row["fingerprint"])).first() is None:
            conn.execute(t.update().where(t.c.id == r.id).values(**row))
            counts.updated += 1
        conn.execute(Source.__table__.delete().where(Source.id == r.stub_id, ~select(t.c.id).where(
            t.c.source_id == r.stub_id).exists()))
    return counts


_URLISH = re.compile(r"^https?://", re.I)
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                       "\u2014": "-", "\u00a0": " "})


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where ``quote`` is in ``text``: verbatim, else with quotation marks, dashes and spacing taken as
    equal (the offsets are those of the stored text)."""
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    words = quote.translate(_FOLD).split()
    if not words:
        return None
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.search(pattern, text.translate(_FOLD))
    return (m.start(), m.end()) if m else None


def stored_versions(conn: Connection, address: str):
    """The stored sources (never a hand-recorded one) known by ``address`` (SHA-256, path, URL or canonical
    URL), newest version first."""
    return conn.execute(
        select(Source.id, Source.sha256, Source.path, Source.url, Source.published, Source.text)
        .where(Source.kind != HAND_RECORDED,
               or_(Source.sha256 == address, Source.path == address, Source.url == address,
                   Source.canonical_url == address))
        .order_by(Source.id.desc())).all()


def find_in_stored(conn: Connection, address: str | None, quote: str):
    """(source, start, end) of the newest stored version of ``address`` that holds ``quote``, or None."""
    for source in stored_versions(conn, address) if address else ():
        span = find_quote(source.text, quote)
        if span is not None:
            return source, *span
    return None


def _source(conn: Connection, a: Addition):
    found = conn.execute(select(Source.id, Source.sha256, Source.path, Source.url, Source.published, Source.text)
                         .where(or_(Source.sha256 == a.source, Source.path == a.source, Source.url == a.source))
                         ).all()
    if len(found) > 1:  # versions of one page: the newest that holds the words
        holding = [s for s in found if a.quote in s.text]
        found = [max(holding, key=lambda s: s.id)] if holding else found
    if len(found) != 1:
        what = "no stored source has" if not found else f"{len(found)} stored sources have"
        raise InputError(f"{a.where}, field 'source'", f"{what} the path, URL or SHA-256 {a.source!r}")
    return found[0]
