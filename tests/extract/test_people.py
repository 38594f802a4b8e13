"""Who is an MP and who is not: councillors, MSPs, ambassadors, people outside the registry."""

from __future__ import annotations

from conftest import run


def mention(text: str, written: str):
    return next(m for m in run(text).mentions if written in m.text)


def test_councillor_sharing_a_surname_is_not_the_mp():
    m = mention("Cllr Salma Patel resigned from the party.", "Patel")
    assert m.person_key is None and m.person_name == "Salma Patel" and m.is_mp is False
    assert m.role == "councillor"


def test_msp_is_not_an_mp():
    m = mention("Scottish Labour leader Anas Sarwar criticised him.", "Sarwar")
    assert m.person_key == "s1" and m.is_mp is False


def test_first_minister_is_not_an_mp():
    m = mention("Humza Yousaf, Scottish First Minister, spoke out.", "Yousaf")
    assert m.is_mp is False


def test_ambassador_outside_the_registry():
    m = mention("She met the Palestinian Ambassador to the UK, Husam Zomlot.", "Zomlot")
    assert m.person_key is None and m.is_mp is False and "Ambassador" in m.role


def test_sitting_mp_is_an_mp():
    assert mention("Labour MP Kate Hollern spoke.", "Hollern").is_mp is True


def test_place_names_are_not_people():
    assert run("Many people in St Albans are grieving.").mentions == []
