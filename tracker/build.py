"""The jobs that write: build from ``seeds/``, import registries and divisions, ingest texts.

Each job upgrades the schema first, then runs as one transaction: a failure
leaves the database as it was. Each returns what it changed, stage by stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Connection, Engine

from . import db
from .articles import ArticleInput, read_catalogue
from .divisions import read_divisions
from .errors import InputError
from .load.divisions import load_divisions
from .load.motions import load_motions, load_topics
from .load.people import load_registry
from .load.sources import Extracted, link_to_divisions, load_sources
from .motions import read_motions
from .registry import read_any
from .search import ensure_fts
from .snapshot import directory_from_db, topics_from_db
from .sync import Counts
from .topics import read_topics

Report = dict[str, Counts]
DEFAULT_SEEDS = Path("seeds")


def build(engine: Engine, seeds: Path = DEFAULT_SEEDS) -> Report:
    """Create or upgrade the schema and load everything under ``seeds``."""
    seeds = Path(seeds)
    if not seeds.is_dir():
        raise InputError(str(seeds), "the seeds folder does not exist")
    # read and check every input before touching the database
    registry = read_any(seeds)
    motions = read_motions(seeds / "motions.yaml")
    division_files = sorted((seeds / "divisions").glob("*.json"))
    divisions = [rec for path in division_files for rec in read_divisions(path)]
    topics = read_topics(seeds / "topics.yaml")
    articles = read_catalogue(seeds / "articles.yaml")

    db.upgrade(engine)
    report: Report = {}
    with engine.begin() as conn:
        report["registry"] = load_registry(conn, registry)
        counts_of = {d.id: (d.aye_count, d.no_count) for d in divisions}
        report["motions"], motion_for = load_motions(conn, motions, counts_of)
        report["divisions"] = load_divisions(conn, divisions, motion_for)
        report["topics"] = load_topics(conn, topics)
        report["sources"] = _ingest(conn, articles)
    finish(engine)
    return report


def import_members(engine: Engine, path: Path) -> Report:
    data = read_any(Path(path))
    db.upgrade(engine)
    with engine.begin() as conn:
        return {"registry": load_registry(conn, data)}


def import_divisions(engine: Engine, paths: Iterable[Path]) -> Report:
    records = [rec for path in paths for rec in read_divisions(Path(path))]
    db.upgrade(engine)
    with engine.begin() as conn:
        counts = load_divisions(conn, records)
        counts += link_to_divisions(conn)
        return {"divisions": counts}


def ingest(engine: Engine, articles: list[ArticleInput]) -> Report:
    db.upgrade(engine)
    with engine.begin() as conn:
        report = {"sources": _ingest(conn, articles)}
    finish(engine)
    return report


def finish(engine: Engine) -> None:
    """After a load: the search index exists, and on SQLite the write-ahead log is folded into the file."""
    ensure_fts(engine)
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _ingest(conn: Connection, articles: list[ArticleInput]) -> Counts:
    from .extract import extract

    directory = directory_from_db(conn)
    topics = topics_from_db(conn)
    if not topics:
        raise InputError("topics", "no topics are defined: run `tracker build` first")
    items = [Extracted(a, extract(a.text, a.meta, directory, topics)) for a in articles]
    counts = load_sources(conn, items, directory)
    counts += link_to_divisions(conn)
    return counts
