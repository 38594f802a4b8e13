"""``tracker review``: list positions awaiting review, and confirm, reject or correct them.

Each decision goes into the curation file (``seeds/curation.yaml`` by default),
keyed by the position's fingerprint, and into the database at once; ``tracker
build`` applies the whole file again after every load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .output import Format

review_app = typer.Typer(help="Review stated positions: list those awaiting review, confirm, reject or correct.",
                         no_args_is_help=True)

FingerprintArg = Annotated[str, typer.Argument(help="The position's fingerprint, or enough of its first digits.")]
NoteOpt = Annotated[str | None, typer.Option(help="Why: kept beside the decision.")]
CurationOpt = Annotated[Path, typer.Option("--curation", help="The curation file to record the decision in.")]
DEFAULT_CURATION = Path("seeds") / "curation.yaml"


def register(app: typer.Typer) -> None:
    app.add_typer(review_app, name="review")


@review_app.command("list")
def review_list(
    topic: Annotated[str | None, typer.Option(help="A topic slug or a word of its name.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many positions.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.table,
) -> None:
    """Positions awaiting review, lowest confidence first; those extraction was unsure of are flagged.

    Example: `tracker review list --topic ceasefire --limit 20`
    """
    from ..queries import positions
    from .common import open_engine
    from .output import emit

    with open_engine().connect() as conn:
        rows = [r.to_dict() for r in positions(conn, topic=topic) if r.status == "pending"]
    rows.sort(key=lambda r: (r["confidence"], r["source"]["id"], r["start"]))
    emit(rows[:limit], fmt, [
        ("fingerprint", lambda r: r["fingerprint"][:12]), ("confidence", lambda r: r["confidence"]),
        ("flag", lambda r: "unsure" if r["needs_review"] else ""),
        ("person", lambda r: r["person"] or "(unnamed)"), ("topic", lambda r: r["topic"]),
        ("stance", lambda r: r["stance"]), ("date", lambda r: r["date"]), ("quote", lambda r: r["quote"]),
        ("source", lambda r: r["source"]["outlet"] or r["source"]["path"]),
    ], title="Awaiting review")


@review_app.command("confirm")
def confirm(fingerprint: FingerprintArg, note: NoteOpt = None, curation: CurationOpt = DEFAULT_CURATION) -> None:
    """Confirm a position: the extraction got it right.

    Example: `tracker review confirm 3f0c2a91 --note "checked against the video"`
    """
    _decide(fingerprint, "confirm", note, {}, curation)


@review_app.command("reject")
def reject(fingerprint: FingerprintArg, note: NoteOpt = None, curation: CurationOpt = DEFAULT_CURATION) -> None:
    """Reject a position: it stays out of who-backed, said-vs-voted and timelines, through every rebuild.

    Example: `tracker review reject 3f0c2a91 --note "a question, not a call for a ceasefire"`
    """
    _decide(fingerprint, "reject", note, {}, curation)


@review_app.command("correct")
def correct(
    fingerprint: FingerprintArg,
    person: Annotated[str | None, typer.Option(help="Who really said it: a name, alias or registry key.")] = None,
    stance: Annotated[str | None, typer.Option(help="support or oppose.")] = None,
    date: Annotated[str | None, typer.Option(help="When it was said: YYYY-MM-DD or YYYY-MM.")] = None,
    topic: Annotated[str | None, typer.Option(help="The topic it speaks to: a slug or a word of its name.")] = None,
    note: NoteOpt = None,
    curation: CurationOpt = DEFAULT_CURATION,
) -> None:
    """Correct a position's person, stance, date or topic; what extraction found stays in `original`.

    Example: `tracker review correct 3f0c2a91 --stance oppose --note "read the whole paragraph"`
    """
    from ..errors import InputError
    from ..formats.curation_yaml import check_date, check_stance

    changes = {k: v for k, v in {"person": person, "stance": stance, "date": date, "topic": topic}.items()
               if v is not None}
    if not changes:
        raise InputError("review correct", "say what to correct: --person, --stance, --date or --topic")
    if stance is not None:
        check_stance(stance, "--stance")
    if date is not None:
        changes["date"] = check_date(date, "--date")
    _decide(fingerprint, "correct", note, changes, curation)


def _decide(fingerprint: str, kind: str, note: str | None, changes: dict, path: Path) -> None:
    """Apply the decision in one transaction, and write the curation file before it commits."""
    from ..formats.curation_yaml import Curation, Decision, read_curation, write_curation
    from ..load.answers import refresh_answers
    from ..load.curation import apply_decision, find_position
    from .common import open_engine

    curation = read_curation(path) if path.is_file() else Curation()
    with open_engine().begin() as conn:
        row = find_position(conn, fingerprint)
        decision = Decision(row["fingerprint"], kind, note, _canonical(conn, changes), quote=row["quote"])
        apply_decision(conn, decision)
        after = find_position(conn, row["fingerprint"])
        refresh_answers(conn, topics={row["topic_id"], after["topic_id"]}, divisions=())
        curation.record(decision)
        write_curation(path, curation)
    typer.echo(f"{decision.status} {row['fingerprint']}: “{row['quote']}” → {path}")


def _canonical(conn, changes: dict) -> dict:
    """Names and topics as the curation file keeps them: a person's full name (their key if the
    name is shared), a topic's slug."""
    from sqlalchemy import func, select

    from ..models import Person
    from ..queries.common import find_topic
    from ..queries.people import resolve_person

    out = dict(changes)
    if "person" in out:
        ref = resolve_person(conn, out["person"])
        shared = conn.execute(select(func.count()).where(Person.name == ref.name)).scalar()
        out["person"] = ref.name if shared == 1 else ref.key
    if "topic" in out:
        out["topic"] = find_topic(conn, out["topic"]).slug
    return out


