"""Word wrapping that keeps track of character offsets.

The article view must know on which screen line a quote or a highlight starts, so it can
scroll to it. Rich's own wrapping does not report offsets; this greedy wrapper returns
the offsets where lines break, to cut a :class:`~rich.text.Text` with ``divide``.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

_WORD = re.compile(r"\S+\s*|\s+")


def break_offsets(text: str, width: int) -> list[int]:
    """Offsets where a new line starts when ``text`` is wrapped to ``width`` cells."""
    width = max(1, width)
    breaks: list[int] = []
    line_cells = 0
    for match in _WORD.finditer(text):
        word = match.group(0)
        word_cells = cell_len(word.rstrip())
        if line_cells and line_cells + word_cells > width:
            breaks.append(match.start())
            line_cells = 0
        if word_cells > width:  # a word longer than the line: cut it
            start = match.start()
            position = start
            cells = line_cells
            for offset, character in enumerate(word.rstrip()):
                character_cells = cell_len(character)
                if cells + character_cells > width:
                    breaks.append(start + offset)
                    cells = 0
                cells += character_cells
                position = start + offset
            del position
            line_cells = cells + (len(word) - len(word.rstrip()))
            continue
        line_cells += cell_len(word)
    return breaks


def line_of(breaks: list[int], offset: int) -> int:
    """The wrapped line (0-based) that character ``offset`` falls on."""
    from bisect import bisect_right

    return bisect_right(breaks, offset)
