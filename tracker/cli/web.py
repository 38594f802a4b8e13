"""``tracker serve`` (Datasette, read-only) and ``tracker report`` (an HTML page and Markdown with charts)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(report)


def _sqlite_file() -> Path:
    from sqlalchemy.engine import make_url

    from ..db import database_url
    from ..errors import InputError
    from .common import state

    url = make_url(database_url(state.db))
    if url.get_backend_name() != "sqlite" or not url.database:
        raise InputError("--db", "Datasette serves a SQLite file; give its path")
    return Path(url.database)


def serve(
    host: Annotated[str, typer.Option(help="The address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="The port to listen on.")] = 8001,
) -> None:
    """Browse the database in Datasette, read-only, with descriptions, sources, licences and canned queries.

    The file is opened immutable and every request but GET, HEAD and OPTIONS is
    refused, so nothing can be written through the web.

    Example: `tracker serve --port 8001` then open http://127.0.0.1:8001/data/who_backed?topic=ceasefire
    """
    import importlib.util

    if importlib.util.find_spec("datasette") is None:
        typer.echo("tracker: serve needs Datasette: pip install 'parliament-tracker[datasette]'", err=True)
        raise typer.Exit(2)
    from ..web.app import make_datasette
    from ..web.app import serve as run

    path = _sqlite_file()
    datasette = make_datasette(path)
    typer.echo(f"Serving {path} read-only at http://{host}:{port}/ (Ctrl+C stops)")
    run(datasette, host, port)


def report(
    topic: Annotated[str, typer.Argument(help="A topic slug or a word of its name, e.g. ceasefire.")],
    out: Annotated[Path, typer.Option(help="The folder to write index.html, report.md and the charts into.")] = Path(
        "report"),
) -> None:
    """Write a report on a topic: headline figures, charts, supporters with their evidence, said-vs-voted
    discrepancies and every source cited, as an HTML page and Markdown with SVG charts beside them.

    Example: `tracker report ceasefire --out report/ceasefire` then open report/ceasefire/index.html
    """
    from ..report.render import write_report
    from .common import open_engine

    with open_engine().connect() as conn:
        files = write_report(conn, topic, out)
    typer.echo("\n".join(str(f) for f in files))
