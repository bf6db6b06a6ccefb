"""Read a small YAML file into a node tree, safely and with positions.

Only ``yaml.SafeLoader`` is used, and only to *compose* nodes: validation walks the nodes
so every value keeps its line and column. Three things are refused before they can cost
time or memory: files over :data:`MAX_BYTES` (checked before reading, and reading stops
there anyway), alias graphs that would expand to more than :data:`MAX_EXPANDED_NODES`
values (the "billion laughs" bomb: nine nested anchors of ten aliases each), and nesting
deeper than the parser's recursion allows.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import TYPE_CHECKING

from tui.config.errors import ConfigError, ConfigFileRefused
from tui.config.suggest import cut

if TYPE_CHECKING:
    from yaml.error import Mark
    from yaml.nodes import Node

#: A config or theme file is a few kilobytes; one megabyte is already absurd.
MAX_BYTES = 1024 * 1024
#: Values once every alias is expanded. A full config is a few hundred.
MAX_EXPANDED_NODES = 20_000


def _refuse(path: Path, line: int, column: int, message: str) -> ConfigFileRefused:
    return ConfigFileRefused(ConfigError(path, line, column, message))


def read_text(path: Path) -> str:
    """The file's text, refusing huge, binary, unreadable and non-regular files with a
    ConfigError.

    The file is opened without blocking and judged by what was opened (``fstat``): a
    FIFO with no writer would otherwise hang the app before its first frame, and a
    device such as ``/dev/zero`` has no honest size.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        try:
            status = os.fstat(fd)
            problem = _not_a_config_file(status)
            if problem:
                raise _refuse(path, 1, 1, problem)
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(MAX_BYTES + 1)  # the file may grow while it is read
        finally:
            os.close(fd)
    except OSError as exc:
        raise _refuse(path, 1, 1, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise _refuse(
            path, 1, 1, f"file is over {_megabytes(MAX_BYTES)}; expected a small YAML config"
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, column = _position(data[: exc.start].decode("utf-8", "replace"))
        raise _refuse(
            path, line, column, f"byte 0x{data[exc.start]:02x} is not UTF-8; expected UTF-8 text"
        ) from None


def compose(path: Path, text: str) -> Node | None:
    """The YAML node tree of ``text`` (None for an empty document), or ConfigFileRefused."""
    import yaml

    class _CountingLoader(yaml.SafeLoader):
        """SafeLoader that remembers where the first alias was used, for the bomb message."""

        first_alias: Mark | None = None

        def compose_node(self, parent: Node | None, index: int) -> Node | None:
            if self.first_alias is None and self.check_event(yaml.AliasEvent):
                self.first_alias = self.peek_event().start_mark  # type: ignore[no-untyped-call]
            return super().compose_node(parent, index)

    loader = None
    try:
        # The loader's reader checks every character as it is built: inside the try.
        loader = _CountingLoader(text)
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "is not valid YAML"
        expected = f"; {exc.context}" if exc.context and exc.problem else ""
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        start = exc.context_mark if exc.problem_mark else None
        if expected and start is not None and start.line + 1 != line:
            # Met at the end of the file, an unclosed quote or bracket is found where it
            # opens, often many lines up.
            expected += f" that starts at line {start.line + 1}, column {start.column + 1}"
        raise _refuse(path, line, column, f"YAML syntax: {problem}{expected}") from None
    except yaml.reader.ReaderError as exc:
        line, column = _position(text[: exc.position])
        raise _refuse(
            path,
            line,
            column,
            f"character U+{exc.character:04X} is not allowed in YAML; delete it "
            f"(or write \\u{exc.character:04X} inside double quotes)",
        ) from None
    except yaml.YAMLError as exc:
        raise _refuse(path, 1, 1, f"YAML syntax: {cut(' '.join(str(exc).split()))}") from None
    except RecursionError:
        raise _refuse(path, 1, 1, "nested too deeply; expected a flat config") from None
    finally:
        if loader is not None:
            loader.dispose()
    mark = loader.first_alias  # only a tree with aliases can be a bomb
    if root is not None and mark is not None and _expanded_size(root, {}) > MAX_EXPANDED_NODES:
        raise _refuse(
            path,
            mark.line + 1,
            mark.column + 1,
            f"aliases expand to more than {MAX_EXPANDED_NODES} values (a YAML bomb?); "
            "expected a config without runaway anchors",
        )
    return root


def read_yaml(path: Path) -> Node | None:
    """:func:`read_text` then :func:`compose`."""
    return compose(path, read_text(path))


def _expanded_size(node: Node, memo: dict[int, int]) -> int:
    """How many nodes the tree has once aliases are expanded, stopping early when huge."""
    import yaml

    key = id(node)
    if key in memo:
        return memo[key]
    total = 1
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [child for pair in node.value for child in pair]
    else:
        children = []
    for child in children:
        total += _expanded_size(child, memo)
        if total > MAX_EXPANDED_NODES:
            break
    memo[key] = total
    return total


def _position(prefix: str) -> tuple[int, int]:
    """1-based (line, column) just after ``prefix``."""
    line = prefix.count("\n") + 1
    return line, len(prefix) - (prefix.rfind("\n") + 1) + 1


def _not_a_config_file(status: os.stat_result) -> str | None:
    """Why the file opened cannot be a config (a folder, a FIFO, too big), or None."""
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        return "is a directory; expected a YAML file"
    if not stat.S_ISREG(mode):
        kind = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(mode)
            else "a device"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "a special file"
        )
        return f"is {kind}, not a regular file; expected a YAML file"
    if status.st_size > MAX_BYTES:
        return (
            f"file is {_megabytes(status.st_size)}; expected a config of at most "
            f"{_megabytes(MAX_BYTES)} (is this the right file?)"
        )
    return None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
