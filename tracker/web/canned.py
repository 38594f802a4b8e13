"""The canned queries Datasette offers: each gives the rows of one of the views made by the migrations, with its
filter where both engines apply it before anything is sorted. who_backed and said_vs_voted read the answer
tables under the views backers and said_beside_voted (the same columns, the same order: topic, rank);
person_positions gives the rows of the view person_record with the person filter inside each half of it.

Why not the views themselves: a view sorted by ORDER BY is a subquery PostgreSQL does not flatten, and it
cannot take the filter ``topic_id in (select id from wanted)`` (a semi-join) inside one, so it would sort every
topic's rows (at 10x, 16,651 of them, spilling past work_mem) before keeping one topic's 2,000. SQLite drops
the view's ORDER BY and plans either form alike.

A topic is found as ``tracker.queries.find_topic`` finds it, by slug, by name or
by a word of its name; SQL cannot do the rest of what the CLI does, so the
metadata says where the answers can differ.
"""

from __future__ import annotations

# the topic the user asked for: an exact slug or name first, else every topic with that word in its slug or name
WANTED_TOPIC = """
with exact as (
  select id from topic where lower(trim(:topic)) in (lower(slug), lower(name))
), wanted as (
  select id from exact
  union
  select id from topic
  where not exists (select 1 from exact) and trim(:topic) <> ''
    and (' ' || replace(lower(slug), '-', ' ') || ' ' || replace(lower(name), '-', ' ') || ' ')
        like '% ' || lower(trim(:topic)) || ' %'
)"""

# the rows of the view backers for the topics wanted, in the order of each topic's answer (``rank``: earliest
# first, more evidence first, by name)
WHO_BACKED = WANTED_TOPIC + """
select person, party, constituency, first_date, first_quote, first_source, votes, statements,
       vote_count as votes_for, evidence, first_url, topic
from answer_backer
where topic_id in (select id from wanted)
order by topic, rank"""

# the rows of the view said_beside_voted for the topics wanted, in the order of each topic's answer (``rank``: by
# verdict, earliest said first, by name)
SAID_VS_VOTED = WANTED_TOPIC + """
select person, party, said, said_first, said_latest, votes, verdict, topic
from answer_said_voted
where topic_id in (select id from wanted)
order by topic, rank"""

DIVISION_BREAKDOWN = """
select party, aye, no, did_not_vote, members, date, title
from party_votes
where division_id = cast(:division_id as integer)
order by members desc, party"""

# the rows of the view person_record for the people found, with the person filter inside each half of it, so that
# both engines find them by person (index on person_id) instead of building the whole record of everyone first
PERSON_POSITIONS = """
with named as (
  select id from person where lower(name) = lower(trim(:name))
  union
  select person_id from person_alias where lower(alias) = lower(trim(:name))
), found as (
  select id from named
  union
  select id from person
  where not exists (select 1 from named) and trim(:name) <> '' and name like '%' || trim(:name) || '%'
)
select person, kind, date, topic, way, detail, source, url
from (
  select pe.name as person, 'statement' as kind, p.date, t.slug as topic, p.stance as way, p.quote as detail,
         coalesce(s.outlet, s.path) as source, s.url, cast(null as integer) as division_id, p.id as position_id
  from position p
  join person pe on pe.id = p.person_id
  join topic t on t.id = p.topic_id
  join source s on s.id = p.source_id
  where p.person_id in (select id from found)
  union all
  select pe.name, 'vote', d.date, t.slug,
         v.option || ' (' || case when v.option in ('aye', 'teller_aye') then mt.aye_means
                                  when mt.aye_means = 'support' then 'oppose' else 'support' end || ')',
         'division ' || d.id || ': ' || d.title, 'Commons division',
         'https://votes.parliament.uk/Votes/Commons/Division/' || d.id, d.id, null
  from vote v
  join division d on d.id = v.division_id
  join motion_topic mt on mt.motion_id = d.motion_id
  join topic t on t.id = mt.topic_id
  join person pe on pe.id = v.person_id
  where v.person_id in (select id from found)
) record
order by person, coalesce(date, ''), kind, division_id, topic, position_id"""

CLAIMS_VS_RECORD = """
select verdict, person, date, topic, claimed, official, division_id, division_title, quote, source, url, matched_by
from claims_beside_record
order by verdict_rank, coalesce(date, ''), source_id, claim_id"""
