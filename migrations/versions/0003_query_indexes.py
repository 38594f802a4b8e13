"""indexes for the questions at scale: divisions by motion, motions by topic

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('division', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_division_motion_id'), ['motion_id'], unique=False)
    with op.batch_alter_table('motion_topic', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_motion_topic_topic_id'), ['topic_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('motion_topic', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_motion_topic_topic_id'))
    with op.batch_alter_table('division', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_division_motion_id'))
