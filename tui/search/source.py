"""What search needs of a library, as types (instead of probing an ``Any``).

:class:`ArticleSource` is the minimum: a SQLite connection (the index lives beside its
file), the article ids in view order, the articles themselves, and the triage state
the query filters read. The store's :class:`~tui.store.library.Library` is one and
more: it counts its changes, so the index catches up with only what changed
(:mod:`tui.search.library_state`); any other source (a tool's, a test's) is compared
id by id whenever its database changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import Protocol

from tui.model import Article


class ArticleSource(Protocol):
    """The parts of a library that search reads (an :class:`~tui.search.index.ArticleState`
    too; importing that here would load tantivy with ``tui.search``)."""

    @property
    def connection(self) -> sqlite3.Connection: ...

    def article_ids(self) -> Iterable[str]:
        """Every article id, in the library's view order."""
        ...

    def get_articles(self, ids: Sequence[str]) -> Iterable[Article]:
        """The articles with these ids (those that exist)."""
        ...

    def ids_with(self, field: str, value: str) -> set[str] | None:
        """Ids of the articles with a triage state (None: every article)."""
        ...
