"""Read official division records: the votematrix TSV and Commons Votes API JSON.

Both layouts become :class:`DivisionRecord` objects; :func:`read_divisions`
tells them apart by their first bytes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from itertools import compress
from pathlib import Path

from ..errors import InputError

# votematrix cell codes
VOTEMATRIX_CODES = {"-9": None, "1": "teller_aye", "2": "aye", "4": "no", "5": "teller_no"}
JSON_LISTS = {"Ayes": "aye", "Noes": "no", "AyeTellers": "teller_aye", "NoTellers": "teller_no"}
_CODES = frozenset(VOTEMATRIX_CODES)
_MPID = re.compile(r"^mpid(\d+)$")


@dataclass
class DivisionRecord:
    id: int  # Commons Votes API DivisionId
    date: str
    title: str
    number: int | None = None
    aye_count: int | None = None  # official counts, tellers not included
    no_count: int | None = None
    votes: list[tuple[str, str]] = field(default_factory=list)  # (MNIS member id, option)
    where: str = ""  # file and line, for error messages


def _iso_day(value: str, where: str) -> str:
    day = str(value or "").strip()[:10]
    try:
        return date.fromisoformat(day).isoformat()
    except ValueError:
        raise InputError(where, f"bad date {value!r} (expected YYYY-MM-DD)") from None


def _int(value, where: str) -> int:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise InputError(where, f"expected a whole number, found {value!r}") from None


def read_votematrix(path: Path) -> Iterator[DivisionRecord]:
    """One record per row of a votematrix file (``rowid, date, voteno, Bill, mpid<MNIS>...``)."""
    try:
        handle = Path(path).open(encoding="utf-8", newline="")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise InputError(str(path), exc.strerror or "cannot open") from None
    with handle:
        try:
            header = handle.readline().rstrip("\r\n").split("\t")
            if header[:4] != ["rowid", "date", "voteno", "Bill"]:
                raise InputError(f"{path}, line 1", "expected the header 'rowid, date, voteno, Bill, mpid...'")
            members = []
            for col, name in enumerate(header[4:], 5):
                m = _MPID.match(name)
                if not m:
                    raise InputError(f"{path}, line 1, column {col}", f"expected mpid<number>, found {name!r}")
                members.append(m.group(1))
            width = len(header)
            for n, line in enumerate(handle, 2):
                line = line.rstrip("\r\n")
                if not line.strip():
                    continue
                yield _votematrix_row(line.split("\t"), width, members, f"{path}, line {n}")
        except UnicodeDecodeError as exc:
            raise InputError(str(path), f"not UTF-8 text (byte {exc.start})") from None


def _votematrix_row(cells: list[str], width: int, members: list[str], where: str) -> DivisionRecord:
    if len(cells) == width + 1:
        # a stray tab inside the title splits it in two: join the halves back
        cells = cells[:3] + [" ".join(c for c in cells[3:5] if c.strip())] + cells[5:]
    if len(cells) != width:
        raise InputError(where, f"expected {width} tab-separated fields, found {len(cells)}")
    rec = DivisionRecord(
        id=_int(cells[0], f"{where}, field 'rowid'"),
        date=_iso_day(cells[1], f"{where}, field 'date'"),
        number=_int(cells[2], f"{where}, field 'voteno'"),
        title=" ".join(cells[3].split()),
        where=where,
    )
    codes = cells[4:]
    if not _CODES.issuperset(codes):  # padded or unknown codes: each one looked at
        codes = [code.strip() for code in codes]
        for mnis, code in zip(members, codes, strict=True):
            if code not in VOTEMATRIX_CODES:
                raise InputError(f"{where}, column mpid{mnis}",
                                 f"unknown vote code {code!r} (expected -9, 1, 2, 4 or 5)")
    options = list(map(VOTEMATRIX_CODES.__getitem__, codes))  # None where the member did not vote
    rec.votes = list(zip(compress(members, options), compress(options, options), strict=True))
    rec.aye_count, rec.no_count = codes.count("2"), codes.count("4")
    return rec


def read_commons_json(path: Path) -> Iterator[DivisionRecord]:
    """Records from a Commons Votes API division (one object, or a list of them)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start})") from None
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}, line {exc.lineno}", f"not valid JSON ({exc.msg})") from None
    items = data if isinstance(data, list) else [data]
    for i, item in enumerate(items):
        where = f"{path}" + (f", item {i}" if isinstance(data, list) else "")
        if not isinstance(item, dict):
            raise InputError(where, "expected a division object")
        for key in ("DivisionId", "Date", "Title", "Ayes", "Noes"):
            if key not in item or item[key] is None:
                raise InputError(where, f"field '{key}' is missing")
        rec = DivisionRecord(
            id=_int(item["DivisionId"], f"{where}, field 'DivisionId'"),
            date=_iso_day(item["Date"], f"{where}, field 'Date'"),
            title=" ".join(str(item["Title"]).split()),
            number=_int(item["Number"], f"{where}, field 'Number'") if item.get("Number") is not None else None,
            where=where,
        )
        for key, option in JSON_LISTS.items():
            members = item.get(key) or []
            if not isinstance(members, list):
                raise InputError(f"{where}, field '{key}'", "expected a list of members")
            for j, member in enumerate(members):
                if not isinstance(member, dict) or member.get("MemberId") is None:
                    raise InputError(f"{where}, field '{key}'[{j}]", "field 'MemberId' is missing")
                rec.votes.append((str(_int(member["MemberId"], f"{where}, field '{key}'[{j}].MemberId")), option))
        for key, attr, option in (("AyeCount", "aye_count", "aye"), ("NoCount", "no_count", "no")):
            value = item.get(key)
            count = _int(value, f"{where}, field '{key}'") if value is not None else None
            setattr(rec, attr, count if count is not None else sum(o == option for _, o in rec.votes))
        yield rec


def detect(path: Path) -> str:
    """'votematrix' or 'commons-json', from the file's first bytes."""
    try:
        with Path(path).open("rb") as f:
            head = f.read(64).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise InputError(str(path), exc.strerror or "cannot open") from None
    if not head:
        raise InputError(str(path), "the file is empty")
    if head[:1] in (b"{", b"["):
        return "commons-json"
    if head.startswith(b"rowid\t"):
        return "votematrix"
    raise InputError(str(path), "not a votematrix TSV (header 'rowid<TAB>date...') nor Commons Votes API JSON")


def read_divisions(path: Path) -> Iterator[DivisionRecord]:
    kind = detect(path)
    return read_votematrix(path) if kind == "votematrix" else read_commons_json(path)


def to_commons_json(rec: DivisionRecord, names: dict[str, tuple[str, str | None]]) -> dict:
    """A record in the Commons Votes API shape; ``names`` maps MNIS id → (name, party)."""
    out = {
        "DivisionId": rec.id, "Date": f"{rec.date}T00:00:00", "Number": rec.number, "Title": rec.title,
        "AyeCount": rec.aye_count, "NoCount": rec.no_count,
    }
    for key, option in JSON_LISTS.items():
        out[key] = [
            {"MemberId": int(mnis), "Name": names.get(mnis, ("", None))[0], "Party": names.get(mnis, ("", None))[1]}
            for mnis, opt in sorted(rec.votes, key=lambda v: int(v[0])) if opt == option
        ]
    return out
