"""Extraction: throughput on one core (bench/bench_extract.py), and the worker pool against one process."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

from tracker.formats.articles import read_catalogue
from tracker.formats.registry import read_seed, to_directory
from tracker.formats.topics_yaml import read_topics
from tracker.jobs.workers import default_workers, extract_many

from .measure import ROOT, run


def one_core() -> tuple[float, str]:
    """MB/s of article text on one core, as bench_extract.py reports it."""
    out = run([sys.executable, str(ROOT / "bench" / "bench_extract.py")]).output
    found = re.search(r"([\d.]+) MB/s", out)
    return (float(found.group(1)) if found else float("nan")), out.strip()


def pool(seeds: Path) -> dict[str, float]:
    """Seconds to extract every article of a synthetic parliament, in one process and in a pool."""
    articles = read_catalogue(seeds / "articles.yaml")
    directory = to_directory(read_seed(seeds))
    topics = [t.spec for t in read_topics(seeds / "topics.yaml")]
    size = sum(len(a.text.encode("utf-8")) for a in articles)
    out = {"articles": len(articles), "MB": size / 1e6}
    for label, workers in (("1 process", 1), (f"pool of {default_workers()}", default_workers())):
        started = time.perf_counter()
        for _ in extract_many(articles, directory, topics, workers=workers, progress=False):
            pass
        out[label] = time.perf_counter() - started
    return out


def help_start(times: int = 10) -> list[float]:
    """Wall seconds of `tracker --help`, each in a new process."""
    from .measure import TRACKER

    return [run([*TRACKER, "--help"]).seconds for _ in range(times)]
