"""`tracker ingest` on web pages, links, lists of links and feeds, served by a local HTTP server.

The server runs on 127.0.0.1 inside the test and serves the pages under
tests/fixtures/web (written for these tests) and a few that misbehave on
purpose. Nothing here reaches beyond this machine.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.fetch import Fetcher, FetchError

WEB = Path(__file__).parent / "fixtures" / "web"
runner = CliRunner()


class Site:
    """What the local server serves, and what it was asked."""

    def __init__(self):
        self.pages: dict[str, tuple[int, dict, bytes]] = {}
        self.requests: list[tuple[str, dict]] = []
        self.flaky: dict[str, int] = {}  # path -> how many more times to answer 503
        self.slow: dict[str, float] = {}
        self.chunked: set[str] = set()  # paths sent in chunks, with no Content-Length

    def page(self, path: str, body: bytes | str, status: int = 200, **headers) -> None:
        body = body.encode("utf-8") if isinstance(body, str) else body
        headers.setdefault("Content-Type", "text/html; charset=utf-8")
        self.pages[path] = (status, headers, body)


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            site.requests.append((self.path, dict(self.headers)))
            if self.path in site.slow:
                time.sleep(site.slow[self.path])
            if site.flaky.get(self.path, 0) > 0:
                site.flaky[self.path] -= 1
                self._send(503, {"Retry-After": "0"}, b"busy")
                return
            found = site.pages.get(self.path)
            if found is None:
                self._send(404, {"Content-Type": "text/plain"}, b"not here")
                return
            status, headers, body = found
            if self.path in site.chunked:
                self._send_chunked(status, headers, body)
                return
            etag = headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self._send(304, {"ETag": etag}, b"")
                return
            self._send(status, headers, body)

        def _send_chunked(self, status, headers, body):
            self.protocol_version = "HTTP/1.1"
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Transfer-Encoding", "chunked")
                self.send_header("Connection", "close")
                self.end_headers()
                for i in range(0, len(body), 1024):
                    piece = body[i:i + 1024]
                    self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
                self.wfile.write(b"0\r\n\r\n")
            except (BrokenPipeError, ConnectionResetError):
                pass

        def _send(self, status, headers, body):
            try:
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if "Content-Length" not in headers and status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body and status != 304:
                    self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

    return Handler


@pytest.fixture
def site():
    s = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(s))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    s.base = f"http://127.0.0.1:{server.server_address[1]}"
    s.page("/robots.txt", "User-agent: *\nDisallow: /private/\n", **{"Content-Type": "text/plain"})
    yield s
    server.shutdown()
    server.server_close()


def ingest(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), "ingest", *args, "--delay", "0", "--timeout", "2"])


def _rows(db: Path, sql: str, *params):
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute(sql, params)]


def _tables(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        names = [n for (n,) in conn.execute("select name from sqlite_master where type='table' and name not like "
                                            "'%fts%' and name <> 'alembic_version'")]
        return {n: conn.execute(f'select * from "{n}" order by 1').fetchall() for n in names}


def test_a_page_by_its_address_keeps_its_text_metadata_and_fetch(site, built_copy):
    raw = (WEB / "news.html").read_bytes()
    site.page("/news/ceasefire", raw)
    result = ingest(built_copy, f"{site.base}/news/ceasefire")
    assert result.exit_code == 0, result.output
    (src,) = _rows(built_copy, "select * from source where path = ?", f"{site.base}/news/ceasefire")
    assert src["raw_sha256"] == hashlib.sha256(raw).hexdigest()
    assert src["canonical_url"] == "https://www.northfield-courier.example/news/town-mp-ceasefire-calls"
    assert src["url"] == src["canonical_url"]
    assert (src["outlet"], src["author"], src["published"]) == ("Northfield Courier", "Sam Writer", "2023-11-17")
    assert src["title"] == "Town MP adds her voice to ceasefire calls"
    assert src["fetched_at"].endswith("Z")
    assert json.loads(src["fetch"])["content_type"] == "text/html"
    # the stored text is the article, without the menu, the cookie banner, the script or the footer
    assert "cookies" not in src["text"] and "tracking" not in src["text"] and "Copyright" not in src["text"]
    (pos,) = _rows(built_copy, "select p.*, pe.name from position p join person pe on pe.id = p.person_id "
                               "where source_id = ?", src["id"])
    assert pos["name"] == "Kate Hollern"
    assert src["text"][pos["start"]:pos["end"]] == pos["quote"]
    # the request named the tool
    agents = {h.get("User-Agent", "") for path, h in site.requests if path == "/news/ceasefire"}
    assert agents and all(a.startswith("parliament-tracker/") for a in agents)


def test_the_same_address_again_changes_nothing_and_a_changed_page_is_a_new_version(site, built_copy):
    raw = (WEB / "news.html").read_bytes()
    site.page("/n", raw)
    assert ingest(built_copy, f"{site.base}/n").exit_code == 0
    before = _tables(built_copy)
    again = ingest(built_copy, f"{site.base}/n")
    assert again.exit_code == 0 and "the stored copy is current" in again.output
    assert _tables(built_copy) == before
    # a server that answers conditional requests: the second fetch asks with the ETag, the 304 is a no-op
    site.page("/e", (WEB / "twfy.html").read_bytes(), ETag='"v1"')
    assert ingest(built_copy, f"{site.base}/e").exit_code == 0
    with_etag = _tables(built_copy)
    again = ingest(built_copy, f"{site.base}/e")
    assert again.exit_code == 0 and "the stored copy is current" in again.output
    assert [h.get("If-None-Match") for p, h in site.requests if p == "/e"] == [None, '"v1"']
    assert _tables(built_copy) == with_etag
    first = _rows(built_copy, "select id, text from source where path = ?", f"{site.base}/n")
    assert len(first) == 1
    old_positions = _rows(built_copy, "select quote, start, \"end\" from position where source_id = ?",
                          first[0]["id"])
    changed = raw.replace(b"Campaigners said", b"Campaigners, who met on Saturday, said")
    site.page("/n", changed, ETag='"v2"')
    result = ingest(built_copy, f"{site.base}/n")
    assert result.exit_code == 0, result.output
    versions = _rows(built_copy, "select id, previous_id, raw_sha256 from source where canonical_url = ? "
                                 "order by id", "https://www.northfield-courier.example/news/town-mp-ceasefire-calls")
    assert [v["previous_id"] for v in versions] == [None, versions[0]["id"]]
    assert versions[1]["raw_sha256"] == hashlib.sha256(changed).hexdigest()
    # what was cited from the first version is still there, word for word
    assert _rows(built_copy, "select quote, start, \"end\" from position where source_id = ?",
                 first[0]["id"]) == old_positions


def test_failures_are_one_line_each_and_the_rest_of_the_batch_goes_on(site, built_copy):
    site.page("/good", (WEB / "news.html").read_bytes())
    site.page("/moved", b"", status=301, Location="/good-after-redirect")
    site.page("/good-after-redirect", (WEB / "twfy.html").read_bytes())
    site.page("/report.pdf", b"%PDF-1.4 not a page", **{"Content-Type": "application/pdf"})
    big = "<html><body><p>" + "word " * 5000 + "</p></body></html>"
    site.page("/big", big)
    site.page("/login", (WEB / "empty.html").read_bytes())
    site.page("/slow", (WEB / "news.html").read_bytes())
    site.slow["/slow"] = 5
    site.page("/private/x", (WEB / "news.html").read_bytes())
    items = [f"{site.base}{p}" for p in ("/good", "/missing", "/moved", "/report.pdf", "/big", "/login", "/slow",
                                         "/private/x")]
    result = runner.invoke(app, ["--db", str(built_copy), "ingest", *items, "--delay", "0", "--timeout", "1",
                                 "--max-bytes", "8192"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("tracker: ")]
    reasons = {line.split(": ", 2)[1]: line.split(": ", 2)[2] for line in errors[:-1]}
    assert reasons == {
        f"{site.base}/missing": "HTTP 404 Not Found",
        f"{site.base}/report.pdf": "not a web page or feed (content type application/pdf)",
        f"{site.base}/big": f"larger than the size limit ({len(big):,} bytes; the limit is 8,192)",
        f"{site.base}/login": "no main text found on the page (is it an index, a log-in page or a script?)",
        f"{site.base}/slow": "timed out after 1 s",
        f"{site.base}/private/x": f"robots.txt of {site.base[7:]} disallows it for this tool",
    }
    assert errors[-1] == "tracker: 6 items failed; the rest were loaded"
    stored = {r["path"]: r for r in _rows(built_copy, "select path, fetch from source where fetch is not null")}
    assert set(stored) == {f"{site.base}/good", f"{site.base}/moved"}
    record = json.loads(stored[f"{site.base}/moved"]["fetch"])
    assert record["final"] == f"{site.base}/good-after-redirect"
    assert record["redirects"] == [{"status": 301, "to": f"{site.base}/good-after-redirect"}]
    assert not any(p.startswith("/private/") for p, _ in site.requests)  # robots.txt was asked first


def test_a_page_larger_than_the_limit_is_abandoned_without_a_length(site):
    # no Content-Length to go by: the body is counted as it comes and abandoned once past the limit
    site.page("/stream", "<html><body><p>" + "x" * 20000 + "</p></body></html>")
    site.chunked.add("/stream")
    with pytest.raises(FetchError, match=r"larger than the size limit \(4,096 bytes\)"):
        Fetcher(max_bytes=4096, delay=0).fetch(f"{site.base}/stream")
    assert Fetcher(max_bytes=40_000, delay=0).fetch(f"{site.base}/stream").body.endswith(b"</html>")


def test_busy_servers_are_retried_with_backoff(site):
    site.page("/busy", (WEB / "news.html").read_bytes())
    site.flaky["/busy"] = 2
    waits = []
    fetcher = Fetcher(delay=0, backoff=0.01, sleep=waits.append)
    got = fetcher.fetch(f"{site.base}/busy")
    assert got.status == 200 and len(waits) == 2
    site.flaky["/busy"] = 10
    with pytest.raises(FetchError, match="HTTP 503"):
        Fetcher(delay=0, retries=2, backoff=0.01, sleep=lambda s: None).fetch(f"{site.base}/busy")


def test_requests_to_one_site_are_spaced_out(site):
    site.page("/a", (WEB / "news.html").read_bytes())
    waits = []
    fetcher = Fetcher(delay=2.0, sleep=waits.append)
    fetcher.fetch(f"{site.base}/a")
    fetcher.fetch(f"{site.base}/a")
    assert len(waits) == 1 and 1.0 < waits[0] <= 2.0


def test_a_feed_brings_every_item_and_an_item_that_fails_is_named(site, built_copy):
    site.page("/news/1", (WEB / "news.html").read_bytes())
    site.page("/debates/2", (WEB / "twfy.html").read_bytes())
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Courier</title><link>{site.base}/</link><description>News</description>
<item><title>Town MP adds her voice</title><link>{site.base}/news/1</link>
  <pubDate>Fri, 17 Nov 2023 08:00:00 GMT</pubDate></item>
<item><title>Debate</title><link>{site.base}/debates/2</link><pubDate>Tue, 21 Nov 2023 12:00:00 GMT</pubDate>
  <author>desk@example.org (Politics desk)</author></item>
<item><title>Gone</title><link>{site.base}/news/gone</link></item>
</channel></rss>"""
    site.page("/feed.xml", feed, **{"Content-Type": "application/rss+xml"})
    result = ingest(built_copy, f"{site.base}/feed.xml")
    assert result.exit_code == 1
    assert f"tracker: {site.base}/news/gone (in the feed {site.base}/feed.xml): HTTP 404 Not Found" in result.stderr
    stored = {r["path"]: r for r in _rows(built_copy, "select path, published from source where fetch is not null")}
    assert set(stored) == {f"{site.base}/news/1", f"{site.base}/debates/2"}
    # the page's own date wins; where the page has none, the feed's date stands
    assert stored[f"{site.base}/news/1"]["published"] == "2023-11-17"
    assert stored[f"{site.base}/debates/2"]["published"] == "2023-11-21"


