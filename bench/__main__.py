"""Run every benchmark side by side and write the figures to docs/PERFORMANCE.md.

    .venv/bin/python -m bench [--work DIR] [--data DIR] [--scales 1,10] [--no-postgres]

Reads the 2019-2024 division file and the members registry under --data (else
$TRACKER_DATA, else ../shared/data beside the project) when they are there (the
import benchmarks are skipped, with the reason, when not); makes its synthetic
parliaments and scratch databases under --work; PostgreSQL figures use the
server named by TRACKER_BENCH_PG, in schemas dropped after.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
from pathlib import Path

from . import extraction, imports, questions
from .measure import ROOT, machine, pg_schema, pg_version

DOC = ROOT / "docs" / "PERFORMANCE.md"
NOTES = """Reading the figures: who-backed and said-vs-voted return one row per person with every piece of
evidence, so their answers grow with the data (at 10x about 2,000 people, each with tens of statements and
votes). What keeps them well under the line: the vote rows they read are three integers each (what a division
is comes from a small table read once), results are fetched whole rather than row by row, a vote that
thousands cast the same way is one shared object and so is a source quoted many times, each person's votes
fill one slot per linked division instead of a dictionary, the memberships behind party-on-the-day are read
without joins (the few organisations are resolved once) and ordered as plain tuples, and the cyclic garbage
collector is paused while rows are built. Every load ends by refreshing the planner's statistics (ANALYZE on
PostgreSQL, a sampled ANALYZE on SQLite), so the first questions after a bulk load are well planned: on
SQLite this is what makes the person report find one member's statements by person rather than by topic.
The machine is shared: the load average when the run began is in the table below, and other work ran during
it, so medians carry noise; the fastest of the runs is shown beside each."""
QUESTION_MS = 100
HELP_S = 0.3
IMPORT_MB = 300


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temporary one)")
    parser.add_argument("--data", type=Path, default=None,
                        help="folder holding divisions/votematrix-2019.dat and registry/ "
                             "(default: $TRACKER_DATA, else ../shared/data beside the project)")
    parser.add_argument("--scales", default="1,10", help="synthetic parliament sizes (default 1,10)")
    parser.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    scales = [int(s) for s in args.scales.split(",")]
    postgres = not args.no_postgres and pg_version() is not None
    doc = Doc()
    doc.machine(machine())

    print("cold start ...", flush=True)
    doc.startup(extraction.help_start())
    print("extraction ...", flush=True)
    seeds_1x = questions.generate(work, 1)
    doc.extraction(*extraction.one_core(), extraction.pool(seeds_1x))

    print("division file import ...", flush=True)
    imports.use_data(args.data)
    why = imports.available()
    if why:
        doc.skipped("Importing the 2019-2024 division file", why)
    else:
        doc.imports("SQLite", imports.sqlite(work), "raw sqlite3 executemany", 2.0)
        if postgres:
            doc.imports("PostgreSQL", imports.postgres(work), "psql \\copy of the same rows", 1.5)

    results: dict[tuple[str, int], questions.Timings] = {}
    for scale in scales:
        seeds = questions.generate(work, scale)
        counts = _counts(seeds)
        plans = scale == max(scales)
        print(f"synthetic parliament {scale}x on SQLite ...", flush=True)
        results["SQLite", scale] = questions.measure(str(work / f"synth-{scale}x.db"), seeds, counts, plans)
        if postgres:
            print(f"synthetic parliament {scale}x on PostgreSQL ...", flush=True)
            with pg_schema(f"synth{scale}") as (url, _):
                results["PostgreSQL", scale] = questions.measure(url, seeds, counts, plans)
    doc.questions(results, scales)
    DOC.write_text(doc.text(), encoding="utf-8")
    print(f"→ {DOC}")


def _counts(seeds: Path) -> dict[str, int]:
    votes = sum(line.count("\t2") + line.count("\t4") + line.count("\t1") + line.count("\t5")
                for path in sorted((seeds / "divisions").glob("*.dat"))
                for line in path.read_text(encoding="utf-8").splitlines()[1:])
    people = sum(1 for _ in (seeds / "people.jsonl").open(encoding="utf-8"))
    articles = sum(1 for _ in (seeds / "articles").iterdir())
    return {"people": people, "votes": votes, "articles": articles,
            "statements": articles * questions.synth.STATEMENTS_PER_ARTICLE}


def short_sql(sql: str) -> str:
    """One line, with long IN (...) lists of placeholders cut to (…)."""
    sql = re.sub(r"%\((\w+)\)s", r":\1", " ".join(sql.split()))
    return re.sub(r"\((?:[^()]*?,){8,}[^()]*\)", "(…)", sql)


def short_plan(plan: str) -> str:
    """Long arrays of bound values in a plan cut to {…}."""
    return re.sub(r"'\{[^}]{60,}\}'", "'{…}'", plan)


def _met(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


class Doc:
    def __init__(self):
        self.parts: list[str] = []
        self.summary: list[tuple[str, str, str]] = []  # target, figure, met

    def add(self, *lines: str) -> None:
        self.parts.extend(lines)

    def machine(self, info: dict[str, str]) -> None:
        self.add("## The machine", "", "| | |", "|---|---|", *(f"| {k} | {v} |" for k, v in info.items()), "")

    def startup(self, times: list[float]) -> None:
        median = statistics.median(times)
        self.summary.append((f"`tracker --help` cold start ≤ {HELP_S} s", f"{median:.3f} s median of {len(times)}",
                             _met(median <= HELP_S)))
        self.add("## Cold start", "", f"`tracker --help` in a new process, {len(times)} runs: median "
                 f"{median:.3f} s, fastest {min(times):.3f} s. The CLI module imports only Typer; every command "
                 "imports what it needs when it runs, and SQLAlchemy is loaded only to report a database error.", "")

    def extraction(self, per_core: float, report: str, pool: dict[str, float]) -> None:
        one, many = (k for k in pool if k not in ("articles", "MB"))
        speedup = pool[one] / pool[many]
        self.summary.append(("extraction ≥ 1 MB/s of text per core", f"{per_core:.2f} MB/s", _met(per_core >= 1)))
        self.summary.append(("worker pool speed-up", f"{speedup:.2f}x with {many}", "(figure)"))
        self.add("## Extraction", "", "One core, `bench/bench_extract.py` (seed articles, full registry):", "",
                 *(f"    {line}" for line in report.splitlines()), "",
                 f"Worker pool, {pool['articles']:,} synthetic articles ({pool['MB']:.2f} MB), "
                 "pool start-up included:", "", "| | seconds | MB/s |", "|---|---|---|",
                 *(f"| {k} | {pool[k]:.2f} | {pool['MB'] / pool[k]:.2f} |" for k in (one, many)), "",
                 f"Speed-up {speedup:.2f}x on this machine.", "")

    def skipped(self, title: str, why: str) -> None:
        self.summary.append((title, "skipped", why))
        self.add(f"## {title}", "", f"Skipped: {why}.", "")

    def imports(self, engine: str, runs: dict, yardstick: str, limit: float) -> None:
        tracker = next(k for k in runs if k.startswith("tracker import"))
        ratio = runs[tracker].seconds / runs[yardstick].seconds
        self.summary.append((f"{engine}: division file import ≤ {limit}x {yardstick}",
                             f"{runs[tracker].seconds:.1f} s vs {runs[yardstick].seconds:.1f} s = {ratio:.2f}x",
                             _met(ratio <= limit)))
        if engine == "SQLite":
            peak = runs[tracker].max_rss_mb
            self.summary.append((f"whole-file import peak memory < {IMPORT_MB} MB", f"{peak:.0f} MB",
                                 _met(peak < IMPORT_MB)))
        self.add(f"## Importing the 2019-2024 division file: {engine}", "",
                 "`votematrix-2019.dat`: 1,053 divisions, about 510,000 votes, into a database holding the "
                 "full members registry. Each command is a new process, timed from start to exit (start-up, "
                 "schema check, parsing, party on the day, loading, commit).", "",
                 "| loader | seconds | × tracker | peak memory (MB) |", "|---|---|---|---|",
                 *(f"| {k} | {r.seconds:.2f} | {r.seconds / runs[tracker].seconds:.2f} | {r.max_rss_mb:.0f} |"
                   for k, r in runs.items()), "")

    def questions(self, results: dict, scales: list[int]) -> None:
        self.add("## Synthetic parliaments: build and the four questions", "",
                 "`bench/synth.py` writes a seeds folder: scale N is N five-year parliaments of 650 seats, about "
                 "1,050 divisions each, members keeping, losing and changing seats and parties, and 1,000 "
                 "articles each with five statements on eight topics. `tracker build --seeds` loads it (articles "
                 "through the extraction pool). Question times are in process, warm (one run first), "
                 f"fastest and median of {questions.REPEAT}.", "")
        for (engine, scale), t in results.items():
            self.add(f"### {engine}, {scale}x: {t.counts['people']:,} people, {t.counts['votes']:,} votes, "
                     f"{t.counts['statements']:,} statements", "",
                     f"Build: {t.build.seconds:.1f} s, peak memory {t.build.max_rss_mb:.0f} MB.", "",
                     "| question | warm time |", "|---|---|",
                     *(f"| {q} | {min(s) * 1000:.1f} ms (median {statistics.median(s) * 1000:.1f}) |"
                       for q, s in t.seconds.items()), "")
        big, small = max(scales), min(scales)
        for engine in sorted({e for e, _ in results}):
            if (engine, big) not in results or big == small:
                continue
            a, b = results[engine, small], results[engine, big]
            self.add(f"### {engine}: growth from {small}x to {big}x", "", "| question | "
                     f"{small}x median | {big}x median | growth |", "|---|---|---|---|")
            for (qa, sa), (_, sb) in zip(a.seconds.items(), b.seconds.items(), strict=True):
                ma, mb = statistics.median(sa), statistics.median(sb)
                self.add(f"| {qa.split(' ')[0]} | {ma * 1000:.1f} ms | {mb * 1000:.1f} ms | {mb / ma:.1f}x |")
                self.summary.append((f"{engine} {big}x: {qa.split(' ')[0]} ≤ {QUESTION_MS} ms warm",
                                     f"{mb * 1000:.1f} ms median", _met(mb * 1000 <= QUESTION_MS)))
            self.add("", f"Build peak memory: {a.build.max_rss_mb:.0f} MB at {small}x, {b.build.max_rss_mb:.0f} MB "
                     f"at {big}x: division files are read a batch at a time and articles extracted and loaded "
                     "in batches, so memory follows the batch, not the input.", "")
            self.summary.append((f"{engine}: {big}x build streams its inputs",
                                 f"{a.build.max_rss_mb:.0f} MB → {b.build.max_rss_mb:.0f} MB peak",
                                 _met(b.build.max_rss_mb < 3 * a.build.max_rss_mb)))
        self.add("## Query plans at the largest scale", "",
                 "Each distinct statement a question runs, with the plan the engine chose (SQLite: EXPLAIN QUERY "
                 "PLAN; PostgreSQL: EXPLAIN ANALYZE). Long lists of bound values are shortened to `(…)`.", "")
        for (engine, _), t in results.items():
            for question, plans in t.plans.items():
                self.add(f"### {engine}: {question}", "")
                for sql, plan in dict.fromkeys((short_sql(sql), short_plan(plan)) for sql, plan in plans):
                    self.add("```sql", sql, "```", "```", plan, "```", "")

    def text(self) -> str:
        head = ["# Performance", "",
                "Figures from one run of `make bench` (`.venv/bin/python -m bench`) on the machine below; every "
                "comparison was measured side by side in that run. No test asserts a time: the figures live "
                "here. Rerun to refresh this file.", "", "## Targets", "", "| target | figure | |", "|---|---|---|",
                *(f"| {t} | {f} | {m} |" for t, f, m in self.summary), "", NOTES, ""]
        return "\n".join(head + self.parts) + "\n"


if __name__ == "__main__":
    main()
