"""The commands that write: ``build``, ``ingest``, ``import members|divisions`` and ``seeds registry``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import date_option, open_engine, print_report

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
    from ..formats.articles import read_article
    from ..jobs.build import ingest as run

    overrides = {"url": url, "outlet": outlet, "published": published, "author": author, "kind": kind,
                 "title": title}
    articles = [read_article(p, overrides) for p in paths]
    for article in articles:
        for warning in article.warnings:
            typer.echo(f"tracker: warning: {warning}", err=True)
    print_report(run(open_engine(create=True), articles))


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

    print_report(run(open_engine(create=True), paths))


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

