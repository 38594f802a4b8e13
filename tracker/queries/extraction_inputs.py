"""What extraction needs from the database: the registry as a Directory, and the topics."""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import Connection, select
from sqlalchemy.orm import aliased

from ..extract.records import Directory, DirectoryPerson, Seat, TopicSpec, TopicVote
from ..formats.chambers import CHAMBER_OF_ORG
from ..models import Division, Membership, MotionTopic, Organization, Person, PersonAlias, Topic


def directory_from_db(conn: Connection) -> Directory:
    aliases: dict[int, list[str]] = defaultdict(list)
    for person_id, alias in conn.execute(select(PersonAlias.person_id, PersonAlias.alias).order_by(PersonAlias.id)):
        aliases[person_id].append(alias)
    chamber, party = aliased(Organization), aliased(Organization)
    seats: dict[int, list[Seat]] = defaultdict(list)
    query = (
        select(Membership.person_id, chamber.key, party.name, Membership.post, Membership.start_date,
               Membership.end_date, Membership.role)
        .join(chamber, chamber.id == Membership.organization_id)
        .outerjoin(party, party.id == Membership.on_behalf_of_id)
        .order_by(Membership.person_id, Membership.start_date, Membership.id)
    )
    for person_id, chamber_key, party_name, post, start, end, role in conn.execute(query):
        seats[person_id].append(Seat(CHAMBER_OF_ORG.get(chamber_key, chamber_key), party_name, post, start, end, role))
    people = [
        DirectoryPerson(key=p.key, name=p.name, given_name=p.given_name, family_name=p.family_name,
                        honorific=p.honorific, aliases=tuple(aliases[p.id]), seats=tuple(seats[p.id]))
        for p in conn.execute(select(Person.__table__).where(Person.in_registry.is_(True)).order_by(Person.key))
    ]
    return Directory(people)


def topics_from_db(conn: Connection) -> list[TopicSpec]:
    votes: dict[int, list[TopicVote]] = defaultdict(list)
    for topic_id, division, aye_means, day, title in conn.execute(
        select(MotionTopic.topic_id, Division.id, MotionTopic.aye_means, Division.date, Division.title)
        .join(Division, Division.motion_id == MotionTopic.motion_id)
        .order_by(MotionTopic.topic_id, Division.date, Division.id)
    ):
        votes[topic_id].append(TopicVote(division, aye_means, day, title))
    return [
        TopicSpec(slug=t.slug, name=t.name, cues=tuple(json.loads(t.cues)),
                  oppose_cues=tuple(json.loads(t.oppose_cues or "[]")),
                  excludes=tuple(json.loads(t.excludes or "[]")), description=t.description or "",
                  votes=tuple(votes[t.id]))
        for t in conn.execute(select(Topic.__table__).order_by(Topic.slug))
    ]
