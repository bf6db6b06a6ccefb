"""Reading YAML nodes into values while collecting errors that say where and what.

Both the config loader and the theme loader walk composed nodes with a :class:`NodeReader`
rather than loading Python objects, so each value still knows its line and column and
each message can say ``file:line:col: <what is wrong>; expected <what>``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from tui.config.errors import ConfigError
from tui.config.suggest import cut, did_you_mean, one_of, shown
from tui.terminal_safe import terminal_safe

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"


def canonical_key(key: str) -> str:
    """Keys may be written ``speaker-index`` or ``speaker_index``."""
    return key.strip().replace("-", "_")


def describe(node: Any) -> str:
    """What a node is, for 'expected X, got Y' messages."""
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing"
    if node.tag == _STR:
        return shown(node.value)
    # A tagged scalar (`! |` block) may hold line breaks: the message stays one line.
    return cut(terminal_safe(node.value))


class NodeReader:
    """Turns nodes into plain values, recording a :class:`ConfigError` for each problem."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.errors: list[ConfigError] = []

    def error(self, node: Any, message: str, *, column_offset: int = 0) -> None:
        mark = node.start_mark if node is not None else None
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        self.errors.append(ConfigError(self.path, line, column + column_offset, message))

    def sorted_errors(self) -> list[ConfigError]:
        """The errors in file order (unknown keys are found before values are read)."""
        return sorted(self.errors, key=lambda error: (error.line, error.column))

    def mapping(
        self, node: Any, what: str, allowed: Iterable[str] | None = None
    ) -> list[tuple[str, Any, Any]] | None:
        """(canonical key, key node, value node) in file order, or None if not a mapping.

        Unknown keys (when ``allowed`` is given), non-string keys and repeated keys are
        reported and left out.
        """
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} is {describe(node)}; expected a mapping of 'key: value'")
            return None
        choices = list(allowed) if allowed is not None else None
        seen: dict[str, Any] = {}
        items = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, f"a key in {what} is {describe(key_node)}; expected a name")
                continue
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.error(key_node, f"merge keys ('<<') are not supported in {what}")
                continue
            key = key_node.value if choices is None else canonical_key(key_node.value)
            if choices is not None and key not in choices:
                self.error(
                    key_node,
                    f"unknown key {shown(key_node.value)} in {what}; expected {one_of(choices)}"
                    + did_you_mean(key, choices),
                )
                continue
            if key in seen:
                first = seen[key].start_mark.line + 1
                self.error(
                    key_node,
                    f"{shown(key_node.value)} is set twice in {what} (first on line {first})",
                )
                continue
            seen[key] = key_node
            items.append((key, key_node, value_node))
        return items

    def sequence(self, node: Any, what: str) -> list[Any] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} is {describe(node)}; expected a list")
            return None
        return list(node.value)

    def string(self, node: Any, what: str, *, allow_empty: bool = True) -> str | None:
        """A scalar as the text written (``1`` is ``"1"``); nothing written is ``""``."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} is {describe(node)}; expected text")
            return None
        text = "" if node.tag == _NULL else node.value
        if not allow_empty and not text.strip():
            self.error(node, f"{what} is empty; expected text")
            return None
        return text

    def boolean(self, node: Any, what: str) -> bool | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
            return node.value.lower() in ("true", "yes", "on", "y")
        self.error(node, f"{what} is {describe(node)}; expected true or false")
        return None

    def integer(self, node: Any, what: str, *, low: int, high: int) -> int | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _INT:
            try:
                value = int(node.value.replace("_", ""), 0)
            except ValueError:
                value = None
            if value is not None and low <= value <= high:
                return value
        self.error(node, f"{what} is {describe(node)}; expected a whole number {low}-{high}")
        return None
