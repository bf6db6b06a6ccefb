"""One big text dump parsed by several processes: split where its articles start.

Parsing a dump is reading its units into articles (cheap, but it looks at the whole
text: the layout, the first title's dateline, a run's kickers and cohesion) and then
analysing each article (entities, quotes: most of the time, and each article alone).
So the writer plans the whole file once (:func:`tui.ingest.dump.plan_articles`) and
cuts the plan into parts of about :data:`PART_CHARS` characters, always between two of
the reader's own articles; a worker reads and analyses one part from that part's text
alone, and the spans it stores are moved by where the part starts. The articles, ids
and offsets are exactly those of parsing the file whole, in the same order.

Only the parts' results cross between processes, a few parts ahead of the writer, so
a big file is stored as it is parsed instead of held whole.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from tui.ingest.dump import Piece, plan_articles, read_pieces
from tui.ingest.units import Unit
from tui.store.codec import PreparedArticle

#: A part handed to a worker holds about this many characters of text.
PART_CHARS = 1 << 20
#: Files of fewer bytes than this are parsed by one worker, whole.
SPLIT_BYTES = 4 * PART_CHARS

#: A unit as it travels to a worker: (start, end, alone, date), offsets into its part.
UnitRow = tuple[int, int, bool, "str | None"]


@dataclass(frozen=True, slots=True)
class Part:
    """A run of whole pieces of the plan: its text starts at ``offset`` in the file."""

    offset: int
    text: str
    units: list[UnitRow]
    pieces: list[Piece]  # unit indexes into ``units``
    line_layout: bool

    def alone(self) -> Part:
        """The part with only its own text (a copy): what another process is sent,
        its units and offset moved to match."""
        lo, hi = self.units[0][0], self.units[-1][1]
        if lo == 0 and hi == len(self.text):
            return self
        rows = [(start - lo, end - lo, alone, date) for start, end, alone, date in self.units]
        return Part(self.offset + lo, self.text[lo:hi], rows, self.pieces, self.line_layout)


def plan_parts(text: str, part_chars: int | None = None) -> Iterator[Part]:
    """The parts of ``text``, in order, each cut between two of the reader's articles.

    Each part holds the whole of ``text`` (nothing is copied): one read in this process
    needs no more; :meth:`Part.alone` makes the part a process of its own is sent."""
    limit = part_chars or PART_CHARS
    units, line_layout, pieces = plan_articles(text)
    i = 0
    while i < len(pieces):
        first = pieces[i][0]
        j = i + 1
        while j < len(pieces) and units[pieces[j][1] - 1].end - units[first].start < limit:
            j += 1
        yield _part(text, units, pieces[i:j], line_layout)
        i = j


def _part(text: str, units: list[Unit], pieces: list[Piece], line_layout: bool) -> Part:
    first, last = pieces[0][0], pieces[-1][1]
    rows = [(u.start, u.end, u.alone, u.date) for u in units[first:last]]
    moved = [(start - first, end - first, confidence) for start, end, confidence in pieces]
    return Part(0, text, rows, moved, line_layout)


def read_part(
    part: Part, source: str, prepare: Callable[..., Any] | None = None
) -> list[PreparedArticle]:
    """A worker's share: the part's articles, analysed, ready to store, their spans the
    file's, each with its reported speech found (:mod:`tui.store.reported`).
    ``prepare(article, text, offset, reported=...)`` (see ``Library.on_prepare``) fills
    ``extra``."""
    from tui.extract.pipeline import analyse
    from tui.extract.windows import fits
    from tui.free_memory import release_free_memory
    from tui.gc_pause import gc_paused
    from tui.store.reported import Encoder

    text = part.text
    units = [Unit(s, e, text[s:e], alone, date) for s, e, alone, date in part.units]
    prepared: list[PreparedArticle] = []
    with gc_paused():
        articles = read_pieces(units, part.line_layout, part.pieces, source)
        del units
        for article in articles:  # each analysed, prepared and let go in turn
            # A megabyte article (a file on one line): what each phase made and dropped
            # is handed back before the next, so their peaks do not stack up; its
            # reported speech is stored as found, a window at a time, never all held.
            big = not fits(article.paragraphs)
            reported = Encoder(part.offset, keep=prepare is not None and not big)
            article = analyse(article, text, on_reported=reported)
            if big:
                release_free_memory()
            # Stored form first, then the index's document: a megabyte article's two
            # are never both being made at once.
            ready = PreparedArticle.of(article, None, part.offset, reported.blob())
            if big:
                release_free_memory()
            extra = None
            if prepare is not None:
                found = ready.reported if reported.kept is None else tuple(reported.kept)
                extra = prepare(article, text, part.offset, reported=found)
            del reported
            if big:
                release_free_memory()
            prepared.append(ready._replace(extra=extra))
    return prepared
