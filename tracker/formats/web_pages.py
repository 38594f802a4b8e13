"""Web pages (HTML) as texts to ingest: the main text and what the page says about itself.

The main text and the metadata (title, author, publication date, site name,
canonical URL) come from trafilatura, whose dates come from htmldate. Pages
whose markup says who is speaking (Hansard and its mirrors link each speech's
member, by a Parliament member id or a TheyWorkForYou person id) are read
speech by speech instead, so that each speech keeps its speaker from the
markup rather than from a guess in the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import InputError

# hosts whose pages are parliamentary debates, read as Hansard
HANSARD_HOSTS = ("hansard.parliament.uk", "publications.parliament.uk", "theyworkforyou.com",
                 "parallelparliament.co.uk", "questions-statements.parliament.uk")

# a member named by the markup: a link to the member's page, or an id attribute
_MEMBER_HREF = re.compile(
    r"members\.parliament\.uk/member/(?P<mnis>\d+)"
    r"|[?&]memberid=(?P<mnis2>\d+)"
    r"|/(?:mp|peer|msp|ms|mla)/(?:\?p=)?(?P<twfy>\d{4,6})\b", re.I)
_MEMBER_ATTRS = {"data-member-id": "mnis", "data-memberid": "mnis", "data-mnis-id": "mnis",
                 "data-person-id": "twfy", "data-twfy-id": "twfy"}
_BLOCKS = {"p", "div", "section", "article", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "header",
           "td", "dd", "dt", "figure", "aside", "main"}
_SKIP = {"script", "style", "noscript", "template", "svg", "nav", "footer", "form", "button", "select", "iframe"}
_LABEL_MAX = 160  # a speech label ("Kate Hollern (Blackburn) (Lab)") is short
_MIN_SPEECH = 20  # characters of speech a block must hold beyond its label


@dataclass(frozen=True)
class MarkedTurn:
    """A speech as the markup gives it, in the text built from the page."""

    label_start: int
    label_end: int
    name: str
    scheme: str  # mnis (Parliament's member id) | twfy (TheyWorkForYou person id)
    identifier: str


@dataclass(frozen=True)
class WebPage:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # YYYY-MM-DD
    site_name: str | None = None
    canonical_url: str | None = None
    kind: str = "news"  # hansard for a parliamentary debate page
    turns: tuple[MarkedTurn, ...] = ()


def is_html(raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head


def read_page(raw: bytes, where: str, url: str | None = None) -> WebPage:
    """The main text of an HTML page and its metadata; refused with one reason when it has no main text."""
    import trafilatura

    html = _decode(raw)
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True, deduplicate=False,
        date_extraction_params={"extensive_search": True, "original_date": True, "outputformat": "%Y-%m-%d"})
    host = (urlsplit(url).hostname or "") if url else ""
    canonical = getattr(doc, "url", None) if doc is not None else None
    host = host or (urlsplit(canonical).hostname or "" if canonical else "")
    hansard = any(host == h or host.endswith("." + h) for h in HANSARD_HOSTS)
    text, turns = _speeches(html, hansard)
    title = _clean(getattr(doc, "title", None)) if doc is not None else None
    if turns:
        if title:
            text = title + "\n" + text
            turns = tuple(MarkedTurn(t.label_start + len(title) + 1, t.label_end + len(title) + 1, t.name,
                                     t.scheme, t.identifier) for t in turns)
    else:
        text = (getattr(doc, "text", None) or "") if doc is not None else ""
        text = "\n".join(line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip())
    if len(text.split()) < 5:
        raise InputError(where, "no main text found on the page (is it an index, a log-in page or a script?)")
    date = getattr(doc, "date", None) if doc is not None else None
    return WebPage(
        text=text, title=title, author=_clean(getattr(doc, "author", None)) if doc is not None else None,
        published=date if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None,
        site_name=_clean(getattr(doc, "sitename", None)) if doc is not None else None,
        canonical_url=canonical if canonical and canonical.startswith(("http://", "https://")) else None,
        kind="hansard" if (hansard or turns) else "news", turns=turns)


def _clean(value: str | None) -> str | None:
    value = " ".join(str(value).split()) if value else ""
    return value or None


def _decode(raw: bytes) -> str:
    from trafilatura.utils import decode_file

    return decode_file(raw)


# ---------------------------------------------------------------------- speeches named by the markup


def _speeches(html: str, hansard_host: bool) -> tuple[str, tuple[MarkedTurn, ...]]:
    """The page's speeches, each "label\\nwords", when the markup names their members; else ("", ())."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return "", ()
    for bad in root.iter(*_SKIP):
        bad.drop_tree() if bad.getparent() is not None else None
    marks = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        found = _member_of(el)
        if found is not None:
            marks.append((el, *found))
    # a member's label may be given twice (a layout for wide screens and one for phones): every label of the
    # member is left out of the words, and a block already read as a speech is not read again
    labelled = [(el, scheme, ident, _label_block(el)) for el, scheme, ident in marks]
    labels_of: dict[tuple[str, str], set] = {}
    for _el, scheme, ident, label in labelled:
        if label is not None:
            labels_of.setdefault((scheme, ident), set()).add(label)
    speeches = []
    used: list = []
    for el, scheme, ident, label in labelled:
        if label is None or any(_within(label, b) for b in used):
            continue
        skip = labels_of[(scheme, ident)]
        block = _speech_block(label, scheme, ident, skip)
        if block is None or any(_within(block, b) or _within(b, block) for b in used):
            continue
        words = _speech_text(block, skip)
        if len(words) < _MIN_SPEECH:
            continue
        used.append(block)
        speeches.append((_flat(label), _name_of(el, label), scheme, ident, words))
    if len(speeches) < (1 if hansard_host else 2):
        return "", ()
    parts, turns, at = [], [], 0
    for label, name, scheme, ident, words in speeches:
        turns.append(MarkedTurn(at, at + len(label), name, scheme, ident))
        chunk = label + "\n" + words + "\n"
        parts.append(chunk)
        at += len(chunk)
    return "".join(parts).rstrip("\n"), tuple(turns)


