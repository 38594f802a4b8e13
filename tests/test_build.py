"""The whole path, seeds to answers, on a real SQLite file."""

from __future__ import annotations

import sqlite3

from sqlalchemy import func, select

from tracker.db import make_engine
from tracker.jobs.build import build
from tracker.models import Division, Mention, Position, ReportedTally, Source, Vote, VoteClaim
from tracker.queries import who_backed

from .conftest import SEEDS


def test_second_build_changes_nothing(built_copy):
    engine = make_engine(built_copy)
    before = _dump(built_copy)
    report = build(engine, SEEDS)
    engine.dispose()
    assert {stage: counts.changed for stage, counts in report.items()} == dict.fromkeys(report, 0)
    assert _dump(built_copy) == before


def test_division_1666_counts_and_parties(conn):
    division = conn.execute(select(Division.__table__).where(Division.id == 1666)).one()
    assert (division.aye_count, division.no_count) == (125, 294)
    options = dict(conn.execute(
        select(Vote.option, func.count()).where(Vote.division_id == 1666).group_by(Vote.option)).all())
    assert options == {"aye": 125, "no": 294, "teller_aye": 2, "teller_no": 2}
    no_party = conn.execute(select(func.count()).where(Vote.division_id == 1666, Vote.party_id.is_(None))).scalar()
    assert no_party == 0


def test_every_quote_is_the_exact_slice_of_its_source(conn):
    texts = dict(conn.execute(select(Source.id, Source.text)).all())
    checked = 0
    for model in (Position, Mention, VoteClaim, ReportedTally):
        text_col = model.text if model is Mention else model.quote
        for source_id, start, end, quote in conn.execute(select(model.source_id, model.start, model.end, text_col)):
            assert texts[source_id][start:end] == quote, (model.__tablename__, source_id, start, end)
            checked += 1
    assert checked > 0


def test_who_backed_a_ceasefire(conn):
    rows = who_backed(conn, "ceasefire")
    by_name = {r.person: r for r in rows}
    first = rows[0]
    assert (first.person, first.first_date) == ("Kate Hollern", "2023-10-31")
    kinds = {(e.kind, e.date, e.division_id) for e in first.evidence}
    assert ("statement", "2023-10-31", None) in kinds
    assert ("vote", "2023-11-15", 1666) in kinds
    assert first.party == "Labour" and first.constituency == "Blackburn" and first.is_mp

    alex = by_name["Alex Cunningham"]
    assert [e.kind for e in alex.evidence] == ["statement"]

    assert "Keir Starmer" not in by_name
    voters = {r.person_id for r in rows if any(e.kind == "vote" and e.division_id == 1666 for e in r.evidence)}
    official = set(conn.execute(select(Vote.person_id).where(
        Vote.division_id == 1666, Vote.option.in_(("aye", "teller_aye")))).scalars())
    assert voters == official and len(official) == 127
    dates = [r.first_date for r in rows]
    assert dates == sorted(dates)


def test_non_mps_only_on_request(conn):
    names = {r.person for r in who_backed(conn, "gaza-ceasefire")}
    with_others = {r.person: r for r in who_backed(conn, "gaza-ceasefire", include_non_mps=True)}
    assert names < set(with_others)
    assert all(not r.is_mp for n, r in with_others.items() if n not in names)


def _dump(path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()
