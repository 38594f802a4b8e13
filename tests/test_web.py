"""Datasette on a built database, through Datasette's own test client: metadata, canned queries, search,
names in place of ids, and no way to write."""

from __future__ import annotations

import asyncio
import hashlib
import json
import subprocess
import sys

import pytest
from sqlalchemy import text

from tracker import db, queries
from tracker.queries.search import search
from tracker.web.app import make_datasette


def _get(ds, path: str):
    async def go():
        return await ds.client.get(path)

    return asyncio.run(go())


def _rows(ds, path: str) -> list[dict]:
    sep = "&" if "?" in path else "?"
    response = _get(ds, f"{path}{sep}_shape=array&_size=max")
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture(scope="module")
def ds(built_db):
    return make_datasette(built_db)


def test_index_says_what_it_is_where_it_comes_from_and_under_which_licences(ds):
    page = _get(ds, "/").text
    assert "Parliamentary vote and position tracker" in page
    assert "mySociety" in page and "CC BY 4.0" in page and "Open Parliament Licence" in page
    assert 'href="/data/who_backed?topic=ceasefire"' in page


def test_who_backed_ceasefire_starts_with_kate_hollern(ds):
    rows = _rows(ds, "/data/who_backed.json?topic=ceasefire")
    assert (rows[0]["person"], rows[0]["first_date"]) == ("Kate Hollern", "2023-10-31")
    assert rows[0]["first_quote"] == "Kate Hollern MP has called for an immediate ceasefire"
    assert rows[0]["first_source"] == "Lancashire Telegraph"


@pytest.mark.parametrize("topic", ["ceasefire", "gaza-ceasefire", "Ceasefire in Gaza", "humanitarian-pauses",
                                   "pauses"])
def test_who_backed_gives_the_rows_of_the_query_module(ds, conn, topic):
    expected = [(r.person, r.party, r.constituency, r.first_date, len(r.evidence),
                 sum(e.kind == "statement" for e in r.evidence)) for r in queries.who_backed(conn, topic)]
    got = [(r["person"], r["party"], r["constituency"], r["first_date"], r["evidence"], r["statements"])
           for r in _rows(ds, f"/data/who_backed.json?topic={topic}")]
    assert got == expected


@pytest.mark.parametrize("topic", ["ceasefire", "humanitarian-pauses"])
def test_said_vs_voted_gives_the_verdicts_of_the_query_module(ds, conn, topic):
    expected = [(r.person, r.party, r.said, r.said_first, r.verdict,
                 ", ".join(f"{v.option} {v.division_id}" for v in r.votes) or None)
                for r in queries.said_vs_voted(conn, topic)]
    got = [(r["person"], r["party"], r["said"], r["said_first"], r["verdict"], r["votes"])
           for r in _rows(ds, f"/data/said_vs_voted.json?topic={topic}")]
    assert got == expected
    assert {"consistent", "voted-only"} <= {r[4] for r in got}


def test_division_breakdown_gives_the_party_counts_of_the_query_module(ds, conn):
    for (division_id,) in conn.execute(text("select id from division")):
        expected = [(b.party, b.aye, b.no, b.did_not_vote) for b in queries.division(conn, division_id).by_party]
        got = [(r["party"], r["aye"], r["no"], r["did_not_vote"])
               for r in _rows(ds, f"/data/division_breakdown.json?division_id={division_id}")]
        assert got == expected, division_id


@pytest.mark.parametrize("name", ["Kate Hollern", "kate hollern", "Hollern"])
def test_person_positions_lists_the_quotes_sources_and_votes_of_the_person(ds, conn, name):
    report = queries.person_report(conn, "Kate Hollern")
    rows = _rows(ds, f"/data/person_positions.json?name={name}")
    assert {r["person"] for r in rows} == {"Kate Hollern"}
    statements = [r for r in rows if r["kind"] == "statement"]
    assert sorted((r["date"], r["detail"], r["source"]) for r in statements) == sorted(
        (p.date, p.quote, p.source.outlet) for p in report.positions)
    votes = [r for r in rows if r["kind"] == "vote"]
    assert [(r["date"], r["way"]) for r in votes] == [(v.date, f"{v.option} ({v.direction})") for v in report.votes]


