"""answer tables: who backed each topic, said beside voted, each division's party breakdown, kept up to date
by every load; the views that gave these answers now read them

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

Computed from millions of votes on every request, the views ``backers``, ``said_beside_voted`` and
``party_votes`` took seconds at the scale of several parliaments. Their rows are now stored in
``answer_backer``, ``answer_said_voted`` and ``answer_party_vote`` (``tracker.load.answers`` refreshes them
inside every load's transaction) and the views read those tables, with the same columns in the same order.
Upgrading fills the tables from the views being replaced, so a database keeps its answers; downgrading
makes those views again.
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

VIEWS = {
    "backers": """
SELECT topic_id, topic, person_id, person, party, constituency, first_date, statements, vote_count, evidence,
       votes, first_quote, first_source, first_url
FROM answer_backer ORDER BY topic, rank""",
    "said_beside_voted": """
SELECT topic_id, topic, person_id, person, party, said, said_first, said_latest, votes, verdict, verdict_rank
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


def _views_of_0002() -> dict[str, str]:
    path = Path(__file__).with_name("0002_views.py")
    spec = importlib.util.spec_from_file_location("tracker_migration_0002", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._views()


def downgrade() -> None:
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
