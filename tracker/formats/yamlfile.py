"""YAML files read safely, with errors that name the file and line."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import InputError


def read_yaml(path: Path):
    return read_yaml_list(path)[0]


def read_yaml_list(path: Path) -> tuple[object, list[int]]:
    """The file's data, and, when it is a list, the line each of its items starts on (from 1)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(str(path), "file not found")
    try:
        loader = DatesAsText(path.read_text(encoding="utf-8"))
        try:
            node = loader.get_single_node()  # parsed once: the data and where each item begins come from it
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
        lines = [item.start_mark.line + 1 for item in node.value] if isinstance(node, yaml.SequenceNode) else []
        return data, lines
    except UnicodeDecodeError as exc:
        raise InputError(str(path), f"not UTF-8 text (byte {exc.start})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}, line {mark.line + 1}" if mark else str(path)
        raise InputError(where, f"not valid YAML ({getattr(exc, 'problem', None) or exc})") from None


class DatesAsText(yaml.SafeLoader):
    """A safe loader that keeps dates as the text written (2023-11-15 stays '2023-11-15')."""


DatesAsText.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
