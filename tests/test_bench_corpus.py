"""The corpus runner (bench/corpus.py): it skips cleanly without a corpus, and scores a tiny one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench import corpus

ROOT = Path(__file__).resolve().parent.parent
REAL = corpus.corpus_dir(None)


def test_a_missing_corpus_is_skipped(tmp_path):
    missing = tmp_path / "no-corpus-here"
    env = dict(os.environ, TRACKER_CORPUS=str(missing))
    run = subprocess.run(
        [sys.executable, "-m", "bench.corpus"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert f"corpus not found at {missing.resolve()}; skipped" in run.stdout


LIST = """How Kirklees MPs voted on the ceasefire amendment

Voted for:
Naz Shah (Lab, Bradford West)
Imran Hussain (Lab, Bradford East)

Against:
Robbie Moore (Con, Keighley)
Philip Davies (Con, Shipley)
"""


@pytest.mark.parametrize(
    ("meta", "text", "kind"),
    [
        ({"kind": "hansard", "outlet": "Parallel Parliament"}, "I beg to move.", "Hansard page"),
        ({"kind": "news", "outlet": "UK Parliament, Votes and Proceedings"}, "Ayes 68", "Hansard page"),
        ({"kind": "letter", "outlet": "a forum"}, "My MP wrote back.", "letter/forum"),
        ({"kind": "statement", "outlet": "An MP's website"}, "I voted for it.", "statement"),
        ({"kind": "news", "outlet": "The Daily Ledger"}, LIST, "list"),
        ({"kind": "blog", "outlet": "A blog"}, "Westminster is a mess.", "blog"),
        ({"kind": "news", "outlet": "Andover Advertiser"}, "The MP voted.", "local news"),
        ({"kind": "news", "outlet": "Neighbournet (west London local news)"}, "The MP voted.", "local news"),
        ({"kind": "news", "outlet": "Paper", "url": "https://x.example/news/local-hubs/a"}, "Voted.", "local news"),
        ({"kind": "news", "outlet": "The Daily Ledger"}, "How Bristol MPs voted on Wednesday.", "local news"),
        ({"kind": "news", "outlet": "The Daily Ledger"}, "MPs voted on Wednesday.", "news"),
        ({"kind": "news", "outlet": "BBC News"}, "MPs voted on Wednesday.", "news"),
    ],
)
def test_kinds_of_text(meta, text, kind):
    assert corpus.kind_of(meta, text, {"bristol", "andover"}) == kind


def test_a_tiny_corpus_is_scored_per_kind(tmp_path):
    if not ((REAL / "score.py").exists() and (REAL / "evaluate").exists()):
        pytest.skip(f"no corpus scorer at {REAL}")
    if not (ROOT / ".venv" / "bin" / "tracker").exists() or not (ROOT / "seeds" / "people.jsonl").exists():
        pytest.skip("the tracker command or the registry seed is not there")
    tiny = tmp_path / "corpus"
    (tiny / "texts").mkdir(parents=True)
    for script in ("score.py", "evaluate"):
        shutil.copy2(REAL / script, tiny / script)
    (tiny / "texts" / "t01.txt").write_text(LIST, encoding="utf-8")
    (tiny / "texts" / "t02.txt").write_text(
        "Naz Shah said on Tuesday that she backed an immediate ceasefire in Gaza.\n", encoding="utf-8"
    )
    gold = {
        "aliases": {"Naseem Shah": ["Naz Shah"]},
        "files": {
            "t01.txt": {
                "meta": {"url": "https://example.org/kirklees", "outlet": "The Daily Ledger",
                         "published": "2023-11-16", "kind": "news"},
                "required": [
                    ["Naseem Shah", "gaza-ceasefire", "support"],
                    ["Imran Hussain", "gaza-ceasefire", "support"],
                    ["Robbie Moore", "gaza-ceasefire", "oppose"],
                    ["Philip Davies", "gaza-ceasefire", "oppose"],
                ],
            },
            "t02.txt": {
                "meta": {"url": "https://example.org/shah", "outlet": "Bradford Argus",
                         "published": "2023-11-08", "kind": "news"},
                "required": [["Naseem Shah", "gaza-ceasefire", "support"]],
            },
        },
    }
    (tiny / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    md = tmp_path / "corpus.md"
    run = subprocess.run(
        [sys.executable, "-m", "bench.corpus", "--corpus", str(tiny), "--markdown", str(md),
         "--keep", str(tmp_path / "work")],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "t01.txt: required" in run.stdout and "corpus" in run.stdout
    table = md.read_text(encoding="utf-8")
    assert table.startswith("| kind | texts | required | found | recall | right | wrong | precision |")
    rows = {line.split("|")[1].strip(): line for line in table.splitlines()[2:]}
    assert set(rows) == {"list", "local news", "all"}
    assert rows["all"].split("|")[2:4] == [" 2 ", " 5 "]
    assert (tmp_path / "work" / "positions.json").exists()
