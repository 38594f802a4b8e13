"""Faults: a load killed mid-way changes nothing; a reader during an ingest sees all of it or none."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from sqlalchemy import func, select

from tracker.db import make_engine
from tracker.models import Mention, Position, Source

from .conftest import SEEDS

TRACKER = str(Path(sys.executable).with_name("tracker"))


def _dump(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


def _votematrix(db: Path, out: Path, rows: int) -> None:
    """A votematrix of ``rows`` divisions over 650 members of the registry."""
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute(
        "SELECT identifier FROM person_identifier WHERE scheme = 'datadotparl_id' ORDER BY person_id LIMIT 650")]
    con.close()
    with out.open("w", encoding="utf-8") as f:
        f.write("rowid\tdate\tvoteno\tBill\t" + "\t".join(f"mpid{i}" for i in ids) + "\n")
        for n in range(rows):
            votes = "\t".join("2" if (n + j) % 3 else "4" for j in range(len(ids)))
            f.write(f"{100000 + n}\t2021-03-{n % 28 + 1:02d}\t{n}\tGenerated division {n}\t{votes}\n")


def _write_locked(db: Path) -> bool:
    """Whether another connection holds the database's write lock (a write transaction is under way)."""
    con = sqlite3.connect(db, timeout=0, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        con.close()


def _loaded(db: Path) -> int:
    con = sqlite3.connect(db, timeout=5)
    try:
        return con.execute("SELECT count(*) FROM division WHERE id >= 100000").fetchone()[0]
    finally:
        con.close()


def test_an_import_killed_while_it_writes_leaves_the_database_as_it_was(built_copy, tmp_path):
    """Stopped in the middle of its transaction (it holds the write lock and has not committed: a reader sees
    none of its divisions), then killed: the database is as it was."""
    matrix = tmp_path / "votematrix.dat"
    _votematrix(built_copy, matrix, 400)
    before = _dump(built_copy)
    proc = subprocess.Popen([TRACKER, "--db", str(built_copy), "import", "divisions", str(matrix)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stopped_mid_load = False
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if _write_locked(built_copy):  # into its transaction: let it write a while, then freeze it
                time.sleep(0.05)
                os.kill(proc.pid, signal.SIGSTOP)
                stopped_mid_load = _write_locked(built_copy) and _loaded(built_copy) == 0
                if stopped_mid_load:
                    break
                os.kill(proc.pid, signal.SIGCONT)
            time.sleep(0.005)
        # never caught writing with nothing visible yet: it finished first, or its writes were seen before the end
        assert stopped_mid_load, "the import was not caught inside one uncommitted transaction"
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    con = sqlite3.connect(built_copy)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert con.execute("SELECT count(*) FROM division WHERE id >= 100000").fetchone() == (0,)
    con.close()
    assert _dump(built_copy) == before


def _articles(folder: Path, n: int) -> list[Path]:
    """``n`` distinct articles made from the seed articles, each with its own closing line."""
    seeds = sorted((SEEDS / "articles").glob("*.txt"))
    paths = []
    for i in range(n):
        path = folder / f"article-{i:03d}.txt"
        text = seeds[i % len(seeds)].read_text(encoding="utf-8")
        path.write_text(f"{text.rstrip()}\n\nThis is copy {i} of the article.\n", encoding="utf-8")
        paths.append(path)
    return paths


def test_a_reader_during_an_ingest_sees_all_of_it_or_none_and_is_never_locked_out(built_copy, tmp_path):
    paths = _articles(tmp_path, 60)
    engine = make_engine(built_copy)

    def state(conn) -> tuple[int, int, int]:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar() for t in (Source, Position, Mention))

    with engine.connect() as conn:
        before = state(conn)
    seen: list[tuple[int, int, int]] = []
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:
        from tracker.queries import positions, sources

        try:
            while not done.is_set():
                with engine.connect() as conn, conn.begin():
                    seen.append(state(conn))
                    texts = dict(conn.execute(select(Source.id, Source.text)).all())
                    for p in positions(conn):
                        assert texts[p.source.id][p.start:p.end] == p.quote
                    assert len(sources(conn)) == seen[-1][0]
        except BaseException as exc:  # reported by the test below
            errors.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        result = subprocess.run([TRACKER, "--db", str(built_copy), "ingest", *map(str, paths), "--outlet", "Copy"],
                                capture_output=True, text=True, timeout=300)
        time.sleep(0.3)  # a few reads after the commit
    finally:
        done.set()
        reader.join()
    assert result.returncode == 0, result.stderr
    assert not errors, errors[0]
    with engine.connect() as conn:
        after = state(conn)
    engine.dispose()
    assert after[0] == before[0] + len(paths)
    assert set(seen) == {before, after}  # many reads, each before the whole ingest or after it
    assert len(seen) > 5


def test_a_bulk_load_that_leaves_a_key_pointing_nowhere_is_rolled_back_whole(built_copy):
    """A bulk load checks its foreign keys once, before the commit: a vote for nobody fails the whole load."""
    import pytest
    from sqlalchemy.exc import IntegrityError

    from tracker.db import broken_foreign_key, bulk_transaction

    engine = make_engine(built_copy)
    before = _dump(built_copy)
    nobody = pytest.raises(IntegrityError, match="vote.person_id = 999999 points to no row of person")
    with nobody, bulk_transaction(engine) as conn:
        division = conn.exec_driver_sql("SELECT id FROM division ORDER BY id LIMIT 1").scalar()
        conn.exec_driver_sql("DELETE FROM vote WHERE division_id = ?", (division,))
        conn.exec_driver_sql("INSERT INTO vote (division_id, person_id, option) VALUES (?, 999999, 'aye')",
                             (division,))
    engine.dispose()
    assert _dump(built_copy) == before
    with make_engine(built_copy).connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # the checks are back on for the next
        assert broken_foreign_key(conn) is None
