"""vote claims checked against the record: the division extraction named, how the claim was matched,
the official vote as a side or "did not vote", a conflict flag (null while unchecked), and a view of each
claim beside the record

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# one row per claim: what the text says someone did, beside what the division record says they did
CLAIMS_BESIDE_RECORD = """
SELECT c.id AS claim_id, c.person_id, pe.name AS person, t.slug AS topic, c.option AS claimed,
       c.official_option AS official,
       CASE WHEN c.conflict IS NULL THEN 'unchecked' WHEN c.conflict THEN 'disagrees' ELSE 'agrees' END AS verdict,
       CASE WHEN c.conflict IS NULL THEN 2 WHEN c.conflict THEN 0 ELSE 1 END AS verdict_rank,
       c.division_id, d.date AS division_date, coalesce(mo.title, d.title) AS division_title, c.matched_by,
       c.date, c.date_precision, c.quote, c.source_id, coalesce(s.outlet, s.path) AS source, s.url, c.confidence
FROM vote_claim c
JOIN source s ON s.id = c.source_id
LEFT JOIN person pe ON pe.id = c.person_id
LEFT JOIN topic t ON t.id = c.topic_id
LEFT JOIN division d ON d.id = c.division_id
LEFT JOIN motion mo ON mo.id = d.motion_id"""


def upgrade() -> None:
    with op.batch_alter_table("vote_claim", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stated_division_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("matched_by", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("conflict", sa.Boolean(), nullable=True))
        batch_op.alter_column("official_option", existing_type=sa.String(length=10), type_=sa.String(length=12),
                              existing_nullable=True)
        batch_op.create_index(batch_op.f("ix_vote_claim_person_id"), ["person_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vote_claim_division_id"), ["division_id"], unique=False)
    op.execute(f"CREATE VIEW claims_beside_record AS {CLAIMS_BESIDE_RECORD}")


def downgrade() -> None:
    op.execute("DROP VIEW IF EXISTS claims_beside_record")
    # "did not vote" does not fit the old column; the old loader leaves such claims without an official vote
    op.execute("UPDATE vote_claim SET official_option = NULL WHERE length(official_option) > 10")
    with op.batch_alter_table("vote_claim", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vote_claim_division_id"))
        batch_op.drop_index(batch_op.f("ix_vote_claim_person_id"))
        batch_op.alter_column("official_option", existing_type=sa.String(length=12), type_=sa.String(length=10),
                              existing_nullable=True)
        batch_op.drop_column("conflict")
        batch_op.drop_column("matched_by")
        batch_op.drop_column("stated_division_id")
