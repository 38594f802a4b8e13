"""views that answer the tracker's questions in SQL

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24

The views give plain ``datasette data.db`` (or any SQL client) the same answers
as ``tracker.queries``: who backed a topic and when, said vs voted, a
division's party breakdown, and everything a person said or voted on a topic.
They are written in SQL that SQLite and PostgreSQL both run; only the joining
of a list into one text differs (``group_concat`` or ``string_agg``).

A seat covers a date when its start and end, cut to the length of the date,
enclose it: a date known only to the month ("2023-11") falls within any seat
held during that month, as in ``tracker.queries.common.Seats``.
"""

from __future__ import annotations

from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

COMMONS = "'house-of-commons'"


def _covers(seat: str, day: str) -> str:
    return (f"(substr({seat}.start_key, 1, length({day})) <= {day} "
            f"AND {day} <= substr({seat}.end_key, 1, length({day})))")


def _joined(expr: str, order: str) -> str:
    """``expr`` of each row joined with ', ' in ``order``, by the dialect's aggregate."""
    if op.get_bind().dialect.name == "postgresql":
        return f"string_agg({expr}, ', ' ORDER BY {order})"
    return f"group_concat({expr}, ', ')"  # SQLite joins rows in the order its ordered input delivers them


def _views() -> dict[str, str]:
    return {
        "seat": f"""
SELECT m.id, m.person_id, c.key AS chamber, CASE WHEN c.key = {COMMONS} THEN 0 ELSE 1 END AS chamber_rank,
       party.name AS party, m.post, m.start_date, m.end_date,
       coalesce(m.start_date, '0000') AS start_key, coalesce(m.end_date, '9999') AS end_key
FROM membership m
JOIN organization c ON c.id = m.organization_id
LEFT JOIN organization party ON party.id = m.on_behalf_of_id""",

        "backing_evidence": """
SELECT p.topic_id, t.slug AS topic, p.person_id, pe.name AS person, 'statement' AS kind, p.date,
       p.quote, p.source_id, s.outlet, s.url, s.path, p.id AS position_id,
       CAST(NULL AS INTEGER) AS division_id, CAST(NULL AS TEXT) AS option, CAST(NULL AS TEXT) AS title
FROM position p
JOIN topic t ON t.id = p.topic_id
JOIN person pe ON pe.id = p.person_id
JOIN source s ON s.id = p.source_id
WHERE p.stance = 'support' AND p.status <> 'rejected'
UNION ALL
SELECT mt.topic_id, t.slug, v.person_id, pe.name, 'vote', d.date,
       NULL, NULL, NULL, NULL, NULL, NULL, d.id, v.option, coalesce(mo.title, d.title)
FROM vote v
JOIN division d ON d.id = v.division_id
JOIN motion_topic mt ON mt.motion_id = d.motion_id
JOIN topic t ON t.id = mt.topic_id
JOIN person pe ON pe.id = v.person_id
LEFT JOIN motion mo ON mo.id = d.motion_id
WHERE (mt.aye_means = 'support' AND v.option IN ('aye', 'teller_aye'))
   OR (mt.aye_means = 'oppose' AND v.option IN ('no', 'teller_no'))""",

        "backers": f"""
WITH ev AS (
  SELECT e.*, CASE WHEN e.kind = 'statement' THEN 0 ELSE 1 END AS kind_rank,
         ROW_NUMBER() OVER (PARTITION BY e.topic_id, e.person_id
                            ORDER BY coalesce(e.date, '9999'), CASE WHEN e.kind = 'statement' THEN 0 ELSE 1 END,
                                     coalesce(e.position_id, e.division_id)) AS n
  FROM backing_evidence e
),
in_commons AS (
  SELECT ev.topic_id, ev.person_id, s.party, s.post,
         ROW_NUMBER() OVER (PARTITION BY ev.topic_id, ev.person_id ORDER BY ev.n, s.start_key, s.id) AS k
  FROM ev JOIN seat s ON s.person_id = ev.person_id AND s.chamber = {COMMONS} AND {_covers('s', 'ev.date')}
),
first_statement AS (
  SELECT ev.topic_id, ev.person_id, ev.quote, coalesce(ev.outlet, ev.path) AS source, ev.url,
         ROW_NUMBER() OVER (PARTITION BY ev.topic_id, ev.person_id ORDER BY ev.n) AS k
  FROM ev WHERE ev.kind = 'statement'
),
vote_list AS (
  SELECT topic_id, person_id, {_joined("option || ' ' || division_id || ' (' || date || ')'", 'n')} AS votes
  FROM (SELECT * FROM ev WHERE kind = 'vote' ORDER BY topic_id, person_id, n) v
  GROUP BY topic_id, person_id
)
SELECT ev.topic_id, ev.topic, ev.person_id, ev.person, c.party, c.post AS constituency, MIN(ev.date) AS first_date,
       SUM(1 - ev.kind_rank) AS statements, SUM(ev.kind_rank) AS vote_count, COUNT(*) AS evidence,
       vl.votes, fs.quote AS first_quote, fs.source AS first_source, fs.url AS first_url
FROM ev
JOIN in_commons c ON c.topic_id = ev.topic_id AND c.person_id = ev.person_id AND c.k = 1
LEFT JOIN first_statement fs ON fs.topic_id = ev.topic_id AND fs.person_id = ev.person_id AND fs.k = 1
LEFT JOIN vote_list vl ON vl.topic_id = ev.topic_id AND vl.person_id = ev.person_id
GROUP BY ev.topic_id, ev.topic, ev.person_id, ev.person, c.party, c.post, vl.votes, fs.quote, fs.source, fs.url
ORDER BY ev.topic, coalesce(MIN(ev.date), '9999'), COUNT(*) DESC, ev.person""",

        "said_beside_voted": f"""
WITH said AS (
  SELECT topic_id, person_id, date, stance,
         ROW_NUMBER() OVER (PARTITION BY topic_id, person_id ORDER BY coalesce(date, ''), id) AS first_n,
         ROW_NUMBER() OVER (PARTITION BY topic_id, person_id ORDER BY coalesce(date, '') DESC, id DESC) AS last_n
  FROM position WHERE status <> 'rejected' AND person_id IS NOT NULL
),
said_summary AS (
  SELECT topic_id, person_id, CASE WHEN MIN(stance) = MAX(stance) THEN MIN(stance) ELSE 'mixed' END AS said,
         MAX(CASE WHEN first_n = 1 THEN date END) AS said_first,
         MAX(CASE WHEN last_n = 1 THEN stance END) AS said_latest
  FROM said GROUP BY topic_id, person_id
),
linked AS (
  SELECT mt.topic_id, d.id AS division_id, d.date, mt.aye_means,
         ROW_NUMBER() OVER (PARTITION BY mt.topic_id ORDER BY d.date, d.id) AS n
  FROM division d JOIN motion_topic mt ON mt.motion_id = d.motion_id
),
cast_votes AS (
  SELECT l.topic_id, v.person_id, l.division_id,
         CASE WHEN v.option IN ('aye', 'teller_aye') THEN 'aye' ELSE 'no' END AS side,
         CASE WHEN v.option IN ('aye', 'teller_aye') THEN l.aye_means
              WHEN l.aye_means = 'support' THEN 'oppose' ELSE 'support' END AS direction
  FROM linked l JOIN vote v ON v.division_id = l.division_id
),
people AS (
  SELECT topic_id, person_id FROM said_summary UNION SELECT topic_id, person_id FROM cast_votes
),
topic_votes AS (
  SELECT pe.topic_id, pe.person_id, l.division_id, l.date, l.n, coalesce(cv.side, 'did not vote') AS option,
         cv.direction
  FROM people pe
  JOIN linked l ON l.topic_id = pe.topic_id
  LEFT JOIN cast_votes cv ON cv.topic_id = pe.topic_id AND cv.person_id = pe.person_id
                          AND cv.division_id = l.division_id
  WHERE cv.person_id IS NOT NULL
     OR EXISTS (SELECT 1 FROM seat s WHERE s.person_id = pe.person_id AND s.chamber = {COMMONS}
                AND {_covers('s', 'l.date')})
),
vote_summary AS (
  SELECT tv.topic_id, tv.person_id, COUNT(*) AS n_votes, COUNT(tv.direction) AS n_directed,
         SUM(CASE WHEN tv.direction IS NOT NULL
                   AND tv.direction <> CASE WHEN ss.said = 'mixed' THEN ss.said_latest ELSE ss.said END
                  THEN 1 ELSE 0 END) AS n_against,
         MIN(tv.date) AS first_vote_date
  FROM topic_votes tv
  LEFT JOIN said_summary ss ON ss.topic_id = tv.topic_id AND ss.person_id = tv.person_id
  GROUP BY tv.topic_id, tv.person_id
),
vote_list AS (
  SELECT topic_id, person_id, {_joined("option || ' ' || division_id", 'n')} AS votes
  FROM (SELECT * FROM topic_votes ORDER BY topic_id, person_id, n) v
  GROUP BY topic_id, person_id
),
summary AS (
  SELECT pe.topic_id, pe.person_id, ss.said, ss.said_first, ss.said_latest, vl.votes,
         coalesce(vs.n_votes, 0) AS n_votes, coalesce(vs.n_directed, 0) AS n_directed,
         coalesce(vs.n_against, 0) AS n_against,
         coalesce(nullif(ss.said_first, ''), vs.first_vote_date) AS as_of
  FROM people pe
  LEFT JOIN said_summary ss ON ss.topic_id = pe.topic_id AND ss.person_id = pe.person_id
  LEFT JOIN vote_summary vs ON vs.topic_id = pe.topic_id AND vs.person_id = pe.person_id
  LEFT JOIN vote_list vl ON vl.topic_id = pe.topic_id AND vl.person_id = pe.person_id
),
party_then AS (
  SELECT su.topic_id, su.person_id, s.party,
         ROW_NUMBER() OVER (PARTITION BY su.topic_id, su.person_id ORDER BY s.chamber_rank, s.start_key, s.id) AS k
  FROM summary su JOIN seat s ON s.person_id = su.person_id AND {_covers('s', 'su.as_of')}
),
party_latest AS (
  SELECT person_id, party,
         ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY start_key DESC, chamber_rank, id) AS k
  FROM seat
),
judged AS (
  SELECT su.*, CASE WHEN su.said IS NULL THEN 'voted-only'
                    WHEN su.n_votes = 0 THEN 'said-only'
                    WHEN su.n_directed = 0 THEN 'did-not-vote'
                    WHEN su.n_against = 0 THEN 'consistent'
                    ELSE 'contradicts' END AS verdict
  FROM summary su
  WHERE (su.said IS NOT NULL OR su.n_directed > 0)
    AND (su.n_votes > 0 OR EXISTS (
         SELECT 1 FROM said sd JOIN seat s ON s.person_id = sd.person_id AND s.chamber = {COMMONS}
                                          AND {_covers('s', 'sd.date')}
         WHERE sd.topic_id = su.topic_id AND sd.person_id = su.person_id))
)
SELECT j.topic_id, t.slug AS topic, j.person_id, pe.name AS person, coalesce(pt.party, pl.party) AS party,
       j.said, j.said_first, j.said_latest, j.votes, j.verdict,
       CASE j.verdict WHEN 'consistent' THEN 0 WHEN 'contradicts' THEN 1 WHEN 'said-only' THEN 2
                      WHEN 'voted-only' THEN 3 ELSE 4 END AS verdict_rank
FROM judged j
JOIN topic t ON t.id = j.topic_id
JOIN person pe ON pe.id = j.person_id
LEFT JOIN party_then pt ON pt.topic_id = j.topic_id AND pt.person_id = j.person_id AND pt.k = 1
LEFT JOIN party_latest pl ON pl.person_id = j.person_id AND pl.k = 1
ORDER BY t.slug, verdict_rank, coalesce(j.said_first, '9999'), pe.name""",

        "party_votes": f"""
WITH present AS (
  SELECT d.id AS division_id, s.person_id FROM division d
  JOIN seat s ON s.chamber = {COMMONS} AND {_covers('s', 'd.date')}
  UNION
  SELECT v.division_id, v.person_id FROM vote v WHERE EXISTS (SELECT 1 FROM seat s WHERE s.person_id = v.person_id)
),
party_on_day AS (
  SELECT pr.division_id, pr.person_id, s.party,
         ROW_NUMBER() OVER (PARTITION BY pr.division_id, pr.person_id ORDER BY s.chamber_rank, s.start_key, s.id) AS k
  FROM present pr
  JOIN division d ON d.id = pr.division_id
  LEFT JOIN seat s ON s.person_id = pr.person_id AND {_covers('s', 'd.date')}
),
choice AS (
  SELECT p.division_id, coalesce(p.party, '(no party)') AS party,
         CASE WHEN v.option IN ('aye', 'teller_aye') THEN 1 ELSE 0 END AS aye,
         CASE WHEN v.option IN ('no', 'teller_no') THEN 1 ELSE 0 END AS no,
         CASE WHEN v.option IS NULL THEN 1 ELSE 0 END AS did_not_vote
  FROM party_on_day p
  LEFT JOIN vote v ON v.division_id = p.division_id AND v.person_id = p.person_id
  WHERE p.k = 1
)
SELECT c.division_id, d.date, d.title, c.party, SUM(c.aye) AS aye, SUM(c.no) AS no,
       SUM(c.did_not_vote) AS did_not_vote, COUNT(*) AS members
FROM choice c JOIN division d ON d.id = c.division_id
GROUP BY c.division_id, d.date, d.title, c.party
ORDER BY c.division_id, COUNT(*) DESC, c.party""",

        "person_record": """
SELECT p.person_id, pe.name AS person, 'statement' AS kind, p.date, t.slug AS topic, p.stance AS way,
       p.quote AS detail, coalesce(s.outlet, s.path) AS source, s.url, p.source_id, p.id AS position_id,
       CAST(NULL AS INTEGER) AS division_id, p.status
FROM position p
JOIN person pe ON pe.id = p.person_id
JOIN topic t ON t.id = p.topic_id
JOIN source s ON s.id = p.source_id
UNION ALL
SELECT v.person_id, pe.name, 'vote', d.date, t.slug,
       v.option || ' (' || CASE WHEN v.option IN ('aye', 'teller_aye') THEN mt.aye_means
                                WHEN mt.aye_means = 'support' THEN 'oppose' ELSE 'support' END || ')',
       'division ' || d.id || ': ' || d.title, 'Commons division',
       'https://votes.parliament.uk/Votes/Commons/Division/' || d.id, NULL, NULL, d.id, NULL
FROM vote v
JOIN division d ON d.id = v.division_id
JOIN motion_topic mt ON mt.motion_id = d.motion_id
JOIN topic t ON t.id = mt.topic_id
JOIN person pe ON pe.id = v.person_id""",
    }


def upgrade() -> None:
    for name, sql in _views().items():
        op.execute(f"CREATE VIEW {name} AS {sql}")


def downgrade() -> None:
    for name in reversed(list(_views())):
        op.execute(f"DROP VIEW IF EXISTS {name}")
