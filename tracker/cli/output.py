"""One output path for every query command: table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any


class Format(str, Enum):  # noqa: UP042 (Typer takes str enums)
    table = "table"
    json = "json"
    csv = "csv"


Column = tuple[str, Callable[[dict], Any]]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def emit(rows: Sequence[dict], fmt: Format, columns: Sequence[Column], *, title: str | None = None,
         out=None) -> None:
    """Write ``rows`` (JSON-shaped dicts) as ``fmt``; tables and CSV show ``columns``."""
    out = out or sys.stdout
    if fmt == Format.json:
        json.dump(list(rows), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    if fmt == Format.csv:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([name for name, _ in columns])
        for row in rows:
            writer.writerow([_cell(get(row)) for _, get in columns])
        return
    if out.isatty():
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title, show_lines=False, header_style="bold")
        for name, _ in columns:
            table.add_column(name, overflow="fold")
        for row in rows:
            table.add_row(*(_cell(get(row)) for _, get in columns))
        Console(file=out).print(table)
        Console(file=out, stderr=False).print(f"[dim]{len(rows)} row{'s' if len(rows) != 1 else ''}[/dim]")
        return
    cells = [[name for name, _ in columns]] + [[_cell(get(row)) for _, get in columns] for row in rows]
    widths = [min(60, max(len(r[i]) for r in cells)) for i in range(len(columns))]
    for r in cells:
        out.write("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
