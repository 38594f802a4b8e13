"""The command line, through Typer's runner, on a real built database."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app

from .conftest import ROOT

runner = CliRunner()


def run(db, *args):
    return runner.invoke(app, ["--db", str(db), *args])


def test_who_backed_json_contract(built_db):
    result = run(built_db, "who-backed", "ceasefire", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    first = rows[0]
    assert set(first) == {"person", "person_id", "party", "constituency", "is_mp", "first_date", "evidence"}
    assert (first["person"], first["first_date"]) == ("Kate Hollern", "2023-10-31")
    statement = next(e for e in first["evidence"] if e["kind"] == "statement")
    assert set(statement) == {"kind", "date", "quote", "source", "position_id"}
    assert {"id", "url", "outlet", "path"} <= set(statement["source"])
    vote = next(e for e in first["evidence"] if e["kind"] == "vote")
    assert {k: vote[k] for k in ("kind", "date", "division_id", "option")} == {
        "kind": "vote", "date": "2023-11-15", "division_id": 1666, "option": "aye"}


def test_who_backed_csv_and_table(built_db):
    result = run(built_db, "who-backed", "gaza-ceasefire", "--format", "csv", "--party", "Liberal Democrat")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(r["party"] == "Liberal Democrat" for r in rows)
    table = run(built_db, "who-backed", "ceasefire", "--evidence", "statements")
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0].split()[:2] == ["person", "party"]
    assert "Kate Hollern" in table.stdout


def test_positions_person_filter_finds_people_as_the_person_command_does(built_db):
    def people(name):
        result = run(built_db, "positions", "--person", name, "--format", "json")
        assert result.exit_code == 0, result.output
        return {r["person"] for r in json.loads(result.stdout)}

    assert people("Jess Phillips") == {"Jess Phillips"}
    assert people("Jess Philips") == {"Jess Phillips"}  # a near miss
    assert people("jess  PHILLIPS") == {"Jess Phillips"}
    result = run(built_db, "positions", "--person", "Zzyzx Qwerty")
    assert result.exit_code == 1 and "no person 'Zzyzx Qwerty'" in str(result.exception)


def test_positions_and_tallies_json(built_db):
    result = run(built_db, "positions", "--topic", "ceasefire", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(r["topic"] == "gaza-ceasefire" for r in rows)
    expected = {"id", "fingerprint", "person", "person_id", "speaker_as_written", "is_mp", "party",
                "constituency", "topic", "stance", "qualifiers", "date", "date_precision", "quote", "start",
                "end", "confidence", "method", "status", "source"}
    assert expected <= set(rows[0])
    tallies = json.loads(run(built_db, "tallies", "--format", "json").stdout)
    snp = [t for t in tallies if t["division_id"] == 1666]
    assert snp and snp[0]["official"] == {"ayes": 125, "noes": 294}


def test_unknown_topic_is_one_line_with_suggestions(built_db):
    result = run(built_db, "who-backed", "ceasfire")
    assert result.exit_code != 0
    assert "no topic 'ceasfire'" in str(result.exception) or "no topic" in result.output


def test_bad_ingest_leaves_the_database_as_it_was(built_copy, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not utf-8 \x80")
    before = _dump(built_copy)
    result = run(built_copy, "ingest", str(bad))
    assert result.exit_code != 0
    assert _dump(built_copy) == before


def test_ingest_twice_is_a_no_op(built_copy, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("---\noutlet: Test Gazette\npublished: 2023-11-20\n---\n"
                       "Blackburn MP Kate Hollern has called for an immediate ceasefire in Gaza.\n",
                       encoding="utf-8")
    first = run(built_copy, "ingest", str(article))
    assert first.exit_code == 0, first.output
    second = run(built_copy, "ingest", str(article))
    assert second.exit_code == 0 and "no change" in second.stdout


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for command in app.registered_commands:
        commands.append(command.name or command.callback.__name__.replace("_", "-"))
    for group in app.registered_groups:
        for command in group.typer_instance.registered_commands:
            commands.append(f"{group.name} {command.name or command.callback.__name__}")
    missing = [c for c in commands if not re.search(rf"tracker {re.escape(c)}\b", readme)]
    assert not missing


@pytest.mark.parametrize("command", ["build", "who-backed", "positions", "tallies", "ingest",
                                     "import members", "import divisions"])
def test_help_has_an_example(command):
    result = runner.invoke(app, [*command.split(), "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout


def _dump(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()
