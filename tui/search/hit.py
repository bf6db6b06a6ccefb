"""One search result: an article, its score, and where in it the query matched."""

from __future__ import annotations

from dataclasses import dataclass

from tui.model import Span


@dataclass(frozen=True, slots=True)
class Hit:
    """An article that matched.

    ``context`` is the best matching paragraph, quote or title; ``context_span`` locates
    it in the article's source text (None when it cannot be located, e.g. an explicit
    title line with no text given), ``highlights`` are the matched characters, also as
    spans into the source text. ``target`` says what ``context`` is: ``"paragraph"``,
    ``"quote"`` or ``"title"``. Higher ``score`` is better.
    """

    article_id: str
    score: float
    context: str
    context_span: Span | None
    highlights: tuple[Span, ...]
    target: str
