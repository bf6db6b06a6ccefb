"""What the story screen and a story's Markdown show of a comparison, row by row,
before any drawing.

A speaker quoted by several outlets is shown with one column per outlet when the
screen is wide enough (:func:`speaker_rows`): the quotes the comparison aligned
(:class:`~tui.extract.story_compare.SharedQuote`: the same words, or flagged when the
wording differs) come first, each group on one row in the order the first outlet's
article has them, then every outlet's other quotes
of that speaker, top to bottom in the order of its article. On a narrow screen the
same rows are drawn one cell under the other. Aligned groups shown under their speaker
are not repeated in the screen's "Quotes in more than one outlet" section
(:func:`other_shared`), which keeps the unattributed ones and those of speakers one
outlet names differently.

Pure data: no textual, no rich (the Markdown export draws the same rows as a table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import zip_longest
from typing import Protocol, TypeVar

from tui.extract.story_compare import QuoteAt, SharedQuote, SpeakerQuotes

#: A column narrower than this (cells) does not hold a quote readably: the rows are
#: drawn one cell under the other instead.
MIN_COLUMN = 36


@dataclass(frozen=True, slots=True)
class SideRow:
    """One row of a speaker's columns: a quote (or None) per outlet, in ``outlets``'
    order; ``same_words`` is None for quotes no other outlet has, else the aligned
    group's flag."""

    cells: tuple[QuoteAt | None, ...]
    same_words: bool | None


def _key(q: QuoteAt) -> tuple[str, int, int]:
    return (q.article, q.span.start, q.span.end)


def speaker_rows(
    speaker: SpeakerQuotes, shared: Sequence[SharedQuote]
) -> tuple[tuple[str, ...], list[SideRow]]:
    """The outlets (columns) of ``speaker`` and its rows: aligned groups first, then
    each outlet's remaining quotes side by side in their order."""
    outlets = tuple(speaker.by_outlet)
    mine = {_key(q) for qs in speaker.by_outlet.values() for q in qs}
    rows: list[SideRow] = []
    used: set[tuple[str, int, int]] = set()
    for group in shared:
        keys = [_key(q) for q in group.quotes]
        if not keys or not all(k in mine for k in keys):
            continue
        by_outlet: dict[str, QuoteAt] = {}
        for q in group.quotes:
            by_outlet.setdefault(q.outlet, q)
        rows.append(SideRow(tuple(by_outlet.get(o) for o in outlets), group.same_words))
        used.update(keys)
    rows.sort(key=_reading_order)  # as the first outlet's article has them
    rest = [[q for q in speaker.by_outlet[o] if _key(q) not in used] for o in outlets]
    rows.extend(SideRow(tuple(cells), None) for cells in zip_longest(*rest))
    return outlets, rows


def _reading_order(row: SideRow) -> tuple[int, int]:
    column, first = next((i, q) for i, q in enumerate(row.cells) if q is not None)
    return (column, first.span.start)


def other_shared(
    side_by_side: Sequence[SpeakerQuotes], shared: Sequence[SharedQuote]
) -> list[SharedQuote]:
    """The aligned groups no speaker's columns show (see the module doc)."""
    shown = {_key(q) for s in side_by_side for qs in s.by_outlet.values() for q in qs}
    return [g for g in shared if not all(_key(q) in shown for q in g.quotes)]


def columns_fit(width: int, outlets: int) -> bool:
    """Whether ``outlets`` columns fit in ``width`` cells (a gutter of 3 between them)."""
    return outlets >= 2 and (width - 3 * (outlets - 1)) // outlets >= MIN_COLUMN


class _OfOutlet(Protocol):
    @property
    def outlet(self) -> str: ...


T = TypeVar("T", bound=_OfOutlet)


def grouped_by_outlet(items: Sequence[T]) -> dict[str, list[T]]:
    """``items`` under their outlet, outlets in the order they first come."""
    out: dict[str, list[T]] = {}
    for item in items:
        out.setdefault(item.outlet, []).append(item)
    return out
