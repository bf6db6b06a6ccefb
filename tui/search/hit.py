"""One search result: an article, its score, and where in it the query matched."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import FrozenInstanceError
from typing import Any

from tui.model import Span

#: What a hit says about where it matched: (context, context_span, highlights, target).
Where = tuple[str, "Span | None", "tuple[Span, ...]", str]

_set = object.__setattr__


class Hit:
    """An article that matched.

    ``context`` is the best matching paragraph, quote or title; ``context_span`` locates
    it in the article's source text (None when it cannot be located, e.g. an explicit
    title line with no text given), ``highlights`` are the matched characters, also as
    spans into the source text. ``target`` says what ``context`` is: ``"paragraph"``,
    ``"quote"`` or ``"title"``. Higher ``score`` is better.

    Immutable, compared and hashed by all six fields, like a frozen dataclass. Hits made
    by the index with :meth:`deferred` work out their context the first time one of
    the four context fields is read (from the article's text read with the results, so
    it needs no database and can happen in any thread): a caller that only wants the
    matching articles (a view's filter, an export) never pays for choosing paragraphs
    and highlights, and one that shows a page of hits pays for that page only.
    """

    __slots__ = ("_find", "_where", "article_id", "score")
    __match_args__ = ("article_id", "score", "context", "context_span", "highlights", "target")

    article_id: str
    score: float
    _where: Where | None
    _find: Callable[[], Where] | None

    def __init__(
        self,
        article_id: str,
        score: float,
        context: str,
        context_span: Span | None,
        highlights: tuple[Span, ...],
        target: str,
    ) -> None:
        _set(self, "article_id", article_id)
        _set(self, "score", score)
        _set(self, "_where", (context, context_span, highlights, target))
        _set(self, "_find", None)

    @classmethod
    def deferred(cls, article_id: str, score: float, find: Callable[[], Where]) -> Hit:
        """A hit whose context fields are ``find()``, called once, when first read."""
        hit = cls.__new__(cls)
        _set(hit, "article_id", article_id)
        _set(hit, "score", score)
        _set(hit, "_where", None)
        _set(hit, "_find", find)
        return hit

    def located(self) -> Where:
        """(context, context_span, highlights, target), worked out now if not yet."""
        where = self._where
        if where is None:  # two threads may both get here: same answer, no harm
            assert self._find is not None  # set whenever _where is not
            where = self._find()
            _set(self, "_where", where)
            _set(self, "_find", None)
        return where

    @property
    def context(self) -> str:
        return self.located()[0]

    @property
    def context_span(self) -> Span | None:
        return self.located()[1]

    @property
    def highlights(self) -> tuple[Span, ...]:
        return self.located()[2]

    @property
    def target(self) -> str:
        return self.located()[3]

    def _fields(self) -> tuple[Any, ...]:
        return (self.article_id, self.score, *self.located())

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Hit)
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        names = ("article_id", "score", "context", "context_span", "highlights", "target")
        inner = ", ".join(f"{n}={v!r}" for n, v in zip(names, self._fields(), strict=True))
        return f"Hit({inner})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (Hit, self._fields())

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


def locate(hits: Iterable[Hit]) -> None:
    """Work out the context of each hit now (e.g. in the thread that owns the library,
    before the hits go to a thread that must not wait)."""
    for hit in hits:
        hit.located()
