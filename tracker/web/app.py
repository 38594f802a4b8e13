"""Datasette on a tracker database: immutable, read-only, with the project's metadata."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import InputError

# the views the canned queries read; the migrations make them
VIEWS = ("backers", "said_beside_voted", "party_votes", "person_record")
# Datasette's own time limit per query: every canned query and view answers well within it at scale. Facets are
# those the metadata names: suggesting others means trying every column of a table of millions of votes.
SETTINGS = {"sql_time_limit_ms": 1000, "default_page_size": 50, "truncate_cells_html": 0, "suggest_facets": False}


def check_database(path: Path) -> None:
    """A tracker database with the views the canned queries need, or one clear error."""
    if not path.is_file():
        raise InputError(str(path), "no such database file (build one with `tracker build`)")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            views = {name for (name,) in conn.execute("select name from sqlite_master where type = 'view'")}
    except sqlite3.DatabaseError as exc:
        raise InputError(str(path), f"not a SQLite database ({exc})") from exc
    missing = [v for v in VIEWS if v not in views]
    if missing:
        raise InputError(str(path), f"the schema is older than this tracker (no view {', '.join(missing)}):"
                                    " run `tracker build` to upgrade it")


def make_datasette(path: Path):
    """A Datasette serving ``path`` immutable, refusing every method but GET, HEAD and OPTIONS."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    from . import read_only
    from .metadata import metadata

    path = Path(path)
    check_database(path)
    if not pm.is_registered(read_only):
        pm.register(read_only, name="tracker-read-only")
    return Datasette(immutables=[str(path)], metadata=metadata(path.stem), settings=SETTINGS,
                     inspect_data={path.stem: inspect(path)})


def inspect(path: Path) -> dict:
    """What ``datasette inspect`` records of an immutable file, views included: the row count of every table
    and view, counted once when serving starts rather than on every page (a view's count means running it)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        names = [n for (n,) in conn.execute(
            "select name from sqlite_master where type in ('table', 'view') and name not like 'sqlite_%'")]
        counts = {n: {"count": conn.execute(f'select count(*) from "{n}"').fetchone()[0]} for n in names}
    return {"hash": None, "size": path.stat().st_size, "file": str(path), "tables": counts}


def serve(datasette, host: str, port: int) -> None:
    import uvicorn

    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
