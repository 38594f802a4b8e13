"""Read ``motions.yaml``: motions and amendments, their parents, and the divisions that decided them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from .yamlfile import read_yaml

CLASSIFICATIONS = ("motion", "amendment")
RESULTS = ("passed", "failed", "not selected", "withdrawn", "agreed without division")


@dataclass
class MotionRec:
    key: str
    title: str
    classification: str = "motion"
    parent: str | None = None
    text: str | None = None
    chamber: str | None = None
    proposer: str | None = None
    date: str | None = None
    result: str | None = None
    note: str | None = None
    divisions: list[int] = field(default_factory=list)


def _text(value) -> str | None:
    return " ".join(str(value).split()) if value not in (None, "") else None


def read_motions(path: Path) -> list[MotionRec]:
    data = read_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("motions"), list):
        raise InputError(str(path), "expected a mapping with a 'motions' list")
    out: list[MotionRec] = []
    keys: set[str] = set()
    for i, item in enumerate(data["motions"]):
        where = f"{path}, motions[{i}]"
        if not isinstance(item, dict):
            raise InputError(where, "expected a mapping")
        for required in ("key", "title"):
            if not item.get(required):
                raise InputError(where, f"field '{required}' is missing")
        if item["key"] in keys:
            raise InputError(f"{where}.key", f"motion '{item['key']}' is defined twice")
        keys.add(item["key"])
        classification = item.get("classification", "motion")
        if classification not in CLASSIFICATIONS:
            raise InputError(f"{where}.classification", f"must be one of {', '.join(CLASSIFICATIONS)}")
        if item.get("result") is not None and item["result"] not in RESULTS:
            raise InputError(f"{where}.result", f"must be one of {', '.join(RESULTS)}")
        divisions = item.get("divisions") or []
        if not isinstance(divisions, list) or not all(isinstance(d, int) for d in divisions):
            raise InputError(f"{where}.divisions", "expected a list of DivisionIds")
        out.append(MotionRec(
            key=str(item["key"]), title=_text(item["title"]), classification=classification,
            parent=item.get("parent"), text=_text(item.get("text")), chamber=item.get("chamber"),
            proposer=item.get("proposer"), date=str(item["date"]) if item.get("date") else None,
            result=item.get("result"), note=_text(item.get("note")), divisions=divisions,
        ))
    for i, m in enumerate(out):
        if m.parent and m.parent not in keys:
            raise InputError(f"{path}, motions[{i}].parent", f"no motion has the key '{m.parent}'")
    return out
