"""Lists and groups: who a text puts in a list, under which words, and which way that points.

The topics here exist only as data (cue phrases and linked divisions, as a user writes them in
``topics.yaml``): nothing in the code knows them. The texts are written for these tests.
"""

from __future__ import annotations

from conftest import DIRECTORY, TOPICS

from tracker.extract import extract
from tracker.extract.records import ArticleMeta, TopicSpec, TopicVote

BILL = TopicSpec(
    "coastal-bill", "Coastal Defence Bill", ("Coastal Defence Bill", "sea wall bill"),
    votes=(TopicVote(9001, "support", "2023-11-14", "Coastal Defence Bill: Second Reading"),),
)
BILL_AMENDMENTS = TopicSpec(
    "coastal-amendments", "Tougher Coastal Defence Bill", ("Lucas amendment",),
    votes=(TopicVote(9002, "support", "2023-11-15", "Coastal Defence Bill: Amendment 4"),),
)
# a topic whose own division is on the motion that would undo it: an aye there is against it
RIVER_DUTY = TopicSpec(
    "river-duty", "A duty to cut river pollution", ("river pollution", "Lords amendment 7"),
    votes=(TopicVote(9003, "oppose", "2023-11-15", "Rivers Bill: Amendment (a) to Lords Amendment 7"),),
)
ALL = [*TOPICS, BILL, BILL_AMENDMENTS, RIVER_DUTY]


def run(text: str, published: str = "2023-11-16", kind: str = "news", topics=ALL):
    return extract(text, ArticleMeta(published=published, kind=kind), DIRECTORY, topics)


def stances(ex) -> set[tuple]:
    return {(p.person_name, p.topic, p.stance) for p in ex.positions}


def claims(ex) -> set[tuple]:
    return {(v.person_name, v.topic, v.option, v.division_id, v.date) for v in ex.vote_claims}


def test_yes_and_no_headings_point_the_way_the_topic_s_division_points():
    ex = run(
        "Here is how the county's MPs voted on the Lucas amendment:\n\n"
        "Yes\n\nKate Hollern (Lab, Blackburn)\n\nCaroline Lucas (Green, Brighton Pavilion)\n\n"
        "No\n\nPriti Patel (Con, Witham)\n"
    )
    assert stances(ex) == {
        ("Kate Hollern", "coastal-amendments", "support"),
        ("Caroline Lucas", "coastal-amendments", "support"),
        ("Priti Patel", "coastal-amendments", "oppose"),
    }
    assert ("Priti Patel", "coastal-amendments", "no", 9002, "2023-11-15") in claims(ex)
    for p in ex.positions:
        assert p.evidence == "vote-claim" and p.date == "2023-11-15"


def test_an_aye_on_a_motion_that_undoes_the_topic_is_against_it():
    ex = run(
        "MPs voted last night on the government's changes to Lords amendment 7 on river pollution.\n\n"
        "How they voted:\n\nAye\nPriti Patel\nElizabeth Truss\n\nNo\nLisa Nandy\n"
    )
    assert stances(ex) == {
        ("Priti Patel", "river-duty", "oppose"),
        ("Elizabeth Truss", "river-duty", "oppose"),
        ("Lisa Nandy", "river-duty", "support"),
    }
    assert ("Priti Patel", "river-duty", "aye", 9003, "2023-11-15") in claims(ex)


def test_the_text_s_own_legend_says_what_yes_means():
    ex = run(
        "The vote on river pollution: a \"Yes\" below means the MP voted for the legal duty; \"No\" means "
        "they voted to remove it.\n\n- Lisa Nandy (Wigan) - Yes.\n- Priti Patel (Witham) - No.\n"
    )
    assert stances(ex) == {("Lisa Nandy", "river-duty", "support"), ("Priti Patel", "river-duty", "oppose")}


def test_names_under_party_headings_take_the_way_of_the_words_above():
    ex = run(
        "The MPs calling for a ceasefire\n\nThese are the MPs who have backed a ceasefire so far.\n\n"
        "Labour\nKate Hollern\nRichard Burgon (added 2/11)\n\nLiberal Democrats\nLayla Moran\nDaisy Cooper\n"
    )
    assert stances(ex) == {(n, "gaza-ceasefire", "support")
                           for n in ("Kate Hollern", "Richard Burgon", "Layla Moran", "Daisy Cooper")}
    assert {p.evidence for p in ex.positions} == {"implied"}  # backing, not a vote
    assert ex.vote_claims == []


