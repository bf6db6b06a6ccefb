"""Cleaned text -> units: the paragraph candidates the dump reader classifies.

Dumps come in two layouts, and a file's own shape says which:

- **line layout** (the wire dumps): one paragraph per line, no blank lines inside a
  story; a blank line only sets off a title line.
- **block layout** (saved web pages, Wikinews): paragraphs separated by blank lines; a
  paragraph may span several lines (a list, a dateline glued to the first paragraph).

The layout is *line* when most non-blank lines sit in multi-line blocks and the lines
are not hard-wrapped prose (hard-wrapped text has short lines that mostly stop
mid-sentence); otherwise *block*. In block layout a block whose first line is a dateline
is split there, so the dateline can be read apart from the paragraph it was glued to.

One pass over the lines: linear in the size of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.ingest.cues import ends_sentence
from tui.ingest.dates import parse_dateline

#: Longest line that may be a dateline.
_MAX_DATELINE = 60
#: Lines no longer than this may be hard-wrapped prose.
_WRAP_WIDTH = 100


@dataclass(slots=True)
class Unit:
    """A paragraph candidate: ``text`` is exactly ``source[start:end]`` (stripped).

    ``alone`` marks a single line set off by blank lines (or the file's edges): the
    only shape a title line can have.
    """

    start: int
    end: int
    text: str
    alone: bool
    date: str | None = None


#: The stripped content of one line: first to last non-space character.
_LINE = re.compile(r"\S(?:[^\n]*\S)?")


def _blocks(text: str) -> list[list[tuple[int, int]]]:
    """Runs of non-blank lines, each line as its stripped (start, end)."""
    blocks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    previous_end = 0
    for match in _LINE.finditer(text):
        start, end = match.span()
        if current and text.count("\n", previous_end, start) > 1:
            blocks.append(current)
            current = []
        current.append((start, end))
        previous_end = end
    if current:
        blocks.append(current)
    return blocks


def _is_line_layout(text: str, blocks: list[list[tuple[int, int]]]) -> bool:
    total = 0
    in_multi = 0
    longest = 0
    for block in blocks:
        total += len(block)
        if len(block) > 1:
            in_multi += len(block)
            longest = max(longest, max(end - start for start, end in block))
    if in_multi * 2 <= total:
        return False
    if longest > _WRAP_WIDTH:
        return True
    # Short lines only: line layout unless they are prose hard-wrapped mid-sentence.
    inner = inner_open = 0
    for block in blocks:
        for start, end in block[:-1]:
            inner += 1
            inner_open += not ends_sentence(text[max(start, end - 4) : end])
    return inner_open * 2 <= inner


def split_units(text: str) -> tuple[list[Unit], bool]:
    """The units of ``text`` in order, and whether the text is in line layout."""
    blocks = _blocks(text)
    line_layout = _is_line_layout(text, blocks)
    units: list[Unit] = []
    for block in blocks:
        if len(block) == 1:
            start, end = block[0]
            line = text[start:end]
            # Only a line standing alone can be a dateline (or a title).
            date = parse_dateline(line) if end - start <= _MAX_DATELINE else None
            units.append(Unit(start, end, line, True, date))
            continue
        if line_layout:
            # A dateline line inside a block opens a story glued to the one before.
            for start, end in block:
                line = text[start:end]
                date = None
                if end - start <= _MAX_DATELINE and line[-1].isdigit():
                    date = parse_dateline(line)
                units.append(Unit(start, end, line, False, date))
            continue
        first_start, first_end = block[0]
        date = parse_dateline(text[first_start:first_end])
        if date is not None:
            units.append(Unit(first_start, first_end, text[first_start:first_end], True, date))
            block = block[1:]
        start, end = block[0][0], block[-1][1]
        units.append(Unit(start, end, text[start:end], len(block) == 1 and date is None))
    return units, line_layout
