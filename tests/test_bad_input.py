"""Bad input, through the real ``tracker`` command: one clear line on stderr, a non-zero exit, nothing changed.

Every case runs the installed console script in a subprocess against a copy of
the built database, and compares a full SQL dump of it before and after. The
table of cases is also the source of ``docs/ROBUSTNESS.md``
(``TRACKER_WRITE_DOCS=1`` rewrites it).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .conftest import ROOT, SEEDS

TRACKER = str(Path(sys.executable).with_name("tracker"))
DOC = ROOT / "docs" / "ROBUSTNESS.md"
VM_HEADER = "rowid\tdate\tvoteno\tBill\tmpid4124\tmpid172\n"
REGISTRY_HEADER = ("membership_id,person_id,constituency,start_date,end_date,start_reason,end_reason,party,"
                   "chamber,label,role,first_name,last_name,nice_name\n")
SQL = "Robert'); DROP TABLE person; --"


@dataclass
class Case:
    what: str  # the bad input, as the docs list it
    args: list[str]  # the command after `tracker --db data.db`
    stderr: str  # exactly what the user sees; empty when the command answers normally
    files: dict[str, bytes] = field(default_factory=dict)  # written into the working folder first
    code: int = 2
    seeds: str | None = None  # a seeds/ copy whose curation.yaml holds this text


def _registry(memberships: str) -> dict[str, bytes]:
    return {
        "registry/organizations.csv": b"classification,id,name\nparty,labour,Labour\n",
        "registry/simple_memberships.csv": (REGISTRY_HEADER + memberships).encode(),
        "registry/person_identifiers.csv": b"person_id,identifier,scheme\n",
        "registry/person_alternative_names.csv": (
            b"person_id,family_name,given_name,note,end_date,honorific_prefix,start_date,additional_name,county,"
            b"lordname,lordofname,name,lordofname_full,surname,organization_id,honorific_suffix\n"),
    }


QUOTE_IN_SEEDS = "- decision: add\n  source: articles/000_87218c2798e0f109.txt\n  topic: gaza-ceasefire\n  " \
                 "stance: support\n  quote: Kate Hollern MP has called for an IMMEDIATE ceasefire\n"

CASES = [
    Case("a file that is not UTF-8", ["ingest", "article.txt"],
         "tracker: article.txt, line 2: not UTF-8 text (byte 24)",
         {"article.txt": b"Kate Hollern said:\nA caf\xe9 owner called for a ceasefire.\n"}),
    Case("an empty file", ["ingest", "article.txt"], "tracker: article.txt: the file is empty",
         {"article.txt": b""}),
    Case("a binary file", ["ingest", "article.txt"],
         "tracker: article.txt: a binary file, not text (it holds NUL bytes)",
         {"article.txt": bytes(range(256)) * 8}),
    Case("a 50 MB file", ["ingest", "article.txt"],
         "tracker: article.txt: too large (52,428,800 bytes; the limit is 5,242,880)",
         {"article.txt": b"ceasefire " * 5_242_880}),
    Case("an article cut off in the middle of a character", ["ingest", "article.txt"],
         "tracker: article.txt, line 1: ends in the middle of a character: truncated?",
         {"article.txt": "Kate Hollern called for a ceasefire “".encode()[:-1]}),
    Case("front matter that is never closed", ["ingest", "article.txt"],
         "tracker: article.txt, line 1: the front matter is never closed (no second '---' line)",
         {"article.txt": b"---\noutlet: Leeds Live\npublished: 2023-11-16\n"}),
    Case("malformed YAML front matter", ["ingest", "article.txt"],
         "tracker: article.txt, line 3: malformed front matter (mapping values are not allowed here)",
         {"article.txt": b"---\noutlet: Leeds Live\nurl: https://x: y\n---\nKate Hollern called for a ceasefire.\n"}),
    Case("front matter that is a list, not fields", ["ingest", "article.txt"],
         "tracker: article.txt, line 2: the front matter must be fields (key: value), one a line",
         {"article.txt": b"---\n- Leeds Live\n---\nKate Hollern called for a ceasefire.\n"}),
    Case("a date 2023-13-45 in front matter", ["ingest", "article.txt"],
         "tracker: article.txt, field 'published': bad date '2023-13-45' (no such day)",
         {"article.txt": b"---\npublished: 2023-13-45\n---\nKate Hollern called for a ceasefire.\n"}),
    Case("a date 2023-13-45 as --published", ["ingest", "article.txt", "--published", "2023-13-45"],
         "tracker: article.txt, field 'published': bad date '2023-13-45' (no such day)",
         {"article.txt": b"Kate Hollern called for a ceasefire.\n"}),
    Case("a kind full of SQL", ["ingest", "article.txt", "--kind", "news'; DROP TABLE source; --"],
         "tracker: article.txt, field 'kind': \"news'; DROP TABLE source; --\" is not a kind of text (a short "
         "label such as news, local news, list, blog, hansard, statement, column, letter, official)",
         {"article.txt": b"Kate Hollern called for a ceasefire.\n"}),
    Case("a file that does not exist", ["ingest", "nowhere.txt"], "tracker: nowhere.txt: file not found"),
    Case("a votematrix row with a wrong field count", ["import", "divisions", "votes.dat"],
         "tracker: votes.dat, line 3: expected 6 tab-separated fields, found 5",
         {"votes.dat": (VM_HEADER + "1\t2023-11-15\t5\tTitle\t2\t4\n2\t2023-11-16\t6\tTitle\t2\n").encode()}),
    Case("a votematrix with an unknown vote code", ["import", "divisions", "votes.dat"],
         "tracker: votes.dat, line 2, column mpid172: unknown vote code '7' (expected -9, 1, 2, 4 or 5)",
         {"votes.dat": (VM_HEADER + "1\t2023-11-15\t5\tTitle\t2\t7\n").encode()}),
    Case("a votematrix with an unknown member id", ["import", "divisions", "votes.dat"],
         "tracker: votes.dat, line 2: member id 99999999 is not in the registry (datadotparl_id)",
         {"votes.dat": (VM_HEADER.replace("mpid172", "mpid99999999") + "1\t2023-11-15\t5\tTitle\t2\t4\n").encode()}),
    Case("a votematrix dated 2023-13-45", ["import", "divisions", "votes.dat"],
         "tracker: votes.dat, line 2, field 'date': bad date '2023-13-45' (expected YYYY-MM-DD)",
         {"votes.dat": (VM_HEADER + "1\t2023-13-45\t5\tTitle\t2\t4\n").encode()}),
    Case("Commons JSON with missing fields", ["import", "divisions", "division.json"],
         "tracker: division.json: field 'Title' is missing",
         {"division.json": b'{"DivisionId": 5, "Date": "2023-11-15", "Ayes": [], "Noes": []}'}),
    Case("Commons JSON with a member without an id", ["import", "divisions", "division.json"],
         "tracker: division.json, field 'Ayes'[0]: field 'MemberId' is missing",
         {"division.json": b'{"DivisionId": 5, "Date": "2023-11-15", "Title": "x", "Ayes": [{"Name": "A"}], '
                           b'"Noes": []}'}),
    Case("Commons JSON cut short", ["import", "divisions", "division.json"],
         "tracker: division.json, line 1: not valid JSON (Expecting value)",
         {"division.json": b'{"DivisionId": 5, "Date": "2023-11-15", "Title": "x", "Ayes": ['}),
    Case("a registry CSV with a bad date", ["import", "members", "registry"],
         "tracker: registry/simple_memberships.csv, line 2, field 'start_date': bad date '2019-02-30' (no such day)",
         _registry("m/1,p/1,Blackburn,2019-02-30,,general_election,,labour,commons,MP,MP,Kate,Hollern,"
                   "Kate Hollern\n")),
    Case("a registry CSV with a missing column", ["import", "members", "registry"],
         "tracker: registry/simple_memberships.csv, line 1: missing column(s): end_date",
         {**_registry(""), "registry/simple_memberships.csv": REGISTRY_HEADER.replace(",end_date", "").encode()}),
    Case("a curation decision with a bad fingerprint", ["build", "--seeds", "seeds"],
         "tracker: seeds/curation.yaml, line 3, field 'fingerprint': expected a fingerprint of 40 hex digits, "
         "found \"x' OR 1=1 --\"",
         seeds="# decisions\n\n- fingerprint: \"x' OR 1=1 --\"\n  decision: reject\n"),
    Case("a hand-added position whose quote is not in its source", ["build", "--seeds", "seeds"],
         "tracker: seeds/curation.yaml, line 1, field 'quote': not found verbatim in source "
         "articles/000_87218c2798e0f109.txt",
         seeds=QUOTE_IN_SEEDS),
    Case("a review of a fingerprint full of SQL", ["review", "reject", "'; DROP TABLE position; --"],
         "tracker: fingerprint: \"'; DROP TABLE position; --\" is not hex digits"),
    Case("a correction dated 2023-13-45", ["review", "correct", "0123", "--date", "2023-13-45"],
         "tracker: --date: bad date '2023-13-45' (no such day)"),
    Case("a topic full of quotes and SQL", ["who-backed", "cease'fire\"; DROP TABLE topic; --"],
         "tracker: no topic 'cease'fire\"; DROP TABLE topic; --'; did you mean: gaza-ceasefire?",
         code=1),
    Case("a name full of quotes and SQL", ["person", SQL],
         f"tracker: no person '{SQL}'; did you mean: Rob Roberts, Baroness Gale, Lord Birt?", code=1),
    Case("a --person filter full of quotes and SQL", ["positions", "--person", "O'Brien\" OR 1=1 --"],
         "tracker: no person 'O'Brien\" OR 1=1 --'; did you mean: Neil O'Brien, Baroness Brinton, Lord Rea?",
         code=1),
    Case("a search full of quotes and SQL", ["search", "\"ceasefire' OR 1=1; DROP TABLE source; --"], "",
         code=0),
    Case("a query against a database file that does not exist", ["--db", "missing.db", "positions"],
         "tracker: missing.db: no such database file (`tracker build` makes one)"),
    Case("an output format that does not exist", ["who-backed", "ceasefire", "--format", "xml"],
         "tracker: Invalid value for '--format' / '-f': Value error, 'xml' is not one of 'table', 'json', 'csv'. "
         "(see `tracker who-backed --help`)"),
    Case("a date 2023-13-45 as --since", ["who-backed", "ceasefire", "--since", "2023-13-45"],
         "tracker: Invalid value for '--since': '2023-13-45' is not a date (YYYY-MM-DD, YYYY-MM or YYYY) "
         "(see `tracker who-backed --help`)"),
    Case("an option that does not exist", ["positions", "--colour", "red"],
         "tracker: No such option: --colour (Possible options: --source) (see `tracker positions --help`)"),
]


def dump(db: Path) -> list[str]:
    con = sqlite3.connect(db)
    try:
        return list(con.iterdump())
    finally:
        con.close()


@pytest.fixture(scope="module")
def workdir(built_db, tmp_path_factory):
    """A working folder holding a copy of the built database, and its dump before any case ran."""
    path = tmp_path_factory.mktemp("bad-input")
    shutil.copy(built_db, path / "data.db")
    return path, dump(path / "data.db")


def run_case(case: Case, folder: Path) -> subprocess.CompletedProcess:
    for name, content in case.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    if case.seeds is not None:
        shutil.rmtree(folder / "seeds", ignore_errors=True)
        shutil.copytree(SEEDS, folder / "seeds")
        (folder / "seeds" / "curation.yaml").write_text(case.seeds, encoding="utf-8")
    env = {**os.environ, "TRACKER_DB": "", "COLUMNS": "200"}
    return subprocess.run([TRACKER, "--db", "data.db", *case.args], cwd=folder, capture_output=True, text=True,
                          env=env, timeout=120)


@pytest.mark.parametrize("case", CASES, ids=[c.what for c in CASES])
def test_bad_input_gets_one_line_and_changes_nothing(case, workdir):
    folder, before = workdir
    result = run_case(case, folder)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr
    assert lines == ([case.stderr] if case.stderr else []), result.stderr
    assert result.returncode == case.code
    assert dump(folder / "data.db") == before
    assert not (folder / "missing.db").exists()
    assert sqlite3.connect(folder / "data.db").execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_cut_off_text_is_read_with_one_warning(built_db, tmp_path):
    """An excerpt that ends inside a quotation is stored whole and read; a warning names the line."""
    folder = tmp_path
    shutil.copy(built_db, folder / "data.db")
    text = "Blackburn MP Kate Hollern spoke.\n\nShe said: “I support an immediate ceasefire and I".encode()
    case = Case("cut off", ["ingest", "article.txt", "--kind", "Press Release"], "", {"article.txt": text})
    result = run_case(case, folder)
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stderr.splitlines() if line.strip()] == [
        "tracker: warning: article.txt, line 3: the text ends inside a quotation opened here (cut off?); "
        "read as it is"]
    con = sqlite3.connect(folder / "data.db")
    stored = con.execute("SELECT kind, text FROM source WHERE path = 'article.txt'").fetchone()
    assert stored == ("press release", text.decode())


def render_doc() -> str:
    out = [
        "# Bad input and what it gets",
        "",
        "Each row is a case in `tests/test_bad_input.py`, run through the `tracker` command",
        "against a built database: it must print exactly this one line on standard error, exit",
        "with this status, and leave a full SQL dump of the database unchanged. This file is",
        "written from that table (`TRACKER_WRITE_DOCS=1 pytest tests/test_bad_input.py`), so it",
        "cannot drift from what the tests check.",
        "",
        "| bad input | command | exit | standard error |",
        "|---|---|---|---|",
    ]
    for c in CASES:
        command = " ".join(["tracker", *(a if a and " " not in a else repr(a) for a in c.args)])
        line = c.stderr or "(nothing: the search answers, finding no match)"
        cells = [c.what, f"`{command}`", str(c.code), f"`` {line} ``" if c.stderr else line]
        out.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    out.append("")
    return "\n".join(out)


def test_robustness_doc_lists_every_case():
    if os.environ.get("TRACKER_WRITE_DOCS"):
        DOC.write_text(render_doc(), encoding="utf-8")
    assert DOC.read_text(encoding="utf-8") == render_doc(), "run TRACKER_WRITE_DOCS=1 pytest tests/test_bad_input.py"
