"""Which way a statement leans, whose it is, and its qualifiers."""

from __future__ import annotations

from conftest import positions, run


def test_called_for_is_support():
    ex = run("Kate Hollern MP has called for an immediate ceasefire in Gaza.")
    assert positions(ex) == [("Kate Hollern", "gaza-ceasefire", "support")]
    assert ex.positions[0].qualifiers == ("immediate",)
    assert ex.positions[0].quote == "Kate Hollern MP has called for an immediate ceasefire"


def test_resisted_pressure_is_oppose():
    ex = run("Keir Starmer has resisted pressure from his MPs to call for a ceasefire.")
    assert positions(ex) == [("Keir Starmer", "gaza-ceasefire", "oppose")]


def test_helped_defeat_is_oppose():
    assert positions(run("Priti Patel helped defeat the ceasefire motion."))[0][2] == "oppose"


def test_pauses_instead_of_ceasefire():
    ex = run("Keir Starmer backed humanitarian pauses rather than a ceasefire.")
    assert positions(ex) == [("Keir Starmer", "humanitarian-pauses", "support")]


def test_would_have_supported_had_she_been_there():
    ex = run("Lisa Nandy said she would have supported the ceasefire motion had she been in the chamber.")
    assert positions(ex) == [("Lisa Nandy", "gaza-ceasefire", "support")]


def test_abstaining_and_attacking_take_no_stance():
    assert run("Lisa Nandy abstained on the ceasefire vote.").positions == []
    assert run("Richard Burgon attacked the leadership's handling of the ceasefire row.").positions == []


def test_negation_is_oppose():
    assert positions(run("Priti Patel did not back a ceasefire."))[0][2] == "oppose"


def test_conditional_support():
    p = run("Lisa Nandy said she could back a ceasefire if the hostages were freed.").positions[0]
    assert p.stance == "support" and "conditional" in p.qualifiers and p.confidence < 0.7


def test_group_is_not_a_person():
    ex = run("Overall, 56 Labour MPs backed a ceasefire, and Keir Starmer stayed silent.")
    assert ex.positions == []


def test_named_member_of_a_group_inherits_its_vote():
    text = (
        "Ten Labour members defied the whip to vote for the ceasefire amendment.\n\n"
        "One of those who resigned was Richard Burgon, who spoke later."
    )
    p = run(text).positions[0]
    assert (p.person_name, p.stance, p.evidence) == ("Richard Burgon", "support", "implied")
    assert p.quote == "One of those who resigned was Richard Burgon"


def test_addressee_of_a_request_holds_no_position():
    ex = run("Kate Hollern has written to Priti Patel to ask her to support calls for a ceasefire.")
    assert [p[0] for p in positions(ex)] == ["Kate Hollern"]


def test_a_vote_calling_for_is_nobody_s_position():
    assert run("Keir Starmer apologised for the handling of a vote calling for a ceasefire.").positions == []


def test_pronoun_resolves_to_the_latest_subject():
    ex = run("Layla Moran addressed a vigil. Later she voted for an immediate ceasefire.")
    p = ex.positions[0]
    assert (p.person_name, p.evidence, p.date) == ("Layla Moran", "vote-claim", "2023-11-15")
    assert ex.vote_claims[0].option == "aye"


def test_one_position_per_person_topic_and_stance():
    text = "Kate Hollern called for a ceasefire. Kate Hollern again called for a ceasefire."
    assert len(run(text).positions) == 1
