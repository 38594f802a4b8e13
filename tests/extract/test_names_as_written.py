"""Names as published texts write them: short forms, misspellings, cut-off names, titles and
letters after names, web layouts of Hansard, namesakes told apart by the date, lists with seats."""

from __future__ import annotations

from tracker.extract import extract
from tracker.extract.records import ArticleMeta, Directory, DirectoryPerson, Seat

PARLIAMENT = ("2019-12-13", "2024-05-30")


def person(key, given, family, seat, party="Labour", aliases=(), name=None, start=PARLIAMENT[0],
           end=PARLIAMENT[1], chamber="commons"):
    return DirectoryPerson(key, name or f"{given} {family}", given, family, None, aliases,
                           (Seat(chamber, party, seat, start, end, "Member of Parliament"),))


PEOPLE = Directory([
    person("n1", "Naseem", "Shah", "Bradford West", aliases=("Naz Shah",)),
    person("n2", "Andrew", "Slaughter", "Hammersmith"),
    person("n3", "Tanmanjeet Singh", "Dhesi", "Slough", name="Tan Dhesi"),
    person("n4", "Keir", "Starmer", "Holborn and St Pancras"),
    person("n5", "Imran", "Hussain", "Bradford East"),
    person("n6", "William", "Wragg", "Hazel Grove", party="Conservative"),
    person("n7", "Alan", "Whitehead", "Southampton, Test"),
    person("n8", "William", "Cash", "Stone", party="Conservative", name="Bill Cash"),
    person("n9", "Jeffrey", "Donaldson", "Lagan Valley", party="DUP"),
    person("n10", "Ian", "Paisley", "North Antrim", party="DUP", name="Ian Paisley", start="1970-06-18",
           end="2010-04-12"),
    person("n11", "Ian", "Paisley", "North Antrim", party="DUP", name="Ian Paisley Jnr", start="2010-05-06"),
    person("n12", "Wendy", "Chamberlain", "North East Fife", party="Liberal Democrat"),
    person("n13", "Theresa", "May", "Maidenhead", party="Conservative"),
    person("n14", "Angela", "Rayner", "Ashton-under-Lyne"),
    person("n15", "Mary", "Foy", "City of Durham"),
    person("n16", "Catherine", "West", "Hornsey and Wood Green"),
    person("n17", "Jon", "Smith", "Somewhere North"),
    person("n18", "Jon", "Smith", "Elsewhere East", party="Conservative"),
    person("n19", "John", "Fuller", None, party="Conservative", name="Lord Fuller", start="2024-03-08", end=None,
           chamber="lords"),
    person("n20", "Robert", "Lane", "Elsewhere West", party="Conservative"),
])


def mentions(text, published="2023-11-16", kind="news"):
    return extract(text, ArticleMeta(published=published, kind=kind), PEOPLE, []).mentions


def keys(text, **kw):
    return [m.person_key for m in mentions(text, **kw)]


def test_known_as_name_from_the_registry():
    (m,) = mentions("Shadow Minister for Crime Reduction Naz Shah.")
    assert (m.person_key, m.resolved_by) == ("n1", "alias")


def test_short_forms_of_given_names():
    assert keys("Andy Slaughter spoke, and Bob Lane agreed.") == ["n2", "n20"]
    (m,) = mentions("Tanmanjeet Singh Dhesi asked a question.")
    assert m.person_key == "n3"


def test_misspellings_are_fuzzy_and_marked_so():
    for text, key in [("Kier Starmer has faced backlash.", "n4"), ("Imran Hussein resigned.", "n5"),
                      ("William Wrag wrote to him.", "n6")]:
        (m,) = mentions(text)
        assert (m.person_key, m.resolved_by) == (key, "fuzzy")
        assert m.confidence < 0.9


def test_misspelling_of_someone_not_sitting_then_is_no_one():
    assert "n4" not in keys("Kier Starmer has faced backlash.", published="2012-05-01")


def test_ordinary_phrases_stay_phrases():
    found = mentions("The Grand Hotel hosted the Royal Society and Green Park.")
    assert all(m.person_key is None for m in found)


def test_a_name_cut_off_where_the_text_ends():
    (m,) = mentions("Among those who voted was Alan Whit")
    assert (m.person_key, m.resolved_by) == ("n7", "fuzzy")
    assert all(m.person_key is None for m in mentions("Alan Whit said so at length."))


def test_honorifics_and_letters_after_names():
    assert keys("The Rt Hon Sir Bill Cash MP tabled it.") == ["n8"]
    assert keys("Jeffrey M. Donaldson met the Prime Minister.") == ["n9"]


def test_junior_and_the_date_decide_between_namesakes():
    assert keys("Ian Paisley Jnr spoke.") == ["n11"]
    assert keys("Ian Paisley spoke.") == ["n11"]
    assert keys("Ian Paisley spoke.", published="2005-01-10") == ["n10"]


def test_parallel_parliament_speech_header():
    text = "Wendy Chamberlain Portrait Wendy Chamberlain (North East Fife) (LD)\nI rise to speak."
    found = mentions(text, kind="hansard")
    assert [m.person_key for m in found] == ["n12", "n12"]
    glued = mentions("Full Debate: Read Full DebateWendy Chamberlain\n", kind="hansard")
    assert [m.person_key for m in glued] == ["n12"]


def test_seat_after_the_name_decides_between_two_of_one_name():
    assert keys("Jon Smith (Con, Elsewhere East) voted for it.") == ["n18"]
    assert keys("Jon Smith (Somewhere North) voted for it.") == ["n17"]
    assert keys("Jon Smith voted for it.") == [None]


def test_seat_confirms_a_misspelt_name_in_a_list():
    (m,) = mentions("Wiliam Wragg (Hazel Grove) voted for it.")
    assert m.person_key == "n6" and m.confidence >= 0.85


def test_names_that_start_or_end_with_ordinary_words():
    assert keys("Former prime minister Theresa May spoke.") == ["n13"]
    assert keys("Catherine West and Bill Cash agreed.") == ["n16", "n8"]


def test_two_names_in_one_run_of_capitals():
    assert keys("PPS to Angela Rayner Mary Foy.") == ["n14", "n15"]


def test_short_forms_only_find_people_sitting_then():
    (m,) = mentions("Jon Fuller, group co-ordinator at a local charity, said so.", published="2021-10-20")
    assert m.person_key is None and m.is_mp is False


def test_titled_people_outside_the_registry_are_not_mps():
    (m,) = mentions("The amendment tabled by the Duke of Wellington was rejected.")
    assert m.person_key is None and m.person_name == "Duke of Wellington" and m.is_mp is False


def test_known_as_names_of_the_seed_registry():
    from pathlib import Path

    from tracker.formats.registry import load_directory

    seeds = load_directory(Path(__file__).resolve().parents[2] / "seeds" / "people.jsonl")
    found = extract("Naz Shah and Andy Slaughter backed it.", ArticleMeta(published="2023-11-16"), seeds, [])
    assert [m.person_name for m in found.mentions] == ["Naseem Shah", "Andrew Slaughter"]


def test_a_role_before_two_joined_names_is_both_people_s():
    found = mentions("Cllrs Jane Roe and Ann Doe signed the letter.")
    assert [(m.person_name, m.role, m.is_mp) for m in found] == [
        ("Jane Roe", "councillor", False), ("Ann Doe", "councillor", False)]
