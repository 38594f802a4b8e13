"""The ``tracker`` command. Each group of commands lives in its own module and adds itself with
``register(app)``; heavy modules are imported inside each command, so ``--help`` starts fast.
No module of this package imports from this one."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from . import ask, claims, export, review, snapshots, web, write
from .common import state

app = typer.Typer(
    name="tracker",
    help="Who backed what, and when: MPs' stated positions beside their votes in official divisions.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main_options(
    db: Annotated[str | None, typer.Option(
        "--db", envvar="TRACKER_DB",
        help="SQLite file path or SQLAlchemy URL (postgresql+psycopg://user@host/db). Default: data.db.")] = None,
) -> None:
    state.db = db


# the order of registration is the order of `tracker --help`
write.register(app)
export.register(app)
ask.register(app)
claims.register(app)
review.register(app)
snapshots.register(app)
web.register(app)

def main() -> None:
    """The console script: every failure ends as one line on standard error and a non-zero exit."""
    from ..errors import InputError, NotFound

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
    import sqlite3

    if isinstance(exc, sqlite3.DatabaseError):  # a question read through plain sqlite3
        typer.echo(f"tracker: database error: {str(exc).splitlines()[0]}", err=True)
        sys.exit(2)
    from sqlalchemy.exc import OperationalError  # only now: `tracker --help` never loads SQLAlchemy

    if isinstance(exc, OperationalError):
        typer.echo(f"tracker: database error: {str(exc.orig).splitlines()[0]}", err=True)
        sys.exit(2)
    raise exc
