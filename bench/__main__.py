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

from . import cli, extraction, imports, load_test, questions, web
from .measure import ROOT, machine, pg_schema, pg_version

DOC = ROOT / "docs" / "PERFORMANCE.md"
NOTES = """Reading the figures. Who backed each topic, said-vs-voted and each division's party breakdown are
kept in answer tables that every load refreshes inside its own transaction, from the query module's own
answers (docs/DESIGN.md, "Answers kept, not recomputed"); the views Datasette shows read them, so a canned query
reads a few indexed rows instead of millions of votes, and `who-backed` and `said-vs-voted` print their tables
from them through plain sqlite3, without loading SQLAlchemy. The full questions (the Python API, the report,
`--format json`) still build every piece of evidence: the vote rows they read are three integers each, results
are fetched whole, a vote that thousands cast the same way is one shared object, and the cyclic garbage
collector is paused while rows are built. Every load ends by refreshing the planner's statistics (ANALYZE on
PostgreSQL, a sampled ANALYZE on SQLite). The machine is shared: the load average when the run began is in the
table below, and other work ran during it, so medians carry noise; the fastest of the runs is shown beside
each. A command's time runs from its start to its exit; its peak memory is its own, read from the kernel by a
small launcher that starts it (the launcher's 9 MB or so are counted in every figure alike)."""
QUESTION_MS = 100
HELP_S = 0.3
IMPORT_MB = 300
PAGE_MS = 100  # every canned query and view, per HTTP request, warm
PG_PAGE_FACTOR = 2.0  # the same SQL on PostgreSQL, against the SQLite page
CLI_S = 0.4  # a question as a whole process
CLI_WARM_MS = 20


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
        runs = imports.sqlite(work)
        doc.imports("SQLite", runs, imports.FLOOR if imports.FLOOR in runs else "raw sqlite3 executemany", 2.0)
        if postgres:
            doc.imports("PostgreSQL", imports.postgres(work), "psql \\copy of the same rows", 1.5)

    results: dict[tuple[str, int], questions.Timings] = {}
    for scale in scales:
        seeds = questions.generate(work, scale)
        counts = _counts(seeds)
        plans = scale == max(scales)
        print(f"synthetic parliament {scale}x on SQLite ...", flush=True)
        db = str(work / f"synth-{scale}x.db")
        results["SQLite", scale] = questions.measure(db, seeds, counts, plans)
        pg_sql = None
        if plans:
            from tracker.db import make_engine

            engine = make_engine(db)
            with engine.connect() as conn:
                args = web.arguments(conn)
                picked = questions.picks(conn)
                statements = web.sql_statements(args)
                sqlite_sql = web.time_sql(conn, statements)
            engine.dispose()
            print(f"Datasette pages at {scale}x ...", flush=True)
            with web.serve(db) as base:
                pages = web.time_pages(base, Path(db).stem, args)
            print(f"load test at {scale}x ...", flush=True)
            loaded = load_test.load_test(db)
            print(f"CLI at {scale}x ...", flush=True)
            whole = cli.whole_process(db, cli.commands(*picked))
            warm = cli.warm(db, *picked)
        if postgres:
            print(f"synthetic parliament {scale}x on PostgreSQL ...", flush=True)
            with pg_schema(f"synth{scale}") as (url, _):
                results["PostgreSQL", scale] = questions.measure(url, seeds, counts, plans)
                if plans:
                    from tracker.db import make_engine

                    engine = make_engine(url)
                    with engine.connect() as conn:
                        pg_sql = web.time_sql(conn, statements)
                    engine.dispose()
        if plans:
            doc_pages = (scale, pages, sqlite_sql, pg_sql)
            doc_cli = (scale, picked, whole, warm)
            doc_load = (scale, loaded)
    doc.questions(results, scales)
    doc.pages(*doc_pages)
    doc.load(*doc_load)
    doc.cli(*doc_cli)
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
        gap = []
        if yardstick == imports.FLOOR and "raw sqlite3 executemany" in runs:
            floor, schema, ours = (runs[k].seconds for k in (yardstick, "raw sqlite3 executemany", tracker))
            gap = [
                f"What the gap to the floor ({ours:.2f} s against {floor:.2f} s) is made of. Both write the votes "
                "into a table keyed by (division, person) with no row id and build the person index once the rows "
                "are in (the tracker does so whenever the vote table is empty, as on a first load); the tracker's "
                "rows carry a fourth column, the voter's party on the day, the option check is tested on every "
                "vote, each division gets its motion, and the write-ahead log is folded back into the file. The "
                "three foreign keys are checked once, over the whole database, just before the commit, instead of "
                "vote by vote: the in-project yardstick "
                f"({schema:.2f} s: the same rows into the tracker's own schema with plain sqlite3, each vote with "
                "the voter's party on the day) checks them row by row and keeps the person index up as rows go in. "
                f"Of the gap, {ours - floor:.2f} s, the most is the tracker's own work: the command's start-up "
                "(Python and Typer: on a SQLite file the load runs on plain sqlite3 and loads no SQLAlchemy; the "
                "schema check reads one row), reading the file into checked "
                "records, counting inserted, updated and unchanged rows, the party breakdown of every division "
                "loaded (the answer table, in the same transaction), the foreign key check, and the "
                "planner's statistics at the end.", ""]
        self.add(f"## Importing the 2019-2024 division file: {engine}", "",
                 "`votematrix-2019.dat`: 1,053 divisions, about 510,000 votes, into a database holding the "
                 "full members registry. Each command is a new process, timed from start to exit (start-up, "
                 "schema check, parsing, party on the day, loading, commit).", "",
                 *([f"The tracker's import and the floor ran in turn, {len(runs[tracker].times)} times each: their "
                    "seconds are the medians (all runs: "
                    + "; ".join(f"{k} {', '.join(f'{t:.2f}' for t in r.times)}" for k, r in runs.items() if r.times)
                    + ").", ""] if runs[tracker].times else []),
                 "| loader | seconds | × tracker | peak memory (MB) |", "|---|---|---|---|",
                 *(f"| {k} | {r.seconds:.2f} | {r.seconds / runs[tracker].seconds:.2f} | {r.max_rss_mb:.0f} |"
                   for k, r in runs.items()), "", *gap)

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

    def pages(self, scale: int, pages, sqlite_sql: dict, pg_sql: dict | None) -> None:
        worst = max(web.median_ms(t) for t in pages.seconds.values())
        ok = not pages.errors and worst <= PAGE_MS
        self.summary.append((f"Datasette, SQLite {scale}x: every canned query and view ≤ {PAGE_MS} ms per request "
                             "(sql_time_limit_ms 1000)", f"slowest {worst:.1f} ms median; "
                             f"{len(pages.errors)} errors", _met(ok)))
        head = "| page | rows | per request (median) | fastest | its SQL on SQLite |"
        rule = "|---|---|---|---|---|"
        if pg_sql:
            head += " same SQL on PostgreSQL | PostgreSQL ÷ SQLite page |"
            rule += "---|---|"
            ratios = {k: web.median_ms(pg_sql[k]) / web.median_ms(pages.seconds[k]) for k in pages.seconds}
            worst_ratio = max(ratios.values())
            self.summary.append((f"PostgreSQL {scale}x: the same SQL within {PG_PAGE_FACTOR:.0f}x of the SQLite page",
                                 f"at most {worst_ratio:.2f}x", _met(worst_ratio <= PG_PAGE_FACTOR)))
        lines = []
        for label, times in pages.seconds.items():
            line = (f"| `{label}` | {pages.rows[label]} | {web.median_ms(times):.1f} ms | {min(times) * 1000:.1f} ms "
                    f"| {web.median_ms(sqlite_sql[label]):.1f} ms |")
            if pg_sql:
                line += f" {web.median_ms(pg_sql[label]):.1f} ms | {ratios[label]:.2f} |"
            lines.append(line)
        self.add(f"## Datasette at {scale}x", "",
                 f"`tracker serve` on the {scale}x SQLite file (Datasette's default `sql_time_limit_ms` of 1,000), "
                 "each "
                 f"page fetched as JSON over loopback HTTP, warm, {web.REPEAT} times; a canned query's page holds at "
                 "most 1,000 rows, a view's first 50 with its row count and facets. Beside each: its SQL run to the "
                 "last row in process on SQLite and, on the same data, on PostgreSQL.", "", head, rule, *lines, "",
                 *(f"Error on `{k}`: {v}" for k, v in pages.errors.items()), "")

    def load(self, scale: int, result) -> None:
        self.summary.append((f"load test, SQLite {scale}x: {result.clients} clients for "
                             f"{load_test.SECONDS:.0f} s, 0 errors",
                             f"{result.rps:.0f} requests/s, p50 {result.percentile(50) * 1000:.0f} ms, "
                             f"p99 {result.percentile(99) * 1000:.0f} ms, {len(result.errors)} errors",
                             _met(not result.errors)))
        self.add(f"## Load test at {scale}x", "",
                 f"`bench/load_test.py`: `tracker serve` on a free loopback port, {result.clients} concurrent clients "
                 f"(asyncio, httpx) for {result.seconds:.1f} s, each picking one of the four canned queries with "
                 "varied parameters (every topic, divisions across the record, people by full and by part name) "
                 "and asking again as soon as it is answered; the server is stopped at the end.", "",
                 "| requests | per second | p50 | p99 | errors |", "|---|---|---|---|---|",
                 f"| {result.requests:,} | {result.rps:.0f} | {result.percentile(50) * 1000:.0f} ms | "
                 f"{result.percentile(99) * 1000:.0f} ms | {len(result.errors)} |", "",
                 "Answered: " + ", ".join(f"{k} {v:,}" for k, v in sorted(result.by_query.items())) + ". "
                 "One server process answers every client: Datasette runs each query on one of its three SQL "
                 "threads and builds each JSON page in Python, so with 32 clients on two cores a request mostly "
                 "waits its turn; the latencies are those of the queue, the per-request figures above those of "
                 "one request alone.", "")

    def cli(self, scale: int, picked, whole: dict, warm: dict) -> None:
        lines = []
        for label in whole:
            w, h = statistics.median(whole[label]), statistics.median(warm[label]) * 1000
            lines.append(f"| `tracker {label}` | {w:.2f} s | {min(whole[label]):.2f} s | {h:.1f} ms | "
                         f"{min(warm[label]) * 1000:.1f} ms |")
            self.summary.append((f"CLI {scale}x: `{label}` ≤ {CLI_S} s whole process", f"{w:.2f} s median",
                                 _met(w <= CLI_S)))
            self.summary.append((f"CLI {scale}x: `{label}` ≤ {CLI_WARM_MS} ms warm in process", f"{h:.1f} ms median",
                                 _met(h <= CLI_WARM_MS)))
        topic, person, division = picked
        self.add(f"## The CLI at {scale}x", "",
                 f"Topic `{topic}`, person '{person}', division {division}. Whole process: the command run "
                 f"{cli.RUNS} times, each a new process from start to exit, its output read through a pipe. Warm: "
                 "the query-module call the command makes, in one process, after one run.", "",
                 "| command | whole process (median) | fastest | warm (median) | fastest |", "|---|---|---|---|---|",
                 *lines, "",
                 "`who-backed` and `said-vs-voted` print their tables from the answer tables through plain sqlite3: "
                 "the process loads neither SQLAlchemy nor the models, and reads one indexed row per person. "
                 "`person` and `division` build their full reports with the same functions the Python API "
                 "calls, through plain sqlite3 too (the SQL is written once for both engines, "
                 "`tracker/queries/sql.py`): no SQLAlchemy to load, and a division reads only the seats held on "
                 "its day.", "")

    def text(self) -> str:
        head = ["# Performance", "",
                "Figures from one run of `make bench` (`.venv/bin/python -m bench`) on the machine below; every "
                "comparison was measured side by side in that run. No test asserts a time: the figures live "
                "here. Rerun to refresh this file.", "", "## Targets", "", "| target | figure | |", "|---|---|---|",
                *(f"| {t} | {f} | {m} |" for t, f, m in self.summary), "", NOTES, ""]
        return "\n".join(head + self.parts) + "\n"


if __name__ == "__main__":
    main()
