"""What a user names on ``tracker ingest``, turned into texts to load.

An item may be a text file (with optional front matter), a saved web page
(``.html``/``.htm``), an ``http(s)://`` address, a text file of addresses (one
a line, ``#`` comments), or an RSS or Atom feed (a file or an address: every
item is fetched). Local files are read first, and a bad one stops the whole
call before anything is fetched or stored, as it always has. Fetching is
different: each address that fails gives one line naming it and the reason,
and the rest of the batch goes on.

Nothing is fetched that the user did not name (a feed they named counts for
its items). An address whose stored copy is current (the server answers 304 to
a conditional request, or sends the same bytes) is not read again.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Engine

from ..errors import InputError
from ..extract.records import MarkedSpeech
from ..fetch import Fetcher, FetchError
from ..formats.articles import ArticleInput, PageOrigin, decode_text, make_meta, read_article, read_bytes
from ..formats.feeds import is_url_list, looks_like_feed, read_feed, read_url_list
from ..formats.web_pages import MarkedTurn, WebPage, is_html, read_page

_URL = re.compile(r"^https?://", re.I)
PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
# the registry's name for each kind of member id a page's markup carries
ID_SCHEMES = {"mnis": "datadotparl_id", "twfy": "theyworkforyou"}


@dataclass
class Gathered:
    articles: list[ArticleInput] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line each: the address or file, and why
    current: list[str] = field(default_factory=list)  # addresses whose stored copy is current
    fetched: int = 0


@dataclass(frozen=True)
class _Link:
    url: str
    where: str  # what to name in a failure: the address, or "links.txt, line 3"
    hints: dict = field(default_factory=dict)  # what a feed says of the item: title, published, author
    from_feed: bool = False


def is_url(item: str) -> bool:
    return bool(_URL.match(item.strip()))


def gather(engine: Engine, items: list[str], overrides: dict | None = None, fetcher: Fetcher | None = None,
           progress: bool | None = None, report: Callable[[str], None] | None = None) -> Gathered:
    """Read every local item, then fetch every address; ``report`` hears each failure as it happens."""
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    out = Gathered()
    links: list[_Link] = []
    for item in items:
        if is_url(item):
            links.append(_Link(item.strip(), item.strip()))
        else:
            _local(Path(item), overrides, out, links)
    if links:
        _fetch_all(engine, links, overrides, fetcher or Fetcher(), out,
                   sys.stderr.isatty() if progress is None else progress, report)
    out.articles = _with_speakers(engine, out.articles)
    return out


# ---------------------------------------------------------------------- local files


def _local(path: Path, overrides: dict, out: Gathered, links: list[_Link]) -> None:
    suffix = path.suffix.lower()
    raw = read_bytes(path)
    if suffix in FEED_SUFFIXES or (suffix in PAGE_SUFFIXES and looks_like_feed(raw)):
        if not looks_like_feed(raw):
            raise InputError(str(path), "not an RSS or Atom feed")
        for it in read_feed(raw, str(path)):
            if it.url is None or not is_url(it.url):
                out.failed.append(f"{it.where}: the item has no link to fetch")
                continue
            links.append(_Link(it.url, f"{it.url} ({it.where})", _hints(it), from_feed=True))
        return
    if suffix not in PAGE_SUFFIXES:
        text = decode_text(raw, path)
        if is_url_list(text):
            links.extend(_Link(url, where) for url, where in read_url_list(path, text))
            return
        if not is_html(text.encode("utf-8")):
            out.articles.append(read_article(path, overrides, text=text))
            return
    page = read_page(raw, str(path))
    origin = PageOrigin(raw_sha256=hashlib.sha256(raw).hexdigest(), canonical_url=page.canonical_url,
                        turns=page.turns)
    out.articles.append(_article(page, str(path), origin, {}, overrides))


# ---------------------------------------------------------------------- addresses


def _fetch_all(engine: Engine, links: list[_Link], overrides: dict, fetcher: Fetcher, out: Gathered,
               progress: bool, report: Callable[[str], None] | None) -> None:
    from .. import db
    from ..queries.catalogue import stored_pages

    db.upgrade(engine)
    with engine.connect() as conn:
        stored = stored_pages(conn)
    seen: set[str] = set()

    def fail(line: str) -> None:
        out.failed.append(line)
        if report is not None:
            report(line)

    bar = _Progress(progress, len(links))
    try:
        queue = list(links)
        while queue:
            link = queue.pop(0)
            bar.step(link.url)
            if link.url in seen:
                continue
            seen.add(link.url)
            known = stored.get(link.url)
            try:
                got = fetcher.fetch(link.url, etag=known and known["etag"],
                                    last_modified=known and known["last_modified"])
            except FetchError as exc:
                fail(f"{link.where}: {exc.reason}" if link.where != link.url else str(exc))
                continue
            out.fetched += 1
            if got.not_modified:
                out.current.append(link.url)
                continue
            if got.kind == "feed" or looks_like_feed(got.body):
                if link.from_feed:
                    fail(f"{link.where}: a feed inside a feed; not followed")
                    continue
                try:
                    items = read_feed(got.body, link.url, base_url=got.final_url)
                except InputError as exc:
                    fail(f"{link.where}: {exc.what}")
                    continue
                fresh = []
                for it in items:
                    if it.url is None or not is_url(it.url):
                        fail(f"{link.url} ({it.where.split(', ', 1)[-1]}): the item has no link to fetch")
                        continue
                    fresh.append(_Link(it.url, f"{it.url} (in the feed {link.url})", _hints(it), from_feed=True))
                queue[:0] = fresh
                bar.grow(len(fresh))
                continue
            raw_sha = hashlib.sha256(got.body).hexdigest()
            if known and raw_sha in known["raw_sha256"]:
                out.current.append(link.url)
                continue
            try:
                page = _read_fetched(got, link)
            except InputError as exc:
                fail(f"{link.where}: {exc.what}")
                continue
            origin = PageOrigin(raw_sha256=raw_sha, canonical_url=page.canonical_url or got.final_url,
                                fetched_at=got.fetched_at, asked_url=link.url, final_url=got.final_url,
                                redirects=got.redirects, content_type=got.content_type, etag=got.etag,
                                last_modified=got.last_modified, turns=page.turns)
            try:
                out.articles.append(_article(page, link.url, origin, link.hints, overrides))
            except InputError as exc:
                fail(f"{link.where}: {exc.what}")
    finally:
        bar.close()
        fetcher.close()


def _read_fetched(got, link: _Link) -> WebPage:
    if got.kind == "text" and not is_html(got.body):
        try:
            text = got.body.decode(got.charset or "utf-8")
        except (LookupError, UnicodeDecodeError):
            raise InputError(link.where, "not readable text (bad character encoding)") from None
        text = text.replace("\r\n", "\n").strip()
        if not text:
            raise InputError(link.where, "the server sent an empty page")
        return WebPage(text=text)
    return read_page(got.body, link.where, url=got.final_url)


def _hints(item) -> dict:
    return {k: v for k, v in (("title", item.title), ("published", item.published), ("author", item.author)) if v}


def _article(page: WebPage, label: str, origin: PageOrigin, hints: dict, overrides: dict) -> ArticleInput:
    """The page as a text to load: what the page says, then what a feed said where the page is silent,
    then the command line's options over both."""
    values = {"kind": page.kind, "outlet": page.site_name, "url": origin.canonical_url or origin.final_url,
              "published": page.published, "author": page.author, "title": page.title}
    for key, value in hints.items():
        if not values.get(key):
            values[key] = value
    values.update(overrides)
    meta = make_meta({k: v for k, v in values.items() if v is not None}, label)
    return ArticleInput(label, page.text, meta, (), origin)


