"""A hit's context: the paragraph, quote or title that best shows why the article matched.

Only the units of the articles on the result page are looked at. A unit scores by how
many different query terms it matches (a term with a field counts only in units of that
kind: ``title:`` in titles, ``quote:`` and ``speaker:`` in quotes), then by how many
matches it has; paragraphs and quotes win ties over the title, earlier over later.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tui.model import Span

if TYPE_CHECKING:
    from tui.search.compile import CompiledTerm
    from tui.search.index import _Unit

_KINDS_FOR_FIELD = {None: "tpq", "title": "t", "quote": "q", "speaker": "q", "source": ""}
_KIND_RANK = {"p": 2, "q": 2, "t": 1}


def best_context(
    units: list[_Unit], pattern: re.Pattern[str] | None, compiled: list[CompiledTerm]
) -> tuple[_Unit | None, tuple[Span, ...]]:
    """The best unit and the spans (into the source text) of its matches."""
    if not units:
        return None, ()
    if pattern is None:
        return _fallback(units), ()
    fields = [c.term.field for c in compiled]
    speaker_patterns = {
        i: re.compile(c.pattern, re.IGNORECASE)
        for i, c in enumerate(compiled)
        if c.term.field == "speaker" and c.pattern
    }
    best: tuple[tuple[int, int, int, int], object, tuple[Span, ...]] | None = None
    for order, unit in enumerate(units):
        matched: set[int] = set()
        spans: list[Span] = []
        for match in pattern.finditer(unit.text):
            index = int(match.lastgroup[1:]) if match.lastgroup else -1
            if index < 0 or unit.kind not in _KINDS_FOR_FIELD[fields[index]]:
                continue
            matched.add(index)
            if unit.start is not None:
                spans.append(Span(unit.start + match.start(), unit.start + match.end()))
        if unit.kind == "q" and unit.speaker:
            matched.update(i for i, p in speaker_patterns.items() if p.search(unit.speaker))
        if not matched:
            continue
        key = (len(matched), len(spans), _KIND_RANK[unit.kind], -order)
        if best is None or key > best[0]:
            best = (key, unit, tuple(spans))
    if best is None:
        return _fallback(units), ()
    return best[1], best[2]  # type: ignore[return-value]


def _fallback(units: list[_Unit]) -> _Unit:
    """No unit shows the match (it was in the source or a speaker alias): the title."""
    for unit in units:
        if unit.kind == "t":
            return unit
    return units[0]
