"""Extraction output of the seed articles as JSON, kept under tests/snapshots/ so that a change shows in a diff.

``tracker snapshots refresh`` writes them; the snapshot test compares a fresh
extraction with them.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from ..extract import extract, resolver_for
from ..extract.records import Extraction


def as_json(ex: Extraction) -> str:
    """An extraction as stable, readable JSON (records in text order, keys in field order)."""
    return json.dumps(asdict(ex), ensure_ascii=False, indent=1) + "\n"


def seed_snapshots(seeds: Path) -> dict[str, str]:
    """The JSON of every article the catalogue ``seeds/articles.yaml`` lists, by snapshot file name."""
    from ..formats.articles import read_catalogue
    from ..formats.registry import load_directory
    from ..formats.topics_yaml import read_topics

    directory = load_directory(seeds / "people.jsonl")
    resolver = resolver_for(directory)
    topics = [t.spec for t in read_topics(seeds / "topics.yaml")]
    out = {}
    for article in read_catalogue(seeds / "articles.yaml"):
        ex = extract(article.text, article.meta, directory, topics, resolver=resolver)
        out[Path(article.path).stem + ".json"] = as_json(ex)
    return out


def write_snapshots(seeds: Path, out: Path) -> list[Path]:
    """Write each seed article's snapshot into ``out``, removing snapshots of articles no longer listed."""
    out.mkdir(parents=True, exist_ok=True)
    fresh = seed_snapshots(seeds)
    for stale in sorted(out.glob("*.json")):
        if stale.name not in fresh:
            stale.unlink()
    written = []
    for name, body in sorted(fresh.items()):
        path = out / name
        path.write_text(body, encoding="utf-8")
        written.append(path)
    return written
