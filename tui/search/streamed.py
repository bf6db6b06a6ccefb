"""A megabyte article's search document, made and handed to tantivy a window at a time.

A file that is one line of 20 MB is one article of one paragraph. Its document made
whole (:func:`tui.search.index.document_fields`) held at once its hundred thousand
reported quotes and ``all``, ``quotes`` and the stored text (the body three times
over, beside the article itself): the peak of such an import. So an article longer
than one analysis window (:func:`tui.extract.windows.fits`) gets a
:class:`StreamedDocument` instead: it is written (:meth:`StreamedDocument.write`) one
window at a time, each window's reported speech found, its units added to the stored
layout and its words to the tantivy document, then let go.

``all`` and ``quotes`` are then several values of their field, one a window. tantivy
does not match a phrase across two values, so each window's ``all`` value also holds
the first :data:`OVERLAP` characters of the next window: a phrase cut by a window's
edge is still found (its words counted twice in a 20 MB article: nothing to BM25).
The stored units (what a hit's context and offsets come from) are those of the whole
document, unit for unit.

Sent to another process (a part of a big file parsed by a worker), it is made there
whole, as lists of values (:meth:`StreamedDocument.fields`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import tantivy

from tui.model import Article, Paragraph, ParagraphRole, Quote, QuoteKind, with_analysis
from tui.search.aliases import alias_terms
from tui.search.engine import ARTICLE, key_of, prepare, prepare_joined

#: Characters of the next window each window's ``all`` value holds as well (cut back to
#: a space): phrases up to about this long are found across a window's edge.
OVERLAP = 1_000


def is_big(article: Article) -> bool:
    """Whether ``article``'s document is made a window at a time."""
    from tui.extract.windows import fits  # the parser: only when indexing

    return not fits(article.paragraphs)


class StreamedDocument:
    """The search document of a megabyte article (see the module doc): the article
    and its text, made into fields only as tantivy takes them."""

    __slots__ = ("article", "offset", "source")

    def __init__(self, article: Article, source: str, offset: int = 0) -> None:
        self.article: Article | None = article
        self.source: str | None = source
        self.offset = offset

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (self.fields(),))  # to another process: the plain fields

    def fields(self) -> dict[str, Any]:
        """The document as plain values (``all`` and ``quotes`` as lists)."""
        made: dict[str, Any] = {}
        for name, value in self._values():
            if name in ("all", "quotes", "alias"):
                made.setdefault(name, []).append(value)
            else:
                made[name] = value
        return made

    def write(self, writer: Any, seq: int) -> None:
        """Add the document to tantivy's ``writer``, a window at a time."""
        document = tantivy.Document(seq=seq)
        for name, value in self._values():
            if isinstance(value, bytes):
                document.add_bytes(name, value)
            elif isinstance(value, int):
                document.add_integer(name, value)
            else:
                document.add_text(name, value)
            del value
        # All in tantivy's document now: the article (its quotes and entities, tens of
        # megabytes) goes before tantivy copies and indexes the document.
        self.article = self.source = None
        writer.add_document(document)

    def _values(self) -> Iterator[tuple[str, Any]]:
        from tui.extract.pipeline import reported_windows
        from tui.search.index import _date_number, _pack, _Units, source_terms

        article, source = self.article, self.source
        assert article is not None and source is not None, "written already"
        units = _Units(article, source, self.offset)
        direct = sorted(article.quotes, key=lambda q: q.span.start)
        find = not any(q.kind is QuoteKind.INDIRECT for q in direct)  # else found before
        starts = {p.span.start for p in article.paragraphs}
        heads: list[str] = list(units.titles)
        speakers: dict[str, Quote] = {}
        taken = 0
        windows = reported_windows(article, source) if find else _plain(article)
        current = next(windows, None)
        while current is not None:
            part, reported = current
            following = next(windows, None)
            end = part[-1].span.end
            mine = taken
            while mine < len(direct) and (following is None or direct[mine].span.start < end):
                mine += 1
            quotes = sorted((*direct[taken:mine], *reported), key=lambda q: q.span.start)
            taken = mine
            for quote in quotes:
                if quote.speaker:
                    speakers.setdefault(quote.speaker, quote)
            texts = units.quotes(quotes) if quotes else []
            del quotes, reported
            if texts:
                yield "quotes", prepare_joined(texts)
            del texts
            body = _joined(part, starts)
            if following is not None:
                body += _overlap(following[0][0], starts)
            yield "all", prepare_joined([*heads, body])
            heads = []
            del body, part
            if units.outside:  # quotes outside every body paragraph: in `all` too
                yield "all", prepare_joined(units.outside)
                units.outside = []
            current = following
        quoted = with_analysis(article, article.entities, tuple(speakers.values()))
        yield "kind", ARTICLE
        yield "key", key_of(article.id)
        yield "flags", units.flags(units.within is not None)
        yield "date", _date_number(article.date)
        yield "title", prepare(" ".join(units.titles))
        yield "speakers", units.speakers()
        yield "source", prepare(source_terms(article))
        for term in alias_terms(quoted, units.by_form or {}):
            yield "alias", term
        yield "src", article.source.encode()
        yield "heading", (article.title or "").encode()
        yield "layout", _pack(units.layout)
        yield "text", units.stored_text()


def _plain(article: Article) -> Iterator[tuple[list[Paragraph], tuple[Quote, ...]]]:
    """The windows of an article whose reported speech was found before (none to add)."""
    from tui.extract.windows import windows

    for part in windows(article.paragraphs):
        yield part, ()


def _joined(part: list[Paragraph], starts: set[int]) -> str:
    """A window's text as ``all`` holds it: its paragraphs on lines of their own, the
    pieces of one long paragraph joined as they were."""
    out: list[str] = []
    for piece in part:
        if piece.role is not ParagraphRole.BODY:
            continue  # as the whole document: `all` holds the body
        if out and piece.span.start in starts:
            out.append("\n")
        out.append(piece.text)
    return "".join(out)


def _overlap(piece: Paragraph, starts: set[int]) -> str:
    """The first :data:`OVERLAP` characters of the next window (to a space), as they
    follow this one's."""
    if piece.role is not ParagraphRole.BODY:
        return ""
    head = piece.text[:OVERLAP]
    if len(piece.text) > OVERLAP:
        cut = head.rfind(" ")
        head = head[:cut] if cut > 0 else head
    return ("\n" if piece.span.start in starts else "") + head
