"""Every question the tracker answers, in one place.

The CLI, the Python API, Datasette views and reports all call these functions,
so they give the same answers everywhere. Each takes an open connection and
returns typed rows; ``to_dict()`` on a row gives its JSON shape.

Names are loaded from their modules on first use, so a command that reads only
the stored answers (``queries.answers``) does not load SQLAlchemy.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING

_WHERE = {
    "backers": ("EVIDENCE_KINDS", "BackerRow", "Evidence", "who_backed"),
    "catalogue": ("motions", "sources", "topics"),
    "claims": ("CLAIM_VERDICTS", "ClaimRow", "vote_claims"),
    "common": ("Seats", "SourceRef", "TopicRow", "find_topic"),
    "divisions": ("DivisionReport", "division", "divisions_list", "find_division"),
    "people": ("Lookup", "PersonRef", "find_person", "resolve_person"),
    "positions": ("PositionRow", "positions"),
    "profile": ("PersonReport", "person_report"),
    "said_voted": ("VERDICTS", "SaidVotedRow", "said_vs_voted"),
    "tallies": ("TallyRow", "tallies"),
    "timeline": ("TimelineRow", "timeline"),
}
_MODULE_OF = {name: module for module, names in _WHERE.items() for name in names}

__all__ = [name for names in _WHERE.values() for name in names]


def __getattr__(name: str):
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])


# functions named like the module that holds them: `queries.positions` is the function, as it always was
_SHADOWED = {name for module, names in _WHERE.items() for name in names if name == module}


class _Package(ModuleType):
    def __setattr__(self, name: str, value) -> None:
        # loading a submodule makes it an attribute of this package: keep the function of its name instead
        if name in _SHADOWED and isinstance(value, ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


if TYPE_CHECKING:
    from .backers import EVIDENCE_KINDS, BackerRow, Evidence, who_backed  # noqa: F401
    from .catalogue import motions, sources, topics  # noqa: F401
    from .claims import CLAIM_VERDICTS, ClaimRow, vote_claims  # noqa: F401
    from .common import Seats, SourceRef, TopicRow, find_topic  # noqa: F401
    from .divisions import DivisionReport, division, divisions_list, find_division  # noqa: F401
    from .people import Lookup, PersonRef, find_person, resolve_person  # noqa: F401
    from .positions import PositionRow, positions  # noqa: F401
    from .profile import PersonReport, person_report  # noqa: F401
    from .said_voted import VERDICTS, SaidVotedRow, said_vs_voted  # noqa: F401
    from .tallies import TallyRow, tallies  # noqa: F401
    from .timeline import TimelineRow, timeline  # noqa: F401
