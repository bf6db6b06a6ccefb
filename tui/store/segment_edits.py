"""The user's joins and splits, kept as annotations of the document they correct.

A join or split (``J``/``S`` in the app; :mod:`tui.ingest.edits` applies them) belongs
to a document, not to an article: the articles it makes are new ones. It is stored as an
annotation row of kind ``join`` or ``split`` whose ``article_id`` is
``segment:<document key>`` (no article has such an id, so nothing else lists it), with
the offset as ``start`` and the text there as its anchor, so it is re-found when the
file changes like any highlight. Being an annotation row, it goes through the undo log
like any other: undoing it restores the previous articles.

Making (or undoing) one marks the document stale in the same transaction, then the
document is parsed again from its stored text, edits applied: a crash in between only
leaves the re-parse to the next start (stale documents are re-parsed then).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tui.ingest.edits import EditKind, SegmentEdit
from tui.model import Span
from tui.store import anchoring, undo
from tui.store.errors import LibraryError

if TYPE_CHECKING:
    from tui.store.library import Library

KINDS = ("join", "split")
PREFIX = "segment:"
#: Anchor text kept for an edit: enough to find the place again.
_ANCHOR = 40


def owner_id(document_key: str) -> str:
    """The ``article_id`` of a document's edits."""
    return PREFIX + document_key


def edits_for(conn: sqlite3.Connection, document_key: str, text: str) -> list[SegmentEdit]:
    """The document's edits in the order made, re-anchored in ``text`` (lost ones skipped)."""
    edits = []
    for kind, start, anchor_text, before, after in conn.execute(
        "SELECT kind, start, anchor_text, before, after FROM annotations"
        " WHERE article_id = ? ORDER BY id",
        (owner_id(document_key),),
    ):
        span = anchoring.relocate(text, anchor_text, before, after, start)
        if span is not None:
            edits.append(SegmentEdit(kind, span.start))
    return edits


def mark_stale(conn: sqlite3.Connection, document_keys: Iterable[str]) -> None:
    """Have the next :meth:`Library.reparse_stale` parse these documents again."""
    conn.executemany(
        "UPDATE documents SET parser_version = -1 WHERE key = ?", [(k,) for k in document_keys]
    )


def documents_touched(changes: list[undo.Change]) -> set[str]:
    """The documents whose edits an undo step changed."""
    return {
        image["article_id"][len(PREFIX) :]
        for change in changes
        if change["t"] == "annotations"
        for image in (change["b"], change["a"])
        if image is not None and str(image["article_id"]).startswith(PREFIX)
    }


def _neighbour(conn: sqlite3.Connection, article_id: str) -> tuple[str, str | None]:
    """(document key, id of the next article in the document or None)."""
    row = conn.execute("SELECT doc, position FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise LibraryError(f"article {article_id} is not in the library (re-imported?)")
    following = conn.execute(
        "SELECT id FROM articles WHERE doc = ? AND position > ? ORDER BY position LIMIT 1",
        (row[0], row[1]),
    ).fetchone()
    return row[0], following[0] if following else None


def add_edit(
    library: Library, article_id: str, kind: EditKind, offset: int | None
) -> tuple[str, int]:
    """Record a join of ``article_id`` with the next article (``offset`` None) or a split
    of it at its paragraph starting at ``offset`` (one undo step), then re-parse its
    document. Returns the document's key and the edit's offset."""
    with library.write() as conn:
        document_key, following = _neighbour(conn, article_id)
        if kind == "join":
            article = library.get_article(following) if following else None
            if article is None:
                raise LibraryError("this is the last article of its file: nothing to join")
            offset = article.span.start
        else:
            article = library.get_article(article_id)
            starts = [p.span.start for p in article.paragraphs[1:]] if article else []
            if offset is None or offset not in starts:
                raise LibraryError("move to a paragraph after the first to split there")
        text = library.document_text(document_key) or ""
        span = Span(offset, min(len(text), offset + _ANCHOR))
        anchor_text, before, after = anchoring.capture(text, span)
        row = library.insert_annotation(
            conn,
            {
                "article_id": owner_id(document_key),
                "kind": kind,
                "start": span.start,
                "end": span.end,
                "anchor_text": anchor_text,
                "before": before,
                "after": after,
                "created": time.time(),
            },
        )
        change = {"t": "annotations", "k": row["id"], "b": None, "a": row}
        undo.record(conn, kind, [change], session=library.session)
        mark_stale(conn, [document_key])
    library.reparse_stale()
    return document_key, offset


def article_in(library: Library, document_key: str, offset: int) -> str | None:
    """The id of the article of the document ``document_key`` whose span holds ``offset``."""
    ids = [
        r[0]
        for r in library.connection.execute(
            "SELECT id FROM articles WHERE doc = ? ORDER BY position", (document_key,)
        )
    ]
    for article in library.get_articles(ids):
        if article.span.start <= offset < max(article.span.end, article.span.start + 1):
            return article.id
    return None


__all__ = ["KINDS", "add_edit", "article_in", "documents_touched", "edits_for", "mark_stale"]
