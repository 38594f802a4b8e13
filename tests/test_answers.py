"""The answer tables hold what a recomputation from the base tables gives, after every kind of load, on
SQLite files and on PostgreSQL; loading the same inputs again changes nothing in them."""

from __future__ import annotations

import json
import shutil

import pytest
from sqlalchemy import select, text
from typer.testing import CliRunner

from tracker.cli import app
from tracker.formats.articles import read_article
from tracker.jobs.build import build, import_divisions, ingest
from tracker.load.answers import backer_rows, refresh_answers, said_voted_rows
from tracker.models import BackerAnswer, PartyVoteAnswer, SaidVotedAnswer, Topic
from tracker.queries.divisions import party_breakdowns

from .conftest import SEEDS

TABLES = {BackerAnswer: ("topic_id", "person_id"), SaidVotedAnswer: ("topic_id", "person_id"),
          PartyVoteAnswer: ("division_id", "party")}


def stored(conn) -> dict:
    out = {}
    for model, keys in TABLES.items():
        table = model.__table__
        out[table.name] = sorted(
            tuple(r[c.name] for c in table.columns)
            for r in conn.execute(select(table).order_by(*(table.c[k] for k in keys))).mappings())
    return out


def recomputed(conn) -> dict:
    """The answers computed afresh by the query module from the base tables."""
    backers, said, parties = [], [], []
    for topic_id, slug in conn.execute(select(Topic.id, Topic.slug)).all():
        backers += backer_rows(conn, topic_id, slug)
        said += said_voted_rows(conn, topic_id, slug)
    for division_id, day, title, by_party in party_breakdowns(conn):
        parties += [{"division_id": division_id, "party": b.party, "rank": rank, "date": day, "title": title,
                     "aye": b.aye, "no": b.no, "did_not_vote": b.did_not_vote,
                     "members": b.aye + b.no + b.did_not_vote} for rank, b in enumerate(by_party)]
    out = {}
    for model, rows in ((BackerAnswer, backers), (SaidVotedAnswer, said), (PartyVoteAnswer, parties)):
        columns = [c.name for c in model.__table__.columns]
        out[model.__tablename__] = sorted(tuple(r[c] for c in columns) for r in rows)
    return out


def assert_fresh(engine) -> dict:
    with engine.connect() as conn:
        now = stored(conn)
        assert now == recomputed(conn)
        assert all(now.values()), "every answer table has rows"
    return now


def test_answers_follow_every_load(fresh_engine, tmp_path):
    engine = fresh_engine
    build(engine, SEEDS)
    built = assert_fresh(engine)

    # the same inputs again: nothing to change
    build(engine, SEEDS)
    assert assert_fresh(engine) == built
    with engine.begin() as conn:
        assert refresh_answers(conn).changed == 0

    # a division file in which one member voted the other way
    record = json.loads((SEEDS / "divisions" / "1666.json").read_text(encoding="utf-8"))
    moved = record["Ayes"].pop(0)
    record["Noes"].append(moved)
    record["AyeCount"], record["NoCount"] = record["AyeCount"] - 1, record["NoCount"] + 1
    changed = tmp_path / "1666.json"
    changed.write_text(json.dumps(record), encoding="utf-8")
    import_divisions(engine, [changed])
    after_import = assert_fresh(engine)
    assert after_import["answer_party_vote"] != built["answer_party_vote"]
    # alone, 1666 is no longer the motion the motions file gives it: the ceasefire answers change too
    assert after_import["answer_backer"] != built["answer_backer"]
    import_divisions(engine, [changed])
    assert assert_fresh(engine) == after_import

    # a new text with a new statement
    article = tmp_path / "statement.txt"
    article.write_text("---\noutlet: Test Gazette\npublished: 2024-03-01\nkind: news\n---\n"
                       "Labour MP Stephen Timms said: “I support an immediate ceasefire in Gaza.”\n",
                       encoding="utf-8")
    ingest(engine, [read_article(article, {})])
    after_ingest = assert_fresh(engine)
    assert after_ingest["answer_backer"] != after_import["answer_backer"]

    # a review decision: a rejected statement leaves the answers
    with engine.connect() as conn:
        fingerprint, person_id, topic_id = conn.execute(text(
            "select p.fingerprint, p.person_id, p.topic_id from position p join answer_backer a"
            " on a.person_id = p.person_id and a.topic_id = p.topic_id"
            " where p.stance = 'support' and a.statements = 1 order by p.id")).first()
    url = engine.url.render_as_string(hide_password=False) if engine.dialect.name != "sqlite" else engine.url.database
    curation = tmp_path / "curation.yaml"
    result = CliRunner().invoke(app, ["--db", url, "review", "reject", fingerprint, "--curation", str(curation)])
    assert result.exit_code == 0, result.output
    after_review = assert_fresh(engine)
    assert after_review["answer_backer"] != after_ingest["answer_backer"]
    with engine.connect() as conn:
        left = conn.execute(select(BackerAnswer.statements).where(
            BackerAnswer.person_id == person_id, BackerAnswer.topic_id == topic_id)).scalar()
    assert left is None or left == 0


