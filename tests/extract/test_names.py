"""Names to registry people: titles, nicknames, misspellings, surnames, seats."""

from __future__ import annotations

from conftest import run


def names(text: str, **kw) -> list[tuple[str, str | None, str]]:
    return [(m.text, m.person_key, m.resolved_by) for m in run(text, **kw).mentions]


def test_full_name_and_honorific():
    assert names("Sir Keir Starmer spoke.")[0][1:] == ("p2", "exact")


def test_registry_name_with_later_title():
    assert names("Thangam Debbonaire spoke.")[0][1] == "p11"


def test_nickname():
    assert names("Liz Truss spoke and Jez Corbyn listened.")[0][1:] == ("p12", "nickname")
    assert [k for _, k, _ in names("Liz Truss spoke and Jez Corbyn listened.")] == ["p12", "p10"]


def test_misspelling_one_letter_off():
    assert names("Kate Holern wrote to him.")[0][1:] == ("p1", "fuzzy")


def test_surname_only_after_introduction():
    found = names("Kate Hollern spoke. Later Ms Hollern wrote again.")
    assert found[1][1:] == ("p1", "surname")
    assert all(k is None for _, k, _ in names("Ms Hollern wrote again."))


def test_sir_and_given_name():
    assert names("Keir Starmer spoke. Sir Keir then left.")[1][1] == "p2"


def test_constituency_before_name_and_the_mp_for():
    found = names("Leeds East MP Richard Burgon spoke, and the MP for Wigan agreed with the Blackburn MP.")
    assert [k for _, k, _ in found] == ["p3", "p4", "p1"]


def test_constituency_spellings():
    assert names("The MP for Brighton Pavilion spoke.")[0][1] == "p5"
    assert names("The MP for Orkney and Shetland spoke.")[0][1] == "p16"


def test_seat_resolved_on_the_date():
    assert names("The MP for Barrow and Furness spoke.", published="2019-01-10")[0][1] == "p13"
    assert names("The MP for Barrow and Furness spoke.", published="2023-01-10")[0][1] == "p14"


def test_hansard_member_reference():
    found = names(
        "I thank the hon.\nMember for Oxford West and Abingdon (Layla Moran) for that.", kind="hansard"
    )
    assert found[0][1:] == ("p8", "hansard")


def test_the_mp_for_a_place_that_starts_two_seats_needs_an_introduction():
    assert names("The MP for Oxford spoke.") == [] or names("The MP for Oxford spoke.")[0][1] is None
    assert names("Layla Moran arrived. The MP for Oxford spoke.")[1][1] == "p8"


def test_seat_and_surname_resolve_a_name_written_otherwise():
    found = names("Wigan MP Li Nandy spoke.")
    assert found[0][1:] == ("p4", "constituency")


def test_seat_named_without_its_town():
    assert names("The Pavilion MP spoke.")[0][1] == "p5"


def test_a_person_introduced_later_wins_the_surname():
    text = "Anna New spoke. Tom Old listened. Later Ms New replied."
    assert names(text, published="2019-01-10")[-1][1] == "p14"
