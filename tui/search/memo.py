"""Work a query repeats from the keystroke before, kept while the database is unchanged.

The search pane searches as the user types, so consecutive queries share most of their
words (``meridian``, ``meridian ``, ``meridian i``, back to ``meridian`` with backspace).
Resolving a word against the vocabulary (typo neighbours, prefix extensions) and ranking
an FTS5 expression give the same answer as long as the database is the same, so both
are remembered here and reused.

"The same database" is checked before every query, cheaply: SQLite's ``data_version``
(it moves when another connection commits) and the connection's own ``total_changes``
(it moves with every row this connection writes: an import, a triage key, an index
update). Any change empties the memo, so a cached answer is never older than the data.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

#: Distinct query words remembered (a few sessions of typing).
MAX_TERMS = 256
#: Ranked FTS5 expressions remembered (the last keystrokes' and their exact passes).
MAX_RANKINGS = 32
#: Longer ranked lists are not kept (a filter or a view asks for every match; at most
#: ~7 MB for all the rankings kept).
MAX_RANKED_ROWS = 2_000


class _Lru(Generic[K, V]):
    def __init__(self, size: int) -> None:
        self.size = size
        self.items: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K, make: Callable[[], V], keep: Callable[[V], bool]) -> V:
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        value = make()
        if keep(value):
            self.items[key] = value
            if len(self.items) > self.size:
                self.items.popitem(last=False)
        return value

    def clear(self) -> None:
        self.items.clear()


class QueryMemo:
    """Compiled terms and rankings of one connection, valid while its data is unchanged.

    Call :meth:`check` once per query, before using the memo.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.signature: tuple[int, int] | None = None
        self.terms: _Lru = _Lru(MAX_TERMS)
        self.rankings: _Lru = _Lru(MAX_RANKINGS)

    def check(self) -> None:
        """Forget everything if the database changed since the last query."""
        signature = (
            self.conn.execute("PRAGMA data_version").fetchone()[0],
            self.conn.total_changes,
        )
        if signature != self.signature:
            self.terms.clear()
            self.rankings.clear()
            self.signature = signature

    def term(self, key: K, make: Callable[[], V]) -> V:
        return self.terms.get(key, make, lambda _value: True)

    def ranking(self, key: K, make: Callable[[], list]) -> list:
        """The ranked rows for ``key``; a copy, so callers may extend it."""
        return list(self.rankings.get(key, make, lambda rows: len(rows) <= MAX_RANKED_ROWS))
