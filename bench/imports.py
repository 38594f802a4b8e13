"""The whole 2019-2024 division file, loaded by the tracker beside the yardsticks, on both engines."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .measure import ROOT, TRACKER, Run, median_run, pg_schema, run

# the public records the imports are timed on: --data, else $TRACKER_DATA, else ../shared/data beside the project
DEFAULT_DATA = ROOT.parent / "shared" / "data"
DATA = Path(os.environ.get("TRACKER_DATA") or DEFAULT_DATA)
VOTEMATRIX = DATA / "divisions" / "votematrix-2019.dat"
REGISTRY = DATA / "registry"
REFERENCE = [sys.executable, str(ROOT / "bench" / "reference_sqlite.py")]
# the floor: a minimal raw-sqlite3 loader kept beside the shared records (bench/ref_votematrix_load.py there)
FLOOR = "minimal raw sqlite3 loader (shared reference)"


def shared_reference() -> Path:
    return DATA.parent / "bench" / "ref_votematrix_load.py"


def use_data(folder: Path | None) -> None:
    """Time the imports on the records under ``folder`` (``divisions/votematrix-2019.dat``, ``registry/``)."""
    global DATA, VOTEMATRIX, REGISTRY
    if folder is not None:
        DATA = Path(folder)
        VOTEMATRIX, REGISTRY = DATA / "divisions" / "votematrix-2019.dat", DATA / "registry"


def available() -> str | None:
    """Why the import benchmarks cannot run here, or None."""
    if not VOTEMATRIX.is_file() or not REGISTRY.is_dir():
        return f"the division file or registry is not under {DATA} (give --data or TRACKER_DATA)"
    return None


ROUNDS = 5  # the tracker's import and the floor, run in turn: a slow moment of the machine falls on both


def sqlite(work: Path) -> dict[str, Run]:
    """Each loader into a copy of a database holding the members registry (the floor: into a new file). The
    tracker and the floor alternate for :data:`ROUNDS` rounds and each gets its median."""
    members = work / "members.db"
    run([*TRACKER, "--db", str(members), "import", "members", str(REGISTRY)])
    tracker = [*TRACKER, "--db", "{db}", "import", "divisions", str(VOTEMATRIX)]
    yardsticks = {"raw sqlite3 executemany": [*REFERENCE, "{db}", str(VOTEMATRIX)],
                  "sqlite-utils insert_all": [*REFERENCE, "{db}", str(VOTEMATRIX), "--sqlite-utils"]}
    alternating: dict[str, list[Run]] = {"tracker import divisions": []}
    if shared_reference().is_file():
        alternating[FLOOR] = []
    out: dict[str, Run] = {}
    for round_ in range(ROUNDS):
        db = work / "tracker.db"
        shutil.copy(members, db)
        alternating["tracker import divisions"].append(run([c.replace("{db}", str(db)) for c in tracker]))
        if round_ == 0:
            out["tracker, again (no change)"] = run([c.replace("{db}", str(db)) for c in tracker])
        if FLOOR in alternating:  # its usage: SOURCE DESTINATION (a new file)
            floor = work / "floor.db"
            floor.unlink(missing_ok=True)
            alternating[FLOOR].append(run([sys.executable, str(shared_reference()), str(VOTEMATRIX), str(floor)]))
    for label, cmd in yardsticks.items():
        db = work / f"{label.split()[0]}.db"
        shutil.copy(members, db)
        out[label] = run([c.replace("{db}", str(db)) for c in cmd])
    return {"tracker import divisions": median_run(alternating["tracker import divisions"]), **out,
            **({FLOOR: median_run(alternating[FLOOR])} if FLOOR in alternating else {})}


def postgres(work: Path) -> dict[str, Run]:
    out: dict[str, Run] = {}
    with pg_schema("import") as (url, schema):
        run([*TRACKER, "--db", url, "import", "members", str(REGISTRY)])
        out["tracker import divisions (COPY)"] = run([*TRACKER, "--db", url, "import", "divisions", str(VOTEMATRIX)])
        out["tracker, again (no change)"] = run([*TRACKER, "--db", url, "import", "divisions", str(VOTEMATRIX)])
        tables = {"motion": "select * from motion where key like 'division/%' order by id",
                  "division": "select * from division order by id",
                  "vote": "select division_id, person_id, option, party_id from vote order by division_id, person_id"}
        for table, query in tables.items():
            _psql(schema, f"\\copy ({query}) to '{work / table}.tsv'")
        _psql(schema, "truncate vote, division, motion cascade")
        script = [f"\\copy motion from '{work}/motion.tsv'", f"\\copy division from '{work}/division.tsv'",
                  f"\\copy vote (division_id, person_id, option, party_id) from '{work}/vote.tsv'"]
        out["psql \\copy of the same rows"] = run([*_psql_cmd(schema), "-1", *(a for s in script for a in ("-c", s))])
    return out


def _psql_cmd(schema: str) -> list[str]:
    return ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres", "-d", "test",
            "-c", f'set search_path = "{schema}"']


def _psql(schema: str, command: str) -> None:
    subprocess.run([*_psql_cmd(schema), "-c", command], check=True, capture_output=True)
