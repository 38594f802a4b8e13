"""The yardsticks for the division import: the same rows, loaded with nothing but ``sqlite3`` or sqlite-utils.

    .venv/bin/python bench/reference_sqlite.py DB VOTEMATRIX [--sqlite-utils]

``DB`` is a database with the tracker's schema and a members registry loaded
(``tracker import members``). The file is parsed with the ``csv`` module; each
division becomes a motion, a division and its votes, each vote with the
voter's party on the day, as the tracker stores them, with the connection
settings the tracker uses. No checks, no counts, no second-run comparison: a
floor to measure the tracker's loader against.
"""

from __future__ import annotations

import argparse
import csv
import sqlite3
import sys
from collections import defaultdict

CACHE_KIB = 65_536  # as tracker.db.CACHE_KIB
CODES = {"1": "teller_aye", "2": "aye", "4": "no", "5": "teller_no"}


def rows_of(con: sqlite3.Connection, path: str):
    """(motions, divisions, votes) as tuples, ready for ``executemany``."""
    person = dict(con.execute("select identifier, person_id from person_identifier where scheme = 'datadotparl_id'"))
    spans = defaultdict(list)
    for pid, start, end, party in con.execute(
            "select m.person_id, m.start_date, m.end_date, m.on_behalf_of_id from membership m "
            "join organization o on o.id = m.organization_id where o.key = 'house-of-commons' "
            "order by m.start_date desc"):
        spans[pid].append((start or "0000", end or "9999", party))
    motions, divisions, votes = [], [], []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        members = [person[c[4:]] for c in next(reader)[4:]]
        for n, row in enumerate(reader, 1):
            if len(row) == len(members) + 5:  # a stray tab in a title
                row = [*row[:3], " ".join(row[3:5]), *row[5:]]
            division_id, day, number, title = int(row[0]), row[1][:10], int(row[2]), " ".join(row[3].split())
            cast = [(pid, CODES[code]) for pid, code in zip(members, row[4:], strict=True) if code in CODES]
            ayes = sum(o == "aye" for _, o in cast)
            noes = sum(o == "no" for _, o in cast)
            motions.append((n, f"division/{division_id}", title,
                            "amendment" if "amendment" in title.lower() else "motion", "commons", day,
                            "passed" if ayes > noes else "failed"))
            divisions.append((division_id, n, "commons", day, number, title, ayes, noes))
            for pid, option in cast:
                party = next((p for s, e, p in spans[pid] if s <= day <= e), None)
                votes.append((division_id, pid, option, party))
    return motions, divisions, votes


def load_sqlite3(con: sqlite3.Connection, motions, divisions, votes) -> None:
    with con:
        con.executemany("insert into motion (id, key, title, classification, chamber, date, result) "
                        "values (?, ?, ?, ?, ?, ?, ?)", motions)
        con.executemany("insert into division (id, motion_id, chamber, date, number, title, aye_count, no_count) "
                        "values (?, ?, ?, ?, ?, ?, ?, ?)", divisions)
        con.executemany("insert into vote (division_id, person_id, option, party_id) values (?, ?, ?, ?)", votes)


def load_sqlite_utils(con: sqlite3.Connection, motions, divisions, votes) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(con)
    names = {"motion": ("id", "key", "title", "classification", "chamber", "date", "result"),
             "division": ("id", "motion_id", "chamber", "date", "number", "title", "aye_count", "no_count"),
             "vote": ("division_id", "person_id", "option", "party_id")}
    with con:
        for table, rows in (("motion", motions), ("division", divisions), ("vote", votes)):
            db[table].insert_all((dict(zip(names[table], r, strict=True)) for r in rows), batch_size=5_000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db")
    parser.add_argument("votematrix")
    parser.add_argument("--sqlite-utils", action="store_true", help="insert with sqlite-utils' insert_all")
    args = parser.parse_args()
    con = sqlite3.connect(args.db)
    # the settings the tracker's own connections use, so only the loaders differ
    con.executescript(f"PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -{CACHE_KIB};")
    rows = rows_of(con, args.votematrix)
    (load_sqlite_utils if args.sqlite_utils else load_sqlite3)(con, *rows)
    con.close()
    print(f"{len(rows[2])} votes", file=sys.stderr)


if __name__ == "__main__":
    main()
