"""position.original: what extraction found, for the fields a review corrected

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('position', sa.Column('original', sa.Text(), nullable=True))


def downgrade() -> None:
    # a plain ALTER TABLE (SQLite 3.35+ drops a column in place), so the views over position stay valid
    op.drop_column('position', 'original')
