"""Reading the members registry in both layouts."""

from __future__ import annotations

import pytest

from tracker.errors import InputError
from tracker.formats.registry import read_mysociety, read_seed, sat_between, to_directory, write_seed

MEMBERSHIP_HEADER = ("membership_id,person_id,constituency,start_date,end_date,start_reason,end_reason,party,"
                     "chamber,label,role,first_name,last_name,nice_name\n")


def _registry(tmp_path, memberships: str):
    (tmp_path / "organizations.csv").write_text(
        "classification,id,name\nparty,labour,Labour\nparty,independent,Independent\n", encoding="utf-8")
    (tmp_path / "simple_memberships.csv").write_text(MEMBERSHIP_HEADER + memberships, encoding="utf-8")
    (tmp_path / "person_identifiers.csv").write_text(
        "person_id,identifier,scheme\nuk.org.publicwhip/person/1,4363,datadotparl_id\n", encoding="utf-8")
    (tmp_path / "person_alternative_names.csv").write_text(
        "person_id,family_name,given_name,note,end_date,honorific_prefix,start_date,additional_name,county,"
        "lordname,lordofname,name,lordofname_full,surname,organization_id,honorific_suffix\n"
        "uk.org.publicwhip/person/1,Smith,Jane,Main,,Dame,,,,,,,,,,\n"
        "uk.org.publicwhip/person/2,,Ann,Main,,Baroness,,,,Jones,Town,,,,,\n", encoding="utf-8")
    return tmp_path


ROWS = (
    "m/1,uk.org.publicwhip/person/1,Blackburn,2019-12-13,2023-10-12,general_election,whip_removed,labour,commons,"
    "MP,Member of Parliament,Jane,Smith,Jane Smith\n"
    "m/2,uk.org.publicwhip/person/1,Blackburn,2023-10-12,2024-05-30,whip_removed,dissolution,independent,commons,"
    "MP,Member of Parliament,Jane,Smith,Jane Smith (Baroness)\n"
    "m/3,,,,,,,,,,,,,\n"
    "m/4,uk.org.publicwhip/person/2,,1990,,,,labour,lords,Peer,Peer,,,\n"
    "m/5,uk.org.publicwhip/person/3,Old Seat,1950-01-01,1955-01-01,,,labour,commons,MP,MP,Old,Member,Old Member\n"
)


def test_read_mysociety_people_titles_and_party_changes(tmp_path):
    data = read_mysociety(_registry(tmp_path, ROWS))
    people = {p.key.rsplit("/", 1)[1]: p for p in data.people}
    jane = people["1"]
    assert (jane.name, jane.honorific) == ("Jane Smith", "Baroness")
    assert {a["alias"] for a in jane.aliases} >= {"Dame Jane Smith", "Jane Smith (Baroness)"}
    assert [m.party for m in jane.memberships] == ["labour", "independent"]
    assert jane.identifiers == {"datadotparl_id": "4363", "theyworkforyou": "1"}
    assert people["2"].name == "Baroness Jones of Town"


def test_seed_round_trip_and_cut(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    data = sat_between(read_mysociety(_registry(src, ROWS)), "2019-12-12", "2024-07-04")
    assert sorted(p.key[-1] for p in data.people) == ["1", "2"]
    write_seed(data, tmp_path / "out")
    again = read_seed(tmp_path / "out")
    assert again.people == data.people
    directory = to_directory(again)
    jane = directory.by_key()["uk.org.publicwhip/person/1"]
    assert jane.is_mp_on("2023-11-15") and not jane.is_mp_on("2024-06-15")
    assert [s.party for s in jane.seats_on("2023-11")] == ["Independent"]


def test_bad_date_names_file_line_and_field(tmp_path):
    bad = ROWS.replace("2023-10-12,2024-05-30", "2023-10-12,2024-13-45")
    with pytest.raises(InputError) as err:
        read_mysociety(_registry(tmp_path, bad))
    assert "simple_memberships.csv, line 3, field 'end_date'" in str(err.value)
    assert "2024-13-45" in str(err.value)


def test_alternate_names_become_aliases_but_posts_do_not(tmp_path):
    src = _registry(tmp_path, ROWS)
    alt = src / "person_alternative_names.csv"
    alt.write_text(
        alt.read_text(encoding="utf-8")
        + "uk.org.publicwhip/person/1,,,Alternate,,,,,,,,Janey Smith,,,,\n"
        + "uk.org.publicwhip/person/1,,,Alternate,2020-01-01,,2019-12-13,,,,,The Prime Minister,,,,\n"
        + "uk.org.publicwhip/person/1,,,Alternate,,,,,,,,Smithy,,,,\n"
        + "uk.org.publicwhip/person/1,,,Alternate,,,,,,,,Lord Speaker,,,,\n",
        encoding="utf-8",
    )
    jane = {p.key: p for p in read_mysociety(src).people}["uk.org.publicwhip/person/1"]
    aliases = {a["alias"]: a["kind"] for a in jane.aliases}
    assert aliases["Janey Smith"] == "alternate"
    assert not {"The Prime Minister", "Smithy", "Lord Speaker"} & set(aliases)
