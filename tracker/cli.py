"""The ``tracker`` command. Heavy modules are imported inside each command, so ``--help`` starts fast."""

from __future__ import annotations

import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from .output import Format

app = typer.Typer(
    name="tracker",
    help="Who backed what, and when: MPs' stated positions beside their votes in official divisions.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)
import_app = typer.Typer(help="Import official records: the members registry, division records.",
                         no_args_is_help=True)
seeds_app = typer.Typer(help="Refresh the files under seeds/ from the public records they are cut from.",
                        no_args_is_help=True)
export_app = typer.Typer(help="Write what the database holds to files.", no_args_is_help=True)
app.add_typer(import_app, name="import")
app.add_typer(seeds_app, name="seeds")
app.add_typer(export_app, name="export")

_DAY = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _date_option(value: str | None) -> str | None:
    from datetime import date

    if value is None:
        return None
    try:
        if not _DAY.match(value):
            raise ValueError
        date.fromisoformat((value + "-01-01")[:10])  # a month or a year: its first day must exist
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)") from None
    return value


# ---------------------------------------------------------------- shared options

FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
SinceOpt = Annotated[str | None, typer.Option(help="Only evidence on or after this date (YYYY[-MM[-DD]]).",
                                              callback=_date_option)]
UntilOpt = Annotated[str | None, typer.Option(help="Only evidence on or before this date (YYYY[-MM[-DD]]).",
                                              callback=_date_option)]
PartyOpt = Annotated[str | None, typer.Option(help="Only people of this party (name or slug), e.g. Labour.")]
NonMpsOpt = Annotated[bool, typer.Option(help="Also people who never sat in the Commons.")]


class EvidenceKind(str, Enum):  # noqa: UP042 (Typer takes str enums)
    statements = "statements"
    votes = "votes"
    all = "all"


EvidenceOpt = Annotated[EvidenceKind, typer.Option(help="Which evidence counts: statements, votes or all.")]


class State:
    db: str | None = None


state = State()


@app.callback()
def main_options(
    db: Annotated[str | None, typer.Option(
        "--db", envvar="TRACKER_DB",
        help="SQLite file path or SQLAlchemy URL (postgresql+psycopg://user@host/db). Default: data.db.")] = None,
) -> None:
    state.db = db


def _engine(create: bool = False):
    """The engine for ``--db``; unless the command creates the database, a missing SQLite file is refused."""
    from .db import make_engine
    from .errors import InputError

    engine = make_engine(state.db)
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not create and path and path != ":memory:" and not Path(path).is_file():
        raise InputError(path, "no such database file (`tracker build` makes one)")
    return engine


def _print_report(report) -> None:
    for stage, counts in report.items():
        typer.echo(f"{stage}: {counts}")
    total = sum(c.changed for c in report.values())
    typer.echo("no change" if total == 0 else f"{total} row(s) changed")


# ---------------------------------------------------------------- writing


@app.command()
def build(
    seeds: Annotated[Path, typer.Option(help="The folder of seed data to load.")] = Path("seeds"),
) -> None:
    """Create or upgrade the schema and load everything under seeds/.

    Running it again on the same inputs changes nothing.

    Example: `tracker build` then `tracker who-backed ceasefire`
    """
    from .build import build as run

    _print_report(run(_engine(create=True), seeds))


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Text files (UTF-8), with optional YAML front matter.")],
    url: Annotated[str | None, typer.Option(help="Where the text was published.")] = None,
    outlet: Annotated[str | None, typer.Option(help="The outlet, e.g. 'The Guardian'.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD or YYYY-MM.")] = None,
    author: Annotated[str | None, typer.Option(help="The author; a first-person text speaks for them.")] = None,
    kind: Annotated[str | None, typer.Option(
        help="What the text is: news, local news, list, blog, hansard, statement, column, letter, "
             "official, or any short label of your own (read like news).")] = None,
    title: Annotated[str | None, typer.Option(help="The headline.")] = None,
) -> None:
    """Add texts and extract the positions, mentions and tallies in them.

    Options override the front matter. Ingesting the same content again is a no-op.

    Example: `tracker ingest article.txt --outlet "Leeds Live" --published 2023-11-16`
    """
    from .articles import read_article
    from .build import ingest as run

    overrides = {"url": url, "outlet": outlet, "published": published, "author": author, "kind": kind,
                 "title": title}
    articles = [read_article(p, overrides) for p in paths]
    for article in articles:
        for warning in article.warnings:
            typer.echo(f"tracker: warning: {warning}", err=True)
    _print_report(run(_engine(create=True), articles))


