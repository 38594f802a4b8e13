"""web pages as sources: canonical address, SHA-256 of the raw page, fetch time and record, the earlier
version of the same page; positions added by hand say whether their quote was found in the stored source

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# plain ALTER TABLE ADD COLUMN on both engines: SQLite would otherwise rebuild the tables, and with them the
# views over them and the full-text index's triggers


def upgrade() -> None:
    op.add_column("source", sa.Column("canonical_url", sa.Text(), nullable=True))
    op.add_column("source", sa.Column("raw_sha256", sa.String(64), nullable=True))
    op.add_column("source", sa.Column("fetched_at", sa.String(20), nullable=True))
    op.add_column("source", sa.Column("fetch", sa.Text(), nullable=True))
    op.add_column("source", sa.Column("previous_id", sa.Integer(), nullable=True))
    op.create_index("ix_source_canonical_url", "source", ["canonical_url"])
    op.create_index("ix_source_raw_sha256", "source", ["raw_sha256"])
    op.add_column("position", sa.Column("quote_check", sa.String(12), nullable=True))


def downgrade() -> None:
    op.drop_column("position", "quote_check")
    op.drop_index("ix_source_raw_sha256", "source")
    op.drop_index("ix_source_canonical_url", "source")
    for column in ("previous_id", "fetch", "fetched_at", "raw_sha256", "canonical_url"):
        op.drop_column("source", column)
