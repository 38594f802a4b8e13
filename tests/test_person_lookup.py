"""The shared person look-up: names, known-as names, near misses, and registry keys."""

from __future__ import annotations

from typer.testing import CliRunner

from tracker.cli import app
from tracker.queries.people import find_person, resolve_person

runner = CliRunner()


def test_a_near_miss_finds_the_one_person(conn):
    found = find_person(conn, "Jess Philips")
    assert found.person is not None and found.person.name == "Jess Phillips"
    assert found.person.how == "fuzzy"


def test_a_registry_key_names_its_person(conn):
    key = find_person(conn, "Jess Phillips").person.key
    again = resolve_person(conn, key)
    assert (again.name, again.key, again.how) == ("Jess Phillips", key, "key")


def test_person_command_follows_a_near_miss(built_db):
    result = runner.invoke(app, ["--db", str(built_db), "person", "Jess Philips"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Jess Phillips")
    assert "matches" not in result.output


def test_a_known_as_name_from_the_registry(conn):
    found = find_person(conn, "Naz Shah")
    assert found.person is not None and found.person.name == "Naseem Shah"
