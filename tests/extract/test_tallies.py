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


@pytest.mark.parametrize(
    "sentence, ayes, noes, result",
    [
        # the verb says which side won; the figures may come in either order
        ("The amendment was rejected by 190 votes to 310.", 190, 310, "failed"),
        ("The amendment was defeated by 310 to 190 votes.", 190, 310, "failed"),
        ("Councillors backed the plan for new bus lanes at a packed meeting by 30 votes to 25.", 30, 25, "passed"),
        ("The regulations were backed by 401 to 112.", 401, 112, "passed"),
        ("The motion passed by 1,250 votes to 980.", 1250, 980, "passed"),
        # a bare "voted X to Y": the words after it say which way the larger side went
        ("MPs voted 310 to 190, a majority of 120, to reject the amendment.", 190, 310, "failed"),
        ("MPs voted 310 to 190, majority 120, in favour of the regulations.", 310, 190, "passed"),
        ("MPs voted 305 – 280 in favour of the change.", 305, 280, "passed"),
        ("With MPs voting 401-112 in favour, the order was made.", 401, 112, "passed"),
        ("MPs voted 240 to 199 after a long debate.", 240, 199, None),
        # MPs turn down a Lords amendment by voting aye to disagree with it
        ("MPs voted 280 to 200 to reject the Lords amendment on river pollution.", 280, 200, None),
        ("MPs voted 280 to 200 to disagree with changes proposed by a crossbench peer.", 280, 200, None),
        # counts that name their side
        ("A total of 300 MPs voted against the motion, while 140 voted for it.", 140, 300, "failed"),
        ("The bill did not pass, with 280 votes against it – but 150 MPs supported it.", 150, 280, "failed"),
        ("The motion was met with 15 “ayes” and 240 “noes.”", 15, 240, "failed"),
        ("The amendment fell at 220 ayes to 300 noes.", 220, 300, "failed"),
        ("The order passed with 400 MPs voting ‘Aye’ and 50 MPs voting ‘No’.", 400, 50, "passed"),
        ("The result was 410 members voting in favour of the order – and just 30 voting against.", 410, 30, "passed"),
    ],
)
def test_tally_wordings(sentence, ayes, noes, result):
    tallies = run(sentence).tallies
    assert [(t.ayes, t.noes, t.result) for t in tallies] == [(ayes, noes, result)]
    assert sentence[tallies[0].start : tallies[0].end] == tallies[0].quote


def test_division_lists_pair_each_ayes_with_its_noes():
    text = (
        "The House divided.\nDivision No. 12\n"
        "Ayes: 210 (Tellers: Ann Roe, Ben Doe)\nNoes: 330 (Tellers: Cat Poe, Dan Loe)\n"
        "Question accordingly negatived.\nThe House divided.\nDivision No. 13\n"
        "Ayes: 331 (Tellers: Cat Poe, Dan Loe)\nNoes: 209 (Tellers: Ann Roe, Ben Doe)\n"
        "Question accordingly agreed to.\n"
    )
    assert [(t.ayes, t.noes, t.result) for t in run(text).tallies] == [(210, 330, "failed"), (331, 209, "passed")]


def test_one_record_where_each_tally_is_stated():
    text = "The bill passed by 312 votes to 250. It passed its second reading with 312 ayes to 250 noes."
    assert [(t.ayes, t.noes) for t in run(text).tallies] == [(312, 250), (312, 250)]


@pytest.mark.parametrize(
    "sentence",
    [
        "The bill passed with a majority of 168.",
        "The government had a 486-vote majority on the deal.",
        "It passed by 18 votes after 13 Tory MPs opposed it and 38 abstained.",
        "Labour has 198 MPs, but only 183 MPs in total backed the party’s amendment.",
        "56 Labour MPs voted for the motion, and 10 frontbenchers resigned.",
        "Just 11 Tory MPs voted against, and 20 abstained.",
        "The committee reported in Session 2022-23 (HC 199) on breaches between 2016 and 2020.",
        "Division No. 190 was held at 7.15pm; Standing Order No. 62 applied.",
        "Support for the bill fell by 5 to 10 per cent, and turnout by 3 to 4 points.",
        "The Commons voted at 7-8pm on the amendment.",
        "Over 11,000 people have been killed, one in every 200 people, one child every 12 minutes.",
    ],
)
def test_no_tally_where_none_is_stated(sentence):
    assert run(sentence).tallies == []


@pytest.mark.parametrize(
    "sentence, chamber",
    [
        ("MPs voted 515 to 29, majority 486, in favour of regulations to implement the Stormont brake.", "commons"),
        ("MPs voted 268 to 202 on Lords amendment 45 to the Environment Bill.", "commons"),
        ("Peers voted 200 to 150 to reject the bill.", "lords"),
        ("The Welsh Parliament backed a motion calling for more buses by 30 votes to 25.", "wales"),
        ("Holyrood backed the motion by 70 votes to 50, though MPs at Westminster had rejected it.", "scotland"),
    ],
)
def test_chamber_nearest_the_tally(sentence, chamber):
    assert run(sentence).tallies[0].chamber == chamber


def test_peers_rejecting_a_bill_is_not_a_lords_amendment():
    t = run("Peers voted 200 to 150 to reject the bill.").tallies[0]
    assert (t.ayes, t.noes, t.result) == (150, 200, "failed")
