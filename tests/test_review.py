"""Review decisions: recorded in the curation file, applied at once, and applied again by every build."""

from __future__ import annotations

import dataclasses
import json
import shutil

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

import tracker.extract
from tracker.cli import app
from tracker.db import make_engine
from tracker.errors import InputError, NotFound
from tracker.extract.records import REVIEW_BELOW
from tracker.formats.curation_yaml import read_curation
from tracker.jobs.build import build
from tracker.models import Position, Source
from tracker.queries import positions, said_vs_voted, who_backed

from .conftest import SEEDS

runner = CliRunner()


def run(db, *args):
    return runner.invoke(app, ["--db", str(db), *args])


@pytest.fixture()
def seeds(tmp_path):
    """A private copy of seeds/ whose curation file a test may write."""
    path = tmp_path / "seeds"
    shutil.copytree(SEEDS, path)
    return path


def _positions(db) -> dict[str, dict]:
    engine = make_engine(db)
    with engine.connect() as conn:
        rows = {r.fingerprint: r.to_dict() for r in positions(conn)}
    engine.dispose()
    return rows


def _find(db, person: str, topic: str, stance: str) -> dict:
    return next(r for r in _positions(db).values()
                if (r["person"], r["topic"], r["stance"]) == (person, topic, stance))


def test_list_is_pending_positions_lowest_confidence_first(built_db):
    result = run(built_db, "review", "list", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all(r["status"] == "pending" for r in rows)
    confidences = [r["confidence"] for r in rows]
    assert confidences == sorted(confidences)
    table = run(built_db, "review", "list", "--limit", "2")
    assert table.stdout.splitlines()[0].split()[:4] == ["fingerprint", "confidence", "flag", "person"]
    flagged = [r for r in rows if r["needs_review"]]
    assert flagged and all(r["confidence"] < REVIEW_BELOW for r in flagged)
    assert len(table.stdout.splitlines()) == 3


def test_positions_table_shows_method_and_status(built_db):
    header = run(built_db, "positions").stdout.splitlines()[0].split()
    assert {"method", "status"} <= set(header)


def test_reject_records_the_decision_and_applies_it_at_once(built_copy, tmp_path):
    curation = tmp_path / "curation.yaml"
    kate = [r for r in _positions(built_copy).values()
            if r["person"] == "Kate Hollern" and r["topic"] == "gaza-ceasefire"]
    assert kate
    for r in kate:
        result = run(built_copy, "review", "reject", r["fingerprint"][:10], "--note", "checking",
                     "--curation", str(curation))
        assert result.exit_code == 0, result.output
    decisions = read_curation(curation).decisions
    assert [(d.fingerprint, d.decision, d.note) for d in decisions] == [
        (r["fingerprint"], "reject", "checking") for r in kate]
    after = _positions(built_copy)
    assert {after[r["fingerprint"]]["status"] for r in kate} == {"rejected"}
    engine = make_engine(built_copy)
    with engine.connect() as conn:
        hollern = next(r for r in who_backed(conn, "ceasefire") if r.person == "Kate Hollern")
    engine.dispose()
    # her statements no longer count: she backed it first by her vote on 15 November
    assert hollern.first_date == "2023-11-15"
    assert [e.kind for e in hollern.evidence] == ["vote"]


def test_correct_changes_the_fields_and_keeps_the_extraction(built_copy, tmp_path):
    curation = tmp_path / "curation.yaml"
    starmer = _find(built_copy, "Keir Starmer", "gaza-ceasefire", "oppose")
    result = run(built_copy, "review", "correct", starmer["fingerprint"], "--stance", "support",
                 "--date", "2023-11-01", "--curation", str(curation))
    assert result.exit_code == 0, result.output
    row = _positions(built_copy)[starmer["fingerprint"]]
    assert (row["status"], row["stance"], row["date"]) == ("corrected", "support", "2023-11-01")
    assert row["original"] == {"stance": "oppose", "date": starmer["date"], "date_precision": "day",
                               "is_mp": True}
    [decision] = read_curation(curation).decisions
    assert decision.changes == {"stance": "support", "date": "2023-11-01"}
    engine = make_engine(built_copy)
    with engine.connect() as conn:
        backers = {r.person: r for r in who_backed(conn, "ceasefire")}
        said = {r.person: r for r in said_vs_voted(conn, "ceasefire")}
    engine.dispose()
    # corrected positions count with their corrected values
    assert backers["Keir Starmer"].first_date == "2023-11-01"
    assert said["Keir Starmer"].said == "support"


def test_correct_person_by_any_name_records_the_full_name(built_copy, tmp_path):
    curation = tmp_path / "curation.yaml"
    jess = _find(built_copy, "Jess Phillips", "gaza-ceasefire", "support")
    result = run(built_copy, "review", "correct", jess["fingerprint"], "--person", "keir starmer",
                 "--curation", str(curation))
    assert result.exit_code == 0, result.output
    assert read_curation(curation).decisions[0].changes == {"person": "Keir Starmer"}
    row = _positions(built_copy)[jess["fingerprint"]]
    assert (row["person"], row["speaker_as_written"]) == ("Keir Starmer", jess["speaker_as_written"])
    assert row["original"]["person_id"] == jess["person_id"]


def test_fingerprint_prefix_must_be_hex_and_unique(built_copy, tmp_path):
    curation = tmp_path / "curation.yaml"
    firsts = [fp[0] for fp in _positions(built_copy)]
    shared = next(c for c in firsts if firsts.count(c) > 1)
    for prefix, error, words in [
        (shared, InputError, "starts more than one fingerprint"),
        ("zz'; DROP TABLE position; --", InputError, "is not hex digits"),
        ("f" * 40, NotFound, "no position with fingerprint"),
    ]:
        result = run(built_copy, "review", "confirm", prefix, "--curation", str(curation))
        assert isinstance(result.exception, error) and words in str(result.exception)
        assert not curation.exists()


def _shifted(extract):
    """An 'improved' extractor: every quote starts one word later and confidence moves."""

    def shifted(text, meta, directory, topics, **options):
        ex = extract(text, meta, directory, topics, **options)
        moved = []
        for p in ex.positions:
            cut = p.quote.find(" ") + 1
            if 0 < cut < len(p.quote):
                p = dataclasses.replace(p, start=p.start + cut, quote=p.quote[cut:])
            moved.append(dataclasses.replace(p, confidence=round(p.confidence * 0.9, 3)))
        return dataclasses.replace(ex, positions=moved)

    return shifted


def test_rejected_stays_rejected_after_a_rebuild_with_a_changed_extractor(built_copy, seeds, tmp_path, monkeypatch):
    curation = seeds / "curation.yaml"
    rejected = _find(built_copy, "Keir Starmer", "humanitarian-pauses", "support")
    corrected = _find(built_copy, "Keir Starmer", "gaza-ceasefire", "oppose")
    confirmed = _find(built_copy, "Jess Phillips", "gaza-ceasefire", "support")
    for args in (["reject", rejected["fingerprint"], "--note", "a report of his view, not his words"],
                 ["correct", corrected["fingerprint"], "--stance", "support"],
                 ["confirm", confirmed["fingerprint"]]):
        result = run(built_copy, "review", *args, "--curation", str(curation))
        assert result.exit_code == 0, result.output

    monkeypatch.setattr(tracker.extract, "extract", _shifted(tracker.extract.extract))
    fresh = tmp_path / "fresh.db"
    for db in (built_copy, fresh):  # the same database rebuilt, and a new one from the same seeds
        engine = make_engine(db)
        report = build(engine, seeds)
        engine.dispose()
        rows = _positions(db)
        assert rows[rejected["fingerprint"]]["quote"] != rejected["quote"]  # the extractor did change
        assert (rows[rejected["fingerprint"]]["status"], rows[rejected["fingerprint"]]["note"]) == (
            "rejected", "a report of his view, not his words")
        got = rows[corrected["fingerprint"]]
        assert (got["status"], got["stance"], got["original"]) == ("corrected", "support", {"stance": "oppose"})
        assert rows[confirmed["fingerprint"]]["status"] == "confirmed"
        assert {r["status"] for fp, r in rows.items()
                if fp not in (rejected["fingerprint"], corrected["fingerprint"], confirmed["fingerprint"])} == {
            "pending"}
        engine = make_engine(db)
        with engine.connect() as conn:
            quotes = {e.quote for r in who_backed(conn, "humanitarian-pauses") for e in r.evidence}
            assert rows[rejected["fingerprint"]]["quote"] not in quotes
        engine.dispose()
    assert report["curation"].updated == 3
    engine = make_engine(fresh)
    again = build(engine, seeds)
    engine.dispose()
    assert {stage: counts.changed for stage, counts in again.items()} == dict.fromkeys(again, 0)


def test_removing_a_decision_returns_the_position_to_pending(built_copy, seeds):
    curation = seeds / "curation.yaml"
    row = _find(built_copy, "Keir Starmer", "gaza-ceasefire", "oppose")
    assert run(built_copy, "review", "correct", row["fingerprint"], "--stance", "support", "--note", "x",
               "--curation", str(curation)).exit_code == 0
    curation.write_text("[]\n", encoding="utf-8")
    engine = make_engine(built_copy)
    build(engine, seeds)
    engine.dispose()
    back = _positions(built_copy)[row["fingerprint"]]
    assert (back["status"], back["stance"], back["note"], back["original"]) == ("pending", "oppose", None, None)


def test_a_hand_added_position_quotes_its_source_verbatim(built_copy, seeds):
    engine = make_engine(built_copy)
    with engine.connect() as conn:
        path, text = conn.execute(select(Source.path, Source.text).where(Source.outlet == "The National")).first()
    engine.dispose()
    quote = text[text.index("Jess Phillips"):][:40]
    (seeds / "curation.yaml").write_text(
        "- decision: add\n"
        f"  source: {path}\n"
        "  person: Jess Phillips\n"
        "  topic: gaza-ceasefire\n"
        "  stance: support\n"
        f"  quote: {json.dumps(quote)}\n"
        "  note: she resigned to vote for the SNP amendment\n", encoding="utf-8")
    engine = make_engine(built_copy)
    report = build(engine, seeds)
    assert report["curation"].inserted == 1
    with engine.connect() as conn:
        added = conn.execute(select(Position.__table__).where(Position.method == "curated")).mappings().one()
        stored = conn.execute(select(Source.text).where(Source.id == added["source_id"])).scalar()
    engine.dispose()
    assert stored[added["start"]:added["end"]] == added["quote"] == quote
    assert (added["status"], added["confidence"]) == ("confirmed", 1.0)
    table = run(built_copy, "positions", "--person", "Jess Phillips").stdout
    assert any("curated" in line and "confirmed" in line for line in table.splitlines())

    # a quote the source does not hold is refused, and nothing changes
    (seeds / "curation.yaml").write_text(
        (seeds / "curation.yaml").read_text(encoding="utf-8").replace(quote[:12], quote[:12].upper()),
        encoding="utf-8")
    engine = make_engine(built_copy)
    with pytest.raises(Exception, match="field 'quote': not found verbatim in source"):
        build(engine, seeds)
    with engine.connect() as conn:
        assert conn.execute(select(Position.quote).where(Position.method == "curated")).scalar() == quote
    engine.dispose()


def test_a_decision_whose_position_is_gone_is_kept_and_reported(built_copy, seeds):
    curation = seeds / "curation.yaml"
    row = _find(built_copy, "Keir Starmer", "gaza-ceasefire", "oppose")
    assert run(built_copy, "review", "reject", row["fingerprint"], "--curation", str(curation)).exit_code == 0
    gone = "0" * 40
    text = curation.read_text(encoding="utf-8")
    curation.write_text(text + f"- fingerprint: '{gone}'\n  decision: confirm\n", encoding="utf-8")
    result = run(built_copy, "build", "--seeds", str(seeds))
    assert result.exit_code == 0, result.output
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("curation:")]
    assert "1 decision(s) kept but matching no extracted position" in line
    at = next(i for i, text in enumerate(curation.read_text(encoding="utf-8").splitlines(), 1) if gone in text)
    assert line.endswith(f"so not applied ({curation}, line {at})"), line
    # the file still holds both decisions, and the one that matched still applies
    assert {d.fingerprint for d in read_curation(curation).decisions} == {row["fingerprint"], gone}
    assert _positions(built_copy)[row["fingerprint"]]["status"] == "rejected"
