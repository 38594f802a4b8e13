"""A division import into a SQLite file runs on plain sqlite3: it writes exactly what the same load writes through
SQLAlchemy (the engine the Python API and PostgreSQL use), keeps to one transaction, and never loads
SQLAlchemy."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from tracker.db import bulk_transaction, make_engine
from tracker.jobs.build import import_divisions

from .conftest import SEEDS
from .test_plain_connection import _tracker


def _dump(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        # the planner's sampled statistics may differ by a row: everything else must be the same
        return [line for line in con.iterdump() if "sqlite_stat" not in line]
    finally:
        con.close()


def _both(built_db: Path, tmp_path: Path, prepare=None) -> tuple[Path, Path]:
    """Two copies of the built database, each changed by ``prepare`` (if given)."""
    copies = []
    for name in ("through-sqlalchemy.db", "plain.db"):
        path = tmp_path / name
        shutil.copy(built_db, path)
        if prepare is not None:
            con = sqlite3.connect(path)
            with con:
                prepare(con)
            con.close()
        copies.append(path)
    return copies[0], copies[1]


def _import_both(through_sqlalchemy: Path, plain: Path, files: list[Path]) -> tuple[dict, dict]:
    engine = make_engine(through_sqlalchemy)
    try:
        first = {k: str(v) for k, v in import_divisions(engine, files).items()}
    finally:
        engine.dispose()
    second = {k: str(v) for k, v in import_divisions(plain, files).items()}
    return first, second


def _changed_division(source: Path, out: Path) -> Path:
    """``source`` (a Commons Votes API file) with a new title, a voter moved from aye to no, one dropped and a
    teller gone: an update, a delete and changed answers for every topic the division speaks to."""
    data = json.loads(source.read_text(encoding="utf-8"))
    data["Title"] += " (corrected)"
    moved = data["Ayes"].pop(0)
    data["Noes"].append(moved)
    data["Noes"].pop(0)
    data["AyeTellers"] = data["AyeTellers"][:1]
    out.write_text(json.dumps(data), encoding="utf-8")
    return out


def test_a_changed_division_is_loaded_alike_on_both_connections(built_db, tmp_path):
    """An update, deletes and the answers of the topics it speaks to, written identically."""
    changed = _changed_division(SEEDS / "divisions" / "1666.json", tmp_path / "1666.json")
    a, b = _both(built_db, tmp_path)
    before = _dump(a)
    counts_a, counts_b = _import_both(a, b, [changed])
    assert counts_a == counts_b
    # the title and the moved vote updated, the dropped voter and teller deleted
    assert counts_a["divisions"].startswith("0 inserted, 2 updated, ") and counts_a["divisions"].endswith(", 2 deleted")
    after = _dump(a)
    assert after != before
    assert after == _dump(b)
    con = sqlite3.connect(b)
    try:  # still tied to its motion and the topics that motion speaks to
        assert con.execute("SELECT m.key FROM division d JOIN motion m ON m.id = d.motion_id WHERE d.id = 1666"
                           ).fetchone()[0] != "division/1666"
        assert con.execute("SELECT count(*) FROM answer_backer a JOIN topic t ON t.id = a.topic_id "
                           "WHERE t.slug = 'gaza-ceasefire' AND a.votes LIKE '%1666%'").fetchone()[0] > 0
        title = con.execute("SELECT title FROM answer_party_vote WHERE division_id = 1666 LIMIT 1").fetchone()[0]
        assert title.endswith("(corrected)")
    finally:
        con.close()
    # again: nothing changes on either
    again_a, again_b = _import_both(a, b, [changed])
    assert again_a == again_b and again_a["divisions"].startswith("0 inserted, 0 updated")
    assert _dump(a) == _dump(b) == after


def test_an_empty_vote_table_is_filled_alike_on_both_connections(built_db, tmp_path):
    """Into an empty vote table the person index is dropped and built again after the insert: the same schema
    and the same rows come out."""
    def no_votes(con: sqlite3.Connection) -> None:
        con.execute("DELETE FROM vote")
        con.execute("DELETE FROM answer_party_vote")

    a, b = _both(built_db, tmp_path, no_votes)
    files = sorted((SEEDS / "divisions").glob("*.json"))
    counts_a, counts_b = _import_both(a, b, files)
    assert counts_a == counts_b
    assert _dump(a) == _dump(b)
    con = sqlite3.connect(b)
    try:
        assert con.execute("SELECT count(*) FROM vote").fetchone()[0] > 1000
        assert con.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'vote' "
                           "AND name = 'ix_vote_person_id'").fetchone()
    finally:
        con.close()


def test_a_broken_key_rolls_the_plain_load_back(built_copy):
    before = _dump(built_copy)
    with pytest.raises(sqlite3.IntegrityError, match="vote.person_id = 999999 points to no row of person"), \
            bulk_transaction(built_copy) as conn:
        division = conn.execute("SELECT id FROM division ORDER BY id LIMIT 1").fetchone()[0]
        conn.execute("DELETE FROM vote WHERE division_id = ?", (division,))
        conn.execute("INSERT INTO vote (division_id, person_id, option) VALUES (?, 999999, 'aye')", (division,))
    assert _dump(built_copy) == before


def test_importing_divisions_into_a_sqlite_file_does_not_load_sqlalchemy(built_copy, tmp_path):
    changed = _changed_division(SEEDS / "divisions" / "1666.json", tmp_path / "1666.json")
    done = _tracker(built_copy, ["import", "divisions", str(changed)])
    assert done.stderr.strip().splitlines()[-1] == "exit 0 False", done.stderr
    assert "divisions: 0 inserted, 2 updated" in done.stdout


def test_a_bad_division_file_leaves_the_file_as_it_was(built_copy, tmp_path):
    """One error line, exit 2, and nothing of the file's good records kept."""
    good = _changed_division(SEEDS / "divisions" / "1666.json", tmp_path / "a.json")
    bad = tmp_path / "b.json"
    data = json.loads(good.read_text(encoding="utf-8"))
    data["DivisionId"] = 99999
    data["Ayes"][0]["MemberId"] = 987654321  # nobody in the registry
    bad.write_text(json.dumps(data), encoding="utf-8")
    before = _dump(built_copy)
    done = _tracker(built_copy, ["import", "divisions", str(good), str(bad)])
    assert done.stderr.strip().splitlines()[-1] == "exit 2 False", done.stderr
    message = done.stderr.strip().splitlines()[0]
    assert "b.json" in message and "987654321" in message, message
    assert _dump(built_copy) == before
