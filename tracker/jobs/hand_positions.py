"""Positions a user recorded by hand, made into review decisions in the curation file.

Each row's person is looked up with the shared look-up (``queries.people``):
a name that matches nobody, or more than one person, or only a near miss, is
listed and not guessed. Each quote is checked against the stored text of its
address when that page is in the database: words found there (verbatim, or
with only quotation marks, dashes and spacing differing) cite it at their
offsets; otherwise the row is kept as "unverified", and is checked again on
every load, so ingesting the page later verifies it. A row with no quote whose
page is stored confirms the position extraction found there for that person
and topic, when it found one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from ..errors import InputError, NotFound
from ..formats.curation_yaml import Addition, Curation, Decision, check_stance
from ..formats.position_sheets import Sheet, day_of, stance_of
from ..load.curation import find_in_stored, stored_versions
from ..models import Person, Position, Topic
from ..queries.common import find_topic
from ..queries.people import find_person

SURE = ("key", "exact", "alias", "nickname")  # how a name must match for a row to be taken without asking
NO_QUOTE = "(no quote recorded)"


@dataclass
class Planned:
    additions: list[Addition] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # one line each: the row, and why it was not taken
    verified: int = 0
    unverified: int = 0
    confirmed: int = 0

    def into(self, curation: Curation) -> Curation:
        """The curation file with these rows in: an addition already there (same source, person, topic,
        stance and quote) is not added twice."""
        have = {(a.source, a.person, a.topic, a.stance, a.quote) for a in curation.additions}
        for a in self.additions:
            if (a.source, a.person, a.topic, a.stance, a.quote) not in have:
                curation.additions.append(a)
                have.add((a.source, a.person, a.topic, a.stance, a.quote))
        for d in self.decisions:
            curation.record(d)
        return curation


def plan_sheet(conn: Connection, sheet: Sheet, topic: str | None = None, stance: str | None = None) -> Planned:
    """What each row of ``sheet`` becomes; ``topic`` and ``stance`` stand for columns the sheet lacks."""
    out = Planned()
    for row in sheet.rows:
        where = f"{sheet.path}, row {row.line}"
        try:
            _plan_row(conn, row.values, where, topic, stance, out)
        except (InputError, NotFound) as exc:
            out.skipped.append(f"{where}: {exc.what if isinstance(exc, InputError) else exc}")
    return out


def plan_one(conn: Connection, values: dict, where: str) -> Planned:
    out = Planned()
    _plan_row(conn, values, where, None, None, out)
    return out


def _plan_row(conn: Connection, values: dict, where: str, topic: str | None, stance: str | None,
              out: Planned) -> None:
    name = values.get("person", "").strip()
    if not name:
        raise InputError(where, "no person")
    person = _person(conn, name)
    topic_text = values.get("topic", "").strip() or topic
    if not topic_text:
        raise InputError(where, "no topic (give the sheet a topic column, or --topic)")
    slug = find_topic(conn, topic_text).slug
    stance_text = values.get("stance", "").strip()
    if stance_text:
        way = stance_of(stance_text)
        if way is None:
            raise InputError(where, f"stance {stance_text!r} is neither support nor oppose")
    elif stance:
        way = check_stance(stance, where)
    else:
        raise InputError(where, "no stance (give the sheet a stance column, or --stance)")
    try:
        day = day_of(values.get("date", ""))
    except ValueError as exc:
        raise InputError(where, str(exc)) from None
    url = values.get("url", "").strip() or None
    quote = " ".join(values.get("quote", "").split())
    note = values.get("note", "").strip() or None
    found = find_in_stored(conn, url, quote) if quote else None
    stored = stored_versions(conn, url) if url and not quote else []
    if found is not None:
        source, start, end = found
        out.additions.append(Addition(source=source.sha256, topic=slug, stance=way, quote=source.text[start:end],
                                      person=person, date=day, note=note, where=where))
        out.verified += 1
        return
    if stored:
        found = _extracted(conn, stored, person, slug, way)
        if found is not None:
            out.decisions.append(Decision(found.fingerprint, "confirm", note or f"from {where}", {},
                                          quote=found.quote))
            out.confirmed += 1
            return
    out.additions.append(Addition(source=url, topic=slug, stance=way, quote=quote or NO_QUOTE, person=person,
                                  date=day, note=note, verified=False, where=where))
    out.unverified += 1


def _person(conn: Connection, name: str) -> str:
    """The person's name as the curation file keeps it (their key when the name is shared), or the reason."""
    found = find_person(conn, name)
    if found.person is None:
        names = ", ".join(c.name for c in found.candidates[:4])
        raise InputError("person", f"{name!r} could be any of {len(found.candidates)} people ({names}); "
                                   "give a fuller name")
    if found.person.how not in SURE:
        raise InputError("person", f"no one is named {name!r}; the nearest is {found.person.name} (not guessed)")
    shared = conn.execute(select(Person.id).where(Person.name == found.person.name)).all()
    return found.person.name if len(shared) == 1 else found.person.key


def _extracted(conn: Connection, stored, person: str, slug: str, way: str):
    key_or_name = (Person.key == person) | (Person.name == person)
    return conn.execute(
        select(Position.fingerprint, Position.quote).join(Person, Person.id == Position.person_id)
        .join(Topic, Topic.id == Position.topic_id)
        .where(Position.source_id.in_([s.id for s in stored]), key_or_name, Topic.slug == slug,
               Position.stance == way, Position.method == "extracted")
        .order_by(Position.source_id.desc(), Position.start)).first()
