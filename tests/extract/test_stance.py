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
    """Backing one thing rather than another is a stance on both: for the pauses, against the ceasefire."""
    ex = run("Keir Starmer backed humanitarian pauses rather than a ceasefire.")
    assert sorted(positions(ex)) == [("Keir Starmer", "gaza-ceasefire", "oppose"),
                                     ("Keir Starmer", "humanitarian-pauses", "support")]


def test_pauses_alone_say_nothing_of_a_ceasefire():
    ex = run("Keir Starmer backed humanitarian pauses to let aid into Gaza.")
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


def test_each_name_of_a_list_holds_the_position():
    ex = run("Richard Burgon and Lisa Nandy backed a permanent ceasefire at a rally.")
    assert positions(ex) == [
        ("Richard Burgon", "gaza-ceasefire", "support"),
        ("Lisa Nandy", "gaza-ceasefire", "support"),
    ]


def test_signing_a_letter_that_calls_for_is_support():
    ex = run("Kate Hollern, Lisa Nandy and Richard Burgon signed a letter calling for a ceasefire.")
    assert [p[0] for p in positions(ex)] == ["Kate Hollern", "Lisa Nandy", "Richard Burgon"]


def test_names_listed_among_a_group_inherit_its_stance():
    text = (
        "Ten Labour MPs defied the whip to back an SNP amendment calling for a ceasefire.\n\n"
        "Richard Burgon, Lisa Nandy and Kate Hollern were among those who rebelled."
    )
    ex = run(text)
    assert [(p.person_name, p.evidence, p.date) for p in ex.positions] == [
        ("Richard Burgon", "implied", "2023-11-15"),
        ("Lisa Nandy", "implied", "2023-11-15"),
        ("Kate Hollern", "implied", "2023-11-15"),
    ]


def test_names_after_among_them():
    text = "Sixty MPs have signed a motion calling for a ceasefire. It was signed by many, among them Lisa Nandy."
    assert positions(run(text)) == [("Lisa Nandy", "gaza-ceasefire", "support")]


def test_do_so_takes_the_stance_just_stated():
    text = "Richard Burgon (Leeds East) (Lab)\nThe SNP has called for a ceasefire for weeks, and I do so again today.\n"
    assert positions(run(text, kind="hansard")) == [("Richard Burgon", "gaza-ceasefire", "support")]


def test_a_motion_named_once_with_its_topic_carries_it_later():
    text = (
        "MPs never voted on an SNP motion calling for an immediate ceasefire.\n\n"
        "Lisa Nandy said she would have voted for the SNP motion had it been put to a vote."
    )
    p = run(text).positions[0]
    assert (p.person_name, p.topic, p.stance, p.evidence) == ("Lisa Nandy", "gaza-ceasefire", "support", "statement")


def test_backing_an_amendment_is_a_vote():
    ex = run("Lisa Nandy backed the Labour amendment calling for humanitarian pauses.")
    assert [(p.topic, p.evidence, p.date) for p in ex.positions] == [
        ("humanitarian-pauses", "vote-claim", "2023-11-15")
    ]


def test_rejecting_and_denying_are_oppose():
    assert positions(run("Priti Patel said: \u201cI reject calls for a ceasefire.\u201d"))[0][2] == "oppose"
    text = "Priti Patel (Witham) (Con)\nWe do not believe that a ceasefire is the right course at this time.\n"
    assert positions(run(text, kind="hansard")) == [("Priti Patel", "gaza-ceasefire", "oppose")]


def test_a_person_outside_the_registry_keeps_a_position_as_a_non_mp():
    p = run("Council leader Cllr Susan Hinchcliffe has called for a ceasefire.").positions[0]
    assert (p.person_key, p.person_name, p.is_mp, p.stance) == (None, "Susan Hinchcliffe", False, "support")
    assert p.needs_review == (p.confidence < 0.6)


def test_words_said_in_a_report_of_a_vote_are_dated_at_the_vote():
    text = (
        "The amendment was defeated by 294 votes to 125.\n\n"
        "Outside, Nadia Hussain, a student, said a ceasefire was needed."
    )
    assert run(text).positions[0].date == "2023-11-15"


def test_passive_agent_after_by_holds_the_stance():
    ex = run("A ceasefire was opposed by Keir Starmer.")
    assert positions(ex) == [("Keir Starmer", "gaza-ceasefire", "oppose")]
    assert ex.positions[0].quote == "A ceasefire was opposed by Keir Starmer"
    assert positions(run("The call for a ceasefire was rejected by Priti Patel.")) == [
        ("Priti Patel", "gaza-ceasefire", "oppose")]
    assert positions(run("A ceasefire motion put forward by Jeremy Corbyn was defeated.")) == [
        ("Jeremy Corbyn", "gaza-ceasefire", "support")]


def test_passive_agents_in_a_list_and_beside_an_active_subject():
    ex = run("Kate Hollern called for a ceasefire, which was rejected by Priti Patel and Elizabeth Truss.")
    assert positions(ex) == [("Kate Hollern", "gaza-ceasefire", "support"),
                             ("Priti Patel", "gaza-ceasefire", "oppose"),
                             ("Elizabeth Truss", "gaza-ceasefire", "oppose")]
    text = "Kate Hollern called for a ceasefire, which was rejected by Priti Patel and Elizabeth Truss."
    for p in ex.positions[1:]:
        assert p.quote == text[p.start:p.end] and p.quote.endswith("rejected by Priti Patel and Elizabeth Truss")


def test_passive_negated_or_with_no_person_after_by_gives_nothing():
    assert run("A ceasefire was not backed by Keir Starmer.").positions == []
    assert run("A ceasefire was backed by Labour MPs.").positions == []
    assert run("An immediate ceasefire was backed by the UN.").positions == []


def test_a_named_owner_of_the_motion_holds_what_it_calls_for():
    assert positions(run("Richard Burgon's amendment calling for a ceasefire was defeated.")) == [
        ("Richard Burgon", "gaza-ceasefire", "support")]
    assert positions(run("Priti Patel's letter urged a ceasefire.")) == [("Priti Patel", "gaza-ceasefire", "support")]
    assert run("The government's plan calls for a ceasefire.").positions == []
