"""Extraction: from one text to the people it names, the positions they state, their votes and the tallies.

:func:`extract` is pure: the same text, metadata, directory and topics give
the same records, in text order. Batch callers build a :class:`Resolver`
once and pass it as ``resolver=``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the extractor is loaded on first use: importing `records` alone stays cheap
    from .records import ArticleMeta, Directory, Extraction, TopicSpec
    from .resolve import Resolver

__all__ = ["Resolver", "extract", "resolver_for"]

_CACHE: list[tuple[Directory, Resolver]] = []


def resolver_for(directory: Directory) -> Resolver:
    """A resolver for the directory, reused while the same directory object is passed again."""
    from .resolve import Resolver

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
    from .extractor import Extractor

    return Extractor(text, meta, resolver or resolver_for(directory), topics).run()


def __getattr__(name: str):
    if name == "Resolver":
        from .resolve import Resolver

        return Resolver
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
