"""The query language and the search index.

``run_query(library, text, *, limit=500) -> list[Hit]`` is what the app and the commands
call; ``QueryError`` (``.position``: the character where parsing failed) is raised for a
query that cannot be parsed; :class:`Hit` is one result.
"""

from __future__ import annotations

from tui.search.hit import Hit
from tui.search.query import QueryError, parse_query

__all__ = ["Hit", "QueryError", "parse_query"]
