"""The package's layout holds: no import circles, and each layer imports only the layers below it.

The map of the layers is in docs/DESIGN.md; this test is what keeps it true.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "tracker"

# what each part of tracker/ may import (besides itself); docs/DESIGN.md explains why
MAY_IMPORT = {
    "errors": set(),
    "db": set(),
    "extract": set(),
    "models": set(),
    "fetch": {"errors"},
    "formats": {"errors", "extract.records", "models", "db"},
    "queries": {"errors", "extract.records", "formats", "models", "db"},
    "load": {"errors", "extract.records", "formats", "models", "db", "queries"},
    "jobs": {"errors", "extract", "fetch", "formats", "models", "db", "queries", "load"},
    "report": {"errors", "queries", "models"},
    "web": {"errors"},
    "api": {"db", "queries", "errors"},
    "cli": {"errors", "db", "extract", "fetch", "formats", "models", "queries", "load", "jobs", "report", "web"},
    "": {"api"},  # tracker/__init__.py
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ["tracker", *path.relative_to(PACKAGE).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """The tracker modules that ``name`` imports anywhere in its text (inside functions too)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            # `from . import x` names a module when x is one
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in MODULES else module for a in node.names]
        else:
            continue
        out |= {t for t in targets if t in MODULES and t != name}
    return out


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def _part(module: str) -> str:
    parts = module.split(".")[1:]
    return parts[0] if parts else ""


def test_no_import_circles():
    state: dict[str, int] = {}
    stack: list[str] = []
    circles = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                circles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(GRAPH):
        if node not in state:
            visit(node)
    assert not circles, "import circles: " + "; ".join(" -> ".join(c) for c in circles)


def _allowed(source: str, target: str) -> bool:
    here, there = _part(source), _part(target)
    if here == there:
        return True
    allowed = MAY_IMPORT[here]
    return there in allowed or (there == "extract" and target.startswith("tracker.extract.records")
                                and "extract.records" in allowed)


def test_every_part_is_on_the_map():
    assert {_part(m) for m in MODULES} <= set(MAY_IMPORT)


def test_each_layer_imports_only_what_it_may():
    wrong = sorted(f"{s} imports {t}" for s, targets in GRAPH.items() for t in targets if not _allowed(s, t))
    assert not wrong, "\n".join(wrong)


def test_no_module_of_the_cli_imports_the_cli_package():
    back = sorted(s for s, targets in GRAPH.items() if s.startswith("tracker.cli.") and "tracker.cli" in targets)
    assert not back


@pytest.mark.parametrize("name", ["divisions", "curation", "motions", "topics", "snapshot"])
def test_no_name_is_left_at_the_top_that_a_layer_also_uses(name):
    # a module directly under tracker/ must not share its name with one inside a layer's folder
    top = {m.split(".")[1] for m in MODULES if m.count(".") == 1}
    assert name not in top


def test_the_checker_sees_a_circle():
    # the walk above must find a circle when there is one, or the first test proves nothing
    global GRAPH
    saved = GRAPH
    GRAPH = {"a": {"b"}, "b": {"c"}, "c": {"a"}}
    try:
        with pytest.raises(AssertionError, match="a -> b -> c -> a"):
            test_no_import_circles()
    finally:
        GRAPH = saved
