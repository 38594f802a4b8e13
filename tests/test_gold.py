"""The extractor measured against the answer key for the five seed articles."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tracker.extract import extract, resolver_for
from tracker.extract.records import ArticleMeta, Extraction

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "fixtures" / "gold_seeds.yaml"
PEOPLE = SEEDS / "people.jsonl"


def _fold(text: str) -> str:
    return re.sub(r"[\s\u00a0]+", " ", text).strip()


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", _fold(text).lower())


def _name(name: str | None) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", name or "").strip().lower()


def quotes_overlap(produced: str, gold: str) -> bool:
    """The gold quote inside the produced one, or most of the gold words in it."""
    p, g = _fold(produced).lower(), _fold(gold).lower()
    if g in p:
        return True
    gw, pw = _words(gold), set(_words(produced))
    return bool(gw) and sum(w in pw for w in gw) / len(gw) >= 0.75


def _matches(pos, gold: dict, mp: bool) -> bool:
    if _name(pos.person_name) != _name(gold["person"]):
        return False
    if mp and not pos.person_key:
        return False
    return (
        pos.topic == gold["topic"]
        and pos.stance == gold["stance"]
        and pos.date == (str(gold["date"]) if gold.get("date") is not None else None)
        and quotes_overlap(pos.quote, gold["quote"])
    )


@pytest.fixture(scope="module")
def runs() -> list[tuple[dict, Extraction]]:
    if not PEOPLE.exists():
        pytest.skip(f"{PEOPLE.relative_to(ROOT)} is not there yet: build the registry seed first")
    from tracker.formats.registry import load_directory
    from tracker.formats.topics_yaml import read_topics, with_division_days

    directory = load_directory(PEOPLE)
    resolver = resolver_for(directory)
    topics = with_division_days([t.spec for t in read_topics(SEEDS / "topics.yaml")], SEEDS / "divisions")
    metas = {m["file"]: m for m in yaml.safe_load((SEEDS / "articles.yaml").read_text(encoding="utf-8"))}
    gold = yaml.safe_load(GOLD.read_text(encoding="utf-8"))
    out = []
    for article in gold["articles"]:
        m = metas[article["file"]]
        meta = ArticleMeta(
            published=str(m["published"]) if m.get("published") else None,
            kind=m.get("kind", "news"),
            outlet=m.get("outlet"),
            url=m.get("url"),
            author=m.get("author"),
        )
        text = (SEEDS / article["file"]).read_text(encoding="utf-8")
        out.append((article, extract(text, meta, directory, topics, resolver=resolver)))
    return out


def _mp_names(article: dict) -> set[str]:
    names = {_name(p["name"]) for p in article.get("people", []) if p.get("mp")}
    if article.get("author", {}).get("mp"):
        names.add(_name(article["author"]["name"]))
    return names


def test_recall_and_precision(runs):
    misses, false_positives = [], []
    required = found = produced = correct = 0
    for article, ex in runs:
        golds = article.get("positions", [])
        mps = _mp_names(article)
        for g in golds:
            if g.get("required", True):
                required += 1
                if any(_matches(p, g, _name(g["person"]) in mps) for p in ex.positions):
                    found += 1
                else:
                    misses.append(
                        f"{article['file']}: {g['person']} {g['topic']} {g['stance']} {g.get('date')}"
                    )
        unattributed = article.get("unattributed_positions", [])
        for p in ex.positions:
            if p.person_name is None:
                if any(
                    u["topic"] == p.topic and u["stance"] == p.stance and quotes_overlap(p.quote, u["quote"])
                    for u in unattributed
                ):
                    produced += 1
                    correct += 1
                continue
            produced += 1
            if any(_matches(p, g, _name(g["person"]) in mps) for g in golds):
                correct += 1
            else:
                false_positives.append(
                    f"{article['file']}: {p.person_name} {p.topic} {p.stance} {p.date} {_fold(p.quote)!r}"
                )
    recall = found / required if required else 1.0
    precision = correct / produced if produced else 1.0
    report = (
        f"recall {recall:.2f} ({found}/{required}), precision {precision:.2f} ({correct}/{produced})\n"
        + "".join(f"  miss: {m}\n" for m in misses)
        + "".join(f"  false positive: {f}\n" for f in false_positives)
    )
    print(report)
    assert recall >= 0.9 and precision >= 0.95, report


def forbidden_positions(article: dict, ex: Extraction) -> list[str]:
    """Positions the key's `never` items rule out (a person with no position on a topic)."""
    return [
        f"{article['file']}: {p.person_name} has a position on {p.topic}: {_fold(p.quote)!r}"
        for never in article.get("never", []) if "topic" in never
        for p in ex.positions
        if _name(p.person_name) == _name(never["person"]) and p.topic == never["topic"]
    ]


def test_never(runs):
    broken = []
    for article, ex in runs:
        broken += forbidden_positions(article, ex)
        for never in article.get("never", []):
            who = _name(never["person"])
            if never.get("mp"):
                records = list(ex.mentions) + list(ex.positions)
                broken += [
                    f"{article['file']}: {r.person_name} marked as an MP"
                    for r in records
                    if _name(r.person_name) == who and r.is_mp
                ]
    assert not broken, "\n".join(broken)


def test_quotes_are_slices(runs):
    for article, ex in runs:
        text = (SEEDS / article["file"]).read_text(encoding="utf-8")
        for r in [*ex.mentions, *ex.positions, *ex.vote_claims, *ex.tallies]:
            span = r.text if hasattr(r, "text") and not hasattr(r, "quote") else r.quote
            assert text[r.start : r.end] == span


def test_inferred_author(runs):
    for article, ex in runs:
        if "author" in article:
            assert _name(ex.author_name) == _name(article["author"]["name"])