@import_app.command("members")
def import_members(
    path: Annotated[Path, typer.Argument(help="A registry folder: mySociety CSVs or the seeds layout.")],
) -> None:
    """Load people, identifiers, aliases, parties and memberships from a members registry.

    Example: `tracker import members ../shared/data/registry`
    """
    from .build import import_members as run

    _print_report(run(_engine(create=True), path))


@import_app.command("divisions")
def import_divisions(
    paths: Annotated[list[Path], typer.Argument(help="votematrix TSV or Commons Votes API JSON files.")],
) -> None:
    """Load official divisions and votes; the file layout is detected.

    Members are matched by their MNIS id, so import the members first.

    Example: `tracker import divisions votematrix-2019.dat`
    """
    from .build import import_divisions as run

    _print_report(run(_engine(create=True), paths))


@seeds_app.command("registry")
def seeds_registry(
    source: Annotated[Path, typer.Argument(help="The mySociety registry folder (CSV).")],
    since: Annotated[str, typer.Option(callback=_date_option, help="Keep people who sat on or after.")] = "2019-12-12",
    until: Annotated[str, typer.Option(callback=_date_option, help="... and on or before.")] = "2024-07-04",
    out: Annotated[Path, typer.Option(help="Where to write people.jsonl and organizations.csv.")] = Path("seeds"),
) -> None:
    """Cut the registry down to everyone who sat in a UK chamber between two dates.

    Example: `tracker seeds registry ../shared/data/registry`
    """
    from .registry import read_mysociety, sat_between, write_seed

    data = sat_between(read_mysociety(source), since, until)
    paths = write_seed(data, out)
    typer.echo(f"{len(data.people)} people, {len(data.organizations)} organizations → "
               + ", ".join(str(p) for p in paths))


