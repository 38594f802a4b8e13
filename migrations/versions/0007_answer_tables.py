"""answer tables: who backed each topic, said beside voted, each division's party breakdown, kept up to date
by every load; the views that gave these answers now read them

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

Computed from millions of votes on every request, the views ``backers``, ``said_beside_voted`` and
``party_votes`` took seconds at the scale of several parliaments. Their rows are now stored in
``answer_backer``, ``answer_said_voted`` and ``answer_party_vote`` (``tracker.load.answers`` refreshes them
inside every load's transaction) and the views read those tables, with the same columns in the same order and
``rank``, each row's place in its topic's answer, after them.
Upgrading fills the tables from the views being replaced, so a database keeps its answers; downgrading
makes those views again.

The check on a vote's option is written out as ORs instead of ``IN (...)``: the same rule, which SQLite
checks several times faster, and it checks it once for every vote a division file loads.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

REPLACED = ("backers", "said_beside_voted", "party_votes")
READ_VOTES = ("backing_evidence", "person_record")  # views of 0002 that read the vote table
OPTION_IN = "option IN ('aye', 'no', 'teller_aye', 'teller_no')"
OPTION_OR = "option = 'aye' OR option = 'no' OR option = 'teller_aye' OR option = 'teller_no'"

VIEWS = {
    "backers": """
SELECT topic_id, topic, person_id, person, party, constituency, first_date, statements, vote_count, evidence,
       votes, first_quote, first_source, first_url, rank
FROM answer_backer ORDER BY topic, rank""",
    "said_beside_voted": """
SELECT topic_id, topic, person_id, person, party, said, said_first, said_latest, votes, verdict, verdict_rank, rank
FROM answer_said_voted ORDER BY topic, rank""",
    "party_votes": """
SELECT division_id, date, title, party, aye, no, did_not_vote, members
FROM answer_party_vote ORDER BY division_id, rank""",
}

# the replaced views' rows, each with its place in its answer
FILL = {
    "answer_backer": """
INSERT INTO answer_backer (topic_id, person_id, rank, topic, person, party, constituency, first_date, statements,
                           vote_count, evidence, votes, first_quote, first_source, first_url)
SELECT topic_id, person_id,
       ROW_NUMBER() OVER (PARTITION BY topic_id ORDER BY coalesce(first_date, '9999'), evidence DESC, person) - 1,
       topic, person, party, constituency, first_date, statements, vote_count, evidence, votes, first_quote,
       first_source, first_url
FROM backers""",
    "answer_said_voted": """
INSERT INTO answer_said_voted (topic_id, person_id, rank, topic, person, party, said, said_first, said_latest,
                               votes, verdict, verdict_rank)
SELECT topic_id, person_id,
       ROW_NUMBER() OVER (PARTITION BY topic_id ORDER BY verdict_rank, coalesce(said_first, '9999'), person) - 1,
       topic, person, party, said, said_first, said_latest, votes, verdict, verdict_rank
FROM said_beside_voted""",
    "answer_party_vote": """
INSERT INTO answer_party_vote (division_id, party, rank, date, title, aye, no, did_not_vote, members)
SELECT division_id, party, ROW_NUMBER() OVER (PARTITION BY division_id ORDER BY members DESC, party) - 1,
       date, title, aye, no, did_not_vote, members
FROM party_votes""",
}


def _keys(table: str, *columns: str) -> list[sa.Column]:
    refs = {"topic_id": "topic.id", "person_id": "person.id", "division_id": "division.id"}
    return [sa.Column(c, sa.Integer() if c in refs else sa.String(),
                      sa.ForeignKey(refs[c], name=f"fk_{table}_{c}_{refs[c].split('.')[0]}", ondelete="CASCADE")
                      if c in refs else None, nullable=False) for c in columns]


def _vote_check(rule: str) -> None:
    """Replace the check on vote.option; on SQLite the table is rebuilt, so the views that read it step aside."""
    views = _views_of_0002()
    for name in READ_VOTES:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    with op.batch_alter_table("vote", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_vote_option"), type_="check")
        batch_op.create_check_constraint(op.f("ck_vote_option"), rule)
    for name in READ_VOTES:
        op.execute(f"CREATE VIEW {name} AS {views[name]}")


def upgrade() -> None:
    op.create_table(
        "answer_backer", *_keys("answer_backer", "topic_id", "person_id"),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(), nullable=False),
        sa.Column("person", sa.String(), nullable=False),
        sa.Column("party", sa.String(), nullable=True),
        sa.Column("constituency", sa.String(), nullable=True),
        sa.Column("first_date", sa.String(length=10), nullable=True),
        sa.Column("statements", sa.Integer(), nullable=False),
        sa.Column("vote_count", sa.Integer(), nullable=False),
        sa.Column("evidence", sa.Integer(), nullable=False),
        sa.Column("votes", sa.Text(), nullable=True),
        sa.Column("first_quote", sa.Text(), nullable=True),
        sa.Column("first_source", sa.String(), nullable=True),
        sa.Column("first_url", sa.String(), nullable=True),
        sa.PrimaryKeyConstraint("topic_id", "person_id", name="pk_answer_backer"),
    )
    op.create_index("ix_answer_backer_topic", "answer_backer", ["topic", "rank"])
    op.create_table(
        "answer_said_voted", *_keys("answer_said_voted", "topic_id", "person_id"),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(), nullable=False),
        sa.Column("person", sa.String(), nullable=False),
        sa.Column("party", sa.String(), nullable=True),
        sa.Column("said", sa.String(length=10), nullable=True),
        sa.Column("said_first", sa.String(length=10), nullable=True),
        sa.Column("said_latest", sa.String(length=10), nullable=True),
        sa.Column("votes", sa.Text(), nullable=True),
        sa.Column("verdict", sa.String(length=20), nullable=False),
        sa.Column("verdict_rank", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("topic_id", "person_id", name="pk_answer_said_voted"),
    )
    op.create_index("ix_answer_said_voted_topic", "answer_said_voted", ["topic", "rank"])
    op.create_index("ix_answer_said_voted_person_id", "answer_said_voted", ["person_id"])
    op.create_table(
        "answer_party_vote", *_keys("answer_party_vote", "division_id", "party"),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("aye", sa.Integer(), nullable=False),
        sa.Column("no", sa.Integer(), nullable=False),
        sa.Column("did_not_vote", sa.Integer(), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("division_id", "party", name="pk_answer_party_vote"),
    )
    for sql in FILL.values():
        op.execute(sql)
    for name in REPLACED:
        op.execute(f"DROP VIEW {name}")
    for name, sql in VIEWS.items():
        op.execute(f"CREATE VIEW {name} AS {sql}")
    _vote_check(OPTION_OR)  # now no view but those it remakes reads the votes


def _views_of_0002() -> dict[str, str]:
    path = Path(__file__).with_name("0002_views.py")
    spec = importlib.util.spec_from_file_location("tracker_migration_0002", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._views()


def downgrade() -> None:
    _vote_check(OPTION_IN)
    for name in REPLACED:
        op.execute(f"DROP VIEW IF EXISTS {name}")
    old = _views_of_0002()
    for name in REPLACED:
        op.execute(f"CREATE VIEW {name} AS {old[name]}")
    op.drop_table("answer_party_vote")
    op.drop_index("ix_answer_said_voted_person_id", table_name="answer_said_voted")
    op.drop_index("ix_answer_said_voted_topic", table_name="answer_said_voted")
    op.drop_table("answer_said_voted")
    op.drop_index("ix_answer_backer_topic", table_name="answer_backer")
    op.drop_table("answer_backer")
