"""votes keyed by (division, person): no row id; on SQLite a WITHOUT ROWID table stored in that key's order

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03

Nothing reads a vote by its ``id``: every question finds votes by division or by person. The key that was a
unique constraint beside the row id becomes the primary key, so a load of half a million votes keeps one
b-tree and the person index up instead of three. On SQLite the table is rebuilt (its rows copied in key order),
so the views that read it step aside while it is; on PostgreSQL the column and the constraint are dropped and
the key made the primary key in place.
"""

from __future__ import annotations

import re

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

COLUMNS = "division_id, person_id, option, party_id"
CHECK = ("CONSTRAINT ck_vote_option CHECK (option = 'aye' OR option = 'no' OR option = 'teller_aye' "
         "OR option = 'teller_no')")
FOREIGN_KEYS = """
	CONSTRAINT fk_vote_division_id_division FOREIGN KEY(division_id) REFERENCES division (id) ON DELETE CASCADE,
	CONSTRAINT fk_vote_person_id_person FOREIGN KEY(person_id) REFERENCES person (id),
	CONSTRAINT fk_vote_party_id_organization FOREIGN KEY(party_id) REFERENCES organization (id)"""
KEYED = f"""CREATE TABLE vote_new (
	division_id INTEGER NOT NULL,
	person_id INTEGER NOT NULL,
	option VARCHAR(10) NOT NULL,
	party_id INTEGER,
	CONSTRAINT pk_vote PRIMARY KEY (division_id, person_id),
	{CHECK},{FOREIGN_KEYS}
) WITHOUT ROWID"""
WITH_ID = f"""CREATE TABLE vote_new (
	id INTEGER NOT NULL,
	division_id INTEGER NOT NULL,
	person_id INTEGER NOT NULL,
	option VARCHAR(10) NOT NULL,
	party_id INTEGER,
	CONSTRAINT pk_vote PRIMARY KEY (id),{FOREIGN_KEYS},
	CONSTRAINT uq_vote_division_id_person_id UNIQUE (division_id, person_id),
	{CHECK}
)"""


def _views_reading_votes(conn) -> list[tuple[str, str]]:
    """(name, SQL) of the views that read the vote table, directly or through another view, in the order
    they were made."""
    views = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'view' ORDER BY rowid").all()
    reading = {"vote"}
    changed = True
    while changed:
        changed = False
        for name, sql in views:
            if name not in reading and any(re.search(rf"\b{re.escape(r)}\b", sql) for r in reading):
                reading.add(name)
                changed = True
    return [(name, sql) for name, sql in views if name in reading]


def _rebuild_sqlite(create: str, select: str) -> None:
    conn = op.get_bind()
    views = _views_reading_votes(conn)
    for name, _ in reversed(views):
        op.execute(f"DROP VIEW {name}")
    op.execute(create)
    op.execute(f"INSERT INTO vote_new ({select}) SELECT {select} FROM vote ORDER BY division_id, person_id")
    op.execute("DROP TABLE vote")
    op.execute("ALTER TABLE vote_new RENAME TO vote")
    op.execute("CREATE INDEX ix_vote_person_id ON vote (person_id)")
    for _, sql in views:
        op.execute(sql)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite(KEYED, COLUMNS)
        return
    op.drop_constraint("uq_vote_division_id_person_id", "vote", type_="unique")
    op.drop_constraint("pk_vote", "vote", type_="primary")
    op.drop_column("vote", "id")
    op.create_primary_key("pk_vote", "vote", ["division_id", "person_id"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite(WITH_ID, COLUMNS)  # the row ids are numbered again, in key order
        return
    op.drop_constraint("pk_vote", "vote", type_="primary")
    op.execute("ALTER TABLE vote ADD COLUMN id SERIAL NOT NULL")  # as the first revision made it
    op.create_primary_key("pk_vote", "vote", ["id"])
    op.create_unique_constraint("uq_vote_division_id_person_id", "vote", ["division_id", "person_id"])
