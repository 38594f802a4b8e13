"""Read texts to ingest, with what is known about them: ``articles.yaml`` or YAML front matter."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import frontmatter
import yaml

from ..errors import InputError
from ..extract.records import ArticleMeta
from .yamlfile import DatesAsText, read_yaml_list

# The usual kinds; any other short label a user gives ("letter", "newsletter", "press release") is
# accepted as written and read like news.
KINDS = ("news", "local news", "list", "blog", "hansard", "statement", "column", "letter", "official")
_KIND = re.compile(r"^[a-z][a-z0-9 ./&-]{0,39}$")
MAX_BYTES = 5 * 1024 * 1024
META_KEYS = ("kind", "outlet", "url", "published", "author", "title")
_PUBLISHED = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


@dataclass(frozen=True)
class PageOrigin:
    """Where a web page came from: the fetch (for a URL) or the saved file (for a saved page)."""

    raw_sha256: str  # of the bytes as fetched or saved
    canonical_url: str | None = None  # the address the page gives for itself
    fetched_at: str | None = None  # ISO 8601 UTC; None for a saved page
    asked_url: str | None = None
    final_url: str | None = None  # after redirects
    redirects: tuple[tuple[int, str], ...] = ()
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    turns: tuple = ()  # speeches whose member the markup names (formats.web_pages.MarkedTurn)

    def fetch_record(self) -> str | None:
        """The fetch as JSON, for the source's ``fetch`` column."""
        import json

        if self.fetched_at is None:
            return None
        record = {"asked": self.asked_url, "final": self.final_url,
                  "redirects": [{"status": s, "to": u} for s, u in self.redirects],
                  "content_type": self.content_type, "etag": self.etag, "last_modified": self.last_modified}
        return json.dumps({k: v for k, v in record.items() if v not in (None, [])}, ensure_ascii=False)


@dataclass(frozen=True)
class ArticleInput:
    path: str  # as the user named it, or relative to the seeds folder
    text: str
    meta: ArticleMeta
    warnings: tuple[str, ...] = ()  # one line each: read all the same, but worth a look
    origin: PageOrigin | None = None  # a web page: how it was fetched or saved

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def check_published(value, where: str) -> str | None:
    if value in (None, ""):
        return None
    value = str(value).strip()
    if not _PUBLISHED.match(value):
        raise InputError(where, f"bad date {value!r} (expected YYYY-MM-DD or YYYY-MM)")
    try:
        date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        raise InputError(where, f"bad date {value!r} (no such day)") from None
    return value


def make_meta(values: dict, where: str) -> ArticleMeta:
    unknown = set(values) - set(META_KEYS) - {"file"}
    if unknown:
        raise InputError(where, f"unknown field(s): {', '.join(sorted(unknown))}")
    kind = " ".join(str(values.get("kind") or "news").split()).lower().replace("_", " ")
    if not _KIND.match(kind):
        raise InputError(f"{where}, field 'kind'",
                         f"{values.get('kind')!r} is not a kind of text (a short label such as {', '.join(KINDS)})")
    text = {k: (" ".join(str(values[k]).split()) if values.get(k) not in (None, "") else None)
            for k in ("outlet", "url", "author", "title")}
    return ArticleMeta(published=check_published(values.get("published"), f"{where}, field 'published'"),
                       kind=kind, **text)


def read_bytes(path: Path) -> bytes:
    """A file's bytes, refused with one clear reason if it is missing, too large or empty."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "file not found")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError(str(path), f"too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(str(path), "the file is empty")
    return raw


def read_text(path: Path) -> str:
    """A UTF-8 text file, refused with one clear reason if it is empty, binary, too large or not UTF-8."""
    return decode_text(read_bytes(path), Path(path))


def decode_text(raw: bytes, path: Path) -> str:
    """The bytes of ``path`` as UTF-8 text, refused with one clear reason if they are binary or not UTF-8."""
    if b"\x00" in raw:
        raise InputError(str(path), "a binary file, not text (it holds NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        if exc.reason == "unexpected end of data":
            raise InputError(f"{path}, line {line}", "ends in the middle of a character: truncated?") from None
        raise InputError(f"{path}, line {line}", f"not UTF-8 text (byte {exc.start})") from None
    if not text.strip():
        raise InputError(str(path), "the file is empty")
    return text.replace("\r\n", "\n")


def unclosed_quotation(text: str, where: str) -> str | None:
    """A warning, never a refusal, for a text that ends inside a quotation (cut off, or a typo)."""
    opened, closed = text.rfind("\u201c"), text.rfind("\u201d")
    last = text.rstrip().rsplit("\n\n", 1)[-1]
    if opened > closed or last.count('"') % 2:
        at = opened if opened > closed else len(text) - len(last) + last.rfind('"')
        line = text.count("\n", 0, at) + 1
        return f"{where}, line {line}: the text ends inside a quotation opened here (cut off?); read as it is"
    return None


def read_article(path: Path, overrides: dict | None = None, label: str | None = None,
                 text: str | None = None) -> ArticleInput:
    """One text file (``text``, when it has been read already); YAML front matter, if any, gives its metadata
    and ``overrides`` win over it."""
    text = read_text(path) if text is None else text
    values: dict = {}
    if text.startswith("---\n"):
        values, text = _front_matter(text.strip(), path)
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    warning = unclosed_quotation(text, str(path))
    return ArticleInput(label or str(path), text, make_meta(values, str(path)), (warning,) if warning else ())


def _front_matter(text: str, path: Path) -> tuple[dict, str]:
    """The fields of a YAML front-matter block (dates kept as written) and the text after it."""
    handler = frontmatter.YAMLHandler()
    if len(handler.FM_BOUNDARY.split(text, 2)) < 3:
        raise InputError(f"{path}, line 1", "the front matter is never closed (no second '---' line)")
    block, body = handler.split(text)
    try:
        fields = yaml.load(block, Loader=DatesAsText)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}, line {mark.line + 1}" if mark else str(path)
        raise InputError(where, f"malformed front matter ({getattr(exc, 'problem', None) or exc})") from None
    if fields is not None and not isinstance(fields, dict):
        raise InputError(f"{path}, line 2", "the front matter must be fields (key: value), one a line")
    if not body.strip():
        raise InputError(str(path), "no text after the front matter")
    return dict(fields or {}), body.strip()


def read_catalogue(path: Path) -> list[ArticleInput]:
    """Every article listed in an ``articles.yaml`` (paths relative to the file's folder)."""
    path = Path(path)
    data, lines = read_yaml_list(path)
    if not isinstance(data, list):
        raise InputError(str(path), "expected a list of articles")
    out = []
    for i, item in enumerate(data):
        named = item.get("file") if isinstance(item, dict) else None
        where = f"{path}, line {lines[i]}" + (f" ({named})" if named else "")
        if not isinstance(item, dict) or not item.get("file"):
            raise InputError(where, "field 'file' is missing")
        article = read_article(path.parent / item["file"], label=str(item["file"]))
        out.append(replace(article, meta=make_meta(
            {**{k: getattr(article.meta, k) for k in META_KEYS}, **item}, where)))
    return out
