"""Extraction measured on the corpus of real published texts, overall and per kind of text.

    .venv/bin/python -m bench.corpus [--corpus DIR] [--markdown FILE] [--keep DIR] [--tracker PATH]
    make corpus

The corpus (texts, their answer key gold.json, the scorer score.py and the evaluate script) lives
outside the repository: --corpus, else the environment's TRACKER_CORPUS, else ../shared/corpus
beside the project's root. When it is not there the runner says so and exits 0. Otherwise it runs
the corpus's `evaluate --per-file --keep DIR` from the project root (which builds a scratch
database from seeds/, ingests every text and prints the scorer's figures per file and overall),
then scores the kept positions.json and tallies.json again per kind of text, with the corpus's own
score.py imported from the corpus folder, and prints a Markdown table (kind, texts, required,
found, recall, right, wrong, precision) that --markdown also writes to a file.

A text's kind comes from its metadata in gold.json (`kind`, `outlet`, `url`) and its shape, the
first rule that holds:

1. Hansard page: kind `hansard`, or the outlet names Hansard, Parliament or TheyWorkForYou.
2. letter/forum: kind `letter`, or the outlet names a forum.
3. statement: kind `statement` (an MP's own words on their site).
4. list: most of the text's non-blank lines are names: a line of two to four capitalised words
   (an honorific allowed), with at most a bracket ("(Lab, Leeds East)"), a bullet, a role after a
   comma, or a short verdict ("- No.") beside it; or most of its characters are a run of at least
   ten "Name (Seat)" items ("22 Conservative MPs: A (X), B (Y), ...").
5. blog: kind `blog`.
6. local news: news whose outlet or address names a place that gives its name to a Commons
   constituency (a word of one in seeds/people.jsonl other than a compass point), or says
   `local`; or whose outlet is a place's paper, a name that does not start with The, Daily,
   Sunday, Morning, National or an acronym and ends in a paper's word (Advertiser, Echo,
   Herald, News, Times, Today, ...); or whose text tells how a place's MPs voted ("How North
   East MPs voted").
7. news: everything else.

The runner exits 0 once the figures are printed, whatever they are (they are for reading, the
test suite does not depend on them); 2 when the corpus run itself fails.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
KINDS = ("news", "local news", "list", "statement", "Hansard page", "blog", "letter/forum")
COMPASS = {"north", "south", "east", "west", "central", "mid", "and", "the", "of", "upon", "city", "inner", "outer"}

_HONORIFIC = r"(?:(?:Sir|Dame|Dr|Mr|Mrs|Ms|Miss|Lord|Lady|Baroness|Rt Hon|The Rt Hon)\.?\s+)?"
_WORD = r"[A-Z][\w'’.-]*"
NAME_LINE = re.compile(
    rf"^[-•*·–\s]*{_HONORIFIC}{_WORD}(?:\s+(?:de|van|von|ap|{_WORD})){{1,3}}"
    r"(?:\s*\([^)]*\))?(?:\s*,\s*[\w ,'’-]{1,60})?(?:\s*[-–—:]\s*[\w .'’]{1,20})?\s*$"
)
LOCAL_TEXT = re.compile(r"\b[Hh]ow\s+(?:the\s+)?(?:[A-Z][\w'’-]*\s+){1,3}MPs\s+voted\b")
# the last word of a local paper's name, after the place it serves ("Andover Advertiser", "Luton Today")
PAPER = re.compile(
    r"^(?!(?:The|Daily|Sunday|Morning|National|[A-Z]{2,})\b)[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*)*\s+"
    r"(?:Advertiser|Argus|Chronicle|Citizen|Courier|Echo|Gazette|Herald|Journal|Mercury|News|Post|Star|Telegraph|"
    r"Times|Today|World)\b"
)
NAME_ITEM = re.compile(rf"{_HONORIFIC}{_WORD}(?:\s+(?:de|van|von|ap|{_WORD})){{1,3}}\s*\([^)]{{2,60}}\)")


def corpus_dir(option: str | None) -> Path:
    return Path(option or os.environ.get("TRACKER_CORPUS") or DEFAULT_CORPUS).resolve()


def is_list(text: str) -> bool:
    """Most of the text's non-blank lines are names, or most of it is a run of names (rule 4)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if lines and sum(bool(NAME_LINE.match(ln)) for ln in lines) * 2 > len(lines):
        return True
    items = [m.end() - m.start() for m in NAME_ITEM.finditer(text)]
    return len(items) >= 10 and (sum(items) + 2 * len(items)) * 2 > len(text.strip())


def place_words(people: Path) -> set[str]:
    """Words that constituency names are made of, compass points and joiners left out."""
    words: set[str] = set()
    if not people.exists():
        return words
    for line in people.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        for m in json.loads(line).get("memberships", []):
            if m.get("chamber") != "commons":
                continue
            for w in re.findall(r"[a-z]+", (m.get("constituency") or "").lower()):
                if len(w) > 3 and w not in COMPASS:
                    words.add(w)
    return words


