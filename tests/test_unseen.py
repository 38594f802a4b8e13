"""The extractor measured on the evaluation set, texts it was not built from (tests/fixtures/unseen/).

The unit is a named MP's stance in one text: person, topic and stance. What unseen text requires
of extraction, whatever it does today:

- recall at least 0.80: required stances of MPs found / required stances of MPs;
- precision at least 0.90: stances right / stances given to people the key names or to anyone
  extraction calls an MP (right: the key has that person, topic and stance, required or not;
  a stance given to someone the key lists under `nostance`, or on a topic under `never`, is wrong);
- no one the key marks as not an MP is called one;
- the day of a stance right for at least 0.8 of the stances whose day the text fixes;
- the tallies the text states found (ayes and noes; the result and the chamber where extraction
  gives them) at least three times in four.

Only topics defined in seeds/topics.yaml are scored: a text's stances on a topic not defined yet
are left out until it is.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest
import yaml

from tests.test_gold import _fold, _name
from tracker.extract import extract, resolver_for
from tracker.extract.records import ArticleMeta, Extraction

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
PEOPLE = ROOT / "seeds" / "people.jsonl"
TOPICS = ROOT / "seeds" / "topics.yaml"

MIN_RECALL = 0.80
MIN_PRECISION = 0.90
MIN_DATES = 0.80
MIN_TALLIES = 0.75

KEY = yaml.safe_load((UNSEEN / "unseen.yaml").read_text(encoding="utf-8"))


def _meta(raw: dict) -> ArticleMeta:
    return ArticleMeta(
        published=str(raw["published"]) if raw.get("published") else None,
        kind=raw.get("kind", "news"),
        outlet=raw.get("outlet"),
        url=raw.get("url"),
        author=raw.get("author"),
    )


@cache
def _registry() -> dict[str, list[dict]]:
    """The registry's people by lower-cased name, read straight from the seed."""
    people: dict[str, list[dict]] = {}
    for line in PEOPLE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            person = json.loads(line)
            people.setdefault(person["name"].lower(), []).append(person)
    return people


def _registry_id(name: str) -> str | None:
    hits = _registry().get(name.lower(), [])
    return hits[0]["id"] if len(hits) == 1 else None


def _in_commons(person: dict, day: str) -> bool:
    return any(
        m.get("chamber") == "commons" and (m.get("start") or "0000") <= day <= (m.get("end") or "9999")
        for m in person["memberships"]
    )


def _key_names(article: dict) -> set[str]:
    """Every person the key names for one text."""
    names = {p["name"] for p in article.get("people", [])}
    names |= {p["person"] for p in article.get("positions", [])}
    names |= {n["person"] for n in article.get("never", [])}
    names |= set(article.get("nostance", []))
    if "author" in article:
        names.add(article["author"]["name"])
    return names


def _not_mps(article: dict) -> set[str]:
    return {p["name"] for p in article.get("people", []) if p.get("mp") is False}


def _mps(article: dict) -> set[str]:
    return _key_names(article) - _not_mps(article)


def _is(p, name: str) -> bool:
    """The produced record is about the key's person: the same registry id, else the same name."""
    pid = _registry_id(name) if PEOPLE.exists() else None
    if pid is not None and p.person_key is not None:
        return p.person_key == pid
    return _name(p.person_name) == _name(name)


# -- the key itself: names, dates and quotes a reader can check


def test_key_names_resolve_in_the_registry():
    if not PEOPLE.exists():
        pytest.skip("seeds/people.jsonl is not there")
    broken = []
    for article in KEY["articles"]:
        day = str(article["meta"]["published"])
        for name in sorted(_key_names(article)):
            hits = _registry().get(name.lower(), [])
            if len(hits) != 1:
                broken.append(f"{article['file']}: {name} is {len(hits)} people in the registry")
                continue
            sitting = _in_commons(hits[0], day)
            if name in _not_mps(article) and sitting:
                broken.append(f"{article['file']}: {name} is marked not an MP but sat on {day}")
            if name not in _not_mps(article) and not sitting:
                broken.append(f"{article['file']}: {name} did not sit in the Commons on {day}")
    assert not broken, "\n".join(broken)


def test_key_quotes_and_spellings_are_in_the_texts():
    broken = []
    for article in KEY["articles"]:
        text = _fold((UNSEEN / article["file"]).read_text(encoding="utf-8"))
        quotes = [g["quote"] for g in article.get("positions", [])] + [d["quote"] for d in article.get("divisions", [])]
        quotes += [p["written_as"] for p in article.get("people", []) if "written_as" in p]
        broken += [f"{article['file']}: {q!r} is not in the text" for q in quotes if _fold(q) not in text]
    assert not broken, "\n".join(broken)


# -- extraction measured against the key


@pytest.fixture(scope="module")
def runs() -> list[tuple[dict, str, Extraction]]:
    if not PEOPLE.exists():
        pytest.skip("seeds/people.jsonl is not there")
    from tracker.formats.registry import load_directory
    from tracker.formats.topics_yaml import read_topics, with_division_days

    directory = load_directory(PEOPLE)
    resolver = resolver_for(directory)
    topics = with_division_days([t.spec for t in read_topics(TOPICS)], TOPICS.parent / "divisions")
    out = []
    for article in KEY["articles"]:
        text = (UNSEEN / article["file"]).read_text(encoding="utf-8")
        ex = extract(text, _meta(article["meta"]), directory, topics, resolver=resolver)
        out.append((article, text, ex))
    return out


