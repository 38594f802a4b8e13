"""End to end: ``tracker serve`` for real on a free port, and the pages as headless Chromium shows them.

Set TRACKER_SCREENSHOTS=docs to refresh the screenshots the README shows.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tracker import queries

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


class Browser:
    def __init__(self, profile: Path):
        self.profile = profile

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", *args],
                              capture_output=True, text=True, timeout=120, check=True)

    def dom(self, url: str) -> str:
        return self._run("--dump-dom", url).stdout

    def screenshot(self, url: str, path: Path, height: int) -> Path:
        self._run(f"--screenshot={path}", f"--window-size=1280,{height}", url)
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        return path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Browser:
    return Browser(tmp_path_factory.mktemp("chromium"))


@pytest.fixture(scope="module")
def server(built_db):
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", "from tracker.cli import main; main()", "--db", str(built_db),
                             "serve", "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            if proc.poll() is not None:
                pytest.fail(f"tracker serve exited: {proc.stderr.read().decode()}")
            try:
                urllib.request.urlopen(base + "/-/versions.json", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("tracker serve did not answer in 30 seconds")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    wanted = os.environ.get("TRACKER_SCREENSHOTS")
    if not wanted:
        return tmp_path_factory.mktemp("screenshots")
    (ROOT / wanted).mkdir(parents=True, exist_ok=True)
    return ROOT / wanted


def _text(dom: str) -> str:
    """The visible words of a page, whitespace folded."""
    from html.parser import HTMLParser

    words: list[str] = []
    parser = HTMLParser()
    parser.handle_data = words.append
    parser.feed(dom.split("<body", 1)[1])
    return " ".join(" ".join(words).split())


def test_who_backed_shows_kate_hollern_first_with_her_quote_and_source(server, browser, shots):
    url = f"{server}/data/who_backed?topic=ceasefire"
    seen = _text(browser.dom(url))
    assert "Who backed a topic, and when?" in seen
    assert seen.index("Kate Hollern") < seen.index("Alex Cunningham") < seen.index("Daisy Cooper")
    assert "Kate Hollern Labour Blackburn 2023-10-31" in seen
    assert "Kate Hollern MP has called for an immediate ceasefire" in seen
    assert "Lancashire Telegraph" in seen
    browser.screenshot(url, shots / "who-backed.png", 900)


def test_a_persons_page_shows_every_quote_with_its_source(server, browser, conn, shots):
    url = f"{server}/data/person_positions?name=Kate+Hollern"
    seen = _text(browser.dom(url))
    report = queries.person_report(conn, "Kate Hollern")
    assert report.positions
    for p in report.positions:
        assert p.quote in seen and p.source.outlet in seen
    for v in report.votes:
        assert f"division {v.division_id}" in seen
    browser.screenshot(url, shots / "person.png", 720)


def test_tables_show_names_not_ids(server, browser):
    seen = _text(browser.dom(f"{server}/data/position?_sort=date"))
    for name in ("Kate Hollern", "Daisy Cooper", "Ceasefire in Gaza", "Lancashire Telegraph", "The National"):
        assert name in seen
    assert "Stated positions: who, on which topic" in seen
    seen = _text(browser.dom(f"{server}/data/vote?division_id=1666&_sort=person_id"))
    assert "King's Speech Motion for an Address: Amendment (h)" in seen
    assert "Conservative" in seen


def test_the_report_shows_names_quotes_sources_and_charts(built_db, tmp_path, browser, conn, shots):
    out = tmp_path / "report"
    subprocess.run([sys.executable, "-c", "from tracker.cli import main; main()", "--db", str(built_db), "report",
                    "ceasefire", "--out", str(out)], check=True, capture_output=True, timeout=120)
    url = (out / "index.html").as_uri()
    dom = browser.dom(url)
    seen = _text(dom)
    assert 'src="supporters.svg"' in dom and 'src="division-1666.svg"' in dom
    assert "Ceasefire in Gaza: who backed it, and when?" in seen
    for b in queries.who_backed(conn, "ceasefire")[:5]:
        assert f"{b.person} {b.party} {b.constituency} {b.first_date}" in seen
    assert "Kate Hollern MP has called for an immediate ceasefire" in seen
    assert "Lancashire Telegraph" in seen and "The National" in seen
    browser.screenshot(url, shots / "report.png", 2600)
