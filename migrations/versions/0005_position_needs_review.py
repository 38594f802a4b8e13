"""position.needs_review: extraction was not sure enough, so a person should look

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("position", sa.Column("needs_review", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    # a plain ALTER TABLE (SQLite 3.35+ drops a column in place), so the views over position stay valid
    op.drop_column("position", "needs_review")
