"""Parliamentary vote and position tracker: who backed what, and when."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["Tracker", "__version__"]


def __getattr__(name: str):
    # imported on first use, so that `tracker --help` starts without the database stack
    if name == "Tracker":
        from .api import Tracker

        return Tracker
    raise AttributeError(name)
