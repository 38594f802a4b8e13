"""Who speaks: quotations over several paragraphs, trailing attributions, Hansard, first-person authors."""

from __future__ import annotations

from conftest import positions, run


def test_quotation_over_paragraphs_belongs_to_its_speaker():
    text = (
        "Labour MP Lisa Nandy said: \u201cThe week was hard.\n\n"
        "\u201cI reaffirmed my support for an immediate ceasefire with them.\u201d\n\n"
        "Priti Patel disagreed."
    )
    ex = run(text)
    assert positions(ex) == [("Lisa Nandy", "gaza-ceasefire", "support")]
    assert ex.positions[0].quote == "I reaffirmed my support for an immediate ceasefire"


def test_attribution_after_the_quotation():
    text = "Humza Yousaf spoke out.\n\n\u201cThis was a plea for a ceasefire,\u201d he wrote on Tuesday."
    p = run(text).positions[0]
    assert (p.person_name, p.date, p.is_mp) == ("Humza Yousaf", "2023-11-14", False)


def test_hansard_labels_name_the_speaker():
    text = (
        "Richard Burgon (Leeds East) (Lab)\n"
        "I have long called for a ceasefire, and I thank the hon. Member for Wigan (Lisa Nandy) "
        "for her work.\n"
    )
    assert positions(run(text, kind="hansard")) == [("Richard Burgon", "gaza-ceasefire", "support")]


def test_unnamed_hansard_speaker_is_kept_unpinned():
    text = (
        "I thank the hon.\nMember for Wigan (Lisa Nandy) for organising the event.\n"
        "I have called for an immediate ceasefire.\n"
    )
    ex = run(text, kind="hansard")
    assert [(p.person_key, p.person_name, p.stance) for p in ex.positions] == [(None, None, "support")]
    assert ex.mentions[0].person_key == "p4"


def test_author_from_byline():
    ex = run(
        "I have called for a ceasefire for weeks, and I will keep doing so. My view is clear.",
        kind="column",
        author="Daisy Cooper",
    )
    assert ex.author_key == "p7" and positions(ex) == [("Daisy Cooper", "gaza-ceasefire", "support")]


def test_author_from_address():
    ex = run(
        "I have called for a ceasefire. My constituents agree. I will not stop.",
        kind="statement",
        url="https://example.org/news/richard-burgon-on-gaza",
    )
    assert ex.author_key == "p3"


def test_author_from_self_description():
    text = (
        "We Liberal Democrats tabled an amendment. Our amendment called for an immediate ceasefire.\n\n"
        "I know that many people in St Albans are grieving."
    )
    ex = run(text, published="2023-11", kind="column")
    assert ex.author_name == "Daisy Cooper"
    p = ex.positions[0]
    assert (p.person_name, p.date, p.date_precision) == ("Daisy Cooper", "2023-11", "month")
