"""A report on one topic: an HTML page and a Markdown file with their charts, written into one folder.

Everything comes from ``tracker.queries``, so the report says what the CLI
says. The folder is self-contained: the page has its style inline and embeds
the charts (SVG files beside it) by relative paths, so it opens from disk, is
copied or published as it is, and never reaches the network.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection

from ..queries import (
    BackerRow,
    ClaimRow,
    DivisionReport,
    PositionRow,
    SaidVotedRow,
    TimelineRow,
    TopicRow,
    division,
    find_topic,
    positions,
    said_vs_voted,
    timeline,
    vote_claims,
    who_backed,
)
from ..queries.said_voted import linked_divisions

DISCREPANCIES = ("contradicts", "did-not-vote")
DIVISION_URL = "https://votes.parliament.uk/Votes/Commons/Division/{}"


@dataclass
class Cited:
    """A source the report cites, numbered in order of publication."""

    number: int
    id: int
    outlet: str | None
    title: str | None
    published: str | None
    url: str | None
    path: str | None
    quotes: int


@dataclass
class Chart:
    file: str
    alt: str


@dataclass
class Report:
    topic: TopicRow
    backers: list[BackerRow]
    timeline: list[TimelineRow]
    divisions: list[DivisionReport]
    verdicts: Counter
    discrepancies: list[SaidVotedRow]
    quotes_of: dict[int, list[PositionRow]]
    sources: list[Cited]
    # what texts say people voted on the topic's divisions, where the division record says otherwise
    claims_against_record: list[ClaimRow] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)

    @property
    def cite(self) -> dict[int, int]:
        """Source id → its number in the list of sources."""
        return {s.id: s.number for s in self.sources}

    def headline(self) -> list[tuple[str, str]]:
        quoted = sum(any(e.kind == "statement" for e in b.evidence) for b in self.backers)
        voted = sum(any(e.kind == "vote" for e in b.evidence) for b in self.backers)
        first = self.backers[0] if self.backers else None
        figures = [
            (str(len(self.backers)), "MPs backed it"),
            (str(quoted), "said so, in a quote we cite"),
            (str(voted), "voted for it in a division"),
        ]
        if first:
            figures.append((first.first_date or "?", f"first: {first.person}"))
        figures.append((str(len(self.discrepancies)), "said one thing and voted otherwise, or did not vote"))
        if self.claims_against_record:
            figures.append((str(len(self.claims_against_record)), "claims in texts about a vote that the record"
                                                                   " contradicts"))
        figures.append((str(len(self.sources)), "sources cited"))
        return figures


def gather(conn: Connection, topic: str) -> Report:
    t = find_topic(conn, topic)
    backers = who_backed(conn, t.slug)
    compared = said_vs_voted(conn, t.slug)
    stated = [p for p in positions(conn, topic=t.slug, include_rejected=False) if p.person_id is not None]
    quotes_of: dict[int, list[PositionRow]] = {}
    for p in sorted(stated, key=lambda p: (p.date or "", p.id)):
        quotes_of.setdefault(p.person_id, []).append(p)
    claims = vote_claims(conn, topic=t.slug, verdict="disagrees")
    seen: dict[int, Cited] = {}
    for p in [*stated, *claims]:
        s = p.source
        cited = seen.setdefault(s.id, Cited(0, s.id, s.outlet, None, s.published, s.url, s.path, 0))
        cited.quotes += 1
    sources = sorted(seen.values(), key=lambda c: (c.published or "", c.id))
    for n, cited in enumerate(sources, 1):
        cited.number = n
    return Report(
        topic=t, backers=backers, timeline=timeline(conn, t.slug),
        divisions=[division(conn, d.id) for d in linked_divisions(conn, t.id)],
        verdicts=Counter(r.verdict for r in compared),
        discrepancies=[r for r in compared if r.verdict in DISCREPANCIES],
        quotes_of=quotes_of, sources=sources, claims_against_record=claims,
    )


def draw(report: Report, out: Path) -> None:
    from .charts import party_breakdown, supporters_over_time

    if report.timeline:
        supporters_over_time(report.timeline, f"Supporters of “{report.topic.name}” over time, by party",
                             out / "supporters.svg")
        report.charts.append(Chart("supporters.svg", f"Cumulative supporters of {report.topic.name} by party"))
    for d in report.divisions:
        name = f"division-{d.division_id}.svg"
        party_breakdown(d, out / name)
        report.charts.append(Chart(name, f"How each party voted in division {d.division_id} ({d.title})"))


def render(report: Report, template: str) -> str:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(loader=PackageLoader("tracker.report", "templates"), undefined=StrictUndefined,
                      autoescape=select_autoescape(["html.j2"]), trim_blocks=True, lstrip_blocks=True)
    env.filters["cell"] = lambda text: " ".join(str(text).split()).replace("|", "\\|")
    return env.get_template(template).render(r=report, cite=report.cite, division_url=DIVISION_URL)


def write_report(conn: Connection, topic: str, out: Path) -> list[Path]:
    """Write index.html, report.md and the charts into ``out``; return the files written."""
    report = gather(conn, topic)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    draw(report, out)
    html, md = out / "index.html", out / "report.md"
    html.write_text(render(report, "report.html.j2"), encoding="utf-8")
    md.write_text(render(report, "report.md.j2"), encoding="utf-8")
    return [html, md] + [out / c.file for c in report.charts]
