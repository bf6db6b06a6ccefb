"""A small stand-in for the search query language, for ``newsdesk export QUERY``.

Supports ``tag:NAME``, ``is:read|unread|starred|archived|marked``, ``has:note|highlight``,
``source:TEXT`` (in the file name) and free words (all must appear in the title), each
negatable with ``!``. :func:`select_ids` uses :func:`tui.search.run_query` instead when
it is available, so the full language works wherever the search package is installed.
"""

from __future__ import annotations

import shlex
from typing import TYPE_CHECKING

from tui.errors import NewsdeskError

if TYPE_CHECKING:
    from tui.store.library import Library

_IS = ("read", "unread", "starred", "archived", "marked")
_HAS = ("note", "highlight")


class SimpleQueryError(NewsdeskError):
    """A query this small language cannot read."""


def _terms(text: str) -> list[str]:
    try:
        return shlex.split(text)
    except ValueError as exc:  # an unclosed quote
        raise SimpleQueryError(f"query {text!r}: {exc}; close the quote") from None


def filter_ids(library: Library, text: str) -> list[str]:
    """The ids of the articles matching ``text``, in the library's order."""
    rows = library.list_rows()
    keep = [True] * len(rows)
    for term in _terms(text):
        negated = term.startswith("!") and len(term) > 1
        term = term[1:] if negated else term
        field, sep, value = term.partition(":")
        if sep and field in ("tag", "is", "has"):
            allowed = {"is": _IS, "has": _HAS}.get(field)
            if allowed is not None and value not in allowed:
                raise SimpleQueryError(
                    f"query: {field}:{value} is not known; use {field}:{'|'.join(allowed)}"
                )
            ids = library.ids_with(field, value)
            matches = [ids is None or row.id in ids for row in rows]
        elif sep and field == "source":
            needle = value.casefold()
            matches = [needle in row.source.casefold() for row in rows]
        else:
            needle = term.casefold()
            matches = [needle in row.title.casefold() for row in rows]
        keep = [k and (m != negated) for k, m in zip(keep, matches, strict=True)]
    return [row.id for row, k in zip(rows, keep, strict=True) if k]


def select_ids(library: Library, text: str) -> list[str]:
    """Articles matching ``text``: the search package's ``run_query`` if there is one."""
    try:
        from tui.search import run_query
    except ImportError:
        return filter_ids(library, text)
    try:
        from tui.search import QueryError
    except ImportError:  # pragma: no cover - run_query without QueryError
        QueryError = ValueError
    try:
        hits = run_query(library, text, limit=max(library.count(), 1))
    except QueryError as exc:
        position = getattr(exc, "position", None)
        where = f" (at character {position + 1})" if isinstance(position, int) else ""
        raise SimpleQueryError(f"query {text!r}: {exc}{where}") from None
    return [hit.article_id for hit in hits]