def test_a_feed_file_a_list_of_links_and_a_saved_page_mix_in_one_call(site, built_copy, tmp_path):
    site.page("/a", (WEB / "twfy.html").read_bytes())
    site.page("/b", (WEB / "news.html").read_bytes())
    links = tmp_path / "links.txt"
    links.write_text(f"# pages to read\n{site.base}/a\n\n{site.base}/b  \n", encoding="utf-8")
    saved = tmp_path / "saved.html"
    saved.write_bytes((WEB / "debate.html").read_bytes())
    text = tmp_path / "note.txt"
    text.write_text("---\noutlet: Newsletter\npublished: 2023-11-20\n---\nZarah Sultana said: \"I back a "
                    "ceasefire now.\"\n", encoding="utf-8")
    result = ingest(built_copy, str(links), str(saved), str(text), "--kind", "news")
    assert result.exit_code == 0, result.output
    paths = {r["path"]: r for r in _rows(built_copy, "select path, kind, raw_sha256, fetched_at from source")}
    assert {f"{site.base}/a", f"{site.base}/b", str(saved), str(text)} <= set(paths)
    assert paths[str(saved)]["raw_sha256"] == hashlib.sha256(saved.read_bytes()).hexdigest()
    assert paths[str(saved)]["fetched_at"] is None  # saved, not fetched
    assert {paths[p]["kind"] for p in paths if p in (str(saved), f"{site.base}/a")} == {"news"}  # --kind wins
    assert "fetching" not in result.stderr  # no progress bar when the output is not a terminal


