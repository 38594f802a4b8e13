"""Write what the database holds to files: Popolo JSON, or one CSV per table."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.orm import aliased

from ..db import is_fts_table
from ..models import (
    Base,
    Division,
    Membership,
    Motion,
    Organization,
    Person,
    PersonAlias,
    PersonIdentifier,
    Vote,
)

POPOLO_OPTION = {"aye": "yes", "teller_aye": "yes", "no": "no", "teller_no": "no"}
POPOLO_FILES = ("persons", "organizations", "memberships", "motions", "vote_events")


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _clean(obj: dict) -> dict:
    return {k: v for k, v in obj.items() if v not in (None, [], {})}


def popolo(conn: Connection, out: Path) -> dict[str, int]:
    """Persons, organizations, memberships, motions and vote events (with counts and votes) as Popolo JSON."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    ids = defaultdict(list)
    for pid, scheme, ident in conn.execute(select(PersonIdentifier.person_id, PersonIdentifier.scheme,
                                                  PersonIdentifier.identifier).order_by(PersonIdentifier.id)):
        ids[pid].append({"scheme": scheme, "identifier": ident})
    names = defaultdict(list)
    for pid, alias, kind in conn.execute(select(PersonAlias.person_id, PersonAlias.alias, PersonAlias.kind)
                                         .order_by(PersonAlias.id)):
        names[pid].append({"name": alias, "note": kind})
    persons = [
        _clean({"id": p.key, "name": p.name, "given_name": p.given_name, "family_name": p.family_name,
                "sort_name": p.sort_name, "honorific_prefix": p.honorific, "identifiers": ids[p.id],
                "other_names": names[p.id]})
        for p in conn.execute(select(Person.__table__).order_by(Person.key))
    ]
    organizations = [
        _clean({"id": o.key, "name": o.name, "classification": o.classification})
        for o in conn.execute(select(Organization.__table__).order_by(Organization.key))
    ]
    chamber, party = aliased(Organization), aliased(Organization)
    memberships = [
        _clean({"id": r.key, "person_id": r.person_key, "organization_id": r.chamber, "on_behalf_of_id": r.party,
                "label": r.post, "role": r.role, "start_date": r.start_date, "end_date": r.end_date})
        for r in conn.execute(
            select(Membership.key, Person.key.label("person_key"), chamber.key.label("chamber"),
                   party.key.label("party"), Membership.post, Membership.role, Membership.start_date,
                   Membership.end_date)
            .join(Person, Person.id == Membership.person_id)
            .join(chamber, chamber.id == Membership.organization_id)
            .outerjoin(party, party.id == Membership.on_behalf_of_id).order_by(Membership.key))
    ]
    motion_keys = dict(conn.execute(select(Motion.id, Motion.key)).all())
    motions = [
        _clean({"id": m.key, "organization_id": "house-of-commons" if m.chamber == "commons" else m.chamber,
                "text": m.text or m.title, "identifier": m.title, "classification": m.classification,
                "date": m.date, "result": m.result,
                "sources": [{"url": f"#motion/{motion_keys[m.parent_id]}", "note": "amends"}] if m.parent_id
                else None})
        for m in conn.execute(select(Motion.__table__).order_by(Motion.key))
    ]
    people = dict(conn.execute(select(Person.id, Person.key)).all())
    parties = dict(conn.execute(select(Organization.id, Organization.key)).all())
    votes = defaultdict(list)
    for division_id, pid, option, party_id in conn.execute(
            select(Vote.division_id, Vote.person_id, Vote.option, Vote.party_id).order_by(Vote.division_id,
                                                                                         Vote.person_id)):
        votes[division_id].append(_clean({
            "voter_id": people[pid], "option": POPOLO_OPTION[option], "group_id": parties.get(party_id),
            "role": "teller" if option.startswith("teller") else None}))
    vote_events = [
        _clean({"id": str(d.id), "identifier": str(d.number) if d.number is not None else None,
                "motion_id": motion_keys.get(d.motion_id), "organization_id": "house-of-commons",
                "start_date": d.date, "result": "pass" if (d.aye_count or 0) > (d.no_count or 0) else "fail",
                "counts": [{"option": "yes", "value": d.aye_count or 0}, {"option": "no", "value": d.no_count or 0}],
                "votes": votes[d.id]})
        for d in conn.execute(select(Division.__table__).order_by(Division.id))
    ]
    data = dict(zip(POPOLO_FILES, (persons, organizations, memberships, motions, vote_events), strict=True))
    for name, items in data.items():
        _write_json(out / f"{name}.json", items)
    return {name: len(items) for name, items in data.items()}


def tables_csv(conn: Connection, out: Path) -> dict[str, int]:
    """One CSV file per table, with a header row, in primary key order."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for name, table in Base.metadata.tables.items():
        if is_fts_table(name):
            continue
        rows = conn.execute(select(table).order_by(*table.primary_key.columns))
        with (out / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow([c.name for c in table.columns])
            n = 0
            for row in rows:
                writer.writerow(row)
                n += 1
        counts[name] = n
    return counts
