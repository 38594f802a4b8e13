"""The four questions on synthetic parliaments at 1x and 10x, warm and in process, with their query plans."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import event, text

from tracker.db import make_engine
from tracker.queries import division, person_report, said_vs_voted, who_backed

from . import synth
from .measure import TRACKER, Run, run

TOPIC = "wealth-tax"
REPEAT = 7


@dataclass
class Timings:
    build: Run
    counts: dict[str, int]
    seconds: dict[str, list[float]] = field(default_factory=dict)
    plans: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # question -> [(sql, plan)]


def generate(work: Path, scale: int) -> Path:
    out = work / f"synth-{scale}x"
    if not (out / "articles.yaml").is_file():
        synth.write(out, scale)
    return out


def picks(conn) -> tuple[str, str, int]:
    """(topic, person, division) the questions ask about: a busy member, the topic's latest division."""
    person = conn.execute(text(
        "select p.name from position po join person p on p.id = po.person_id where p.in_registry "
        "and (select count(*) from person q where q.name = p.name) = 1 "
        "group by p.id, p.name order by count(*) desc, p.id limit 1")).scalar()
    latest = conn.execute(text(
        "select d.id from division d join motion_topic mt on mt.motion_id = d.motion_id "
        "join topic t on t.id = mt.topic_id where t.slug = :t order by d.date desc, d.id desc limit 1"),
        {"t": TOPIC}).scalar()
    return TOPIC, person, latest


def questions(conn) -> dict:
    """The four questions, with arguments picked from the data: a busy member, the topic's latest division."""
    _, person, latest = picks(conn)
    return {
        f"who-backed {TOPIC}": lambda: who_backed(conn, TOPIC),
        f"person '{person}'": lambda: person_report(conn, person),
        f"division {latest} (breakdown)": lambda: division(conn, latest),
        f"said-vs-voted {TOPIC}": lambda: said_vs_voted(conn, TOPIC),
    }


def measure(db: str, seeds: Path, counts: dict[str, int], plans: bool) -> Timings:
    built = run([*TRACKER, "--db", db, "build", "--seeds", str(seeds)])
    engine = make_engine(db)
    out = Timings(built, counts)
    with engine.connect() as conn:
        for label, ask in questions(conn).items():
            ask()  # warm: caches, statement compilation, pages in memory
            times = []
            for _ in range(REPEAT):
                started = time.perf_counter()
                ask()
                times.append(time.perf_counter() - started)
            out.seconds[label] = times
            if plans:
                out.plans[label] = explain(engine, conn, ask)
    engine.dispose()
    return out


def explain(engine, conn, ask) -> list[tuple[str, str]]:
    """Each statement a question runs, with the plan the engine chose for it."""
    seen: list[tuple[str, object]] = []

    def record(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().lower().startswith(("select", "with")):
            seen.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        ask()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    sqlite = engine.dialect.name == "sqlite"
    out = []
    for statement, parameters in seen:
        prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) "
        cursor = conn.connection.driver_connection.cursor()
        cursor.execute(prefix + statement, parameters)
        rows = cursor.fetchall()
        cursor.close()
        plan = "\n".join(f"{'  ' * _depth(rows, r)}{r[3]}" for r in rows) if sqlite else "\n".join(r[0] for r in rows)
        out.append((statement, plan))
    return out


def _depth(rows, row) -> int:
    parents = {r[0]: r[1] for r in rows}
    depth, parent = 0, row[1]
    while parent:
        depth, parent = depth + 1, parents.get(parent, 0)
    return depth
