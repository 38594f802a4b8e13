"""A user's own list of positions (CSV or Excel) and positions added one by one, as review decisions."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from tracker.cli import app
from tracker.formats.curation_yaml import read_curation
from tracker.formats.position_sheets import day_of, match_headers, stance_of

from .conftest import SEEDS

runner = CliRunner()
NEWS = Path(__file__).parent / "fixtures" / "web" / "news.html"
PAGE_URL = "https://www.northfield-courier.example/news/town-mp-ceasefire-calls"


@pytest.fixture
def project(built_copy, tmp_path):
    """A database with the seed data and one saved page, and a copy of the curation file."""
    curation = tmp_path / "curation.yaml"
    shutil.copy(SEEDS / "curation.yaml", curation)
    saved = tmp_path / "courier.html"
    saved.write_bytes(NEWS.read_bytes())
    result = runner.invoke(app, ["--db", str(built_copy), "ingest", str(saved)])
    assert result.exit_code == 0, result.output
    return built_copy, curation


def _positions(db: Path) -> list[dict]:
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(
            "select p.*, pe.name, s.text, s.kind as source_kind, s.outlet, s.url as source_url from position p "
            "left join person pe on pe.id = p.person_id join source s on s.id = p.source_id "
            "where p.method = 'curated'")]


def test_headers_are_matched_loosely():
    columns, ignored = match_headers(["MP name", "Party", "Date of statement", "Link to source", "What they said",
                                      "Called for a ceasefire?", "Notes"])
    assert columns == {"person": 0, "date": 2, "url": 3, "quote": 4, "stance": 5, "note": 6}
    assert ignored == ["Party"]
    assert match_headers(["Member", "Issue", "Position", "When", "URL", "Quote"])[0] == {
        "person": 0, "topic": 1, "stance": 2, "date": 3, "url": 4, "quote": 5}


@pytest.mark.parametrize(("written", "day"), [("16/11/2023", "2023-11-16"), ("16 Nov 2023", "2023-11-16"),
                                              ("November 2023", "2023-11"), ("2023-11-16", "2023-11-16")])
def test_dates_as_lists_write_them(written, day):
    assert day_of(written) == day


def test_stances_as_lists_write_them():
    assert [stance_of(v) for v in ("Yes", "for", "Against", "N", "maybe")] == [
        "support", "support", "oppose", "oppose", None]


def test_a_csv_list_becomes_review_decisions_checked_against_stored_text(project, tmp_path):
    db, curation = project
    sheet = tmp_path / "ceasefire-mps.csv"
    sheet.write_text(
        "MP name,Party,Date,Link,What they said\n"
        # found in the stored page, with straight quotes and spacing that differ from it
        f'Kate Hollern,Labour,17/11/2023,{PAGE_URL},"I have long  supported a ceasefire, and I said so again"\n'
        # the page is not stored: kept, unverified
        "Layla Moran,Liberal Democrat,21 Nov 2023,https://example.org/elsewhere,I call for a ceasefire\n"
        # shared surname, near miss, nobody: listed, not guessed
        "Smith,Labour,2023-11-15,,Ceasefire now\n"
        "Jess Philips,Labour,2023-11-15,,Ceasefire now\n"
        "Nobody Atall,,2023-11-15,,Ceasefire now\n", encoding="utf-8")
    result = runner.invoke(app, ["--db", str(db), "import", "positions", str(sheet), "--topic", "ceasefire",
                                 "--stance", "support", "--curation", str(curation)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == ("columns: person ← 'MP name', date ← 'Date', url ← 'Link', "
                                             "quote ← 'What they said'; not used: 'Party'")
    assert "1 quoted from a stored source, 1 unverified, 0 confirming what extraction found, 3 not taken" \
        in result.stdout
    not_taken = [line for line in result.stderr.splitlines() if "not taken" in line]
    assert len(not_taken) == 3
    assert f"{sheet}, row 4: 'Smith' could be any of" in not_taken[0]
    assert "the nearest is Jess Phillips (not guessed)" in not_taken[1]
    rows = {r["name"]: r for r in _positions(db)}
    kate, layla = rows["Kate Hollern"], rows["Layla Moran"]
    assert kate["quote_check"] == "verbatim" and kate["status"] == "confirmed"
    assert kate["source_url"] == PAGE_URL and kate["date"] == "2023-11-17"
    assert kate["text"][kate["start"]:kate["end"]] == kate["quote"]
    assert kate["quote"] == "I have long supported a ceasefire, and I said so again"
    assert layla["quote_check"] == "unverified" and layla["status"] == "pending"
    assert layla["outlet"] == "unverified (recorded by hand)"
    assert layla["text"][layla["start"]:layla["end"]] == layla["quote"] == "I call for a ceasefire"
    # it says so where positions are shown
    shown = runner.invoke(app, ["--db", str(db), "positions", "--person", "Layla Moran", "--format", "csv"])
    assert "pending (unverified)" in shown.stdout and "unverified (recorded by hand)" in shown.stdout
    # and in who backed the topic, which is answered from tables every load keeps up to date
    backed = json.loads(runner.invoke(app, ["--db", str(db), "who-backed", "ceasefire", "--format", "json"]).stdout)
    layla_row = next(r for r in backed if r["person"] == "Layla Moran")
    assert any(e.get("quote") == "I call for a ceasefire" and e["source"]["outlet"] == "unverified (recorded by hand)"
               for e in layla_row["evidence"])
    # the rows are in the curation file, so a rebuild keeps them; importing again adds nothing
    additions = read_curation(curation).additions
    assert [(a.person, a.verified) for a in additions[-2:]] == [("Kate Hollern", True), ("Layla Moran", False)]
    again = runner.invoke(app, ["--db", str(db), "import", "positions", str(sheet), "--topic", "ceasefire",
                                "--stance", "support", "--curation", str(curation)])
    assert "positions: 0 inserted, 0 updated" in again.stdout
    assert len(read_curation(curation).additions) == len(additions)


def test_an_unverified_row_is_verified_once_its_page_is_stored(project, tmp_path):
    db, curation = project
    other = tmp_path / "other.html"
    other.write_bytes(NEWS.read_bytes().replace(b"northfield-courier.example/news/town-mp-ceasefire-calls",
                                                b"northfield-courier.example/news/second-story")
                      .replace(b"Campaigners said", b"Organisers said"))
    url = "https://www.northfield-courier.example/news/second-story"
    sheet = tmp_path / "list.csv"
    sheet.write_text(f"Name,Link,Quote\nKate Hollern,{url},I have long supported a ceasefire\n", encoding="utf-8")
    result = runner.invoke(app, ["--db", str(db), "import", "positions", str(sheet), "--topic", "ceasefire",
                                 "--stance", "support", "--curation", str(curation)])
    assert result.exit_code == 0, result.output
    (row,) = _positions(db)
    assert row["quote_check"] == "unverified"
    assert runner.invoke(app, ["--db", str(db), "ingest", str(other)]).exit_code == 0
    (row,) = _positions(db)
    assert (row["quote_check"], row["status"], row["source_url"]) == ("verbatim", "confirmed", url)
    assert row["text"][row["start"]:row["end"]] == row["quote"]
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from source where kind = 'hand-recorded'").fetchone() == (0,)


def test_a_row_without_a_quote_confirms_what_extraction_found(project, tmp_path):
    db, curation = project
    sheet = tmp_path / "list.csv"
    sheet.write_text(f"Name,Link,Date\nKate Hollern,{PAGE_URL},2023-11-17\n", encoding="utf-8")
    result = runner.invoke(app, ["--db", str(db), "import", "positions", str(sheet), "--topic", "ceasefire",
                                 "--stance", "support", "--curation", str(curation)])
    assert result.exit_code == 0, result.output
    assert "1 confirming what extraction found" in result.stdout
    decisions = read_curation(curation).decisions
    assert decisions[-1].decision == "confirm" and decisions[-1].note == f"from {sheet}, row 2"


def test_an_excel_workbook_with_date_cells(project, tmp_path):
    from datetime import datetime

    db, curation = project
    book = Workbook()
    ws = book.active
    ws.append(["Member", "Topic", "Backed?", "When", "URL", "Quote"])
    ws.append(["Kate Hollern", "ceasefire", "Yes", datetime(2023, 11, 17), PAGE_URL,
               "I have long supported a ceasefire"])
    path = tmp_path / "list.xlsx"
    book.save(path)
    result = runner.invoke(app, ["--db", str(db), "import", "positions", str(path), "--curation", str(curation)])
    assert result.exit_code == 0, result.output
    (row,) = _positions(db)
    assert (row["name"], row["date"], row["stance"], row["quote_check"]) == (
        "Kate Hollern", "2023-11-17", "support", "verbatim")


def test_review_add_checks_the_quote_the_same_way(project):
    db, curation = project
    with sqlite3.connect(db) as conn:
        (sid,) = conn.execute("select id from source where canonical_url = ?", (PAGE_URL,)).fetchone()
    ok = runner.invoke(app, ["--db", str(db), "review", "add", "--person", "Kate Hollern", "--topic", "ceasefire",
                             "--stance", "support", "--source", str(sid), "--quote", "I have long supported a "
                             "ceasefire", "--curation", str(curation)])
    assert ok.exit_code == 0, ok.output
    assert f"quoted from source {sid}" in ok.stdout
    off = runner.invoke(app, ["--db", str(db), "review", "add", "--person", "Kate Hollern", "--topic", "ceasefire",
                              "--stance", "support", "--source", str(sid), "--quote", "words the page never had",
                              "--curation", str(curation)])
    assert off.exit_code == 0, off.output
    assert "the quote is not in source" in off.stderr and "kept as unverified" in off.stderr
    checks = sorted(r["quote_check"] for r in _positions(db))
    assert checks == ["unverified", "verbatim"]
    for r in _positions(db):
        assert r["text"][r["start"]:r["end"]] == r["quote"]
    bad = runner.invoke(app, ["--db", str(db), "review", "add", "--person", "Smith", "--topic", "ceasefire",
                              "--stance", "support", "--source", str(sid), "--quote", "x", "--curation",
                              str(curation)])
    assert bad.exit_code != 0