def test_canned_queries_give_nothing_for_an_empty_parameter(ds):
    assert _rows(ds, "/data/who_backed.json?topic=") == []
    assert _rows(ds, "/data/person_positions.json?name=") == []


def test_foreign_keys_show_names_not_ids(ds):
    page = _get(ds, "/data/position").text
    assert "Kate Hollern" in page and "Ceasefire in Gaza" in page and "Lancashire Telegraph" in page
    data = _get(ds, "/data/position.json?_labels=on&_shape=array&person_id=1215").json()
    assert data and all(r["person_id"]["label"] == "Kate Hollern" for r in data)
    vote = _get(ds, "/data/vote.json?_labels=on&_shape=array&_size=1&division_id=1666").json()[0]
    assert vote["division_id"]["label"] == "King's Speech Motion for an Address: Amendment (h)"
    assert vote["party_id"]["label"]


def test_tables_have_descriptions_facets_and_sortable_columns(ds):
    page = _get(ds, "/data/position").text
    assert "Stated positions: who, on which topic" in page
    assert "the exact words: text[start:end] of the source" in page
    data = _get(ds, "/data/position.json").json()
    assert {"stance", "status", "topic_id", "person_id"} <= set(data["facet_results"])
    assert "_sort=date" in page and "_sort=quote" not in page
    assert _get(ds, "/data/position.json?_sort=date").status_code == 200
    assert "Cannot sort table by quote" in _get(ds, "/data/position.json?_sort=quote").text


def test_full_text_search_on_quotes_and_source_texts(ds, conn):
    quotes = _rows(ds, "/data/position.json?_search=reaffirmed")
    expected = [h.id for h in search(conn, "reaffirmed") if h.kind == "position"]
    assert expected and sorted(r["id"] for r in quotes) == sorted(expected)
    texts = _rows(ds, "/data/source.json?_search=ambassador")
    assert {r["id"] for r in texts} == {h.id for h in search(conn, "ambassador") if h.kind == "source"}


def test_views_are_browsable_as_tables(ds):
    rows = _rows(ds, "/data/backers.json?topic=gaza-ceasefire")
    assert rows[0]["person"] == "Kate Hollern"
    assert _rows(ds, "/data/party_votes.json?division_id=1666")


def test_nothing_can_be_written_through_the_web(built_copy):
    before = hashlib.sha256(built_copy.read_bytes()).hexdigest()
    ds = make_datasette(built_copy)
    assert not ds.databases["data"].is_mutable

    async def go():
        statuses = []
        for path, form in [("/data/person", {"name": "Nobody"}),
                           ("/data/who_backed", {"topic": "ceasefire"}),
                           ("/data/who_backed?topic=ceasefire", {}),
                           ("/data", {"sql": "delete from person"}),
                           ("/data/person/-/insert", {"row": json.dumps({"name": "Nobody"})})]:
            statuses.append((await ds.client.post(path, data=form)).status_code)
        statuses.append((await ds.client.request("DELETE", "/data/person/1")).status_code)
        statuses.append((await ds.client.get("/data.json?sql=delete+from+person")).status_code)
        return statuses

    *writes, sql_delete = asyncio.run(go())
    assert writes == [405] * 6
    assert sql_delete == 400  # Datasette runs only read-only SQL
    assert hashlib.sha256(built_copy.read_bytes()).hexdigest() == before


def test_serve_refuses_what_it_cannot_serve(tmp_path, built_copy):
    def serve(database):
        return subprocess.run([sys.executable, "-c", "from tracker.cli import main; main()", "--db", database,
                               "serve"], capture_output=True, text=True, timeout=60)

    pg = serve("postgresql+psycopg://postgres@127.0.0.1:5432/test")
    assert pg.returncode == 2 and pg.stderr.strip() == "tracker: --db: Datasette serves a SQLite file; give its path"
    missing = serve(str(tmp_path / "none.db"))
    assert missing.returncode == 2 and "no such database file" in missing.stderr
    db.downgrade(db.make_engine(built_copy), "0001")
    old = serve(str(built_copy))
    assert old.returncode == 2 and len(old.stderr.splitlines()) == 1
    assert "run `tracker build` to upgrade it" in old.stderr
