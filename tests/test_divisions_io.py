"""Reading division records: both layouts, real-data quirks and bad input."""

from __future__ import annotations

import json

import pytest

from tracker.errors import InputError
from tracker.formats.division_files import detect, read_divisions

HEADER = "rowid\tdate\tvoteno\tBill\tmpid10\tmpid20\tmpid30\n"


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_votematrix_codes_counts_and_stray_tab(tmp_path):
    path = _write(tmp_path, "vm.dat", HEADER
                  + "7\t2023-11-15\t7\tA motion\t2\t4\t-9\n"
                  + "8\t2023-11-16\t8\t\tTitle after a stray tab\t1\t2\t5\n")
    first, second = read_divisions(path)
    assert (first.id, first.date, first.title, first.aye_count, first.no_count) == (7, "2023-11-15", "A motion", 1, 1)
    assert first.votes == [("10", "aye"), ("20", "no")]
    assert second.title == "Title after a stray tab"
    assert second.votes == [("10", "teller_aye"), ("20", "aye"), ("30", "teller_no")]
    assert (second.aye_count, second.no_count) == (1, 0)


@pytest.mark.parametrize("row, message", [
    ("7\t2023-11-15\t7\tA motion\t2\t4\n", "line 2: expected 7 tab-separated fields, found 6"),
    ("7\t2023-11-15\t7\tA motion\t2\t3\t4\n", "line 2, column mpid20: unknown vote code '3'"),
    ("7\t2023-13-45\t7\tA motion\t2\t4\t4\n", "line 2, field 'date': bad date '2023-13-45'"),
])
def test_votematrix_bad_rows_name_the_line(tmp_path, row, message):
    path = _write(tmp_path, "vm.dat", HEADER + row)
    with pytest.raises(InputError) as err:
        list(read_divisions(path))
    assert message in str(err.value)
    assert str(path) in str(err.value)


def test_commons_json(tmp_path):
    data = {"DivisionId": 1666, "Date": "2023-11-15T19:41:00", "Number": 370, "Title": "Amendment (h)",
            "AyeCount": 1, "NoCount": 1, "Ayes": [{"MemberId": 10, "Name": "A", "Party": "SNP"}],
            "Noes": [{"MemberId": 20, "Name": "B", "Party": "Con"}],
            "AyeTellers": [{"MemberId": 30, "Name": "C", "Party": "SNP"}], "NoTellers": None}
    path = _write(tmp_path, "d.json", json.dumps(data))
    assert detect(path) == "commons-json"
    (rec,) = read_divisions(path)
    assert (rec.id, rec.date, rec.number, rec.aye_count, rec.no_count) == (1666, "2023-11-15", 370, 1, 1)
    assert sorted(rec.votes) == [("10", "aye"), ("20", "no"), ("30", "teller_aye")]


def test_commons_json_missing_field(tmp_path):
    path = _write(tmp_path, "d.json", json.dumps({"DivisionId": 1, "Date": "2023-11-15", "Ayes": [], "Noes": []}))
    with pytest.raises(InputError, match="field 'Title' is missing"):
        list(read_divisions(path))


@pytest.mark.parametrize("content, message", [
    ("", "the file is empty"),
    ("hello\tworld\n", "not a votematrix TSV"),
])
def test_detect_refuses_other_files(tmp_path, content, message):
    with pytest.raises(InputError, match=message):
        detect(_write(tmp_path, "x.txt", content))