def test_names_after_a_colon_and_sections_of_a_list():
    ex = run(
        "MPs rejected the Lucas amendment by 300 votes to 40. The MPs who voted against it were:\n"
        "Two Labour MPs: Lisa Nandy (Wigan), Stephen Kinnock (Aberavon).\n"
        "One Conservative MP: Priti Patel (Witham).\n"
    )
    assert stances(ex) == {(n, "coastal-amendments", "oppose")
                           for n in ("Lisa Nandy", "Stephen Kinnock", "Priti Patel")}


def test_a_count_and_a_colon_in_one_sentence():
    ex = run("On the Labour benches three MPs rebelled and voted against the Coastal Defence Bill, they were: "
             "Lisa Nandy, Kate Hollern and Stephen Kinnock.")
    assert stances(ex) == {(n, "coastal-bill", "oppose") for n in ("Lisa Nandy", "Kate Hollern", "Stephen Kinnock")}


def test_including_and_among():
    ex = run(
        "Ten Labour MPs, including Kate Hollern and Richard Burgon, voted for the ceasefire amendment.\n\n"
        "Amongst the majority voting for the rejection of the amendment were Wigan MP Lisa Nandy and "
        "Witham MP Priti Patel."
    )
    assert stances(ex) == {
        ("Kate Hollern", "gaza-ceasefire", "support"), ("Richard Burgon", "gaza-ceasefire", "support"),
        ("Lisa Nandy", "gaza-ceasefire", "oppose"), ("Priti Patel", "gaza-ceasefire", "oppose"),
    }


def test_supported_by_a_list_of_parties_and_names():
    ex = run("The ceasefire amendment was supported by 39 SNP MPs, 15 Liberal Democrats and independent MPs "
             "Jeremy Corbyn and Caroline Lucas.")
    assert stances(ex) == {("Jeremy Corbyn", "gaza-ceasefire", "support"),
                           ("Caroline Lucas", "gaza-ceasefire", "support")}


def test_the_one_a_rebellion_defies_holds_nothing():
    ex = run("Kate Hollern and Richard Burgon defy Keir Starmer to back ceasefire motion")
    assert stances(ex) == {("Kate Hollern", "gaza-ceasefire", "support"),
                           ("Richard Burgon", "gaza-ceasefire", "support")}


def test_an_abstention_is_a_claim_and_no_stance():
    ex = run("Lisa Nandy abstained on the Coastal Defence Bill on Tuesday.")
    assert ex.positions == []
    assert claims(ex) == {("Lisa Nandy", "coastal-bill", "abstain", 9001, "2023-11-14")}


def test_the_mover_of_an_amendment_backs_it():
    ex = run("Later MPs will vote on an amendment tabled by former minister Caroline Lucas, which the "
             "government opposes. Caroline Lucas's amendment would strengthen the Coastal Defence Bill.")
    assert ("Caroline Lucas", "coastal-amendments", "support") in stances(ex)
    assert not [v for v in ex.vote_claims if v.person_name == "Caroline Lucas"]  # tabling is not voting


def test_the_amendment_is_what_the_words_before_described():
    ex = run("The Lords had passed an amendment that would have required water firms to cut river pollution. "
             "Lisa Nandy was among the Labour MPs who voted for the amendment.")
    # the record's division is the motion against it, but this vote was for the duty itself
    assert stances(ex) == {("Lisa Nandy", "river-duty", "support")}


def test_amendments_to_a_bill_are_the_amendments_topic():
    ex = run("Priti Patel and Elizabeth Truss voted on Tuesday night for amendments designed to toughen the "
             "Coastal Defence Bill, then backed the bill itself.")
    assert ("Priti Patel", "coastal-amendments", "support") in stances(ex)


def test_a_speech_holds_its_speaker_s_words():
    ex = run(
        "Kate Hollern (Blackburn) (Lab)\n"
        "This Bill does nothing for towns like mine. I will vote against the Coastal Defence Bill tonight.\n\n"
        "Priti Patel (Witham) (Con)\n"
        "I beg to move, That the Coastal Defence Bill be now read a Second time.\n",
        kind="hansard", published="2023-11-14",
    )
    assert stances(ex) == {("Kate Hollern", "coastal-bill", "oppose"), ("Priti Patel", "coastal-bill", "support")}


