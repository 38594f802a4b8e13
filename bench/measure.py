"""Measuring: wall time and peak memory of a command, the machine it ran on, a scratch PostgreSQL schema."""

from __future__ import annotations

import json
import os
import platform
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRACKER = [str(ROOT / ".venv" / "bin" / "tracker")] if (ROOT / ".venv" / "bin" / "tracker").exists() else [
    sys.executable, "-m", "tracker"]
PG = os.environ.get("TRACKER_BENCH_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@dataclass
class Run:
    seconds: float
    max_rss_mb: float
    output: str
    times: tuple[float, ...] = ()  # every run's seconds, when ``seconds`` is their median


def median_run(runs: list[Run]) -> Run:
    """One :class:`Run` for several of the same command: the median time, the largest peak memory."""
    times = tuple(r.seconds for r in runs)
    return Run(statistics.median(times), max(r.max_rss_mb for r in runs), runs[0].output, times)


# Each command is started by a small launcher, which times it from spawn to exit and asks the kernel for its peak
# memory. Started from this process instead, a command would count this (large) benchmark process's pages in its
# own peak: the kernel carries the memory a process had before it exec'd into the new program's figure. The
# launcher's own few megabytes are carried the same way, alike for every command.
_LAUNCHER = """
import json, os, sys, time
started = time.perf_counter()
pid = os.posix_spawnp(sys.argv[2], sys.argv[2:], os.environ)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - started
with open(sys.argv[1], "w") as out:
    json.dump([elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)], out)
"""


def run(cmd: list[str], **kwargs) -> Run:
    """Run ``cmd`` to the end; its wall time and peak resident memory (from the kernel's own account)."""
    with tempfile.TemporaryDirectory(prefix="bench-run-") as scratch:
        figures = Path(scratch) / "figures.json"
        proc = subprocess.Popen([sys.executable, "-I", "-S", "-c", _LAUNCHER, str(figures), *cmd],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kwargs)
        output = proc.stdout.read()
        proc.wait()
        if proc.returncode != 0 or not figures.is_file():
            raise RuntimeError(f"{' '.join(cmd)} could not be started ({proc.returncode}):\n{output}")
        elapsed, max_rss_kib, code = json.loads(figures.read_text())
    if code != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({code}):\n{output}")
    return Run(elapsed, max_rss_kib / 1024, output)


def best(times: list[float]) -> str:
    return f"{min(times) * 1000:.1f} ms (median {statistics.median(times) * 1000:.1f})"


def machine() -> dict[str, str]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    mem = re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()) if Path("/proc/meminfo").exists() else None
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "cores (nproc)": str(len(os.sched_getaffinity(0))),
        "CPU": cpu,
        "RAM": f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB" if mem else "?",
        "load average at start": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "SQLite": sqlite3.sqlite_version,
        "PostgreSQL": pg_version() or "not reachable",
    }


def pg_version() -> str | None:
    try:
        from sqlalchemy import create_engine, text

        engine = create_engine(PG)
        with engine.connect() as conn:
            version = conn.execute(text("show server_version")).scalar()
        engine.dispose()
        return version
    except Exception:  # no server: the PostgreSQL benchmarks are skipped
        return None


@contextmanager
def pg_schema(label: str):
    """A fresh schema on the benchmark server, as a URL; dropped afterwards."""
    from sqlalchemy import create_engine, text

    admin = create_engine(PG, isolation_level="AUTOCOMMIT")
    schema = f"bench_{label}_{uuid.uuid4().hex[:6]}"
    with admin.connect() as conn:
        conn.execute(text(f'create schema "{schema}"'))
    try:
        yield f"{PG}?options=-csearch_path%3D{schema}", schema
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'drop schema "{schema}" cascade'))
        admin.dispose()
