"""Properties that hold for any text: no crash, spans are slices, the same input gives the same output."""

from __future__ import annotations

from conftest import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = st.sampled_from(
    [
        "Kate Hollern",
        "Ms Hollern",
        "said:",
        "\u201c",
        "\u201d",
        '"',
        "called for",
        "a ceasefire",
        "humanitarian pause",
        "did not back",
        "the MP for Wigan",
        "Cllr",
        "Salma Patel",
        "on Tuesday",
        "yesterday (October 25)",
        "\n\n",
        ".",
        ",",
        "she",
        "I",
        "failed by 293 to 125 votes",
        "56 Labour MPs backed",
        "(Leeds East)",
        "hon.\nMember for",
        "\u00a0",
        "One of those was",
        "Richard Burgon",
        "We Liberal Democrats",
        "in St Albans",
    ]
)
TEXTS = st.one_of(st.text(max_size=300), st.lists(PIECES, max_size=40).map(" ".join))


def _spans_ok(text, ex):
    for m in ex.mentions:
        assert text[m.start : m.end] == m.text
    for r in [*ex.positions, *ex.vote_claims, *ex.tallies]:
        assert 0 <= r.start <= r.end <= len(text) and text[r.start : r.end] == r.quote
        assert 0.0 <= r.confidence <= 1.0


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    TEXTS, st.sampled_from(["news", "hansard", "column"]), st.sampled_from(["2023-11-16", "2023-11", None])
)
def test_any_text(text, kind, published):
    ex = run(text, published=published, kind=kind)
    _spans_ok(text, ex)
    assert run(text, published=published, kind=kind) == ex
    starts = [p.start for p in ex.positions]
    assert starts == sorted(starts)


def test_deterministic_on_a_real_shape():
    text = (
        "Labour MP Kate Hollern said: \u201cI reaffirmed my support for an immediate ceasefire.\u201d\n\n"
        "Keir Starmer has resisted pressure to call for a ceasefire, instead urging a humanitarian pause."
    )
    first = run(text)
    assert first == run(text)
    assert [(p.person_name, p.topic, p.stance) for p in first.positions] == [
        ("Kate Hollern", "gaza-ceasefire", "support"),
        ("Keir Starmer", "gaza-ceasefire", "oppose"),
        ("Keir Starmer", "humanitarian-pauses", "support"),
    ]