def _member_of(el) -> tuple[str, str] | None:
    for attr, scheme in _MEMBER_ATTRS.items():
        value = el.get(attr)
        if value and value.strip().isdigit():
            return scheme, value.strip()
    if el.tag == "a" and el.get("href"):
        m = _MEMBER_HREF.search(el.get("href"))
        if m:
            if m.group("mnis") or m.group("mnis2"):
                return "mnis", m.group("mnis") or m.group("mnis2")
            return "twfy", m.group("twfy")
    return None


def _label_block(el):
    """The short block holding the member reference: a speech's label, not a link inside running text."""
    node = el
    while node is not None and node.tag not in _BLOCKS:
        node = node.getparent()
    if node is None:
        return None
    # climb while the block is a thin wrapper of the label (a header around a heading, say)
    while True:
        text = _flat(node)
        if not text or len(text) > _LABEL_MAX:
            return None if node is el or len(text) > _LABEL_MAX else node
        parent = node.getparent()
        if parent is None or len(_flat(parent)) > _LABEL_MAX or _has_speech(parent, node):
            return node
        node = parent


def _flat(node) -> str:
    """A node's words on one line, a space wherever the markup breaks them apart."""
    return " ".join(" ".join(node.itertext()).split())


def _has_speech(parent, label) -> bool:
    """Whether ``parent`` holds words beyond ``label`` (so ``label`` is as far up as a label goes)."""
    return len(_flat(parent)) > len(_flat(label)) + 3


def _within(node, ancestor) -> bool:
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _speech_block(label, scheme: str, ident: str, skip: set):
    """The lowest block above the label that holds words beyond the member's labels, and no other member's."""
    node = label.getparent()
    while node is not None:
        others = {f for f in (_member_of(e) for e in node.iter() if isinstance(e.tag, str)) if f is not None}
        if others - {(scheme, ident)}:
            return None
        if len(_speech_text(node, skip)) >= _MIN_SPEECH:
            return node
        node = node.getparent()
    return None


def _speech_text(block, skip: set) -> str:
    """The words of ``block`` outside the labels in ``skip``, a line per paragraph."""
    lines: list[str] = []
    current: list[str] = []

    def flush():
        line = " ".join(" ".join(current).split())
        if line:
            lines.append(line)
        current.clear()

    def walk(node):
        """A node's own words and its children's; each child's tail is the parent's to add."""
        if node in skip or not isinstance(node.tag, str):
            return
        block = node.tag in _BLOCKS or node.tag == "br"
        if block:
            flush()
        if node.text:
            current.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    walk(block)
    flush()
    return "\n".join(lines)


def _name_of(el, label) -> str:
    """The member's name as the label writes it: the link's words, else the label up to a bracket."""
    words = _flat(el)
    if not words:
        words = " ".join((el.get("title") or "").split())
    if not words or len(words) > 80:
        words = _flat(label)
    first = next((s.strip() for s in el.itertext() if s.strip()), "")
    if first and len(first) < len(words) and words.startswith(first):
        words = first  # the link holds the name, then the seat and party in blocks of their own
    return re.split(r"\s*[(\[,|:–-]\s", words, maxsplit=1)[0].strip() or words
