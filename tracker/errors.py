"""The one error type that turns into a single friendly line on standard error."""

from __future__ import annotations


class InputError(Exception):
    """Bad input: says which file, which line or field, and what is wrong."""

    def __init__(self, where: str, what: str):
        self.where = where
        self.what = what
        super().__init__(f"{where}: {what}")


class NotFound(Exception):
    """An unknown name, topic or id; carries suggestions when there are some."""

    def __init__(self, what: str, suggestions: list[str] | None = None):
        self.suggestions = suggestions or []
        msg = what
        if self.suggestions:
            msg += "; did you mean: " + ", ".join(self.suggestions[:5]) + "?"
        super().__init__(msg)
