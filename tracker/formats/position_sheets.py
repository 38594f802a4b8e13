"""A user's own list of positions, as a CSV file or an Excel workbook.

The columns are found by their headers, matched loosely ("MP", "Name" or
"Member" for the person; "Link", "URL" or "Source" for the address; "Quote",
"What they said" or "Words" for the quote; ...). Rows are read as text; an
Excel date cell becomes a day. Nothing here needs the database: the rows are
resolved and checked by the job that imports them.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from ..errors import InputError
from .articles import MAX_BYTES

FIELDS = ("person", "topic", "stance", "date", "url", "quote", "note")
# the words a header is known by, most telling first; a header is matched by its words, so "MP name",
# "Source URL" and "Date of statement" all find their field
SYNONYMS = {
    "url": ("url", "link", "href", "address", "web", "source", "article", "evidence link"),
    "quote": ("quote", "quotation", "words", "what they said", "what was said", "said", "statement", "excerpt",
              "evidence", "text"),
    "person": ("person", "name", "mp", "member", "politician", "who", "speaker", "representative"),
    "topic": ("topic", "issue", "subject", "campaign", "question"),
    "stance": ("stance", "position", "view", "for or against", "support", "backed", "supports", "called for"),
    "date": ("date", "when", "day", "published", "first"),
    "note": ("note", "notes", "comment", "comments", "remarks"),
}


@dataclass(frozen=True)
class SheetRow:
    line: int  # the row's number as a spreadsheet shows it (the header is row 1)
    values: dict[str, str]


@dataclass
class Sheet:
    path: str
    columns: dict[str, str]  # field -> the header it was found under
    ignored: list[str] = field(default_factory=list)  # headers matched to no field
    rows: list[SheetRow] = field(default_factory=list)


def match_headers(headers: list[str]) -> tuple[dict[str, int], list[str]]:
    """Which column holds each field, and the headers left over."""
    keys = [_words(h) for h in headers]
    taken: dict[str, int] = {}
    for name in ("url", "person", "topic", "stance", "date", "note", "quote"):
        best = None
        for i, words in enumerate(keys):
            if i in taken.values() or not words:
                continue
            for rank, synonym in enumerate(SYNONYMS[name]):
                if _has(words, synonym) and (best is None or rank < best[0]):
                    best = (rank, i)
        if best is not None:
            taken[name] = best[1]
    ignored = [headers[i] for i in range(len(headers)) if i not in taken.values() and headers[i].strip()]
    return taken, ignored


def read_sheet(path: Path, sheet_name: str | None = None) -> Sheet:
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "file not found")
    if path.stat().st_size > 50 * MAX_BYTES:
        raise InputError(str(path), "too large for a list of positions")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table = _xlsx(path, sheet_name)
    elif suffix in (".csv", ".tsv", ".txt"):
        table = _csv(path)
    else:
        raise InputError(str(path), "expected a .csv or .xlsx file")
    start = next((i for i, row in enumerate(table) if any(c.strip() for c in row)), None)
    if start is None:
        raise InputError(str(path), "the sheet is empty")
    headers = [c.strip() for c in table[start]]
    columns, ignored = match_headers(headers)
    if "person" not in columns:
        raise InputError(f"{path}, row {start + 1}",
                         "no column for the person (a header such as 'Name', 'MP' or 'Person'); found: "
                         + ", ".join(h for h in headers if h))
    sheet = Sheet(str(path), {f: headers[i] for f, i in sorted(columns.items(), key=lambda kv: kv[1])}, ignored)
    for n, row in enumerate(table[start + 1:], start + 2):
        values = {f: (row[i].strip() if i < len(row) else "") for f, i in columns.items()}
        if any(values.values()):
            sheet.rows.append(SheetRow(n, values))
    return sheet


def _words(header: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9]+", " ", header.lower()).split())


def _has(words: str, synonym: str) -> bool:
    return f" {synonym} " in f" {words} "


def _csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")  # what a spreadsheet program often saves
        except UnicodeDecodeError as exc:
            raise InputError(str(path), f"not UTF-8 text (byte {exc.start})") from None
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
    try:
        return [row for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:
        raise InputError(str(path), f"not a readable CSV file ({exc})") from None


def _xlsx(path: Path, sheet_name: str | None) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError(str(path), f"not a readable Excel workbook ({type(exc).__name__})") from None
    try:
        if sheet_name is not None and sheet_name not in book.sheetnames:
            raise InputError(str(path), f"no sheet named {sheet_name!r} (sheets: {', '.join(book.sheetnames)})")
        ws = book[sheet_name] if sheet_name else book.worksheets[0]
        return [[_cell(v) for v in row] for row in ws.iter_rows(values_only=True)]
    finally:
        book.close()


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# ---------------------------------------------------------------------- values as people write them

_SUPPORT = {"support", "supports", "supported", "for", "yes", "y", "backed", "backs", "back", "pro", "true", "1",
            "in favour", "in favor", "called for", "calls for"}
_OPPOSE = {"oppose", "opposes", "opposed", "against", "no", "n", "con", "false", "0", "rejects", "rejected"}


def stance_of(value: str) -> str | None:
    """support or oppose, from how a list writes it; None when it cannot tell."""
    words = " ".join(re.sub(r"[^a-z0-9]+", " ", value.lower()).split())
    if words in _SUPPORT:
        return "support"
    if words in _OPPOSE:
        return "oppose"
    return None


_MONTH_ONLY = re.compile(r"^(?:[A-Za-z]{3,9}\.?\s+\d{4}|\d{4}-\d{2}|\d{1,2}/\d{4})$")


def day_of(value: str) -> str | None:
    """YYYY-MM-DD (or YYYY-MM for a month alone) from a date as a list writes it, day first as in Britain."""
    from dateutil import parser

    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        date.fromisoformat(value)
        return value
    try:
        when = parser.parse(value, dayfirst=True, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError):
        raise ValueError(f"{value!r} is not a date") from None
    if when.year == 1900:
        raise ValueError(f"{value!r} has no year")
    return when.strftime("%Y-%m" if _MONTH_ONLY.match(value) else "%Y-%m-%d")
