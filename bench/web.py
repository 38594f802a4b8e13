"""Datasette at scale: every canned query and SQL view timed per HTTP request against `tracker serve`, the
same SQL timed on PostgreSQL, and a load test of many clients at once (``bench/load_test.py``)."""

from __future__ import annotations

import socket
import statistics
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

from .measure import TRACKER

REPEAT = 7
VIEWS = ("backers", "said_beside_voted", "party_votes", "person_record", "seat", "backing_evidence",
         "claims_beside_record")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(db: str, timeout: float = 60.0):
    """`tracker serve` on a free loopback port, as a base URL; stopped (killed if it must be) afterwards."""
    import httpx

    port = free_port()
    proc = subprocess.Popen([*TRACKER, "--db", db, "serve", "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"tracker serve stopped: {proc.stderr.read()}")
            try:
                if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("tracker serve did not answer in time")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def arguments(conn) -> dict[str, list[dict]]:
    """Varied parameters for each canned query, picked from the data (``conn``: a SQLAlchemy connection)."""
    from sqlalchemy import text

    topics = [s for (s,) in conn.execute(text("select slug from topic order by slug"))]
    divisions = [d for (d,) in conn.execute(text(
        "select id from division order by id"))]
    step = max(1, len(divisions) // 40)
    names = [n for (n,) in conn.execute(text(
        "select name from person where in_registry order by id"))]
    firsts = sorted({n.split()[0] for n in names})[:: max(1, len(names) // 400)][:20]
    return {
        "who_backed": [{"topic": t} for t in topics],
        "said_vs_voted": [{"topic": t} for t in topics],
        "division_breakdown": [{"division_id": str(d)} for d in divisions[::step]],
        "person_positions": [{"name": n} for n in [*names[:: max(1, len(names) // 20)], *firsts]],
    }


@dataclass
class PageTimes:
    seconds: dict[str, list[float]] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)


def time_pages(base: str, database: str, args: dict[str, list[dict]]) -> PageTimes:
    """Each canned query (with its first parameters) and each view, as JSON over HTTP: warm, REPEAT times."""
    import httpx

    pages = {f"{name}?{'&'.join(f'{k}={v}' for k, v in params[0].items())}": (f"/{database}/{name}.json", params[0])
             for name, params in args.items()}
    pages["claims_vs_record"] = (f"/{database}/claims_vs_record.json", {})
    for view in VIEWS:
        pages[f"view {view}"] = (f"/{database}/{view}.json", {})
    out = PageTimes()
    with httpx.Client(base_url=base, timeout=30) as client:
        for label, (path, params) in pages.items():
            first = client.get(path, params={**params, "_shape": "objects"})
            if first.status_code != 200:
                out.errors[label] = f"HTTP {first.status_code}: {first.text[:200]}"
                continue
            out.rows[label] = len(first.json().get("rows", []))
            times = []
            for _ in range(REPEAT):
                started = time.perf_counter()
                response = client.get(path, params={**params, "_shape": "objects"})
                times.append(time.perf_counter() - started)
                if response.status_code != 200:
                    out.errors[label] = f"HTTP {response.status_code}"
            out.seconds[label] = times
    return out


def sql_statements(args: dict[str, list[dict]]) -> dict[str, tuple[str, dict]]:
    """The SQL behind each page: the canned queries' own, and a first page of each view."""
    from tracker.web import canned

    sql = {"who_backed": canned.WHO_BACKED, "said_vs_voted": canned.SAID_VS_VOTED,
           "division_breakdown": canned.DIVISION_BREAKDOWN, "person_positions": canned.PERSON_POSITIONS}
    out = {f"{name}?{'&'.join(f'{k}={v}' for k, v in args[name][0].items())}": (sql[name], args[name][0])
           for name in sql}
    out["claims_vs_record"] = (canned.CLAIMS_VS_RECORD, {})
    for view in VIEWS:
        out[f"view {view}"] = (f"select * from {view} limit 101", {})
    return out


def time_sql(conn, statements: dict[str, tuple[str, dict]]) -> dict[str, list[float]]:
    """Each statement run to its last row, warm, REPEAT times (``conn``: a SQLAlchemy connection)."""
    from sqlalchemy import text

    out = {}
    for label, (sql, params) in statements.items():
        conn.execute(text(sql), params).all()
        times = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            conn.execute(text(sql), params).all()
            times.append(time.perf_counter() - started)
        out[label] = times
        conn.rollback()
    return out


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000