def test_a_bad_local_file_stops_the_call_before_anything_is_fetched(site, built_copy, tmp_path):
    site.page("/a", (WEB / "news.html").read_bytes())
    before = _tables(built_copy)
    tracker = str(Path(sys.executable).with_name("tracker"))
    result = subprocess.run([tracker, "--db", str(built_copy), "ingest", f"{site.base}/a",
                             str(tmp_path / "missing.html")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == f"tracker: {tmp_path / 'missing.html'}: file not found"
    assert not [p for p, _ in site.requests if p == "/a"]
    assert _tables(built_copy) == before


def test_speakers_come_from_the_markup_of_a_debate_page(site, built_copy):
    site.page("/debates/middle-east", (WEB / "debate.html").read_bytes())
    site.page("/twfy/gaza", (WEB / "twfy.html").read_bytes())
    site.page("/debates/aid", (WEB / "debate_two_links.html").read_bytes())
    result = ingest(built_copy, f"{site.base}/debates/middle-east", f"{site.base}/twfy/gaza",
                    f"{site.base}/debates/aid", "--published", "2023-11-16")
    assert result.exit_code == 0, result.output
    rows = _rows(built_copy, "select pe.name, p.quote, p.start, p.\"end\", s.text, s.path, s.kind from position p "
                             "join person pe on pe.id = p.person_id join source s on s.id = p.source_id "
                             "where s.fetch is not null")
    said = {(r["path"].rsplit("/", 1)[-1], r["name"]) for r in rows}
    # the label says only "Hon. Member": the member link's id says who it is
    assert ("middle-east", "Kate Hollern") in said
    assert ("gaza", "Layla Moran") in said
    assert ("aid", "Layla Moran") in said and ("aid", "Richard Burgon") in said
    assert all(r["kind"] == "hansard" for r in rows)
    for r in rows:
        assert r["text"][r["start"]:r["end"]] == r["quote"]


def test_a_member_linked_twice_in_one_speech_is_one_speech():
    from tracker.formats.web_pages import read_page

    page = read_page((WEB / "debate_two_links.html").read_bytes(), "debate", "https://hansard.parliament.uk/x")
    assert [(t.name, t.scheme, t.identifier) for t in page.turns] == [
        ("Layla Moran", "mnis", "4656"), ("Richard Burgon", "mnis", "4493")]
    assert page.text.count("Aid lorries") == 1 and page.text.count("Layla Moran") == 1
    for t in page.turns:
        assert page.text[t.label_start:t.label_end].startswith(t.name)


def test_a_member_linked_inside_running_text_is_not_a_speech():
    from tracker.formats.web_pages import read_page

    html = ("<html><head><title>Ceasefire row</title></head><body><article><h1>Ceasefire row</h1>"
            "<p>The motion was backed by <a href='https://members.parliament.uk/member/4363'>Kate Hollern</a>, "
            "who has called for a ceasefire, and by several of her colleagues in the north west.</p>"
            "<p>Others, such as <a href='https://members.parliament.uk/member/4656'>Layla Moran</a>, spoke in "
            "the debate that followed on Wednesday evening.</p></article></body></html>")
    page = read_page(html.encode(), "news", "https://www.example.org/news/row")
    assert page.turns == () and page.kind == "news"
    assert "backed by Kate Hollern, who has called for a ceasefire" in page.text


def test_too_many_requests_waits_as_the_server_asks(site):
    site.page("/limited", (WEB / "news.html").read_bytes())
    calls = {"n": 0}
    original = site.pages["/limited"]

    class Once(dict):
        def get(self, key, default=None):
            if key == "/limited" and calls["n"] == 0:
                calls["n"] += 1
                return (429, {"Retry-After": "3", "Content-Type": "text/plain"}, b"slow down")
            return super().get(key, default)

    site.pages = Once(site.pages)
    waits = []
    got = Fetcher(delay=0, backoff=0.5, sleep=waits.append).fetch(f"{site.base}/limited")
    assert got.body == original[2] and waits == [3.0]


def test_a_site_whose_robots_txt_fails_is_not_fetched(site):
    site.page("/robots.txt", "oops", status=500, **{"Content-Type": "text/plain"})
    site.page("/page", (WEB / "news.html").read_bytes())
    with pytest.raises(FetchError, match="robots.txt of .* could not be read"):
        Fetcher(delay=0).fetch(f"{site.base}/page")
    assert not [p for p, _ in site.requests if p == "/page"]
    site.page("/robots.txt", "missing", status=404, **{"Content-Type": "text/plain"})
    assert Fetcher(delay=0).fetch(f"{site.base}/page").status == 200  # no robots.txt: no rules