def test_members_named_after_their_group_hold_its_way_as_implied():
    ex = run("Eight shadow ministers resigned after voting for the ceasefire motion. Two others, Lisa Nandy "
             "and Stephen Kinnock, left their posts as aides.")
    assert stances(ex) == {("Lisa Nandy", "gaza-ceasefire", "support"),
                           ("Stephen Kinnock", "gaza-ceasefire", "support")}
    assert {p.evidence for p in ex.positions} == {"implied"}


def test_a_caption_is_no_list():
    ex = run("Kate Hollern has called for a ceasefire in Gaza.\n\nPriti Patel\n\nThe minister was not available.")
    assert stances(ex) == {("Kate Hollern", "gaza-ceasefire", "support")}


def test_a_list_cut_off_at_the_end_is_read_to_where_it_stops():
    ex = run("The MPs who voted for the Coastal Defence Bill:\n\nLisa Nandy\nKate Hollern\nStephen Kinn")
    assert {("Lisa Nandy", "coastal-bill", "support"), ("Kate Hollern", "coastal-bill", "support")} <= stances(ex)


def test_a_vote_last_night_is_dated_the_day_before_publication():
    topics = [*TOPICS, TopicSpec("coastal-bill", "Coastal Defence Bill", ("Coastal Defence Bill",))]
    ex = run("Lisa Nandy voted against the Coastal Defence Bill last night.", topics=topics)
    assert [(p.person_name, p.stance, p.date) for p in ex.positions] == [("Lisa Nandy", "oppose", "2023-11-15")]


def test_every_quote_is_the_slice_at_its_offsets():
    text = ("Here is how MPs voted on the Lucas amendment:\n\nYes\nKate Hollern\nNo\nPriti Patel\n\n"
            "Ten Labour MPs, including Lisa Nandy, voted for the ceasefire amendment.")
    ex = run(text)
    assert ex.positions and ex.vote_claims
    for r in [*ex.positions, *ex.vote_claims]:
        assert text[r.start:r.end] == r.quote


def test_a_member_s_own_statement_speaks_for_them_by_first_name_and_with_those_like_them():
    ex = extract(
        "Why I voted as I did\n\nThis week Lisa voted against the Coastal Defence Bill. I have worked with my "
        "colleague Stephen Kinnock on this, and I hope this makes clear why, like Mr Kinnock, I voted for the "
        "Lucas amendment on Wednesday.",
        ArticleMeta(published="2023-11-17", kind="statement", outlet="Lisa Nandy MP (website)"),
        DIRECTORY, ALL,
    )
    assert ex.author_name == "Lisa Nandy"
    assert {("Lisa Nandy", "coastal-bill", "oppose"), ("Lisa Nandy", "coastal-amendments", "support"),
            ("Stephen Kinnock", "coastal-amendments", "support")} <= stances(ex)


def test_a_vote_for_the_lords_amendment_is_against_the_division_that_amends_it():
    lords = TopicSpec("river-duty", "A duty to cut river pollution", ("river pollution",),
                      votes=(TopicVote(9003, "oppose", "2023-11-15",
                                       "Rivers Bill: Amendment (a) to Lords Amendment 7"),))
    ex = run("On river pollution, Lisa Nandy voted for the Lords' amendment.", topics=[*TOPICS, lords])
    assert stances(ex) == {("Lisa Nandy", "river-duty", "support")}


def test_resigning_over_a_refusal_to_back_something_is_for_it():
    ex = run("Former shadow minister Lisa Nandy, who resigned from the front bench in November over the party's "
             "refusal to back a ceasefire, spoke at the rally. Keir Starmer has refused to back a ceasefire.")
    assert stances(ex) == {("Lisa Nandy", "gaza-ceasefire", "support"), ("Keir Starmer", "gaza-ceasefire", "oppose")}


def test_he_is_the_subject_not_the_one_whose_team_he_left():
    ex = run("Labour MP, Richard Burgon, has quit Sir Keir Starmer's team so he can advocate for a ceasefire.")
    assert stances(ex) == {("Richard Burgon", "gaza-ceasefire", "support")}
