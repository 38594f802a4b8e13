"""The questions users ask, through the query module and the CLI, on a real built database."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from jsonschema import Draft3Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3
from typer.testing import CliRunner

from tracker import Tracker
from tracker.cli import app
from tracker.errors import NotFound
from tracker.formats.exports import POPOLO_FILES, popolo
from tracker.queries import division, find_person, person_report, said_vs_voted, timeline, who_backed
from tracker.queries.search import search

runner = CliRunner()
SCHEMAS = Path(__file__).parent / "fixtures" / "popolo-schemas"
SEED_DIVISIONS = Path(__file__).resolve().parents[1] / "seeds" / "divisions"


def cli(db, *args):
    result = runner.invoke(app, ["--db", str(db), *args])
    return result


def test_said_vs_voted_ceasefire(conn):
    rows = {r.person: r for r in said_vs_voted(conn, "ceasefire")}
    kate = rows["Kate Hollern"]
    assert (kate.said, kate.verdict) == ("support", "consistent")
    assert [(v.division_id, v.option, v.direction) for v in kate.votes] == [(1666, "aye", "support")]
    alex = rows["Alex Cunningham"]
    assert (alex.said, alex.verdict) == ("support", "did-not-vote")
    assert [(v.division_id, v.option) for v in alex.votes] == [(1666, "did not vote")]
    assert rows["Daisy Cooper"].verdict == "consistent"
    voted_only = [r for r in rows.values() if r.verdict == "voted-only"]
    assert voted_only and all(r.said is None for r in voted_only)


def test_said_vs_voted_cli_json(built_db):
    result = cli(built_db, "said-vs-voted", "ceasefire", "--format", "json", "--verdict", "consistent")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {"person", "person_id", "party", "said", "said_first", "votes", "verdict"} <= set(rows[0])
    assert {r["verdict"] for r in rows} == {"consistent"}


def test_division_1666_breakdown_and_rebels(conn):
    report = division(conn, "1666")
    assert (report.ayes, report.noes) == (125, 294)
    assert report.parent_motion["title"] == "King's Speech Motion for an Address"
    parties = {b.party: b for b in report.by_party}
    assert parties["Labour"].did_not_vote > parties["Labour"].aye > 0
    labour_rebels = [r for r in report.rebels if r.party.startswith("Labour")]
    assert labour_rebels and all(r.option == "aye" and r.party_majority == "did not vote" for r in labour_rebels)
    assert len(labour_rebels) == parties["Labour"].aye + parties["Labour/Co-operative"].aye
    assert not [r for r in report.rebels if r.party == "Scottish National Party" and r.option == "aye"]
    total = sum(b.aye for b in report.by_party), sum(b.no for b in report.by_party)
    assert total == (127, 296)  # tellers are counted with their side
    assert report.reported and report.reported[0]["conflict"]


def test_division_by_title_words(conn):
    assert division(conn, "amendment (h)").division_id == 1666
    with pytest.raises(NotFound):
        division(conn, "no such words anywhere")


@pytest.mark.parametrize("typed, expected", [
    ("Liz Truss", "Elizabeth Truss"), ("Jess Philips", "Jess Phillips"), ("Sir Keir Starmer", "Keir Starmer"),
    ("kate hollern mp", "Kate Hollern"), ("Thangam Debbonaire (Baroness)", "Thangam Debbonaire"),
])
def test_find_person(conn, typed, expected):
    found = find_person(conn, typed)
    assert found.person is not None and found.person.name == expected


def test_surname_lists_candidates(conn, built_db):
    found = find_person(conn, "Smith")
    assert found.person is None and len(found.candidates) > 5
    assert all(c.name.split()[-1] == "Smith" or "Smith of" in c.name for c in found.candidates)
    result = cli(built_db, "person", "Smith", "--format", "json")
    assert result.exit_code != 0
    assert len(json.loads(result.stdout)) == len(found.candidates)


def test_person_report_cli(built_db):
    result = cli(built_db, "person", "Kate Hollern", "--format", "json")
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)
    assert report["person"]["identifiers"]["datadotparl_id"] == "4363"
    assert report["person"]["memberships"][-1]["post"] == "Blackburn"
    assert any(v["division_id"] == 1666 and v["option"] == "aye" for v in report["votes"])
    assert report["said_vs_voted"]["gaza-ceasefire"]["verdict"] == "consistent"
    table = cli(built_db, "person", "Liz Truss")
    assert table.exit_code == 0 and "Elizabeth Truss" in table.stdout and "South West Norfolk" in table.stdout


def test_unknown_person_suggests(conn):
    with pytest.raises(NotFound) as err:
        find_person(conn, "Zqxw Vbnm")
    assert "did you mean" in str(err.value)


def test_timeline_is_cumulative(conn):
    rows = timeline(conn, "ceasefire")
    totals = [r.total for r in rows]
    assert totals == sorted(totals) and totals[-1] == len(who_backed(conn, "ceasefire"))
    by_party = Counter()
    for r in rows:
        by_party[r.party] += r.new
        assert r.party_total == by_party[r.party]


def test_search_finds_quotes_and_sources_and_survives_hostile_input(conn):
    hits = search(conn, "humanitarian pause")
    assert {h.kind for h in hits} == {"position", "source"}
    for nasty in ['"', "' OR 1=1 --", 'NEAR(a b)', "ceasefire\"; DROP TABLE source; --", "*", "AND OR NOT"]:
        search(conn, nasty)  # never an error


@pytest.mark.parametrize("command", [["topics"], ["sources"], ["motions"], ["timeline", "ceasefire"],
                                     ["search", "ceasefire"], ["division", "1666"], ["tallies"]])
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_every_query_command_in_every_format(built_db, command, fmt):
    result = cli(built_db, *command, "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        assert isinstance(json.loads(result.stdout), list)
    assert result.stdout.strip()


def _validator(name: str) -> Draft3Validator:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["id"], Resource(schema, specification=DRAFT3)))
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return Draft3Validator(schema, registry=Registry().with_resources(resources))


def test_popolo_export_validates(conn, tmp_path):
    counts = popolo(conn, tmp_path)
    # one vote event per division under seeds/divisions
    assert counts["vote_events"] == len(list(SEED_DIVISIONS.glob("*.json"))) == 20
    assert counts["persons"] > 2000
    schema_of = dict(zip(POPOLO_FILES, ("person", "organization", "membership", "motion", "vote_event"),
                         strict=True))
    for name in POPOLO_FILES:
        validator = _validator(schema_of[name])
        items = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        errors = [e.message for item in items for e in validator.iter_errors(item)]
        assert not errors, (name, errors[:3])
    # the validator is not a rubber stamp
    assert list(_validator("vote_event").iter_errors({"counts": [{"option": "yes"}]}))
    events = {e["id"]: e for e in json.loads((tmp_path / "vote_events.json").read_text(encoding="utf-8"))}
    assert {c["option"]: c["value"] for c in events["1666"]["counts"]} == {"yes": 125, "no": 294}
    assert len(events["1666"]["votes"]) == 423


def test_export_csv(built_db, tmp_path):
    result = cli(built_db, "export", "csv", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "vote.csv").read_text(encoding="utf-8").count("\n") > 4000


def test_python_api(built_db):
    with Tracker(built_db) as t:
        rows = t.who_backed("ceasefire", party="Labour")
        assert rows[0].person == "Kate Hollern" and all(r.party.startswith("Labour") for r in rows)
        assert t.said_vs_voted("ceasefire")
        assert t.division(1666).ayes == 125
        assert t.person("Liz Truss").person.name == "Elizabeth Truss"


def test_person_report_said_vs_voted_agrees_with_the_topic_question(conn):
    people = {r.person_id: r.person for slug in ("gaza-ceasefire", "humanitarian-pauses")
              for r in said_vs_voted(conn, slug, include_non_mps=True) if r.said}
    assert len(people) >= 5
    for pid, name in people.items():
        report = person_report(conn, name)
        for slug, row in report.said_vs_voted.items():
            (expected,) = said_vs_voted(conn, slug, person_ids={pid}, include_non_mps=True)
            assert row == expected, (name, slug)
