"""The commands that write: ``build``, ``ingest``, ``import members|divisions`` and ``seeds registry``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import date_option, open_engine, print_report, sqlite_file

import_app = typer.Typer(help="Import official records: the members registry, division records.",
                         no_args_is_help=True)
seeds_app = typer.Typer(help="Refresh the files under seeds/ from the public records they are cut from.",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.command()(build)
    app.command()(ingest)
    app.add_typer(import_app, name="import")
    app.add_typer(seeds_app, name="seeds")


def build(
    seeds: Annotated[Path, typer.Option(help="The folder of seed data to load.")] = Path("seeds"),
) -> None:
    """Create or upgrade the schema and load everything under seeds/.

    Running it again on the same inputs changes nothing.

    Example: `tracker build` then `tracker who-backed ceasefire`
    """
    from ..jobs.build import build as run

    print_report(run(open_engine(create=True), seeds))


def ingest(
    items: Annotated[list[str], typer.Argument(
        help="Text files (UTF-8, optional YAML front matter), saved pages (.html), http(s) addresses, "
             "files of addresses (one a line, # comments), RSS or Atom feeds (a file or an address).",
        metavar="ITEM")],
    url: Annotated[str | None, typer.Option(help="Where the text was published.")] = None,
    outlet: Annotated[str | None, typer.Option(help="The outlet, e.g. 'The Guardian'.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD or YYYY-MM.")] = None,
    author: Annotated[str | None, typer.Option(help="The author; a first-person text speaks for them.")] = None,
    kind: Annotated[str | None, typer.Option(
        help="What the text is: news, local news, list, blog, hansard, statement, column, letter, "
             "official, or any short label of your own (read like news).")] = None,
    title: Annotated[str | None, typer.Option(help="The headline.")] = None,
    timeout: Annotated[float, typer.Option(min=0.1, max=600, help="Seconds to wait for a server.")] = 20.0,
    max_bytes: Annotated[int, typer.Option(min=1024, help="The largest page to fetch, in bytes.")] = 5 * 1024 * 1024,
    delay: Annotated[float, typer.Option(min=0, max=60, help="Seconds between two requests to one site.")] = 1.0,
) -> None:
    """Add texts, web pages, links and feeds, and extract the positions, mentions and tallies in them.

    Options override what the front matter or the page says. Ingesting the same
    content or the same unchanged address again is a no-op; a page that changed
    is stored as a new version beside the old one. Only the addresses given (and
    the items of feeds given) are fetched, with robots.txt honoured. An address
    that fails gives one line and the rest go on; the exit status is then 1.

    Example: `tracker ingest article.txt saved-page.html https://example.org/news/mp-calls-for-ceasefire`
    """
    from ..fetch import Fetcher
    from ..jobs.build import ingest as run
    from ..jobs.gather import gather

    overrides = {"url": url, "outlet": outlet, "published": published, "author": author, "kind": kind,
                 "title": title}
    engine = open_engine(create=True)
    fetcher = Fetcher(timeout=timeout, max_bytes=max_bytes, delay=delay)
    got = gather(engine, items, overrides, fetcher)
    for article in got.articles:
        for warning in article.warnings:
            typer.echo(f"tracker: warning: {warning}", err=True)
    for line in got.failed:
        typer.echo(f"tracker: {line}", err=True)
    for address in got.current:
        typer.echo(f"{address}: the stored copy is current")
    if got.articles:
        print_report(run(engine, got.articles))
    elif not got.failed:
        typer.echo("no change")
    if got.failed:
        n = len(got.failed)
        typer.echo(f"tracker: {n} item{'s' if n != 1 else ''} failed; the rest were loaded", err=True)
        raise typer.Exit(1)


@import_app.command("members")
def import_members(
    path: Annotated[Path, typer.Argument(help="A registry folder: mySociety CSVs or the seeds layout.")],
) -> None:
    """Load people, identifiers, aliases, parties and memberships from a members registry.

    Example: `tracker import members path/to/registry`
    """
    from ..jobs.build import import_members as run

    print_report(run(open_engine(create=True), path))


@import_app.command("divisions")
def import_divisions(
    paths: Annotated[list[Path], typer.Argument(help="votematrix TSV or Commons Votes API JSON files.")],
) -> None:
    """Load official divisions and votes; the file layout is detected.

    Members are matched by their MNIS id, so import the members first.

    Example: `tracker import divisions votematrix-2019.dat`
    """
    from ..jobs.build import import_divisions as run

    # a SQLite file is loaded through plain sqlite3: the command need not load SQLAlchemy
    print_report(run(sqlite_file() or open_engine(create=True), paths))


@seeds_app.command("registry")
def seeds_registry(
    source: Annotated[Path, typer.Argument(help="The mySociety registry folder (CSV).")],
    since: Annotated[str, typer.Option(callback=date_option, help="Keep people who sat on or after.")] = "2019-12-12",
    until: Annotated[str, typer.Option(callback=date_option, help="... and on or before.")] = "2024-07-04",
    out: Annotated[Path, typer.Option(help="Where to write people.jsonl and organizations.csv.")] = Path("seeds"),
) -> None:
    """Cut the registry down to everyone who sat in a UK chamber between two dates.

    Example: `tracker seeds registry path/to/registry`
    """
    from ..formats.registry import read_mysociety, sat_between, write_seed

    data = sat_between(read_mysociety(source), since, until)
    paths = write_seed(data, out)
    typer.echo(f"{len(data.people)} people, {len(data.organizations)} organizations → "
               + ", ".join(str(p) for p in paths))



@import_app.command("positions")
def import_positions(
    path: Annotated[Path, typer.Argument(help="A .csv or .xlsx file, one position a row, with a header row.")],
    topic: Annotated[str | None, typer.Option(
        help="The topic of every row, when the sheet has no topic column.")] = None,
    stance: Annotated[str | None, typer.Option(
        help="support or oppose, when the sheet has no stance column.")] = None,
    sheet: Annotated[str | None, typer.Option(help="The workbook's sheet to read (default: the first).")] = None,
    curation: Annotated[Path, typer.Option("--curation", help="The curation file the rows go into.")] = Path(
        "seeds") / "curation.yaml",
) -> None:
    """Bring in your own list of positions (person, topic, stance, date, link, quote) as review decisions.

    Headers are matched loosely and the mapping is printed. Each person is looked
    up as `tracker person` does; a name that is unknown, shared or only nearly
    right is listed, not guessed. A quote found in the stored text of its link
    cites it; otherwise the row is kept as "unverified" and checked again on
    every load. The rows go into the curation file, so they survive every
    rebuild. Rows not taken are listed and the exit status is then 1.

    Example: `tracker import positions ceasefire-mps.xlsx --topic ceasefire --stance support`
    """
    from ..formats.curation_yaml import Curation, read_curation, write_curation
    from ..formats.position_sheets import read_sheet
    from ..jobs.hand_positions import plan_sheet
    from ..load.answers import refresh_answers
    from ..load.curation import apply_curation

    table = read_sheet(path, sheet)
    typer.echo("columns: " + ", ".join(f"{f} ← {h!r}" for f, h in table.columns.items())
               + (f"; not used: {', '.join(repr(h) for h in table.ignored)}" if table.ignored else ""))
    current = read_curation(curation) if curation.is_file() else Curation()
    with open_engine().begin() as conn:
        planned = plan_sheet(conn, table, topic=topic, stance=stance)
        merged = planned.into(current)
        counts = apply_curation(conn, merged)
        refresh_answers(conn, divisions=())  # the new statements enter who backed and said-vs-voted
        write_curation(curation, merged)
    for line in planned.skipped:
        typer.echo(f"tracker: not taken: {line}", err=True)
    typer.echo(f"{len(table.rows)} rows: {planned.verified} quoted from a stored source, {planned.unverified} "
               f"unverified, {planned.confirmed} confirming what extraction found, {len(planned.skipped)} not "
               f"taken → {curation}")
    typer.echo(f"positions: {counts}")
    if planned.skipped:
        raise typer.Exit(1)
