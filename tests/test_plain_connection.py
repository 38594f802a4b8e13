"""The questions a command answers on its own run on a plain sqlite3 connection as they do through SQLAlchemy,
and the commands that ask them on a SQLite file start without loading SQLAlchemy."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from tracker.errors import NotFound
from tracker.queries import (
    division,
    divisions_list,
    find_division,
    find_person,
    person_report,
    positions,
    said_vs_voted,
    tallies,
    vote_claims,
)
from tracker.queries.people import identity, keys_by_identifier
from tracker.queries.sql import expand, tuples


def _everything(conn) -> dict:
    """Every answer the engine-neutral questions give on the seeds, as JSON-shaped values."""
    out = {"positions": [r.to_dict() for r in positions(conn)],
           "positions of rejected excluded": [r.to_dict() for r in positions(conn, include_rejected=False)],
           "tallies": [r.to_dict() for r in tallies(conn)],
           "claims": [r.to_dict() for r in vote_claims(conn)],
           "divisions": divisions_list(conn), "divisions 2023": divisions_list(conn, since="2023", until="2023-12")}
    topics = [slug for slug, in tuples(conn, "SELECT slug FROM topic ORDER BY slug")]
    for slug in topics:
        out[f"positions {slug}"] = [r.to_dict() for r in positions(conn, topic=slug)]
        out[f"said_vs_voted {slug}"] = [r.to_dict() for r in said_vs_voted(conn, slug)]
        out[f"said_vs_voted {slug} all"] = [r.to_dict() for r in said_vs_voted(conn, slug, include_non_mps=True)]
        out[f"said_vs_voted {slug} Labour"] = [r.to_dict() for r in said_vs_voted(conn, slug, party="Labour")]
        out[f"claims {slug}"] = [r.to_dict() for r in vote_claims(conn, topic=slug)]
    for (division_id,) in tuples(conn, "SELECT id FROM division ORDER BY id"):
        out[f"division {division_id}"] = division(conn, division_id).to_dict()
    # everyone who said something, was claimed to have voted, or voted on a division linked to a topic
    people = tuples(conn, """
        SELECT DISTINCT p.key FROM person p WHERE p.id IN (SELECT person_id FROM position)
            OR p.id IN (SELECT person_id FROM vote_claim)
            OR p.id IN (SELECT v.person_id FROM vote v JOIN division d ON d.id = v.division_id
                        JOIN motion_topic mt ON mt.motion_id = d.motion_id)
        ORDER BY p.key""")
    for (key,) in people:
        out[f"person {key}"] = person_report(conn, key).to_dict()
    for (pid,) in tuples(conn, "SELECT id FROM person ORDER BY id LIMIT 50"):
        out[f"identity {pid}"] = identity(conn, pid)
    return out


def test_plain_sqlite3_gives_the_answers_sqlalchemy_gives(built_db, conn):
    with sqlite3.connect(built_db) as plain:
        on_plain = _everything(plain)
    through_sqlalchemy = _everything(conn)
    assert on_plain.keys() == through_sqlalchemy.keys()
    assert sum(k.startswith("person ") for k in on_plain) >= 10
    assert any(on_plain[k]["rebels"] for k in on_plain if k.startswith("division "))
    for key in on_plain:
        assert on_plain[key] == through_sqlalchemy[key], key


@pytest.mark.parametrize("name", ["Kate Hollern", "kate hollern", "Ms Hollern", "Liz Truss", "Hollern",
                                  "Kate Holern", "Elizabeth Truss", "Smith"])
def test_looking_people_up_is_the_same_on_both(built_db, conn, name):
    def look(c):
        try:
            found = find_person(c, name)
        except NotFound as exc:
            return ("not found", str(exc))
        return (found.person, found.candidates)

    with sqlite3.connect(built_db) as plain:
        assert look(plain) == look(conn)


def test_finding_divisions_and_identifiers_is_the_same_on_both(built_db, conn):
    with sqlite3.connect(built_db) as plain:
        for text in ("1666", "ceasefire", "Gaza", "no such words at all", "99999999"):
            got = []
            for c in (plain, conn):
                try:
                    got.append(find_division(c, text))
                except NotFound as exc:
                    got.append(str(exc))
            assert got[0] == got[1], text
        pairs = set(tuples(plain, "SELECT scheme, identifier FROM person_identifier LIMIT 40"))
        assert pairs
        assert keys_by_identifier(plain, pairs) == keys_by_identifier(conn, pairs)
        assert len(keys_by_identifier(plain, pairs)) == len(pairs)


def test_list_parameters_are_spelled_out():
    sql, params = expand("SELECT 1 WHERE a IN :ids AND b = :b AND c IN :none", {"ids": {3, 1}, "b": 2, "none": []})
    assert sql == "SELECT 1 WHERE a IN (:ids_0, :ids_1) AND b = :b AND c IN (NULL)"
    assert params == {"ids_0": 1, "ids_1": 3, "b": 2}
    # a cast or a time written in the statement is not a parameter
    assert expand("SELECT x::text, '12:30' WHERE y IN :ys", {"ys": [1]})[0] == \
        "SELECT x::text, '12:30' WHERE y IN (:ys_0)"


QUESTIONS = [
    ["person", "Kate Hollern"], ["person", "Kate Hollern", "--format", "json"], ["division", "1666"],
    ["division", "1666", "--format", "csv"], ["who-backed", "ceasefire"], ["said-vs-voted", "ceasefire"],
    ["said-vs-voted", "ceasefire", "--format", "json"], ["positions", "--topic", "ceasefire"], ["tallies"],
    ["claims"],
]


def _tracker(db, args: list[str]) -> subprocess.CompletedProcess:
    """``tracker --db DB ARGS...`` in a new process; its last line of standard error says how it exited and
    whether SQLAlchemy was loaded."""
    script = (
        "import sys\n"
        "from tracker.cli import main\n"
        f"sys.argv = ['tracker', '--db', {str(db)!r}, *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code\n"
        "print('exit', code, 'sqlalchemy' in sys.modules, file=sys.stderr)\n"
    )
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args", QUESTIONS, ids=" ".join)
def test_questions_on_a_sqlite_file_do_not_load_sqlalchemy(built_db, args):
    done = _tracker(built_db, args)
    assert done.stderr.strip().splitlines()[-1] == "exit 0 False", done.stderr
    assert done.stdout.strip()


def test_a_file_that_is_not_a_database_is_one_line(tmp_path):
    bad = tmp_path / "notes.db"
    bad.write_text("these are notes, not a database\n" * 100)
    for args in (["person", "Kate Hollern"], ["division", "1666"], ["who-backed", "ceasefire"]):
        lines = _tracker(bad, args).stderr.strip().splitlines()
        assert lines == ["tracker: database error: file is not a database", "exit 2 False"], args
