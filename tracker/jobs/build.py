"""The jobs that write: build from ``seeds/``, import registries and divisions, ingest texts.

Each job upgrades the schema first, then runs as one transaction: a failure
leaves the database as it was. Each returns what it changed, stage by stage.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .. import db
from ..db import ensure_fts
from ..errors import InputError
from ..formats.division_files import detect, read_divisions
from ..load.answers import linked_topics, refresh_answers, stored_divisions, topics_of_divisions
from ..load.claims import link_to_divisions
from ..load.divisions import load_divisions
from ..load.sync import Counts, batched

if TYPE_CHECKING:  # each job imports the readers it needs when it runs: an import loads no YAML or text parser
    from sqlalchemy import Connection, Engine

    from ..db import Target
    from ..formats.articles import ArticleInput
    from ..formats.motions_yaml import MotionRec

Report = dict[str, Counts]
DEFAULT_SEEDS = Path("seeds")
DIVISION_FILES = ("*.json", "*.dat", "*.tsv")  # Commons Votes API JSON, votematrix TSV
INGEST_BATCH = 500  # texts loaded per round of inserts


def build(engine: Engine, seeds: Path = DEFAULT_SEEDS) -> Report:
    """Create or upgrade the schema and load everything under ``seeds``."""
    from ..formats.articles import read_catalogue
    from ..formats.curation_yaml import read_curation
    from ..formats.motions_yaml import read_motions
    from ..formats.registry import read_any
    from ..formats.topics_yaml import read_topics
    from ..load.curation import apply_curation
    from ..load.motions import load_motions, load_topics
    from ..load.people import load_registry

    seeds = Path(seeds)
    if not seeds.is_dir():
        raise InputError(str(seeds), "the seeds folder does not exist")
    # read and check every input before touching the database
    registry = read_any(seeds)
    motions = read_motions(seeds / "motions.yaml")
    division_files = sorted(p for pattern in DIVISION_FILES for p in (seeds / "divisions").glob(pattern))
    counts_of = _check_divisions(division_files, motions)
    topics = read_topics(seeds / "topics.yaml")
    articles = read_catalogue(seeds / "articles.yaml")
    curation = read_curation(seeds / "curation.yaml") if (seeds / "curation.yaml").is_file() else None

    db.upgrade(engine)
    report: Report = {}
    with engine.begin() as conn:
        report["registry"] = load_registry(conn, registry)
        report["motions"], motion_for = load_motions(conn, motions, counts_of)
        loaded: set[int] = set()
        divisions = (loaded.add(rec.id) or rec for path in division_files for rec in read_divisions(path))
        report["divisions"] = load_divisions(conn, divisions, motion_for)
        report["topics"] = load_topics(conn, topics)
        report["sources"] = _ingest(conn, articles)
        if curation is not None:
            report["curation"] = apply_curation(conn, curation)
        # the division load kept the party breakdowns of its divisions; any others follow the registry
        refresh_answers(conn, divisions=stored_divisions(conn) - loaded)
    finish(engine)
    return report


def _check_divisions(paths: list[Path], motions: list[MotionRec]) -> dict[int, tuple[int | None, int | None]]:
    """Read every division record once to check it, keeping only the official counts that motions need.

    The load reads the files again, a batch at a time, so the votes are never all in memory.
    """
    wanted = {m.divisions[0] for m in motions if len(m.divisions) == 1}
    return {rec.id: (rec.aye_count, rec.no_count)
            for path in paths for rec in read_divisions(path) if rec.id in wanted}


def import_members(engine: Engine, path: Path) -> Report:
    from ..formats.registry import read_any
    from ..load.people import load_registry

    data = read_any(Path(path))
    db.upgrade(engine)
    with engine.begin() as conn:
        counts = load_registry(conn, data)
        counts += link_to_divisions(conn)  # who sat on a division's day decides "did not vote"
        refresh_answers(conn)  # seats and parties over time enter every answer
        return {"registry": counts}


def import_divisions(engine: Target, paths: Iterable[Path]) -> Report:
    """Stream the records of each file into one transaction: a bad record anywhere rolls it all back.

    ``engine`` is an engine, or the path of a SQLite file, which is then loaded through plain sqlite3 without
    loading SQLAlchemy (the same statements, the same rows)."""
    paths = [Path(p) for p in paths]
    for path in paths:
        detect(path)
    loaded: list[int] = []
    records = (loaded.append(rec.id) or rec for path in paths for rec in read_divisions(path))
    db.upgrade(engine)
    with db.bulk_transaction(engine) as conn:
        linked = linked_topics(conn)  # a division may stop speaking to a topic: its answers change too
        counts = load_divisions(conn, records)
        counts += link_to_divisions(conn)
        # the load kept the party breakdowns of its divisions; the topics they speak to (or spoke to) follow
        refresh_answers(conn, divisions=(), topics=topics_of_divisions(conn, loaded, before=linked))
    finish(engine)
    return {"divisions": counts}


def ingest(engine: Engine, articles: list[ArticleInput]) -> Report:
    db.upgrade(engine)
    with engine.begin() as conn:
        report = {"sources": _ingest(conn, articles)}
        refresh_answers(conn, divisions=())  # statements enter who backed and said-vs-voted
    finish(engine)
    return report


def finish(engine: Target) -> None:
    """After a load: the search index exists, the planner's statistics are refreshed, so the questions after a
    bulk load are planned on what the tables now hold rather than on what they held before (which index finds
    one person's statements among a topic's thousands), and on SQLite the write-ahead log is folded into the
    file. ``engine`` may be a SQLite file's path, as for :func:`import_divisions`."""
    if db.is_path(engine) or db.is_sqlite(engine):
        with db.sqlite_connection(engine) as conn:
            ensure_fts(conn)
            # sampled statistics: a few milliseconds even at millions of votes
            conn.execute("PRAGMA analysis_limit=1000")
            conn.execute("BEGIN")
            conn.execute("ANALYZE")
            conn.execute("COMMIT")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    elif engine.dialect.name == "postgresql":
        from ..models import Base

        # the tracker's own tables only: a bare ANALYZE would read every table of the whole database, other
        # schemas and other applications included, and wait on their locks
        tables = ", ".join(engine.dialect.identifier_preparer.quote(t.name) for t in Base.metadata.sorted_tables)
        with engine.begin() as conn:
            conn.exec_driver_sql(f"ANALYZE {tables}")


def _ingest(conn: Connection, articles: list[ArticleInput]) -> Counts:
    from ..load.curation import verify_recorded
    from ..load.sources import load_sources
    from ..queries.extraction_inputs import directory_from_db, topics_from_db
    from .workers import extract_many

    directory = directory_from_db(conn)
    topics = topics_from_db(conn)
    if not topics:
        raise InputError("topics", "no topics are defined: run `tracker build` first")
    counts = Counts()
    for batch in batched(extract_many(articles, directory, topics), INGEST_BATCH):
        counts += load_sources(conn, batch, directory)
    counts += link_to_divisions(conn)
    counts += verify_recorded(conn)  # hand-recorded positions whose pages have now come in
    return counts
