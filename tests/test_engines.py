"""SQLite and PostgreSQL: the same answers to every question, idempotent loads, and failed loads undone."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from tracker.errors import InputError
from tracker.jobs.build import build, import_divisions, import_members
from tracker.jobs.workers import extract_many
from tracker.models import Base, Division, Vote
from tracker.queries import (
    division,
    motions,
    person_report,
    positions,
    said_vs_voted,
    sources,
    tallies,
    timeline,
    topics,
    vote_claims,
    who_backed,
)
from tracker.queries.search import search

from .conftest import SEEDS

pytestmark = pytest.mark.postgres

TOPICS = ("ceasefire", "gaza-ceasefire", "humanitarian-pauses")
PEOPLE = ("Kate Hollern", "Liz Truss", "Diane Abbott", "Alex Cunningham", "Daisy Cooper")


def answers(conn) -> dict:
    """Every question the query module answers, as JSON-shaped values."""
    out = {"positions": [r.to_dict() for r in positions(conn)], "tallies": [r.to_dict() for r in tallies(conn)],
           "topics": topics(conn), "sources": sources(conn), "motions": motions(conn),
           "vote_claims": [r.to_dict() for r in vote_claims(conn)]}
    for topic in TOPICS:
        out[f"who_backed {topic}"] = [r.to_dict() for r in who_backed(conn, topic)]
        out[f"who_backed {topic} Labour"] = [r.to_dict() for r in who_backed(conn, topic, party="Labour")]
        out[f"said_vs_voted {topic}"] = [r.to_dict() for r in said_vs_voted(conn, topic)]
        out[f"timeline {topic}"] = [r.to_dict() for r in timeline(conn, topic)]
    for division_id in conn.execute(select(Division.id).order_by(Division.id)).scalars():
        out[f"division {division_id}"] = division(conn, division_id).to_dict()
    for name in PEOPLE:
        out[f"person {name}"] = person_report(conn, name).to_dict()
    for words in ("ceasefire", "humanitarian pause", "Blackburn"):
        out[f"search {words}"] = sorted((h.kind, h.id) for h in search(conn, words))
    return out


def test_every_question_same_on_both_engines(built_pg, conn):
    with built_pg.connect() as pg:
        on_pg = answers(pg)
    on_sqlite = answers(conn)
    assert on_sqlite.keys() == on_pg.keys()
    assert all(on_sqlite[k] for k in on_sqlite if k.startswith(("who_backed", "division", "search")))
    for key in on_sqlite:
        assert on_pg[key] == on_sqlite[key], key


def _dump(engine) -> dict[str, list]:
    with engine.connect() as c:
        return {t.name: sorted(map(tuple, c.execute(select(t)).all()), key=repr)
                for t in Base.metadata.sorted_tables}


def test_second_build_changes_no_row(fresh_engine):
    build(fresh_engine, SEEDS)
    before = _dump(fresh_engine)
    again = build(fresh_engine, SEEDS)
    assert {stage: c.changed for stage, c in again.items()} == dict.fromkeys(again, 0)
    assert _dump(fresh_engine) == before


def _votematrix(path, members: list[str], rows: int, bad_row: int | None = None):
    lines = ["\t".join(["rowid", "date", "voteno", "Bill", *(f"mpid{m}" for m in members)])]
    for n in range(1, rows + 1):
        codes = ["2" if (n + i) % 3 else "4" for i in range(len(members))]
        if n == bad_row:
            codes[-1] = "7"
        lines.append("\t".join([str(900_000 + n), "2023-11-15", str(n), f"Test division {n}", *codes]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_twice_then_a_bad_file_changes_nothing(fresh_engine, tmp_path):
    import_members(fresh_engine, SEEDS)
    with fresh_engine.connect() as c:
        members = c.execute(text(
            "select identifier from person_identifier where scheme = 'datadotparl_id' order by id limit 40")).scalars()
        members = list(members)
    good = _votematrix(tmp_path / "good.dat", members, 450)
    first = import_divisions(fresh_engine, [good])["divisions"]
    assert first.inserted == 450 + 450 * 40 + 450  # motions made from titles, votes, divisions
    assert import_divisions(fresh_engine, [good])["divisions"].changed == 0
    before = _dump(fresh_engine)
    # the bad row comes after two batches of divisions have gone in: all of it must be undone
    bad = _votematrix(tmp_path / "bad.dat", members, 450, bad_row=430)
    good_path_rows = (tmp_path / "bad.dat").read_text().replace("Test division", "Changed division")
    (tmp_path / "bad.dat").write_text(good_path_rows, encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.dat, line 431, column mpid"):
        import_divisions(fresh_engine, [bad])
    assert _dump(fresh_engine) == before
    with fresh_engine.connect() as c:
        assert c.execute(select(func.count()).select_from(Vote)).scalar() == 450 * 40


def test_pool_gives_what_one_process_gives(conn):
    from tracker.formats.articles import read_catalogue
    from tracker.queries.extraction_inputs import directory_from_db, topics_from_db

    articles = read_catalogue(SEEDS / "articles.yaml") * 3
    directory, specs = directory_from_db(conn), topics_from_db(conn)
    serial = [e.extraction for e in extract_many(articles, directory, specs, workers=1, progress=False)]
    pooled = list(extract_many(articles, directory, specs, workers=2, progress=False))
    assert [e.article for e in pooled] == articles
    assert [e.extraction for e in pooled] == serial
    assert any(ex.positions for ex in serial)
