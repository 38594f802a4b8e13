"""The four questions as a user scripting the CLI meets them: each command a whole new process (start-up
included), and the same work warm in one process."""

from __future__ import annotations

import sqlite3
import time

from .measure import TRACKER, run

RUNS = 7
REPEAT = 7


def commands(topic: str, person: str, division: int) -> dict[str, list[str]]:
    return {"who-backed": ["who-backed", topic], "said-vs-voted": ["said-vs-voted", topic],
            "person": ["person", person], "division": ["division", str(division)]}


def whole_process(db: str, cmds: dict[str, list[str]]) -> dict[str, list[float]]:
    """Each command run RUNS times as a new process, output to a pipe (a script reading it)."""
    out = {}
    for label, args in cmds.items():
        run([*TRACKER, "--db", db, *args])  # the file's pages in the OS cache, as for a script in a loop
        out[label] = [run([*TRACKER, "--db", db, *args]).seconds for _ in range(RUNS)]
    return out


def warm(db: str, topic: str, person: str, division: int) -> dict[str, list[float]]:
    """What each command asks the query module, warm, in one process, through plain sqlite3 as the CLI does on a
    SQLite file: who-backed and said-vs-voted read the stored answers; person and division build the full
    reports."""
    from tracker.queries import division as division_report
    from tracker.queries import find_person, person_report
    from tracker.queries.answers import backers, said_voted

    plain = sqlite3.connect(db)
    out = {}
    asks = {
        "who-backed": lambda: backers(plain, topic),
        "said-vs-voted": lambda: said_voted(plain, topic),
        "person": lambda: person_report(plain, find_person(plain, person).person.name),
        "division": lambda: division_report(plain, division),
    }
    for label, ask in asks.items():
        ask()
        times = []
        for _ in range(REPEAT):
            started = time.perf_counter()
            ask()
            times.append(time.perf_counter() - started)
        out[label] = times
    plain.close()
    return out
