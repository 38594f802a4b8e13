"""``tracker snapshots refresh``: rewrite the committed extraction snapshots of the seed articles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

snapshots_app = typer.Typer(help="Snapshots of what extraction takes from the seed articles.", no_args_is_help=True)


@snapshots_app.command("refresh")
def refresh(
    seeds: Annotated[Path, typer.Option(help="The seeds folder (articles.yaml, people.jsonl, topics.yaml).")] = Path(
        "seeds"
    ),
    out: Annotated[Path, typer.Option(help="Where the snapshot JSON files go.")] = Path("tests/snapshots"),
) -> None:
    """Extract from every seed article again and write tests/snapshots/<article>.json.

    Example: `tracker snapshots refresh --seeds seeds --out tests/snapshots`
    """
    from ..jobs.snapshots import write_snapshots

    paths = write_snapshots(seeds, out)
    typer.echo(f"{len(paths)} snapshots written to {out}")


def register(app: typer.Typer) -> None:
    app.add_typer(snapshots_app, name="snapshots")