def _with_speakers(engine: Engine, articles: list[ArticleInput]) -> list[ArticleInput]:
    """Each speech the markup named, with the registry key its member id resolves to."""
    pairs = {(ID_SCHEMES[t.scheme], t.identifier) for a in articles if a.origin for t in a.origin.turns}
    if not pairs:
        return articles
    from ..queries.people import keys_by_identifier

    with engine.connect() as conn:
        keys = keys_by_identifier(conn, pairs)
    out = []
    for a in articles:
        turns: tuple[MarkedTurn, ...] = a.origin.turns if a.origin else ()
        if not turns:
            out.append(a)
            continue
        speeches = tuple(MarkedSpeech(t.label_start, t.label_end, t.name, keys.get((ID_SCHEMES[t.scheme],
                                                                                     t.identifier)))
                         for t in turns)
        out.append(replace(a, meta=replace(a.meta, speeches=speeches)))
    return out


class _Progress:
    """A progress bar on a terminal; nothing when the output is piped."""

    def __init__(self, enabled: bool, total: int):
        self.bar = None
        if enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self.bar = Progress(TextColumn("fetching"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("{task.description}"), console=Console(stderr=True), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("", total=total)
        self.started = False

    def step(self, url: str) -> None:
        if self.bar is not None:
            if self.started:
                self.bar.advance(self.task)
            self.started = True
            self.bar.update(self.task, description=url[:60])

    def grow(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(self.task, total=self.bar.tasks[0].total + n)

    def close(self) -> None:
        if self.bar is not None:
            if self.started:
                self.bar.advance(self.task)
            self.bar.stop()