@export_app.command("divisions")
def export_divisions(
    out: Annotated[Path, typer.Argument(help="Folder to write <DivisionId>.json files into.")],
    ids: Annotated[list[int], typer.Option("--id", help="A DivisionId; repeat for more.")],
) -> None:
    """Write stored divisions as Commons Votes API JSON (names and parties on the day).

    Example: `tracker export divisions seeds/divisions --id 1665 --id 1666`
    """
    import json

    from .divisions import to_commons_json
    from .load.divisions import division_records

    out.mkdir(parents=True, exist_ok=True)
    with _engine().connect() as conn:
        records = division_records(conn, ids)
    missing = set(ids) - {rec.id for rec, _ in records}
    if missing:
        _fail(f"no division with id {', '.join(map(str, sorted(missing)))} in the database")
    for rec, names in records:
        path = out / f"{rec.id}.json"
        path.write_text(json.dumps(to_commons_json(rec, names), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        typer.echo(f"{path}: {rec.aye_count} ayes, {rec.no_count} noes")


# ---------------------------------------------------------------- questions


@app.command("who-backed")
def who_backed(
    topic: Annotated[str, typer.Argument(help="A topic slug or a word of its name, e.g. ceasefire.")],
    party: PartyOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    evidence: EvidenceOpt = EvidenceKind.all,
    include_non_mps: NonMpsOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """One row per person who backed the topic, earliest first, with the evidence.

    Evidence is a stated position quoted from a source, or a vote in an official
    division that speaks to the topic.

    Example: `tracker who-backed ceasefire --party Labour --format json`
    """
    from .output import emit
    from .queries import who_backed as query

    with _engine().connect() as conn:
        rows = [r.to_dict() for r in query(conn, topic, party=party, since=since, until=until, evidence=evidence.value,
                                           include_non_mps=include_non_mps)]
    emit(rows, fmt, [
        ("person", lambda r: r["person"]), ("party", lambda r: r["party"]),
        ("constituency", lambda r: r["constituency"]), ("first date", lambda r: r["first_date"]),
        ("statements", lambda r: sum(e["kind"] == "statement" for e in r["evidence"])),
        ("votes", lambda r: ", ".join(f"{e['option']} {e['division_id']} ({e['date']})"
                                      for e in r["evidence"] if e["kind"] == "vote")),
        ("first evidence", lambda r: _first_evidence(r["evidence"])),
    ], title=f"Who backed {topic}")


def _first_evidence(evidence: list[dict]) -> str:
    for e in evidence:
        if e["kind"] == "statement":
            where = e["source"].get("outlet") or e["source"].get("path")
            return f"“{e['quote']}” ({where})"
    return ""


@app.command()
def positions(
    topic: Annotated[str | None, typer.Option(help="A topic slug or a word of its name.")] = None,
    person: Annotated[str | None, typer.Option(help="A person's name or alias.")] = None,
    source: Annotated[str | None, typer.Option(help="A source id, path or URL.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Every stated position with its quote, date, source and review status.

    Example: `tracker positions --topic ceasefire --person "Kate Hollern"`
    """
    from .output import emit
    from .queries import positions as query

    with _engine().connect() as conn:
        rows = [r.to_dict() for r in query(conn, topic=topic, person=person, source=source)]
    emit(rows, fmt, [
        ("id", lambda r: r["id"]), ("person", lambda r: r["person"] or "(unnamed)"),
        ("topic", lambda r: r["topic"]), ("stance", lambda r: r["stance"]), ("date", lambda r: r["date"]),
        ("quote", lambda r: r["quote"]), ("source", lambda r: r["source"]["outlet"] or r["source"]["path"]),
        ("confidence", lambda r: r["confidence"]), ("method", lambda r: r["method"]),
        ("status", lambda r: r["status"]),
    ], title="Stated positions")


@app.command()
def tallies(fmt: FormatOpt = Format.table) -> None:
    """Division counts as sources reported them, beside the official record.

    Example: `tracker tallies --format json`
    """
    from .output import emit
    from .queries import tallies as query

    with _engine().connect() as conn:
        rows = [r.to_dict() for r in query(conn)]
    emit(rows, fmt, [
        ("date", lambda r: r["date"]), ("chamber", lambda r: r["chamber"]), ("motion", lambda r: r["motion"]),
        ("ayes", lambda r: r["ayes"]), ("noes", lambda r: r["noes"]), ("result", lambda r: r["result"]),
        ("division", lambda r: r["division_id"]),
        ("official", lambda r: f"{r['official']['ayes']} to {r['official']['noes']}" if r["official"] else ""),
        ("conflict", lambda r: r["conflict"]), ("quote", lambda r: r["quote"]),
    ], title="Reported tallies")


@app.command()
def person(
    name: Annotated[str, typer.Argument(help="A name, alias, nickname or near spelling: 'Liz Truss', 'Ms Hollern'.")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Who a person is, their party and seat over time, what they said, how they voted, said-vs-voted, and
    what texts claim they voted beside the record.

    An ambiguous name lists the candidates; an unknown one suggests the closest.

    Example: `tracker person "Kate Hollern"`
    """
    from .errors import NotFound
    from .output import emit
    from .queries import find_person, person_report

    with _engine().connect() as conn:
        found = find_person(conn, name)
        if found.person is None:
            emit([c.to_dict() for c in found.candidates], fmt, [
                ("name", lambda r: r["name"]), ("matched", lambda r: r["matched"]), ("how", lambda r: r["how"]),
                ("id", lambda r: r["person_id"])], title=f"People matching '{name}'")
            raise NotFound(f"'{name}' matches {len(found.candidates)} people; give a fuller name")
        report = person_report(conn, found.person.name if found.person.how != "fuzzy" else found.person.key)
    data = report.to_dict()
    if fmt == Format.json:
        emit([data], fmt, [])
        return
    rows = [{"kind": "statement", "date": p["date"], "topic": p["topic"], "way": p["stance"],
             "detail": f"“{p['quote']}”", "source": p["source"]["outlet"] or p["source"]["path"]}
            for p in data["positions"]]
    rows += [{"kind": "vote", "date": v["date"], "topic": v["topic"], "way": f"{v['option']} ({v['direction']})",
              "detail": f"division {v['division_id']}: {v['title']}", "source": "Commons division"}
             for v in data["votes"]]
    rows += [{"kind": "vote claim", "date": c["date"], "topic": c["topic"],
              "way": f"claimed {c['option']}" + (f", record {c['official'] or '?'} in {c['division_id']}"
                                                 if c["division_id"] else "") + f" ({c['verdict']})",
              "detail": f"“{c['quote']}”", "source": c["source"]["outlet"] or c["source"]["path"]}
             for c in data["vote_claims"]]
    rows.sort(key=lambda r: (r["date"] or "", r["kind"]))
    columns = [(k, (lambda key: lambda r: r[key])(k)) for k in ("kind", "date", "topic", "way", "detail", "source")]
    if fmt == Format.csv:
        emit(rows, fmt, columns)
        return
    who = data["person"]
    typer.echo(f"{who['name']}" + (f" ({who['honorific']})" if who["honorific"] else ""))
    if who["identifiers"]:
        typer.echo("  ids: " + ", ".join(f"{k} {v}" for k, v in who["identifiers"].items()))
    for seat in who["memberships"]:
        typer.echo(f"  {seat['start_date'] or '?'} to {seat['end_date'] or 'now'}: {seat['chamber']}, "
                   f"{seat['party'] or 'no party'}" + (f", {seat['post']}" if seat["post"] else "")
                   + (f" (ended: {seat['end_reason']})" if seat["end_reason"] else ""))
    emit(rows, fmt, columns, title="Statements and votes")
    for slug, row in data["said_vs_voted"].items():
        typer.echo(f"  {slug}: said {row['said'] or 'nothing'}, verdict {row['verdict']}")


@app.command()
def division(
    id_or_text: Annotated[str, typer.Argument(help="A DivisionId (1666) or words of its title.")],
    fmt: FormatOpt = Format.table,
) -> None:
    """A division: its motion and parent, official counts, the party breakdown, rebels, reported tallies, and
    what texts claim members voted in it beside the record, disagreements first.

    Absence is derived: who sat in the Commons that day and did not vote. A rebel
    voted against the majority of their own party, "did not vote" counting as a choice.

    Example: `tracker division 1666 --format json`
    """
    from .output import emit
    from .queries import division as query

    with _engine().connect() as conn:
        data = query(conn, id_or_text).to_dict()
    if fmt == Format.json:
        emit([data], fmt, [])
        return
    party_cols = [("party", lambda r: r["party"]), ("aye", lambda r: r["aye"]), ("no", lambda r: r["no"]),
                  ("did not vote", lambda r: r["did_not_vote"])]
    if fmt == Format.csv:
        emit(data["by_party"], fmt, party_cols)
        return
    typer.echo(f"Division {data['division_id']} on {data['date']}: {data['title']}")
    if data["motion"]:
        typer.echo(f"  motion: {data['motion']['title']} ({data['motion']['classification']}, "
                   f"{data['motion']['result']})")
    if data["parent_motion"]:
        typer.echo(f"  amends: {data['parent_motion']['title']}")
    typer.echo(f"  official count: {data['ayes']} ayes, {data['noes']} noes")
    for t in data["reported"]:
        flag = " (differs from the official count)" if t["conflict"] else ""
        typer.echo(f"  reported: {t['ayes']} to {t['noes']} by {t['source']['outlet'] or t['source']['path']}"
                   f"{flag}")
    if data["vote_claims"]:
        from .cli_claims import claim_line

        typer.echo("  what texts say members voted, beside the record (`tracker claims --division "
                   f"{data['division_id']}`):")
        for c in data["vote_claims"]:
            typer.echo(f"    {claim_line(c)}")
    emit(data["by_party"], fmt, party_cols, title="By party")
    emit(data["rebels"], fmt, [("rebel", lambda r: r["person"]), ("party", lambda r: r["party"]),
                               ("option", lambda r: r["option"]), ("party majority", lambda r: r["party_majority"])],
         title="Rebels")


@app.command("said-vs-voted")
def said_vs_voted(
    topic: Annotated[str, typer.Argument(help="A topic slug or a word of its name.")],
    party: PartyOpt = None,
    verdict: Annotated[str | None, typer.Option(
        help="Only this verdict: consistent, contradicts, said-only, voted-only, did-not-vote.")] = None,
    include_non_mps: NonMpsOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """What each person said on a topic beside how they voted on the divisions linked to it.

    Verdicts: consistent, contradicts, said-only, voted-only, did-not-vote (said
    something, sat in the chamber, did not vote on a linked division).

    Example: `tracker said-vs-voted ceasefire --verdict did-not-vote`
    """
    from .output import emit
    from .queries import VERDICTS
    from .queries import said_vs_voted as query

    if verdict is not None and verdict not in VERDICTS:
        raise typer.BadParameter(f"must be one of {', '.join(VERDICTS)}", param_hint="--verdict")
    with _engine().connect() as conn:
        rows = [r.to_dict() for r in query(conn, topic, party=party, include_non_mps=include_non_mps)
                if verdict is None or r.verdict == verdict]
    emit(rows, fmt, [
        ("person", lambda r: r["person"]), ("party", lambda r: r["party"]), ("said", lambda r: r["said"]),
        ("said first", lambda r: r["said_first"]),
        ("votes", lambda r: ", ".join(f"{v['option']} {v['division_id']}" for v in r["votes"])),
        ("verdict", lambda r: r["verdict"]),
    ], title=f"Said vs voted: {topic}")


@app.command()
def timeline(
    topic: Annotated[str, typer.Argument(help="A topic slug or a word of its name.")],
    party: PartyOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    evidence: EvidenceOpt = EvidenceKind.all,
    include_non_mps: NonMpsOpt = False,
    fmt: FormatOpt = Format.table,
) -> None:
    """Supporters of a topic over time: new on each date and cumulative, by party.

    Example: `tracker timeline ceasefire --format csv`
    """
    from .output import emit
    from .queries import timeline as query

    with _engine().connect() as conn:
        rows = [r.to_dict() for r in query(conn, topic, party=party, since=since, until=until, evidence=evidence.value,
                                           include_non_mps=include_non_mps)]
    emit(rows, fmt, [(k, (lambda key: lambda r: r[key])(k)) for k in ("date", "party", "new", "party_total",
                                                                       "total")], title=f"Supporters of {topic}")


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="Words to find in source texts and quotes.")],
    limit: Annotated[int, typer.Option(min=1, max=1000, help="At most this many hits of each kind.")] = 20,
    fmt: FormatOpt = Format.table,
) -> None:
    """Full-text search over stored sources and the quotes of positions.

    Example: `tracker search "humanitarian pause"`
    """
    from .output import emit
    from .search import search as query

    with _engine().connect() as conn:
        rows = [h.to_dict() for h in query(conn, text, limit)]
    emit(rows, fmt, [("kind", lambda r: r["kind"]), ("id", lambda r: r["id"]), ("person", lambda r: r["person"]),
                     ("date", lambda r: r["date"]), ("source", lambda r: r["outlet"] or r["path"]),
                     ("snippet", lambda r: " ".join(r["snippet"].split()))], title=f"Search: {text}")


@app.command()
def topics(fmt: FormatOpt = Format.table) -> None:
    """The topics, their cue phrases, and how many positions and divisions speak to each.

    Example: `tracker topics`
    """
    from .output import emit
    from .queries import topics as query

    with _engine().connect() as conn:
        rows = query(conn)
    emit(rows, fmt, [(k, (lambda key: lambda r: r[key])(k)) for k in ("slug", "name", "positions", "divisions",
                                                                       "cues")], title="Topics")


@app.command()
def sources(fmt: FormatOpt = Format.table) -> None:
    """The stored texts, with what was extracted from each.

    Example: `tracker sources --format csv`
    """
    from .output import emit
    from .queries import sources as query

    with _engine().connect() as conn:
        rows = query(conn)
    emit(rows, fmt, [(k, (lambda key: lambda r: r[key])(k)) for k in (
        "id", "kind", "outlet", "published", "path", "positions", "mentions", "tallies")], title="Sources")


@app.command()
def motions(fmt: FormatOpt = Format.table) -> None:
    """Motions and amendments, with the motion each amendment would change.

    Example: `tracker motions`
    """
    from .output import emit
    from .queries import motions as query

    with _engine().connect() as conn:
        rows = query(conn)
    emit(rows, fmt, [(k, (lambda key: lambda r: r[key])(k)) for k in (
        "key", "title", "classification", "parent", "date", "result", "division_id")], title="Motions")


@export_app.command("popolo")
def export_popolo(out: Annotated[Path, typer.Argument(help="Folder to write the Popolo JSON files into.")]) -> None:
    """Write persons, organizations, memberships, motions and vote events as Popolo JSON.

    Example: `tracker export popolo out/popolo`
    """
    from .export import popolo

    with _engine().connect() as conn:
        counts = popolo(conn, out)
    typer.echo(", ".join(f"{n} {name}" for name, n in counts.items()) + f" → {out}")


@export_app.command("csv")
def export_csv(out: Annotated[Path, typer.Argument(help="Folder to write one CSV per table into.")]) -> None:
    """Write every table as a CSV file with a header row.

    Example: `tracker export csv out/csv`
    """
    from .export import tables_csv

    with _engine().connect() as conn:
        counts = tables_csv(conn, out)
    typer.echo(f"{len(counts)} tables, {sum(counts.values())} rows → {out}")


# ---------------------------------------------------------------- commands kept in their own modules
# Each module below defines `register(app)`, which adds its commands; keep them light to import.
from .cli_claims import register as _register_claims  # noqa: E402
from .cli_review import register as _register_review  # noqa: E402
from .cli_snapshots import register as _register_snapshots  # noqa: E402
from .cli_web import register as _register_web  # noqa: E402

_register_claims(app)
_register_review(app)
_register_snapshots(app)
_register_web(app)

# ---------------------------------------------------------------- entry point


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"tracker: {message}", err=True)
    raise typer.Exit(code)


def main() -> None:
    """The console script: every failure ends as one line on standard error and a non-zero exit."""
    from .errors import InputError, NotFound

    try:
        code = app(standalone_mode=False)
    except (InputError, NotFound) as exc:
        typer.echo(f"tracker: {exc}", err=True)
        sys.exit(1 if isinstance(exc, NotFound) else 2)
    except Exception as exc:
        _exit_for(exc)
    sys.exit(code if isinstance(code, int) else 0)


def _exit_for(exc: Exception) -> None:
    """Click's usage errors (which Typer re-exports under private names) and database errors, as one line."""
    name = type(exc).__name__
    if name == "NoArgsIsHelpError":  # `tracker` or `tracker review` alone: show the help
        typer.echo(exc.ctx.get_help())
        sys.exit(0)
    if name == "Abort":
        typer.echo("tracker: aborted", err=True)
        sys.exit(130)
    if hasattr(exc, "format_message") and isinstance(getattr(exc, "exit_code", None), int):
        ctx = getattr(exc, "ctx", None)
        hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
        typer.echo(f"tracker: {' '.join(exc.format_message().split())}{hint}", err=True)
        sys.exit(exc.exit_code)
    from sqlalchemy.exc import OperationalError  # only now: `tracker --help` never loads SQLAlchemy

    if isinstance(exc, OperationalError):
        typer.echo(f"tracker: database error: {str(exc.orig).splitlines()[0]}", err=True)
        sys.exit(2)
    raise exc