def _known_topics() -> set[str]:
    return {t["slug"] for t in yaml.safe_load(TOPICS.read_text(encoding="utf-8"))["topics"]}


def _same(p, g: dict) -> bool:
    return _is(p, g["person"]) and p.topic == g["topic"] and p.stance == g["stance"]


def score(runs) -> tuple[dict, list[str]]:
    """Recall, precision, stated dates and tallies over the set, and what went wrong."""
    topics = _known_topics()
    notes: list[str] = []
    required: dict[tuple, bool] = {}
    dated: dict[tuple, bool] = {}
    right = wrong = 0
    tallies = tallies_right = 0
    for article, _text, ex in runs:
        f = article["file"]
        golds = [g for g in article.get("positions", []) if g["topic"] in topics]
        mps, named = _mps(article), _key_names(article)
        for g in golds:
            if g.get("required", True) and g["person"] in mps:
                unit = (f, g["person"], g["topic"], g["stance"])
                required[unit] = required.get(unit, False) or any(_same(p, g) for p in ex.positions)
                if g.get("date") is not None:
                    day = (*unit, str(g["date"]))
                    dated[day] = dated.get(day, False) or any(
                        _same(p, g) and p.date == str(g["date"]) for p in ex.positions
                    )
        for p in ex.positions:
            if p.person_name is None or p.topic not in topics:
                continue
            if not (p.is_mp or any(_is(p, n) for n in named)):
                continue
            if any(_same(p, g) for g in golds):
                right += 1
            else:
                wrong += 1
                notes.append(f"{f}: wrong {p.person_name} {p.topic} {p.stance} {p.date} {_fold(p.quote)!r}")
        for d in article.get("divisions", []):
            tallies += 1
            if any(
                (t.ayes, t.noes) == (d["ayes"], d["noes"])
                and (t.result is None or "result" not in d or t.result == d["result"])
                and (t.chamber is None or t.chamber == d["chamber"])
                for t in ex.tallies
            ):
                tallies_right += 1
            else:
                got = [(t.ayes, t.noes, t.result, t.chamber) for t in ex.tallies]
                notes.append(f"{f}: tally {d['quote']!r} not found; got {got}")
    notes += [f"{f}: missed {who} {topic} {stance}" for (f, who, topic, stance), ok in required.items() if not ok]
    notes += [f"{f}: {who} {topic} {stance} not dated {day}" for (f, who, topic, stance, day), ok in dated.items()
              if not ok and required[(f, who, topic, stance)]]
    found = sum(required.values())
    figures = {
        "recall": found / len(required) if required else 1.0,
        "precision": right / (right + wrong) if right + wrong else 1.0,
        "dates": sum(dated.values()) / len(dated) if dated else 1.0,
        "tallies": tallies_right / tallies if tallies else 1.0,
        "counts": f"{found}/{len(required)} required stances found, {right}/{right + wrong} stances right, "
        f"{sum(dated.values())}/{len(dated)} stated dates, {tallies_right}/{tallies} tallies",
    }
    return figures, notes


def _report(figures: dict, notes: list[str]) -> str:
    return (
        f"unseen: recall {figures['recall']:.2f}, precision {figures['precision']:.2f}, "
        f"dates {figures['dates']:.2f}, tallies {figures['tallies']:.2f} ({figures['counts']})\n"
        + "".join(f"  {n}\n" for n in notes)
    )




def test_recall_and_precision(runs):
    figures, notes = score(runs)
    report = _report(figures, notes)
    print(report)
    assert figures["recall"] >= MIN_RECALL and figures["precision"] >= MIN_PRECISION, report


def test_stated_dates(runs):
    figures, notes = score(runs)
    assert figures["dates"] >= MIN_DATES, _report(figures, [n for n in notes if "not dated" in n])


def test_tallies(runs):
    figures, notes = score(runs)
    assert figures["tallies"] >= MIN_TALLIES, _report(figures, [n for n in notes if "tally" in n])


def test_no_one_who_is_not_an_mp_is_called_one(runs):
    broken = []
    for article, _text, ex in runs:
        for name in _not_mps(article):
            broken += [
                f"{article['file']}: {r.person_name} ({_fold(getattr(r, 'quote', None) or r.text)!r}) called an MP"
                for r in [*ex.mentions, *ex.positions]
                if r.is_mp and _is(r, name)
            ]
    assert not broken, "\n".join(broken)


def test_inferred_authors(runs):
    broken = [
        f"{article['file']}: author {ex.author_name!r}, not {article['author']['name']!r}"
        for article, _text, ex in runs
        if "author" in article and _name(ex.author_name) != _name(article["author"]["name"])
    ]
    assert not broken, "\n".join(broken)


def test_spans_are_slices(runs):
    for _article, text, ex in runs:
        for r in [*ex.positions, *ex.vote_claims, *ex.tallies]:
            assert text[r.start : r.end] == r.quote
        for m in ex.mentions:
            assert text[m.start : m.end] == m.text


def test_the_set_is_written_in_the_shapes_real_texts_take():
    """Enough texts, of every kind, short as excerpts are."""
    kinds = {a["meta"]["kind"] for a in KEY["articles"]}
    assert {"news", "blog", "statement", "letter", "hansard"} <= kinds
    assert len(KEY["articles"]) >= 20
    for article in KEY["articles"]:
        size = len((UNSEEN / article["file"]).read_text(encoding="utf-8"))
        assert 300 <= size <= 2000, (article["file"], size)
