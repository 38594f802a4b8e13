"""The SQL views give the answers of ``tracker.queries``, row by row, on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from tracker import db, queries
from tracker.jobs.build import build
from tracker.web import canned

from .conftest import SEEDS, pg_schema

VIEWS = {"seat", "backing_evidence", "backers", "said_beside_voted", "party_votes", "person_record",
         "claims_beside_record"}


def assert_views_answer_like_the_queries(conn) -> None:
    topics = [slug for (slug,) in conn.execute(text("select slug from topic order by slug"))]
    assert topics
    for slug in topics:
        expected = [(r.person, r.first_date, r.party, r.constituency, len(r.evidence))
                    for r in queries.who_backed(conn, slug)]
        got = [tuple(r) for r in conn.execute(text(
            "select person, first_date, party, constituency, evidence from backers where topic = :t"), {"t": slug})]
        assert got == expected, slug
        expected = [(r.person, r.party, r.said, r.said_first, r.said_latest, r.verdict,
                     ", ".join(f"{v.option} {v.division_id}" for v in r.votes) or None)
                    for r in queries.said_vs_voted(conn, slug)]
        got = [tuple(r) for r in conn.execute(text(
            "select person, party, said, said_first, said_latest, verdict, votes from said_beside_voted"
            " where topic = :t"), {"t": slug})]
        assert got == expected, slug
    for (division_id,) in conn.execute(text("select id from division order by id")).all():
        expected = [(b.party, b.aye, b.no, b.did_not_vote) for b in queries.division(conn, division_id).by_party]
        got = [tuple(r) for r in conn.execute(text(
            "select party, aye, no, did_not_vote from party_votes where division_id = :d"), {"d": division_id})]
        assert got == expected, division_id


def test_views_answer_like_the_queries_on_sqlite(conn):
    assert_views_answer_like_the_queries(conn)


def test_ceasefire_backers_start_with_kate_hollern(conn):
    first = conn.execute(text("select person, first_date, statements, vote_count from backers"
                              " where topic = 'gaza-ceasefire'")).first()
    assert tuple(first) == ("Kate Hollern", "2023-10-31", 2, 1)


def test_person_record_holds_what_the_person_report_holds(conn):
    report = queries.person_report(conn, "Kate Hollern")
    rows = conn.execute(text("select kind, date, detail, source, division_id from person_record"
                             " where person = 'Kate Hollern'")).all()
    assert sorted((r.date, r.detail, r.source) for r in rows if r.kind == "statement") == sorted(
        (p.date, p.quote, p.source.outlet) for p in report.positions)
    assert sorted(r.division_id for r in rows if r.kind == "vote") == sorted(v.division_id for v in report.votes)


def test_downgrade_drops_the_views_and_upgrade_makes_them_again(built_copy):
    engine = db.make_engine(built_copy)
    assert set(inspect(engine).get_view_names()) >= VIEWS
    db.downgrade(engine, "0001")
    assert not VIEWS & set(inspect(engine).get_view_names())
    db.upgrade(engine)
    assert set(inspect(engine).get_view_names()) >= VIEWS


@pytest.mark.postgres
def test_views_answer_like_the_queries_on_postgres():
    with pg_schema() as url:
        engine = db.make_engine(url)
        try:
            build(engine, SEEDS)
            with engine.connect() as conn:
                assert_views_answer_like_the_queries(conn)
        finally:
            engine.dispose()


# the canned queries that read an answer table stand for its view: the same rows, in the same order
CANNED_VIEWS = {
    canned.WHO_BACKED: """
select person, party, constituency, first_date, first_quote, first_source, votes, statements,
       vote_count as votes_for, evidence, first_url, topic
from backers where topic_id in (select id from wanted) order by topic, rank""",
    canned.SAID_VS_VOTED: """
select person, party, said, said_first, said_latest, votes, verdict, topic
from said_beside_voted where topic_id in (select id from wanted) order by topic, rank""",
}


@pytest.mark.postgres
def test_canned_queries_give_the_rows_of_their_views_on_both_engines(built_db, built_pg):
    sqlite = db.make_engine(built_db)
    try:
        with sqlite.connect() as lite, built_pg.connect() as pg:
            topics = [slug for (slug,) in lite.execute(text("select slug from topic order by slug"))]
            for sql, view in CANNED_VIEWS.items():
                for topic in [*topics, "ceasefire", "CEASEFIRE ", "pauses", "no such topic", ""]:
                    got = [tuple(r) for r in lite.execute(text(sql), {"topic": topic})]
                    assert got == [tuple(r) for r in lite.execute(text(canned.WANTED_TOPIC + view), {"topic": topic})]
                    assert got == [tuple(r) for r in pg.execute(text(sql), {"topic": topic})], topic
                    assert got or topic in ("no such topic", "")
    finally:
        sqlite.dispose()
