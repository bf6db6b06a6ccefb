"""The article's blocks wrapped to the pane, lazily: only what is drawn or jumped to.

Wrapping a whole article up front costs time in its size (a 2 MB paragraph took 16 s
to show, 50 MB minutes). So a block longer than :data:`PIECE` characters is cut into
pieces at spaces, each wrapped on its own when it is first needed; a piece not yet
wrapped counts as an estimate of its lines. Line numbers (the scroll position) come
from the pieces' line counts, estimated or exact. Only the pieces on screen, and those a
jump goes to, are ever wrapped, and their lines drawn (kept in a small cache).

When a piece above the top of the pane is wrapped and its estimate was wrong, the lines
below it move: :meth:`ArticleLines.settle` moves the top with them, so what is on the
screen stays where it is. A long paragraph's line breaks at a piece's end, one short
line every :data:`PIECE` characters or so: the price of never wrapping it all.

Offsets are display offsets into a block's text (see
:class:`~tui.app.widgets.article_document.Block`), as before: a quote, a highlight or a
search match lands on its line however far into the article it is.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import OrderedDict
from collections.abc import Sequence
from itertools import accumulate
from typing import TYPE_CHECKING

from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Span as TextSpan
from rich.text import Text
from textual.strip import Strip

from tui.app.wrapping import break_offsets

if TYPE_CHECKING:
    from tui.app.widgets.article_document import BlockText

#: A block longer than this (characters) is wrapped a piece at a time.
PIECE = 8192
#: Up to this many characters in all, every piece is wrapped at once: line numbers are
#: exact from the start (every ordinary article).
EAGER = 1 << 18
#: Pieces whose drawn lines are kept.
DRAWN_PIECES = 256


def _pieces(text: str) -> list[tuple[int, int]]:
    """``text`` cut into ranges of at most :data:`PIECE` characters, after a space
    where the second half of the range has one (a word longer than that is cut)."""
    if len(text) <= PIECE:
        return [(0, len(text))]
    ranges = []
    start = 0
    while len(text) - start > PIECE:
        space = text.rfind(" ", start + PIECE // 2, start + PIECE)
        end = space + 1 if space != -1 else start + PIECE
        ranges.append((start, end))
        start = end
    ranges.append((start, len(text)))
    return ranges


class ArticleLines:
    """The lines of a list of blocks' texts wrapped to ``width`` cells."""

    def __init__(
        self, texts: Sequence[BlockText], width: int, console: Console, base: Style
    ) -> None:
        self.texts = texts
        self.width = max(1, width)
        self.console = console
        self.base = base
        #: (block, start, end) of every piece, in order.
        self.pieces: list[tuple[int, int, int]] = []
        #: The first piece of every block.
        self.block_piece: list[int] = []
        for number, text in enumerate(texts):
            self.block_piece.append(len(self.pieces))
            self.pieces.extend((number, a, b) for a, b in _pieces(text.plain))
        #: Line breaks (display offsets in the block) of the pieces wrapped so far.
        self.breaks: list[list[int] | None] = [None] * len(self.pieces)
        self.counts = [1] * len(self.pieces)
        self._drawn: OrderedDict[int, list[Strip]] = OrderedDict()
        self._first: list[int] = []
        self._exact = sum(len(text) for text in texts) <= EAGER
        if self._exact:
            for number in range(len(self.pieces)):
                self._measure(number)
        else:
            # Lines hold fewer characters than cells (words do not fill them, wide
            # characters take two): the first long piece, wrapped, says how many.
            self._per_line = float(self.width)
            for number, (_block, start, end) in enumerate(self.pieces):
                if end - start >= PIECE // 2:
                    self._measure(number)
                    self._per_line = (end - start) / self.counts[number]
                    break
            for number, piece in enumerate(self.pieces):
                if self.breaks[number] is None:
                    self.counts[number] = self._estimate(piece)
        self._count()

    # -- line numbers ------------------------------------------------------------------

    def _estimate(self, piece: tuple[int, int, int]) -> int:
        _block, start, end = piece
        if end - start <= self.width // 2:
            return 1
        return max(1, round((end - start) / self._per_line))

    def _count(self) -> None:
        self._first = [0, *accumulate(self.counts)]

    @property
    def exact(self) -> bool:
        """Whether every piece is wrapped (line numbers are the same in a new layout of
        the same text)."""
        return self._exact or all(breaks is not None for breaks in self.breaks)

    @property
    def total(self) -> int:
        """How many lines (some of them estimated)."""
        return self._first[-1]

    def _measure(self, number: int) -> int:
        """Wrap piece ``number`` (its line count becomes exact); how many lines it
        gained (negative: lost). The caller recounts (:meth:`_count`)."""
        if self.breaks[number] is not None:
            return 0
        block, start, end = self.pieces[number]
        plain = self.texts[block].plain
        inner = break_offsets(plain[start:end], self.width)
        self.breaks[number] = [start + offset for offset in inner]
        lines = len(inner) + 1
        gained = lines - self.counts[number]
        self.counts[number] = lines
        return gained

    def piece_at(self, line: int) -> int:
        """The piece that line ``line`` falls in (the last one past the end)."""
        return max(0, min(len(self.pieces) - 1, bisect_right(self._first, line) - 1))

    def _piece_of(self, block: int, offset: int) -> int:
        first = self.block_piece[block]
        last = (
            self.block_piece[block + 1] if block + 1 < len(self.block_piece) else len(self.pieces)
        )
        starts = [self.pieces[number][1] for number in range(first, last)]
        return first + max(0, bisect_right(starts, offset) - 1)

    def line_of(self, block: int, offset: int) -> int:
        """The line that display ``offset`` of ``block`` is on (its piece is wrapped)."""
        number = self._piece_of(block, offset)
        if self._measure(number):
            self._count()
        breaks = self.breaks[number] or []
        return self._first[number] + bisect_right(breaks, offset)

    def block_lines(self, block: int) -> tuple[int, int]:
        """The first and last line of ``block`` (its first piece wrapped)."""
        first = self.line_of(block, 0)
        after = (
            self.block_piece[block + 1] if block + 1 < len(self.block_piece) else len(self.pieces)
        )
        return first, self._first[after] - 1

    def settle(self, top: int, height: int) -> int:
        """Wrap the pieces shown from line ``top`` down ``height`` lines; the top to
        draw from, so that lines already shown below a piece wrapped now stay put."""
        top = max(0, top)
        if not self.pieces:
            return 0
        while True:
            number = self.piece_at(top)
            if self.breaks[number] is not None:
                break
            gained = self._measure(number)
            self._count()
            after = number + 1
            if gained and after < len(self.pieces) and self.breaks[after] is not None:
                top = max(0, top + gained)  # the next piece, on screen, keeps its row
            if self.piece_at(top) == number:
                break
        while True:
            bottom = min(self.total, top + height)
            numbers = range(self.piece_at(top), self.piece_at(max(top, bottom - 1)) + 1)
            todo = [number for number in numbers if self.breaks[number] is None]
            if not todo:
                break
            for number in todo:
                self._measure(number)
            self._count()
        return max(0, min(top, self.total - height))

    def settle_end(self, height: int) -> int:
        """Wrap the last pieces, up to ``height`` lines; the top line that shows the end."""
        lines = 0
        for number in range(len(self.pieces) - 1, -1, -1):
            if lines >= height:
                break
            self._measure(number)
            lines += self.counts[number]
        self._count()
        return max(0, self.total - height)

    # -- drawing -----------------------------------------------------------------------

    def _piece_text(self, block: int, start: int, end: int) -> Text:
        text = self.texts[block]
        spans = [
            TextSpan(max(span.start, start) - start, min(span.end, end) - start, span.style)
            for span in text.spans
            if span.end > start and span.start < end
        ]
        return Text(text.plain[start:end], text.style, end="", spans=spans)

    def _draw(self, number: int) -> list[Strip]:
        strips = self._drawn.get(number)
        if strips is not None:
            self._drawn.move_to_end(number)
            return strips
        if self._measure(number):
            self._count()
        block, start, end = self.pieces[number]
        text = self._piece_text(block, start, end)
        inner = [offset - start for offset in self.breaks[number] or []]
        strips = []
        base, width = self.base, self.width
        for part in text.divide(inner):
            part.rstrip()
            segments = [
                Segment(s.text, base + s.style if s.style else base)
                for s in part.render(self.console)
                if s.text != "\n"
            ]
            strips.append(Strip(segments).adjust_cell_length(width, base))
        self._drawn[number] = strips
        if len(self._drawn) > DRAWN_PIECES:
            self._drawn.popitem(last=False)
        return strips

    def line(self, line: int) -> tuple[int, int, int, Strip] | None:
        """Line ``line``: (block, its first offset, the next line's, the strip), or None
        past the end."""
        if not 0 <= line < self.total:
            return None
        number = self.piece_at(line)
        strips = self._draw(number)
        row = line - self._first[number]
        if row >= len(strips):  # a count that moved under the caller: draw it blank
            return None
        block, start, end = self.pieces[number]
        breaks = self.breaks[number] or []
        first = breaks[row - 1] if row else start
        after = breaks[row] if row < len(breaks) else end
        return block, first, after, strips[row]
