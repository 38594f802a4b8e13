"""Extraction throughput: megabytes of article text a second on one core, with the full directory loaded.

    .venv/bin/python bench/bench_extract.py [--repeat N]

The seed articles are run again and again with one shared resolver, as a
batch loader would. Throughput per core is measured on the CPU time of this
process, so that other work on the machine does not count against it.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.extract import extract, resolver_for  # noqa: E402
from tracker.extract.records import ArticleMeta  # noqa: E402
from tracker.formats.registry import load_directory  # noqa: E402
from tracker.formats.topics_yaml import read_topics  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=60, help="passes over the seed articles (default 60)")
    args = parser.parse_args()
    directory = load_directory(ROOT / "seeds" / "people.jsonl")
    topics = [t.spec for t in read_topics(ROOT / "seeds" / "topics.yaml")]
    started = time.perf_counter()
    resolver = resolver_for(directory)
    built = time.perf_counter() - started
    articles = []
    for m in yaml.safe_load((ROOT / "seeds" / "articles.yaml").read_text(encoding="utf-8")):
        meta = ArticleMeta(
            published=str(m["published"]) if m.get("published") else None,
            kind=m.get("kind", "news"),
            outlet=m.get("outlet"),
            url=m.get("url"),
        )
        articles.append(((ROOT / "seeds" / m["file"]).read_text(encoding="utf-8"), meta))
    size = sum(len(text.encode("utf-8")) for text, _ in articles) * args.repeat
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(args.repeat):
        for text, meta in articles:
            extract(text, meta, directory, topics, resolver=resolver)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"{len(directory.people)} people; resolver built in {built * 1000:.0f} ms")
    print(f"{size / 1e6:.2f} MB in {elapsed:.2f} s wall, {cpu:.2f} s of one core: {size / 1e6 / cpu:.2f} MB/s per core")


if __name__ == "__main__":
    main()
