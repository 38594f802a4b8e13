"""A topic added only to topics.yaml is extracted with no change to the code."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tracker.extract import extract, resolver_for
from tracker.formats.articles import read_catalogue
from tracker.formats.registry import load_directory
from tracker.formats.topics_yaml import read_topics

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
TWO_STATES = {
    "slug": "two-state-solution",
    "name": "Two-state solution",
    "cues": ["two-state solution", "two state solution"],
    "oppose_cues": ["ruled out"],
    "excludes": [],
}


@pytest.fixture(scope="module")
def extended(tmp_path_factory) -> Path:
    data = yaml.safe_load((SEEDS / "topics.yaml").read_text(encoding="utf-8"))
    data["topics"].append(TWO_STATES)
    path = tmp_path_factory.mktemp("topics") / "topics.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_new_topic_found_in_the_seed_articles(extended):
    directory = load_directory(SEEDS / "people.jsonl")
    resolver = resolver_for(directory)
    topics = [t.spec for t in read_topics(extended)]
    found = []
    for article in read_catalogue(SEEDS / "articles.yaml"):
        ex = extract(article.text, article.meta, directory, topics, resolver=resolver)
        found += [(p.person_name, p.stance) for p in ex.positions if p.topic == "two-state-solution"]
    assert ("Daisy Cooper", "support") in found
    assert all(stance == "support" for _, stance in found)


def test_seed_topics_do_not_name_it():
    assert "two-state-solution" not in {t.slug for t in read_topics(SEEDS / "topics.yaml")}
