"""Load the registry: organizations, people, identifiers, aliases and memberships."""

from __future__ import annotations

from sqlalchemy import Connection

from ..formats.registry import CHAMBER_ORGS, RegistryData
from ..models import Membership, Organization, Person, PersonAlias, PersonIdentifier
from .sync import Counts, id_map, sync


def load_registry(conn: Connection, data: RegistryData) -> Counts:
    counts = Counts()
    counts += sync(conn, Organization.__table__, ("key",), (
        {"key": o.key, "name": o.name, "classification": o.classification} for o in data.organizations
    ))
    counts += sync(conn, Person.__table__, ("key",), (
        {"key": p.key, "name": p.name, "given_name": p.given_name, "family_name": p.family_name,
         "sort_name": p.sort_name, "honorific": p.honorific, "in_registry": True}
        for p in data.people
    ))
    people = id_map(conn, Person.__table__)
    orgs = id_map(conn, Organization.__table__)
    counts += sync(conn, PersonIdentifier.__table__, ("scheme", "identifier"), (
        {"person_id": people[p.key], "scheme": scheme, "identifier": ident}
        for p in data.people for scheme, ident in p.identifiers.items()
    ))
    counts += sync(conn, PersonAlias.__table__, ("person_id", "alias"), (
        {"person_id": people[p.key], "alias": a["alias"], "kind": a["kind"]}
        for p in data.people for a in p.aliases
    ))
    counts += sync(conn, Membership.__table__, ("key",), (
        {"key": m.key, "person_id": people[p.key],
         "organization_id": orgs[CHAMBER_ORGS.get(m.chamber, (m.chamber,))[0]],
         "on_behalf_of_id": orgs.get(m.party) if m.party else None,
         "post": m.constituency, "role": m.role, "start_date": m.start, "end_date": m.end,
         "start_reason": m.start_reason, "end_reason": m.end_reason}
        for p in data.people for m in p.memberships
    ))
    return counts
