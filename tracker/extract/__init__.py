"""Extraction: from one text to the people it names, the positions they state, their votes and the tallies.

:func:`extract` is pure: the same text, metadata, directory and topics give
the same records, in text order. Batch callers build a :class:`Resolver`
once and pass it as ``resolver=``.
"""

from __future__ import annotations

from .extractor import Extractor
from .records import ArticleMeta, Directory, Extraction, TopicSpec
from .resolve import Resolver

__all__ = ["Resolver", "extract", "resolver_for"]

_CACHE: list[tuple[Directory, Resolver]] = []


def resolver_for(directory: Directory) -> Resolver:
    """A resolver for the directory, reused while the same directory object is passed again."""
    for known, resolver in _CACHE:
        if known is directory:
            return resolver
    resolver = Resolver(directory)
    _CACHE.insert(0, (directory, resolver))
    del _CACHE[4:]
    return resolver


def extract(
    text: str,
    meta: ArticleMeta,
    directory: Directory,
    topics: list[TopicSpec],
    *,
    resolver: Resolver | None = None,
) -> Extraction:
    """Everything the text says about people, their positions on the topics, votes and tallies."""
    return Extractor(text, meta, resolver or resolver_for(directory), topics).run()
