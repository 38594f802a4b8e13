"""RSS and Atom feeds, and plain lists of links: where the pages to ingest are."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from ..errors import InputError

_URL = re.compile(r"^https?://\S+$", re.I)


@dataclass(frozen=True)
class FeedItem:
    url: str | None  # the item's link; None when the item has none
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    author: str | None = None
    where: str = ""  # "feed.xml, item 3"


def looks_like_feed(raw: bytes) -> bool:
    head = raw[:4096].lstrip()
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    head = head.lower()
    return (head.startswith(b"<?xml") or head.startswith(b"<rss") or head.startswith(b"<feed")) and (
        b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head)


def read_feed(raw: bytes, where: str, base_url: str | None = None) -> list[FeedItem]:
    """Every item of an RSS or Atom feed, in the feed's order; a feed that cannot be read is refused."""
    import feedparser

    parsed = feedparser.parse(raw, response_headers={"content-location": base_url} if base_url else None)
    if not parsed.entries and (parsed.bozo or not parsed.feed):
        reason = getattr(parsed, "bozo_exception", None)
        raise InputError(where, "not a readable RSS or Atom feed" + (f" ({_line(reason)})" if reason else ""))
    items = []
    for i, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or next((x.get("href") for x in entry.get("links", ()) if x.get("href")), None)
        if link and base_url:
            link = urljoin(base_url, link)
        day = None
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            day = f"{stamp.tm_year:04d}-{stamp.tm_mon:02d}-{stamp.tm_mday:02d}"
        items.append(FeedItem(url=link.strip() if link else None, title=_clean(entry.get("title")),
                              published=day, author=_clean(entry.get("author")), where=f"{where}, item {i}"))
    return items


def is_url_list(text: str) -> bool:
    """A text file that is only links, one a line (blank lines and # comments allowed)."""
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line and not line.startswith("#")]
    return bool(lines) and all(_URL.match(line) for line in lines)


def read_url_list(path: Path, text: str) -> list[tuple[str, str]]:
    """Each link of a list file with where it is ("links.txt, line 4")."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            out.append((line, f"{path}, line {n}"))
    return out


def _clean(value) -> str | None:
    value = " ".join(str(value).split()) if value else ""
    return value or None


def _line(exc) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
