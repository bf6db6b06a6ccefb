"""How wide the lines of a batch table (``--format table``, ``parse --format text``) may be.

To a terminal a table fits its width: a row wider than the terminal wrapped onto the next
line, and the columns no longer lined up (the quotes table is 147 cells, the list's 122).
Piped or redirected, a table keeps its full columns, one line per row, whatever the
width of the terminal the pipe started in: what a script or ``grep`` reads does not
change with the window. ``COLUMNS`` set in the environment wins in both cases
(``COLUMNS=100 newsdesk list --format table | less``), as it does for Rich and for
:func:`shutil.get_terminal_size`.

A table narrows its columns in the order it names (:func:`column_widths`), or gives a
wider terminal's spare cells to its title or quote; a line still too wide is cut at the
width with ``…`` (:func:`fit_line`), measured in terminal cells
(a CJK character takes two). Rich would measure the same, but a batch command never
loads it (its import is a good part of a short command's start: tests/test_cli_imports.py).
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Sequence
from typing import TextIO


def table_width(stream: TextIO | None = None) -> int | None:
    """The cells a table line may take on ``stream`` (standard output by default):
    ``COLUMNS`` when set to a number, else the terminal's width when ``stream`` is a
    terminal; None (no limit) when it is a pipe or a file."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    stream = stream if stream is not None else sys.stdout
    try:
        if stream.isatty():
            return os.get_terminal_size(stream.fileno()).columns
    except (AttributeError, OSError, ValueError):  # no file descriptor (a StringIO)
        pass
    return None


def column_widths(
    natural: Sequence[int],
    give_way: Sequence[tuple[int, int]],
    width: int | None,
    grow: int | None = None,
) -> list[int]:
    """The widths of a table's columns in a line of ``width`` cells (None: no limit).

    ``natural`` is each column's full width, and the line's width with them, gaps
    included, is ``sum(natural) + gaps``: pass the gaps as a column of their own that
    never gives way. ``give_way`` is ``(column, least)`` steps in order: each narrows
    its column towards ``least`` cells until the line fits (a column may come twice:
    the title to 30, the source to 8, the title to 15). A wider line than the natural
    one gives its spare cells to column ``grow`` (the title, the quote), when named.
    """
    widths = list(natural)
    if width is None:
        return widths
    excess = sum(widths) - width
    if excess < 0 and grow is not None:
        widths[grow] -= excess
    for column, least in give_way:
        if excess <= 0:
            break
        take = max(0, min(excess, widths[column] - least))
        widths[column] -= take
        excess -= take
    return widths


def _cells(char: str) -> int:
    """The terminal cells ``char`` takes: 2 for wide (CJK), 0 for combining marks."""
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def fit_line(line: str, width: int | None) -> str:
    """``line`` cut to at most ``width`` cells, ending in ``…`` when cut (None: as it is)."""
    if width is None or width < 1 or sum(map(_cells, line)) <= width:
        return line
    used = 0
    for index, char in enumerate(line):
        used += _cells(char)
        if used > width - 1:  # no cell left for the ellipsis
            return line[:index] + "…"
    return line
