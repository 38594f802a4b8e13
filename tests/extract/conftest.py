"""A small hand-made directory and topics for the extraction tests."""

from __future__ import annotations

import pytest

from tracker.extract import extract
from tracker.extract.records import ArticleMeta, Directory, DirectoryPerson, Extraction, Seat, TopicSpec

PARLIAMENT = ("2019-12-13", "2024-05-30")


def mp(key, name, party, seat, given=None, family=None, aliases=(), start=PARLIAMENT[0], end=PARLIAMENT[1]):
    g, f = (given, family) if given else (name.split()[0], name.split()[-1])
    return DirectoryPerson(
        key, name, g, f, None, aliases, (Seat("commons", party, seat, start, end, "Member of Parliament"),)
    )


DIRECTORY = Directory(
    [
        mp("p1", "Kate Hollern", "Labour", "Blackburn"),
        mp("p2", "Keir Starmer", "Labour", "Holborn and St Pancras"),
        mp("p3", "Richard Burgon", "Labour", "Leeds East"),
        mp("p4", "Lisa Nandy", "Labour", "Wigan"),
        mp("p5", "Caroline Lucas", "Green", "Brighton, Pavilion"),
        mp("p6", "Priti Patel", "Conservative", "Witham"),
        mp("p7", "Daisy Cooper", "Liberal Democrat", "St Albans"),
        mp("p8", "Layla Moran", "Liberal Democrat", "Oxford West and Abingdon"),
        mp("p9", "Anneliese Dodds", "Labour", "Oxford East"),
        mp("p10", "Jeremy Corbyn", "Labour", "Islington North"),
        mp("p11", "Thangam Debbonaire (Baroness)", "Labour", "Bristol West", "Thangam", "Debbonaire"),
        mp("p12", "Elizabeth Truss", "Conservative", "South West Norfolk"),
        mp("p13", "Tom Old", "Labour", "Barrow and Furness", end="2019-11-06", start="2017-06-09"),
        mp("p14", "Anna New", "Labour", "Barrow and Furness"),
        mp("p15", "Stephen Kinnock", "Labour", "Aberavon"),
        mp("p16", "Alistair Carmichael", "Liberal Democrat", "Orkney & Shetland"),
        DirectoryPerson(
            "s1",
            "Anas Sarwar",
            "Anas",
            "Sarwar",
            None,
            (),
            (Seat("scotland", "Labour", "Glasgow", "2021-05-08", None, "MSP"),),
        ),
        DirectoryPerson(
            "s2",
            "Humza Yousaf",
            "Humza",
            "Yousaf",
            None,
            (),
            (Seat("scotland", "Scottish National Party", "Glasgow Pollok", "2021-05-08", None, "MSP"),),
        ),
    ]
)

TOPICS = [
    TopicSpec(
        "gaza-ceasefire",
        "Ceasefire in Gaza",
        ("ceasefire", "cease-fire", "cessation of hostilities"),
        ("resisted pressure", "helped defeat", "voted against", "refused to back"),
    ),
    TopicSpec(
        "humanitarian-pauses",
        "Humanitarian pauses",
        ("humanitarian pause", "humanitarian pauses"),
        excludes=("gaza-ceasefire",),
    ),
]


def run(text: str, published: str | None = "2023-11-16", kind: str = "news", **meta) -> Extraction:
    return extract(text, ArticleMeta(published=published, kind=kind, **meta), DIRECTORY, TOPICS)


def positions(ex: Extraction) -> list[tuple]:
    return [(p.person_name, p.topic, p.stance) for p in ex.positions]


@pytest.fixture
def directory() -> Directory:
    return DIRECTORY
