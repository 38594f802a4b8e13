"""Synthetic parliaments: a seeds folder of any size, for benchmarks and scale tests.

    .venv/bin/python -m bench.synth OUT [--scale N] [--seed S]

Scale 1 is one five-year parliament shaped like the Commons of 2019-2024:
650 seats, about 1,050 divisions and 510,000 votes, and 1,000 articles
holding about 5,000 stated positions on eight topics. Scale N is N
parliaments one after another, with members who keep their seats, lose them
and change party. The folder has the layout of ``seeds/`` (one votematrix
file per parliament), so ``tracker build --seeds OUT`` loads it. The same
scale and seed always give the same files.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import yaml


def words(text: str) -> list[str]:
    return text.split()


SEATS = 650
DIVISIONS_PER_TERM = 1_050
ARTICLES_PER_TERM = 1_000
STATEMENTS_PER_ARTICLE = 5
LINKED_PER_TOPIC_PER_TERM = 3
TURNOVER = 0.25  # share of seats that change hands at an election
DEFECTIONS = 0.02  # share of members who change party during a parliament
TURNOUT = 0.78  # share of members who vote in a division

PARTIES = [  # key, name, share of seats
    ("labour", "Labour", 0.40), ("conservative", "Conservative", 0.44),
    ("liberal-democrat", "Liberal Democrat", 0.05), ("scottish-national-party", "Scottish National Party", 0.07),
    ("green", "Green", 0.02), ("independent", "Independent", 0.02),
]
TOPICS = [  # slug, name, cue phrases
    ("assisted-dying", "Assisted dying", ["assisted dying", "the right to die"]),
    ("rail-nationalisation", "Rail nationalisation", ["rail nationalisation", "public ownership of the railways"]),
    ("wealth-tax", "Wealth tax", ["a wealth tax", "taxing wealth"]),
    ("votes-at-16", "Votes at 16", ["votes at 16", "lowering the voting age"]),
    ("four-day-week", "Four-day week", ["a four-day week", "a shorter working week"]),
    ("proportional-representation", "Proportional representation",
     ["proportional representation", "electoral reform"]),
    ("drug-decriminalisation", "Drug decriminalisation", ["drug decriminalisation", "decriminalising drugs"]),
    ("universal-basic-income", "Universal basic income", ["a universal basic income", "basic income"]),
]
GIVEN = words("""Aaron Abigail Adam Aisha Alan Alice Amir Amy Andrew Angela Anna Anthony Barbara Ben Beth Bridget Callum
Carol Catherine Chris Claire Colin Daniel David Deborah Dominic Donna Eleanor Elliot Emma Fatima Fiona Frank Gareth
Gemma George Grace Hamish Hannah Harriet Helen Ian Imran Isla Jack James Janet Jasmine Jeremy Joanna Jonathan Julia
Karen Kevin Laura Leon Lucy Mark Martha Matthew Maya Michael Natalie Neil Nina Oliver Olivia Owen Paul Priya Rachel
Rhys Robert Ruth Sam Sarah Simon Sophie Stephen Tariq Teresa Thomas Valerie Wendy William Yasmin Zoe""")
FAMILY = words("""
Abbott Acland Ainsworth Alderton Ashby Bailey Barker Barlow Beckett Bellamy Benton Blackwood Bramley Brennan
Brook Burgess Calder Carver Chandler Chowdhury Clement Colley Conway Crane Dalton Darby Dawes Delaney Dewhurst Draper
Dunmore Easton Ellery Elwood Fairclough Farrant Fenwick Fletcher Forsyth Garside Gilmour Goddard Gorton Greaves
Hadley Halloran Hammond Harlow Hartley Haworth Hendry Hollis Horton Hussain Ingham Irving Jarrett Jennings Kavanagh
Kendrick Kirkland Lambert Langley Latham Lester Lindley Lowther Lyall Madden Malik Marlow Mather Maxwell Merritt Milner
Moffat Morland Naylor Needham Newbold Norris Oakley Ormerod Padgett Parekh Pemberton Pickering Prentice Pryce
Quilliam Radcliffe Rainford Ramsden Rawlings Redfern Rhodes Rowntree Sanderson Saville Selby Shackleton Sinclair
Slater Somerville Stainton Starling Sutcliffe Tait Tennant Thorne Tillotson Townsend Tranter Underwood Varley Wainwright
Walmsley Warburton Whitaker Whitworth Wilde Winslow Woodhouse Yardley Yeardley""")
PLACES = words("""
Ash Beck Bourne Brad Brom Carl Clay Crow Dal Elm Fair Fern Glen Hal Hart Heath Holm Kirk Lang Lin Mar Mill
Nor Oak Pen Red Rose Sand Shaw Stan Sut Thorn Wal Wes Whit Wick Win Wood""")
ENDINGS = words("ford ton ley bury field wick by ham mouth bridge")
SAY = [
    '{name}, the {party} MP for {seat}, called for {cue}.',
    '{name} said: "We need {cue} now."',
    '{name}, the MP for {seat}, said she backed {cue}.',
    '{name} opposed {cue}.',
    '{name} refused to back {cue}.',
]


@dataclass
class Member:
    id: int
    given: str
    family: str
    memberships: list[dict] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"


@dataclass
class Term:
    start: date
    end: date
    seats: dict[str, list[tuple[Member, str, date, date]]]  # seat -> (member, party, from, to)


def terms_for(scale: int) -> list[tuple[date, date]]:
    first = 2024 - 5 * scale
    return [(date(first + 5 * t, 5, 7), date(first + 5 * t + 5, 4, 30)) for t in range(scale)]


class Parliament:
    def __init__(self, scale: int, seed: int = 1):
        self.rng = random.Random(seed)
        self.scale = scale
        self.names = [(g, f) for g in GIVEN for f in FAMILY]
        self.rng.shuffle(self.names)
        self.members: list[Member] = []
        self.seat_names = self._seat_names()
        self.terms = self._elect()

    def _seat_names(self) -> list[str]:
        names = sorted({f"{p}{e}" for p in PLACES for e in ENDINGS})
        self.rng.shuffle(names)
        out = []
        for i in range(SEATS):
            base = names[i % len(names)]
            out.append(base if i < len(names) else f"{base} {['North', 'South', 'East', 'West'][i // len(names) - 1]}")
        return out

    def _new_member(self) -> Member:
        given, family = self.names[len(self.members)]
        member = Member(len(self.members) + 1, given, family)
        self.members.append(member)
        return member

    def _party(self) -> str:
        return self.rng.choices([p[0] for p in PARTIES], weights=[p[2] for p in PARTIES])[0]

    def _elect(self) -> list[Term]:
        terms, holders = [], {}
        for start, end in terms_for(self.scale):
            seats = {}
            for seat in self.seat_names:
                keep = seat in holders and self.rng.random() > TURNOVER
                member, party = holders[seat] if keep else (self._new_member(), self._party())
                spans = [(member, party, start, end)]
                if self.rng.random() < DEFECTIONS:
                    switch = start + timedelta(days=self.rng.randrange(60, (end - start).days - 60))
                    other = self.rng.choice([p[0] for p in PARTIES if p[0] != party])
                    spans = [(member, party, start, switch), (member, other, switch + timedelta(days=1), end)]
                    party = other
                for m, p, a, b in spans:
                    m.memberships.append({"key": f"synth/member/{seat}/{a}", "chamber": "commons",
                                          "party": p, "constituency": seat, "start": a.isoformat(),
                                          "end": b.isoformat(), "start_reason": "general_election",
                                          "end_reason": "general_election", "role": "Member of Parliament"})
                seats[seat] = spans
                holders[seat] = (member, party)
            terms.append(Term(start, end, seats))
        return terms

    def sitting(self, term: Term, day: date) -> list[tuple[Member, str, str]]:
        return [(m, p, seat) for seat, spans in term.seats.items() for m, p, a, b in spans if a <= day <= b]


def write(out: Path, scale: int = 1, seed: int = 1) -> dict[str, int]:
    """Write a synthetic parliament of ``scale`` under ``out``; returns how many of each thing it holds."""
    out = Path(out)
    (out / "divisions").mkdir(parents=True, exist_ok=True)
    (out / "articles").mkdir(exist_ok=True)
    parl = Parliament(scale, seed)
    rng = parl.rng
    _write_registry(out, parl)
    party_name = {k: n for k, n, _ in PARTIES}
    linked: dict[str, list[int]] = {slug: [] for slug, _, _ in TOPICS}
    votes = divisions = 0
    division_id = 0
    for t, term in enumerate(parl.terms):
        members = sorted({m.id: m for spans in term.seats.values() for m, _, _, _ in spans}.values(),
                         key=lambda m: m.id)
        days = (term.end - term.start).days
        rows = []
        for n in range(1, DIVISIONS_PER_TERM + 1):
            division_id += 1
            day = term.start + timedelta(days=int(days * n / (DIVISIONS_PER_TERM + 1)))
            topic = TOPICS[(n // 40) % len(TOPICS)][0] if n % 40 == 0 else None
            if topic and len(linked[topic]) < LINKED_PER_TOPIC_PER_TERM * (t + 1):
                linked[topic].append(division_id)
            whip = {p: rng.choice((2, 4)) for p, _, _ in PARTIES}
            cast = {}
            for m, party, _ in parl.sitting(term, day):
                if rng.random() < TURNOUT:
                    line = whip[party]
                    cast[m.id] = line if rng.random() > 0.05 else 6 - line
            for code, teller in ((2, 1), (4, 5)):
                for mid in [k for k, v in cast.items() if v == code][:2]:
                    cast[mid] = teller
            votes += len(cast)
            title = f"Division {division_id}: {'Bill' if n % 3 else 'Motion'} {n} of the {t + 1}th parliament"
            rows.append([str(division_id), day.isoformat(), str(n), title,
                         *(str(cast.get(m.id, -9)) for m in members)])
        divisions += len(rows)
        with (out / "divisions" / f"votematrix-{t + 1:02d}.dat").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, delimiter="\t", lineterminator="\n")
            writer.writerow(["rowid", "date", "voteno", "Bill", *(f"mpid{90000 + m.id}" for m in members)])
            writer.writerows(rows)
    statements = _write_articles(out, parl, party_name, rng)
    _write_topics(out, linked)
    (out / "motions.yaml").write_text("motions: []\n", encoding="utf-8")
    return {"people": len(parl.members), "divisions": divisions, "votes": votes, "statements": statements}


def _write_registry(out: Path, parl: Parliament) -> None:
    with (out / "organizations.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["key", "classification", "name"])
        writer.writerow(["house-of-commons", "chamber", "House of Commons"])
        for key, name, _ in PARTIES:
            writer.writerow([key, "party", name])
    with (out / "people.jsonl").open("w", encoding="utf-8") as f:
        for m in parl.members:
            f.write(json.dumps({
                "id": f"synth/person/{m.id}", "name": m.name, "given_name": m.given, "family_name": m.family,
                "identifiers": {"datadotparl_id": str(90000 + m.id)}, "aliases": [], "memberships": m.memberships,
            }) + "\n")


def _write_articles(out: Path, parl: Parliament, party_name: dict[str, str], rng: random.Random) -> int:
    catalogue, statements = [], 0
    for t, term in enumerate(parl.terms):
        days = (term.end - term.start).days
        for n in range(ARTICLES_PER_TERM):
            day = term.start + timedelta(days=rng.randrange(days))
            sitting = parl.sitting(term, day)
            slug, name, cues = rng.choice(TOPICS)
            lines = [f"MPs divided over {name.lower()}", ""]
            for m, party, seat in rng.sample(sitting, STATEMENTS_PER_ARTICLE):
                pattern = rng.choice(SAY)
                lines.append(pattern.format(name=m.name, party=party_name[party], seat=seat, cue=rng.choice(cues)))
                lines.append("")
            statements += STATEMENTS_PER_ARTICLE
            path = f"articles/{t + 1:02d}-{n:05d}.txt"
            (out / path).write_text("\n".join(lines), encoding="utf-8")
            catalogue.append({"file": path, "kind": "news", "outlet": "The Synthetic Gazette",
                              "published": day.isoformat(), "title": f"MPs divided over {name.lower()}"})
    (out / "articles.yaml").write_text(yaml.safe_dump(catalogue, sort_keys=False), encoding="utf-8")
    return statements


def _write_topics(out: Path, linked: dict[str, list[int]]) -> None:
    topics = [{"slug": slug, "name": name, "cues": cues, "oppose_cues": ["opposed", "refused to back"],
               "excludes": [], "divisions": [{"division": d, "aye_means": "support"} for d in linked[slug]]}
              for slug, name, cues in TOPICS]
    (out / "topics.yaml").write_text(yaml.safe_dump({"topics": topics}, sort_keys=False), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the seeds layout into")
    parser.add_argument("--scale", type=int, default=1, help="how many parliaments (default 1)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = parser.parse_args()
    counts = write(args.out, args.scale, args.seed)
    print(", ".join(f"{n:,} {what}" for what, n in counts.items()), f"→ {args.out}")


if __name__ == "__main__":
    main()
