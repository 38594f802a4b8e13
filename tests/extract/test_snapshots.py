"""Each seed article's extraction output is committed as JSON; a change to the extractor shows as a diff."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tracker.jobs.snapshots import seed_snapshots

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOTS = ROOT / "tests" / "snapshots"
REFRESH = "tracker snapshots refresh --seeds seeds --out tests/snapshots"


@pytest.fixture(scope="module")
def fresh() -> dict[str, str]:
    return seed_snapshots(ROOT / "seeds")


def test_every_seed_article_has_a_snapshot(fresh):
    committed = sorted(p.name for p in SNAPSHOTS.glob("*.json"))
    assert committed == sorted(fresh), f"snapshots out of date; run `{REFRESH}`"


def test_snapshots_match(fresh):
    changed = []
    for name, body in sorted(fresh.items()):
        path = SNAPSHOTS / name
        old = path.read_text(encoding="utf-8") if path.exists() else ""
        if old != body:
            diff = difflib.unified_diff(old.splitlines(), body.splitlines(), name, "now", lineterm="", n=1)
            changed.append("\n".join(list(diff)[:40]))
    assert not changed, f"extraction changed; if that is intended run `{REFRESH}`\n" + "\n".join(changed)
