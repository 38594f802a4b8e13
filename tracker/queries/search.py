"""Full-text search over source texts and quotes.

On SQLite the index is FTS5, made and kept up to date (by triggers) with
sqlite-utils; on PostgreSQL the same questions use its built-in full-text
search, with no index to keep.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import Connection, text


@dataclass
class Hit:
    kind: str  # source | position
    id: int
    source_id: int
    snippet: str
    person: str | None
    outlet: str | None
    path: str | None
    url: str | None
    date: str | None

    def to_dict(self) -> dict:
        return asdict(self)


def quote_fts(query: str) -> str:
    """Each word a quoted FTS5 string, so quotes and operators in user input are only words."""
    words = [w for w in query.replace('"', " ").split() if w]
    return " ".join(f'"{w}"' for w in words)


def search(conn: Connection, query: str, limit: int = 20) -> list[Hit]:
    if not query.split():
        return []
    if conn.dialect.name == "sqlite":
        return _sqlite(conn, query, limit)
    return _postgres(conn, query, limit)


def _sqlite(conn: Connection, query: str, limit: int) -> list[Hit]:
    match = quote_fts(query)
    if not match:
        return []
    sources = conn.execute(text(
        "select s.id, s.id as source_id, snippet(source_fts, 2, '[', ']', '…', 16) as snippet, null as person, "
        "s.outlet, s.path, s.url, s.published as date from source_fts join source s on s.rowid = source_fts.rowid "
        "where source_fts match :q order by rank limit :n"), {"q": match, "n": limit}).all()
    quotes = conn.execute(text(
        "select p.id, p.source_id, p.quote as snippet, pe.name as person, s.outlet, s.path, s.url, p.date "
        "from position_fts join position p on p.rowid = position_fts.rowid join source s on s.id = p.source_id "
        "left join person pe on pe.id = p.person_id where position_fts match :q order by rank limit :n"),
        {"q": match, "n": limit}).all()
    return [Hit("position", *r) for r in quotes] + [Hit("source", *r) for r in sources]


def _postgres(conn: Connection, query: str, limit: int) -> list[Hit]:
    sources = conn.execute(text(
        "select s.id, s.id, ts_headline('english', s.text, q, 'StartSel=[, StopSel=], MaxWords=20'), null, "
        "s.outlet, s.path, s.url, s.published from source s, plainto_tsquery('english', :q) q "
        "where to_tsvector('english', coalesce(s.title, '') || ' ' || s.text) @@ q "
        "order by ts_rank(to_tsvector('english', s.text), q) desc, s.id limit :n"), {"q": query, "n": limit}).all()
    quotes = conn.execute(text(
        "select p.id, p.source_id, p.quote, pe.name, s.outlet, s.path, s.url, p.date "
        "from position p join source s on s.id = p.source_id left join person pe on pe.id = p.person_id, "
        "plainto_tsquery('english', :q) q where to_tsvector('english', p.quote) @@ q "
        "order by ts_rank(to_tsvector('english', p.quote), q) desc, p.id limit :n"), {"q": query, "n": limit}).all()
    return [Hit("position", *r) for r in quotes] + [Hit("source", *r) for r in sources]
