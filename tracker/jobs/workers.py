"""Extraction of many texts at once, in a pool of worker processes.

Extraction is a pure function, so texts can be shared out among processes;
each worker builds the name resolver once and keeps it. Results come back in
the order the texts were given. On a terminal a progress bar shows on
standard error; piped or captured, nothing is printed.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence

from ..extract.records import ArticleMeta, Directory, Extraction, TopicSpec
from ..formats.articles import ArticleInput
from ..load.sources import Extracted

SERIAL_BELOW = 64  # fewer texts than this are not worth starting processes for
_worker: dict = {}


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def extract_many(
    articles: Sequence[ArticleInput],
    directory: Directory,
    topics: list[TopicSpec],
    *,
    workers: int | None = None,
    progress: bool | None = None,
) -> Iterator[Extracted]:
    """Each article with what was extracted from it, in order; ``workers=1`` runs in this process.

    By default a pool as wide as the machine, unless there are too few texts to be worth it.

    ``progress`` shows a bar on standard error; by default only when it is a terminal.
    """
    if workers is None:
        workers = default_workers() if len(articles) >= SERIAL_BELOW else 1
    if progress is None:
        progress = sys.stderr.isatty()
    jobs = ((a.text, a.meta) for a in articles)
    if workers <= 1:
        _start(directory, topics)
        results = (_extract(job) for job in jobs)
        yield from _zip(articles, results, progress)
        return
    chunk = max(1, min(32, len(articles) // (workers * 8)))
    # fork shares the registry snapshot with each worker at no cost; elsewhere workers start afresh
    method = "fork" if sys.platform == "linux" else "spawn"
    ctx = multiprocessing.get_context(method)
    with ctx.Pool(workers, initializer=_start, initargs=(directory, topics)) as pool:
        yield from _zip(articles, pool.imap(_extract, jobs, chunksize=chunk), progress)


def _zip(articles: Sequence[ArticleInput], results: Iterator[Extraction], progress: bool) -> Iterator[Extracted]:
    if not progress:
        for article, extraction in zip(articles, results, strict=True):
            yield Extracted(article, extraction)
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, transient=True, console=_stderr_console()) as bar:
        task = bar.add_task("extracting", total=len(articles))
        for article, extraction in zip(articles, results, strict=True):
            yield Extracted(article, extraction)
            bar.advance(task)


def _stderr_console():
    from rich.console import Console

    return Console(stderr=True)


def _start(directory: Directory, topics: list[TopicSpec]) -> None:
    """Set a worker up: the directory, the topics and a resolver built once."""
    from ..extract import resolver_for

    _worker.update(directory=directory, topics=topics, resolver=resolver_for(directory))


def _extract(job: tuple[str, ArticleMeta]) -> Extraction:
    from ..extract import extract

    text, meta = job
    return extract(text, meta, _worker["directory"], _worker["topics"], resolver=_worker["resolver"])
