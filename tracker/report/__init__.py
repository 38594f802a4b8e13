"""The report: who backed a topic and how they voted, as an HTML page and Markdown, with charts."""

from .render import write_report

__all__ = ["write_report"]
