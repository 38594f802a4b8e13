"""Dates resolved against the day of publication, kept to their precision."""

from __future__ import annotations

import pytest

from tracker.extract.dates import find_dates


@pytest.mark.parametrize(
    "words, published, iso",
    [
        ("yesterday (October 25)", "2023-10-26", "2023-10-25"),
        ("on Tuesday night (7 November)", "2023-11-09", "2023-11-07"),
        ("last Thursday", "2023-11-16", "2023-11-09"),
        ("on Monday", "2023-11-16", "2023-11-13"),
        ("on Thursday", "2023-11-16", "2023-11-16"),
        ("tonight", "2023-11-16", "2023-11-16"),
        ("last night (Wednesday)", "2024-02-22", "2024-02-21"),
        ("Monday 11th December 2023", "2024-01-05", "2023-12-11"),
        ("on Monday", "2023-11", "2023-11"),
        ("on 7 November", "2023-11", "2023-11-07"),
        ("on December 30", "2024-01-02", "2023-12-30"),
        ("in November", "2024-02-22", "2023-11"),
        ("in May 2021", "2024-02-22", "2021-05"),
    ],
)
def test_date_forms(words, published, iso):
    text = f"She spoke {words} about it."
    assert find_dates(text, 0, len(text), published)[0].iso == iso


def test_no_date_without_publication():
    assert find_dates("She spoke on Monday.", 0, 20, None) == []
