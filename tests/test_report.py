"""``tracker report``: the page, the Markdown, their charts and every link, against the query module."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker import queries
from tracker.cli import app


class Links(HTMLParser):
    """The images, links and anchors of a page, and its text."""

    def __init__(self):
        super().__init__()
        self.images: list[str] = []
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs["src"])
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if "id" in attrs:
            self.ids.add(attrs["id"])

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def written(built_db, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "ceasefire"
    result = CliRunner().invoke(app, ["--db", str(built_db), "report", "ceasefire", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [str(out / name) for name in
                                     ("index.html", "report.md", "supporters.svg", "division-1666.svg")]
    return out


@pytest.fixture(scope="module")
def page(written) -> Links:
    parser = Links()
    parser.feed((written / "index.html").read_text(encoding="utf-8"))
    return parser


def test_the_page_embeds_both_charts_from_files_beside_it(written, page):
    assert page.images == ["supporters.svg", "division-1666.svg"]
    supporters = (written / "supporters.svg").read_text(encoding="utf-8")
    assert supporters.lstrip().startswith("<?xml") and "<svg" in supporters
    assert "Labour" in supporters and "Scottish National Party" in supporters and ">128<" in supporters
    breakdown = (written / "division-1666.svg").read_text(encoding="utf-8")
    assert "Conservative" in breakdown and "125 ayes, 294 noes" in breakdown


def test_the_page_needs_nothing_from_the_network(written):
    html = (written / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)\b", html)
    assert not re.search(r'src="https?:', html)


def test_headline_figures_and_supporters_are_those_of_the_query_module(conn, page):
    backers = queries.who_backed(conn, "ceasefire")
    text = " ".join(" ".join(page.text).split())
    assert f"{len(backers)} MPs backed it" in text
    assert "2023-10-31 first: Kate Hollern" in text
    rows = re.findall(r"\b(\d+) ([A-Z][^0-9]+?) (?:Labour|Liberal Democrat|Scottish National Party|Independent|"
                      r"Labour/Co-operative|Green|Plaid Cymru|Alba|Alliance|Social Democratic and Labour Party) ",
                      text)
    assert rows[0] == ("1", "Kate Hollern")
    for b in backers:
        assert b.person in text
    assert "Kate Hollern MP has called for an immediate ceasefire" in text


def test_every_link_goes_somewhere(page):
    internal = [link for link in page.links if link.startswith("#")]
    assert internal and all(link[1:] in page.ids for link in internal)
    external = [link for link in page.links if not link.startswith("#")]
    assert external and all(link.startswith("https://") for link in external)
    assert "https://votes.parliament.uk/Votes/Commons/Division/1666" in external


def test_every_source_of_a_quote_is_cited_with_its_link(conn, page):
    stated = queries.positions(conn, topic="ceasefire", include_rejected=False)
    cited = [i for i in page.ids if i.startswith("source-")]
    assert len(cited) == len({p.source.id for p in stated if p.person_id})
    for p in stated:
        if p.source.url:
            assert p.source.url in page.links
    text = " ".join(page.text)
    for outlet in {p.source.outlet for p in stated if p.source.outlet}:
        assert outlet in text


def test_said_vs_voted_discrepancies_are_listed(conn, page):
    text = " ".join(" ".join(page.text).split())
    discrepancies = [r for r in queries.said_vs_voted(conn, "ceasefire")
                     if r.verdict in ("contradicts", "did-not-vote")]
    assert discrepancies
    for r in discrepancies:
        assert re.search(rf"{re.escape(r.person)} .*? {r.verdict}", text)


def test_the_markdown_links_the_same_charts_and_sources(written, page):
    md = (written / "report.md").read_text(encoding="utf-8")
    assert re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md) == page.images
    assert md.startswith("# Ceasefire in Gaza: who backed it, and when?")
    assert "| 1 | Kate Hollern | Labour | Blackburn | 2023-10-31 |" in md
    anchors = set(re.findall(r'<a id="(source-\d+)"></a>', md))
    assert anchors == {i for i in page.ids if i.startswith("source-")}
    assert set(re.findall(r"\]\(#(source-\d+)\)", md)) <= anchors


def test_an_unknown_topic_is_one_line_and_writes_nothing(built_db, tmp_path):
    import subprocess
    import sys

    out = tmp_path / "none"
    result = subprocess.run([sys.executable, "-c", "from tracker.cli import main; main()", "--db", str(built_db),
                             "report", "nonsense", "--out", str(out)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("tracker: no topic 'nonsense'") and len(result.stderr.splitlines()) == 1
    assert not out.exists()
