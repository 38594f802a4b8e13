"""The extractor measured on articles it was not built from (tests/fixtures/unseen/).

Named MPs' stances: precision at least 0.85, recall at least 0.7. No one the
key marks as not an MP is marked as one. Reported tallies right (counts,
result and chamber) at least three times in four.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from tests.test_gold import _fold, _mp_names, _name, forbidden_positions, quotes_overlap
from tracker.extract import extract, resolver_for
from tracker.extract.records import ArticleMeta, Extraction

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
PEOPLE = ROOT / "seeds" / "people.jsonl"


def _meta(raw: dict) -> ArticleMeta:
    return ArticleMeta(
        published=str(raw["published"]) if raw.get("published") else None,
        kind=raw.get("kind", "news"),
        outlet=raw.get("outlet"),
        url=raw.get("url"),
        author=raw.get("author"),
    )


@pytest.fixture(scope="module")
def runs() -> list[tuple[dict, str, Extraction]]:
    if not PEOPLE.exists():
        pytest.skip("seeds/people.jsonl is not there")
    from tracker.registry import load_directory
    from tracker.topics import read_topics

    directory = load_directory(PEOPLE)
    resolver = resolver_for(directory)
    topics = [t.spec for t in read_topics(ROOT / "seeds" / "topics.yaml")]
    key = yaml.safe_load((UNSEEN / "unseen.yaml").read_text(encoding="utf-8"))
    out = []
    for article in key["articles"]:
        text = (UNSEEN / article["file"]).read_text(encoding="utf-8")
        ex = extract(text, _meta(article["meta"]), directory, topics, resolver=resolver)
        out.append((article, text, ex))
    return out


def _span(text: str, quote: str) -> tuple[int, int] | None:
    """Where the key's quote stands in the text, white space of any kind between its words."""
    m = re.search(r"[\s\u00a0]+".join(re.escape(w) for w in quote.split()), text)
    return m.span() if m else None


def _same(p, g: dict, text: str) -> bool:
    """The same person, topic, stance and date, from the same words of the text."""
    span = _span(text, g["quote"])
    same_words = (span is not None and p.start < span[1] and span[0] < p.end) or quotes_overlap(p.quote, g["quote"])
    return (
        _name(p.person_name) == _name(g["person"])
        and p.topic == g["topic"]
        and p.stance == g["stance"]
        and p.date == (str(g["date"]) if g.get("date") is not None else None)
        and same_words
    )


def score(runs) -> tuple[dict, list[str]]:
    """Precision and recall of named MPs' stances, tallies right, and what went wrong."""
    notes: list[str] = []
    produced = correct = 0
    stances: dict[tuple, bool] = {}
    tallies = tallies_right = 0
    for article, text, ex in runs:
        mps = _mp_names(article)
        golds = article.get("positions", [])
        for g in golds:
            if g.get("required", True) and _name(g["person"]) in mps:
                unit = (article["file"], _name(g["person"]), g["topic"], g["stance"])
                stances[unit] = stances.get(unit, False) or any(_same(p, g, text) for p in ex.positions)
        for p in ex.positions:
            if p.person_key is None or not (p.is_mp or _name(p.person_name) in mps):
                continue
            produced += 1
            if any(_same(p, g, text) for g in golds):
                correct += 1
            else:
                notes.append(
                    f"{article['file']}: false positive {p.person_name} {p.topic} {p.stance} {p.date} "
                    f"{_fold(p.quote)!r}"
                )
        for d in article.get("divisions", []):
            tallies += 1
            if any(
                (t.ayes, t.noes, t.result, t.chamber) == (d["ayes"], d["noes"], d["result"], d["chamber"])
                for t in ex.tallies
            ):
                tallies_right += 1
            else:
                got = [(t.ayes, t.noes, t.result, t.chamber) for t in ex.tallies]
                notes.append(f"{article['file']}: tally {d['quote']!r} not right; got {got}")
    notes += [f"{f}: missed {who} {topic} {stance}" for (f, who, topic, stance), ok in stances.items() if not ok]
    figures = {
        "precision": correct / produced if produced else 1.0,
        "recall": sum(stances.values()) / len(stances) if stances else 1.0,
        "tallies": tallies_right / tallies if tallies else 1.0,
        "counts": f"{correct}/{produced} correct, {sum(stances.values())}/{len(stances)} stances found, "
        f"{tallies_right}/{tallies} tallies",
    }
    return figures, notes


def test_named_mps_stances_and_tallies(runs):
    figures, notes = score(runs)
    report = (
        f"unseen: precision {figures['precision']:.2f}, recall {figures['recall']:.2f}, "
        f"tallies {figures['tallies']:.2f} ({figures['counts']})\n" + "".join(f"  {n}\n" for n in notes)
    )
    print(report)
    assert figures["precision"] >= 0.85 and figures["recall"] >= 0.7 and figures["tallies"] >= 0.75, report


def test_no_one_who_is_not_an_mp_is_marked_as_one(runs):
    broken = []
    for article, _text, ex in runs:
        not_mps = {_name(p["name"]) for p in article.get("people", []) if p.get("mp") is False}
        broken += [
            f"{article['file']}: {r.person_name} marked as an MP"
            for r in [*ex.mentions, *ex.positions]
            if _name(r.person_name) in not_mps and r.is_mp
        ]
    assert not broken, "\n".join(broken)


def test_never(runs):
    broken = [line for article, _text, ex in runs for line in forbidden_positions(article, ex)]
    assert not broken, "\n".join(broken)


def test_inferred_authors(runs):
    for article, _text, ex in runs:
        if "author" in article:
            assert _name(ex.author_name) == _name(article["author"]["name"]), article["file"]


def test_spans_are_slices(runs):
    for _article, text, ex in runs:
        for r in [*ex.positions, *ex.vote_claims, *ex.tallies]:
            assert text[r.start : r.end] == r.quote
        for m in ex.mentions:
            assert text[m.start : m.end] == m.text