def test_upgrade_fills_the_answer_tables_from_the_views_they_replace(built_copy, tmp_path):
    """A database made before the answer tables gets them filled, with the answers the old views gave."""
    from tracker import db

    engine = db.make_engine(built_copy)
    with engine.connect() as conn:
        built = stored(conn)
    db.downgrade(engine, "0006")
    db.upgrade(engine)
    with engine.connect() as conn:
        assert stored(conn) == built
    engine.dispose()


@pytest.mark.parametrize("name", ["backers", "said_beside_voted", "party_votes"])
def test_views_read_the_answer_tables(built_db, tmp_path, name):
    """Emptying an answer table empties its view: the view reads the table, not the votes."""
    copy = tmp_path / "copy.db"
    shutil.copy(built_db, copy)
    from tracker.db import make_engine

    engine = make_engine(copy)
    table = {"backers": "answer_backer", "said_beside_voted": "answer_said_voted", "party_votes": "answer_party_vote"}
    with engine.begin() as conn:
        assert conn.execute(text(f"select count(*) from {name}")).scalar() > 0
        conn.execute(text(f"delete from {table[name]}"))
        assert conn.execute(text(f"select count(*) from {name}")).scalar() == 0
    engine.dispose()


def _table(rows, columns) -> str:
    import io

    from tracker.cli.output import Format, emit

    out = io.StringIO()
    emit(rows, Format.table, columns, out=out)
    return out.getvalue()


def _first_evidence(evidence: list[dict]) -> str:
    for e in evidence:
        if e["kind"] == "statement":
            return f"“{e['quote']}” ({e['source'].get('outlet') or e['source'].get('path')})"
    return ""


@pytest.mark.parametrize("party", [None, "Labour", "conservative"])
def test_cli_tables_from_the_stored_answers_match_the_full_questions(built_db, conn, party):
    """`who-backed` and `said-vs-voted` print their tables from the answer tables: the same cells as the full
    questions give."""
    from tracker import queries

    topics = [slug for (slug,) in conn.execute(text("select slug from topic order by slug"))]
    for slug in topics:
        backers = [r.to_dict() for r in queries.who_backed(conn, slug, party=party)]
        expected = _table(backers, [
            ("person", lambda r: r["person"]), ("party", lambda r: r["party"]),
            ("constituency", lambda r: r["constituency"]), ("first date", lambda r: r["first_date"]),
            ("statements", lambda r: sum(e["kind"] == "statement" for e in r["evidence"])),
            ("votes", lambda r: ", ".join(f"{e['option']} {e['division_id']} ({e['date']})"
                                          for e in r["evidence"] if e["kind"] == "vote")),
            ("first evidence", lambda r: _first_evidence(r["evidence"]))])
        args = ["--db", str(built_db), "who-backed", slug] + (["--party", party] if party else [])
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        assert result.output == expected, slug
        said = [r.to_dict() for r in queries.said_vs_voted(conn, slug, party=party)]
        expected = _table(said, [
            ("person", lambda r: r["person"]), ("party", lambda r: r["party"]), ("said", lambda r: r["said"]),
            ("said first", lambda r: r["said_first"]),
            ("votes", lambda r: ", ".join(f"{v['option']} {v['division_id']}" for v in r["votes"])),
            ("verdict", lambda r: r["verdict"])])
        args = ["--db", str(built_db), "said-vs-voted", slug] + (["--party", party] if party else [])
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, result.output
        assert result.output == expected, slug


def test_the_cli_knows_the_verdicts_the_queries_give():
    from tracker.cli.ask import VERDICT_NAMES
    from tracker.queries import VERDICTS

    assert VERDICT_NAMES == VERDICTS