@review_app.command("add")
def add(
    person: Annotated[str, typer.Option(help="Who: a name, alias or registry key.")],
    topic: Annotated[str, typer.Option(help="A topic slug or a word of its name.")],
    stance: Annotated[str, typer.Option(help="support or oppose.")],
    source: Annotated[str, typer.Option(help="The stored source: its id, path, URL or SHA-256.")],
    quote: Annotated[str, typer.Option(help="The words, as the source has them.")],
    date: Annotated[str | None, typer.Option(help="When it was said (YYYY-MM-DD or YYYY-MM); default: the "
                                                   "source's date.")] = None,
    note: NoteOpt = None,
    curation: CurationOpt = DEFAULT_CURATION,
) -> None:
    """Add one position by hand, checked like a row of `tracker import positions`.

    The quote is looked for in the source's stored text: found, it cites its
    offsets; not found, the position is kept as "unverified" and the reason is
    printed. It goes into the curation file and into the database at once.

    Example: `tracker review add --person "Kate Hollern" --topic ceasefire --stance support --source 12 --quote ...`
    """
    from sqlalchemy import select

    from ..errors import InputError
    from ..formats.curation_yaml import Curation, read_curation, write_curation
    from ..jobs.hand_positions import plan_one
    from ..load.answers import refresh_answers
    from ..load.curation import apply_curation, stored_versions
    from ..models import Source
    from .common import open_engine

    current = read_curation(curation) if curation.is_file() else Curation()
    with open_engine().begin() as conn:
        found = (conn.execute(select(Source.sha256, Source.url, Source.path, Source.id).where(
            Source.id == int(source))).all() if source.isdigit() else stored_versions(conn, source))
        if not found:
            raise InputError("--source", f"no stored source has the id, path, URL or SHA-256 {source!r}")
        planned = plan_one(conn, {"person": person, "topic": topic, "stance": stance, "date": date or "",
                                  "url": found[0].sha256, "quote": quote, "note": note or ""}, "--quote")
        planned.into(current)
        counts = apply_curation(conn, current)
        refresh_answers(conn, divisions=())  # the new statements enter who backed and said-vs-voted
        write_curation(curation, current)
    if planned.unverified:
        typer.echo(f"tracker: warning: the quote is not in source {found[0].id} "
                   f"({found[0].url or found[0].path}); kept as unverified", err=True)
    typer.echo(f"added to {curation}: {'unverified' if planned.unverified else 'quoted from source'} "
               f"{found[0].id}; positions: {counts}")