def kind_of(meta: dict, text: str, places: set[str]) -> str:
    """The kind of text, by the module's rules in their order."""
    kind = (meta.get("kind") or "").lower()
    outlet = meta.get("outlet") or ""
    url = meta.get("url") or ""
    if kind == "hansard" or re.search(r"hansard|parliament|theyworkforyou", outlet, re.IGNORECASE):
        return "Hansard page"
    if kind == "letter" or re.search(r"\bforums?\b", outlet, re.IGNORECASE):
        return "letter/forum"
    if kind == "statement":
        return "statement"
    if is_list(text):
        return "list"
    if kind == "blog":
        return "blog"
    host = re.sub(r"^\w+://", "", url).split("/")[0]
    named = {w for w in re.findall(r"[a-z]+", f"{outlet} {host}".lower())}
    squashed = re.sub(r"[^a-z]", "", f"{outlet} {host}".lower())
    if (
        "local" in f"{outlet} {url}".lower()
        or PAPER.match(re.sub(r"\s*\(.*", "", outlet))
        or named & places
        or any(len(p) > 5 and p in squashed for p in places)
        or LOCAL_TEXT.search(text)
    ):
        return "local news"
    return "news"


def load_scorer(corpus: Path):
    """The corpus's score.py as a module, imported from the corpus folder."""
    sys.path.insert(0, str(corpus))
    try:
        spec = importlib.util.spec_from_file_location("corpus_score", corpus / "score.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(corpus))
    return module


FIGURES = re.compile(r"recall [\d.]+ \((\d+)/(\d+)\), precision [\d.]+ \((\d+)/(\d+)\)")


def figures(scorer, gold: dict, files: Iterable[str], preds: list, tallies: list) -> dict:
    """Required, found, right and wrong for some of the files, as the corpus's scorer counts them."""
    part = {"aliases": gold.get("aliases", {}), "files": {f: gold["files"][f] for f in files}}
    with contextlib.redirect_stdout(io.StringIO()):
        _ok, line = scorer.score(part, preds, tallies)
    m = FIGURES.search(line)
    if not m:
        raise ValueError(f"the corpus scorer's line is not understood: {line!r}")
    found, required, right, given = map(int, m.groups())
    return {"texts": len(part["files"]), "required": required, "found": found, "right": right, "wrong": given - right}


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def table(rows: list[tuple[str, dict]]) -> str:
    out = [
        "| kind | texts | required | found | recall | right | wrong | precision |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, f in rows:
        out.append(
            f"| {kind} | {f['texts']} | {f['required']} | {f['found']} | {_ratio(f['found'], f['required'])} "
            f"| {f['right']} | {f['wrong']} | {_ratio(f['right'], f['right'] + f['wrong'])} |"
        )
    return "\n".join(out) + "\n"


def by_kind(corpus: Path, work: Path) -> str:
    """The Markdown table of figures per kind of text, from the positions the corpus run kept."""
    scorer = load_scorer(corpus)
    gold = json.loads((corpus / "gold.json").read_text(encoding="utf-8"))
    preds = json.loads((work / "positions.json").read_text(encoding="utf-8"))
    tallies_path = work / "tallies.json"
    tallies = json.loads(tallies_path.read_text(encoding="utf-8")) if tallies_path.exists() else []
    places = place_words(ROOT / "seeds" / "people.jsonl")
    groups: dict[str, list[str]] = {}
    for name, entry in sorted(gold["files"].items()):
        path = corpus / "texts" / name
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        groups.setdefault(kind_of(entry.get("meta") or {}, text, places), []).append(name)
    rows = [(k, figures(scorer, gold, groups[k], preds, tallies)) for k in KINDS if k in groups]
    rows.append(("all", figures(scorer, gold, sorted(gold["files"]), preds, tallies)))
    return table(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", help="the corpus folder (default: $TRACKER_CORPUS, else ../shared/corpus)")
    ap.add_argument("--markdown", type=Path, help="also write the table of figures per kind here")
    ap.add_argument("--keep", type=Path, help="keep the scratch database, positions.json and tallies.json here")
    ap.add_argument("--tracker", default=str(ROOT / ".venv" / "bin" / "tracker"), help="the tracker command")
    a = ap.parse_args(argv)
    corpus = corpus_dir(a.corpus)
    if not (corpus / "evaluate").exists() or not (corpus / "gold.json").exists():
        print(f"corpus not found at {corpus}; skipped")
        return 0
    with tempfile.TemporaryDirectory(prefix="corpus-run-") as scratch:
        work = (a.keep or Path(scratch)).resolve()
        cmd = [sys.executable, str(corpus / "evaluate"), "--per-file", "--keep", str(work), "--tracker", a.tracker]
        run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
        sys.stdout.write(run.stdout)
        sys.stderr.write(run.stderr)
        if not (work / "positions.json").exists():
            print(f"the corpus run at {corpus} gave no positions (exit {run.returncode})", file=sys.stderr)
            return 2
        md = by_kind(corpus, work)
    print()
    print(md, end="")
    if a.markdown:
        a.markdown.parent.mkdir(parents=True, exist_ok=True)
        a.markdown.write_text(md, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
