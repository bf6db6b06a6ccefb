"""YAML nodes: plain data for validation, and the node (so the line and column) of a path.

The config loader turns the composed node tree into plain data (:func:`to_data`) for
pydantic, and turns the path of each error pydantic reports back into a node
(:func:`node_at`), so each message can say ``file:line:col: <what is wrong>; expected
<what>``. The theme loader walks the nodes itself with a :class:`NodeReader`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeAlias

import yaml
from yaml.nodes import Node, ScalarNode

from tui.config.errors import ConfigError
from tui.config.suggest import cut, did_you_mean, one_of, shown
from tui.terminal_safe import terminal_safe

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
BOOL_TAG = _BOOL = "tag:yaml.org,2002:bool"
INT_TAG = _INT = "tag:yaml.org,2002:int"
_MERGE = "tag:yaml.org,2002:merge"
#: A path into the data, as pydantic reports it: keys, list indexes, ``[key]`` for a key.
Loc = tuple[int | str, ...]
#: The plain data of a YAML document, as pydantic validates it.
Data: TypeAlias = "dict[str, Data] | list[Data] | Scalar | None"
#: A message, given the name of the thing it is about ("view 'Inbox'").
Worded = Callable[[str], str]


class Scalar(str):
    """A scalar as the text written, with the tag YAML resolved it to (``true`` is a bool).

    Text fields take it as text (so ``name: 1`` names a view "1"); true/false and whole
    number fields check the tag, so ``"true"`` in quotes is text, not a flag.
    """

    __slots__ = ("tag",)
    tag: str

    def __new__(cls, text: str, tag: str) -> Scalar:
        scalar = super().__new__(cls, text)
        scalar.tag = tag
        return scalar


def to_data(node: Node, loc: Loc = ()) -> tuple[Data, list[tuple[Loc, Node, Worded]]]:
    """Plain data for ``node`` (dicts, lists, :class:`Scalar`, None) and what YAML allows
    that a dict cannot hold: (path of the mapping, key node, its message given the
    mapping's name) for keys that are not names, merge keys and keys set twice."""
    problems: list[tuple[Loc, Node, Worded]] = []
    if isinstance(node, yaml.SequenceNode):
        items: list[Data] = []
        for index, item in enumerate(node.value):
            value, found = to_data(item, (*loc, index))
            items.append(value)
            problems += found
        return items, problems
    if not isinstance(node, yaml.MappingNode):
        return (None if node.tag == _NULL else Scalar(node.value, node.tag)), problems
    mapping: dict[str, Data] = {}
    firsts: dict[str, Node] = {}
    for key_node, value_node in node.value:
        worded = _key_problem(key_node, firsts)
        if worded is not None:
            problems.append((loc, key_node, worded))
            continue
        firsts[canonical_key(key_node.value)] = key_node
        mapping[key_node.value], found = to_data(value_node, (*loc, key_node.value))
        problems += found
    return mapping, problems


def _key_problem(key_node: Node, firsts: dict[str, Node]) -> Worded | None:
    """Why a mapping's key cannot be a key of the data (None: it can)."""
    if not isinstance(key_node, yaml.ScalarNode):
        kind = describe(key_node)
        return lambda what: f"a key in {what} is {kind}; expected a name"
    if key_node.tag == _MERGE:
        return lambda what: f"merge keys ('<<') are not supported in {what}"
    first = firsts.get(canonical_key(key_node.value))
    if first is None:
        return None
    key, line = shown(key_node.value), first.start_mark.line + 1
    return lambda what: f"{key} is set twice in {what} (first on line {line})"


def node_at(root: Node, loc: Loc) -> Node:
    """The node a path leads to, or the deepest one on the way (a missing key: its mapping).

    ``[key]`` after a key means the key's own node. An index into a mapping picks a
    (key, value) pair, a second index one of the two; a one-pair mapping in a list is
    itself such a pair (``[list: 2, article]``: a layout's panes and sizes).
    """
    node, step = root, 0
    while step < len(loc):
        part, after = loc[step], loc[step + 1] if step + 1 < len(loc) else None
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            found = [pair for pair in node.value if _same_key(pair[0], part)]
            if not found:
                return node
            node = found[0][0] if after == "[key]" else found[0][1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return node
            node = node.value[part]
        elif isinstance(node, yaml.MappingNode) and isinstance(part, int):
            if step > 0 and isinstance(loc[step - 1], int) and len(node.value) == 1:
                node = node.value[0][1 if part == 1 else 0]
            elif part < len(node.value):
                node = node.value[part][1 if after == 1 else 0]
                step += after in (0, 1)
            else:
                return node
        else:
            return node
        step += 1
    return node


def _same_key(key_node: Node, name: str) -> bool:
    return isinstance(key_node, yaml.ScalarNode) and (
        key_node.value == name or canonical_key(key_node.value) == canonical_key(name)
    )


def canonical_key(key: str) -> str:
    """Keys may be written ``speaker-index`` or ``speaker_index``."""
    return key.strip().replace("-", "_")


def describe(node: Node) -> str:
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

    def error(self, node: Node | None, message: str, *, column_offset: int = 0) -> None:
        mark = node.start_mark if node is not None else None
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        self.errors.append(ConfigError(self.path, line, column + column_offset, message))

    def sorted_errors(self) -> list[ConfigError]:
        """The errors in file order (unknown keys are found before values are read)."""
        return sorted(self.errors, key=lambda error: (error.line, error.column))

    def mapping(
        self, node: Node, what: str, allowed: Iterable[str] | None = None
    ) -> list[tuple[str, ScalarNode, Node]] | None:
        """(canonical key, key node, value node) in file order, or None if not a mapping.

        Unknown keys (when ``allowed`` is given), non-string keys and repeated keys are
        reported and left out.
        """
        if not isinstance(node, yaml.MappingNode):
            self.error(node, f"{what} is {describe(node)}; expected a mapping of 'key: value'")
            return None
        choices = list(allowed) if allowed is not None else None
        seen: dict[str, Node] = {}
        items: list[tuple[str, ScalarNode, Node]] = []
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

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, f"{what} is {describe(node)}; expected a list")
            return None
        return list(node.value)

    def string(self, node: Node, what: str, *, allow_empty: bool = True) -> str | None:
        """A scalar as the text written (``1`` is ``"1"``); nothing written is ``""``."""
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, f"{what} is {describe(node)}; expected text")
            return None
        text = "" if node.tag == _NULL else node.value
        if not allow_empty and not text.strip():
            self.error(node, f"{what} is empty; expected text")
            return None
        return text

    def boolean(self, node: Node, what: str) -> bool | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _BOOL:
            return node.value.lower() in ("true", "yes", "on", "y")
        self.error(node, f"{what} is {describe(node)}; expected true or false")
        return None

    def integer(self, node: Node, what: str, *, low: int, high: int) -> int | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _INT:
            try:
                value = int(node.value.replace("_", ""), 0)
            except ValueError:
                value = None
            if value is not None and low <= value <= high:
                return value
        self.error(node, f"{what} is {describe(node)}; expected a whole number {low}-{high}")
        return None
