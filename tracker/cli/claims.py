"""``tracker claims``: what texts say people voted, beside what the division record says."""

from __future__ import annotations

from typing import Annotated

import typer

from .output import Format


def register(app: typer.Typer) -> None:
    app.command()(claims)


def _record(r: dict) -> str:
    if r["division_id"] is None:
        return ""
    return f"{r['official'] or '?'} in {r['division_id']}"


# the columns a claim shows in a table or CSV: the claim, the record, the verdict, the words and where from
CLAIM_COLUMNS = [
    ("verdict", lambda r: r["verdict"]), ("person", lambda r: r["person"] or "(unknown)"),
    ("date", lambda r: r["date"]), ("topic", lambda r: r["topic"]), ("claimed", lambda r: r["option"]),
    ("record", _record), ("quote", lambda r: r["quote"]),
    ("source", lambda r: r["source"]["outlet"] or r["source"]["path"]),
]


def claim_line(r: dict) -> str:
    """One line for a claim under another report: what was claimed, what the record says, and the verdict."""
    record = f"record: {r['official'] or 'no vote to compare'}" if r["division_id"] else "no division matched"
    where = r["source"]["outlet"] or r["source"]["path"]
    return f"{r['verdict']}: {r['person'] or '(unknown)'} claimed {r['option']} ({record}) “{r['quote']}” ({where})"


def claims(
    person: Annotated[str | None, typer.Option(help="Only claims about this person (a name or alias).")] = None,
    topic: Annotated[str | None, typer.Option(help="Only claims on this topic (a slug or a word of its name).")]
    = None,
    division: Annotated[int | None, typer.Option(help="Only claims checked against this DivisionId.")] = None,
    verdict: Annotated[str | None, typer.Option(help="Only this verdict: disagrees, agrees or unchecked.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """What texts say people voted, beside the official vote, disagreements first.

    Each claim is matched to the division the text speaks of (the one extraction
    named, else the topic's linked division on that day or in that month) and
    compared with the record: a teller counts with their side, and a claimed
    abstention agrees with "did not vote". A claim no division matches without
    guessing stays unchecked. The record is never changed by a claim.

    Example: `tracker claims --verdict disagrees --format json`
    """
    from ..queries import CLAIM_VERDICTS, vote_claims
    from .common import query_connection
    from .output import emit

    if verdict is not None and verdict not in CLAIM_VERDICTS:
        raise typer.BadParameter(f"must be one of {', '.join(CLAIM_VERDICTS)}", param_hint="--verdict")
    with query_connection() as conn:
        rows = [r.to_dict() for r in vote_claims(conn, person=person, topic=topic, division_id=division,
                                                  verdict=verdict)]
    emit(rows, fmt, CLAIM_COLUMNS, title="Vote claims beside the record")
