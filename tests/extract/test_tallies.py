"""Division results as texts report them."""

from __future__ import annotations

import pytest
from conftest import run


@pytest.mark.parametrize(
    "sentence, ayes, noes, result",
    [
        ("The motion was defeated by 312 votes to 198 in the Commons.", 198, 312, "failed"),
        ("The amendment failed by 293 to 125 votes after MPs debated it.", 125, 293, "failed"),
        ("MPs voted 150 in favour and 280 against.", 150, 280, "failed"),
        ("MPs voted 301 to 217 against the bill.", 217, 301, "failed"),
        ("The bill passed by 320 votes to 200.", 320, 200, "passed"),
    ],
)
def test_tally_forms(sentence, ayes, noes, result):
    t = run(sentence).tallies[0]
    assert (t.ayes, t.noes, t.result) == (ayes, noes, result)
    assert sentence[t.start : t.end] == t.quote


def test_party_counts_and_commons():
    t = run("Overall, 56 Labour MPs backed the amendment, which failed by 293 to 125 votes.").tallies[0]
    assert t.chamber == "commons" and t.party_counts[0].party == "Labour" and t.party_counts[0].aye == 56
    assert t.date == "2023-11-15"


@pytest.mark.parametrize(
    "sentence, chamber",
    [
        ("MSPs backed the motion, which passed by 70 votes to 50.", "scotland"),
        ("The Senedd motion passed by 30 votes to 20.", "wales"),
        ("The council motion was defeated by 30 votes to 20.", "council"),
        ("The motion passed by 30 votes to 20.", None),
    ],
)
def test_chamber(sentence, chamber):
    assert run(sentence).tallies[0].chamber == chamber


def test_chamber_named_between_verb_and_figures():
    t = run("A Plaid motion was defeated in the Senedd by 28 votes to 24.").tallies[0]
    assert (t.ayes, t.noes, t.result, t.chamber) == (24, 28, "failed", "wales")
