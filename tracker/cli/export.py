"""``tracker export``: what the database holds, written to files (Popolo JSON, CSV tables, division JSON)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .common import fail, open_engine

export_app = typer.Typer(help="Write what the database holds to files.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(export_app, name="export")


@export_app.command("divisions")
def export_divisions(
    out: Annotated[Path, typer.Argument(help="Folder to write <DivisionId>.json files into.")],
    ids: Annotated[list[int], typer.Option("--id", help="A DivisionId; repeat for more.")],
) -> None:
    """Write stored divisions as Commons Votes API JSON (names and parties on the day).

    Example: `tracker export divisions seeds/divisions --id 1665 --id 1666`
    """
    import json

    from ..formats.division_files import to_commons_json
    from ..load.divisions import division_records

    out.mkdir(parents=True, exist_ok=True)
    with open_engine().connect() as conn:
        records = division_records(conn, ids)
    missing = set(ids) - {rec.id for rec, _ in records}
    if missing:
        fail(f"no division with id {', '.join(map(str, sorted(missing)))} in the database")
    for rec, names in records:
        path = out / f"{rec.id}.json"
        path.write_text(json.dumps(to_commons_json(rec, names), ensure_ascii=False, indent=1) + "\n",
                        encoding="utf-8")
        typer.echo(f"{path}: {rec.aye_count} ayes, {rec.no_count} noes")

@export_app.command("popolo")
def export_popolo(out: Annotated[Path, typer.Argument(help="Folder to write the Popolo JSON files into.")]) -> None:
    """Write persons, organizations, memberships, motions and vote events as Popolo JSON.

    Example: `tracker export popolo out/popolo`
    """
    from ..formats.exports import popolo

    with open_engine().connect() as conn:
        counts = popolo(conn, out)
    typer.echo(", ".join(f"{n} {name}" for name, n in counts.items()) + f" → {out}")


@export_app.command("csv")
def export_csv(out: Annotated[Path, typer.Argument(help="Folder to write one CSV per table into.")]) -> None:
    """Write every table as a CSV file with a header row.

    Example: `tracker export csv out/csv`
    """
    from ..formats.exports import tables_csv

    with open_engine().connect() as conn:
        counts = tables_csv(conn, out)
    typer.echo(f"{len(counts)} tables, {sum(counts.values())} rows → {out}")
