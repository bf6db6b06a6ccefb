"""A megabyte article's search documents: one a window, made and handed to tantivy in turn.

A file that is one line of 20 MB is one article of one paragraph. Its document made
whole (:func:`tui.search.index.document_fields`) held at once its hundred thousand
reported quotes and ``all``, ``quotes`` and the stored text (the body three times
over, beside the article itself), and tantivy took one 20 MB document as a copy of it
and the postings of its millions of words, all at once (+190 MB). So an article longer
than one analysis window (:func:`tui.extract.windows.fits`) gets a
:class:`StreamedDocument` instead: it is written (:meth:`StreamedDocument.write`) as
one tantivy document a window, with that window's reported speech (read from what the
import's parse kept, :mod:`tui.store.reported`, as the windows go; found here only when
the library kept none), its units (title units, the window's pieces of paragraphs, its
quotes) stored with it and its words in its ``all``, then let go before the next window
is read.

Every document of the article has its ``key``, ``title``, ``source`` and ``date`` and
is marked ``split``; the last is the article's own (``kind`` ARTICLE, with its flags,
speakers, aliases, source and heading), the others are ``kind`` PART. A query matches
such an article when one of its parts matches, or when its parts do between them
(``SearchIndex`` asks that of the few split articles: a word in one part and another
word in the next); its hits are one an article, the best part's, whose stored units give
the context. BM25 sees the parts as documents: the article competes as its best part.

tantivy does not match a phrase across two documents, so each window's ``all`` (and
its last unit) also holds the first :data:`OVERLAP` characters of the next window: a
phrase cut by a window's edge is found, and highlighted, in the first.

Sent to another process (a worker's result), it is nothing: the writer makes it again
from the article it stores (the documents made whole in the worker were the article
twice over in both processes).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

from tui.model import Article, Paragraph, ParagraphRole, Quote, QuoteKind, Span
from tui.search.aliases import alias_terms
from tui.search.engine import ARTICLE, PART, SPLIT, key_of, prepare, prepare_joined

#: Characters of the next window each window's ``all`` value holds as well (cut back to
#: a space): phrases up to about this long are found across a window's edge.
OVERLAP = 1_000


def is_big(article: Article) -> bool:
    """Whether ``article``'s document is made a window at a time."""
    from tui.extract.windows import fits  # the parser: only when indexing

    return not fits(article.paragraphs)


class StreamedDocument:
    """The search documents of a megabyte article (see the module doc): the article
    and its text, made into one document a window at a time as tantivy takes them."""

    __slots__ = ("article", "offset", "reported", "source")

    def __init__(
        self,
        article: Article,
        source: str,
        offset: int = 0,
        reported: Sequence[Quote] | bytes | None = None,
    ) -> None:
        self.article: Article | None = replace(
            article, entities=tuple(replace(e, mentions=()) for e in article.entities)
        )
        self.source: str | None = source
        self.offset = offset
        #: The article's reported speech found where it was parsed (its stored form,
        #: spans ``offset`` past ``source``'s: read a window at a time); None: found
        #: here, a window at a time.
        self.reported = reported

    def __reduce__(self) -> tuple[Any, ...]:
        # To another process (a worker's result): nothing. The writer, which stores the
        # article and holds its text, makes the documents again as it writes them: the
        # documents made whole in the worker were the article twice over in each process.
        return (_made_where_written, ())

    def write(self, writer: Any, seq: int) -> None:
        """Add the article's documents to tantivy's ``writer``, one a window."""
        from tui.free_memory import release_free_memory
        from tui.search.index import write_fields

        for fields in self.parts():
            write_fields(writer, fields, seq)  # handed over and let go before the next
            del fields
            release_free_memory()  # the window's analysis and document: given back

    def parts(self) -> Iterator[dict[str, Any]]:
        """The article's documents as plain values (``all`` a list), one a window, in
        text order; the last is the article's own (``kind`` ARTICLE: what is counted,
        listed and described), the others ``kind`` PART."""
        from tui.extract.pipeline import reported_windows
        from tui.search.aliases import entities_by_form
        from tui.search.index import _date_number, _pack, _Units, source_terms

        article, source, reported = self.article, self.source, self.reported
        assert article is not None and source is not None, "written already"
        self.article = self.source = self.reported = None
        direct = sorted(article.quotes, key=lambda q: q.span.start)
        starts = {p.span.start for p in article.paragraphs}
        heads: _Units | None = None
        speakers: dict[str, None] = {}  # the names only: what the aliases need
        names: dict[str | None, str | None] = {}
        quoted = False
        common = {
            "key": key_of(article.id),
            "split": SPLIT,
            "date": _date_number(article.date),
            "source": prepare(source_terms(article)),
        }
        taken = 0
        if reported is not None:  # found where it was parsed
            windows = _stored(article, _quotes_of(reported, source, -self.offset))
        elif any(q.kind is QuoteKind.INDIRECT for q in direct):  # found before, among quotes
            windows = _stored(article, iter(()))
        else:
            windows = reported_windows(article, source)
        current = next(windows, None)
        while current is not None:
            part, found = current
            following = next(windows, None)
            end = part[-1].span.end
            mine = taken
            while mine < len(direct) and (following is None or direct[mine].span.start < end):
                mine += 1
            quotes = sorted((*direct[taken:mine], *found), key=lambda q: q.span.start)
            taken = mine
            if following is not None:
                part = _overlap(part, following[0][0], starts)
            units = _Units(replace(article, paragraphs=tuple(part)), source, self.offset, heads)
            titles = units.titles if heads is None else []  # in the first part's `all`
            if heads is None:
                heads = units
                units.by_form = entities_by_form(article)
                common["title"] = prepare(" ".join(units.titles))
            by_form = heads.by_form or {}
            for quote in quotes:
                # Only a speaker some entity goes by has aliases (alias_pairs), and
                # only the name is kept: a quote of each of a 20 MB line's thousands of
                # speakers, kept to the end, was 8 MB.
                if quote.speaker and quote.speaker in by_form:
                    speakers[quote.speaker] = None
            texts = units.quotes(quotes) if quotes else []
            quoted = quoted or bool(quotes)
            names.update((speaker, name) for speaker, name in units.names.items() if name)
            del quotes, found
            fields: dict[str, Any] = {
                "kind": PART if following is not None else ARTICLE,
                **common,
                "all": [prepare_joined([*titles, _joined(part, starts)])],
            }
            del part
            if units.outside:  # quotes outside every body paragraph: in `all` too
                fields["all"].append(prepare_joined(units.outside))
            if texts:
                fields["quotes"] = prepare_joined(texts)
            del texts
            fields["layout"] = _pack(units.layout)
            fields["text"] = units.stored_text()
            if following is None:  # the article's own document: what only it holds
                fields["flags"] = units.flags(quoted)
                fields["speakers"] = prepare(" ".join(n for n in names.values() if n))
                fields["alias"] = alias_terms(article, units.by_form or {}, speakers=speakers)
                fields["src"] = article.source.encode()
                fields["heading"] = (article.title or "").encode()
            yield fields
            del fields, units
            current = following


def _made_where_written() -> None:
    """What a :class:`StreamedDocument` is in another process: nothing (see its
    ``__reduce__``)."""
    return None


def _quotes_of(reported: Sequence[Quote] | bytes, source: str, shift: int) -> Iterator[Quote]:
    """The quotes of ``reported`` in text order: as given, or read from their stored
    form as they are asked for (a 20 MB line's hundred thousand never all at once)."""
    if isinstance(reported, bytes):
        from tui.store.reported import iter_quotes

        return iter_quotes(reported, source, shift)
    return iter(reported)


def _stored(
    article: Article, reported: Iterator[Quote]
) -> Iterator[tuple[list[Paragraph], tuple[Quote, ...]]]:
    """The windows of an article whose reported speech was found before, each with its
    share of ``reported`` (in text order: those that start before the window ends; the
    last window takes the rest)."""
    from tui.extract.windows import windows

    waiting = next(reported, None)
    parts = windows(article.paragraphs)
    part = next(parts, None)
    while part is not None:
        following = next(parts, None)
        end = part[-1].span.end
        mine: list[Quote] = []
        while waiting is not None and (following is None or waiting.span.start < end):
            mine.append(waiting)
            waiting = next(reported, None)
        yield part, tuple(mine)
        del mine
        part = following


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


def _overlap(part: list[Paragraph], piece: Paragraph, starts: set[int]) -> list[Paragraph]:
    """``part`` with the first :data:`OVERLAP` characters of the next window's first
    ``piece`` (to a space): its last piece lengthened by them when ``piece`` goes on
    its paragraph (so a phrase across the edge is in one unit, where a hit's
    highlights are found), else a piece of their own."""
    if piece.role is not ParagraphRole.BODY:
        return part
    head = piece.text[:OVERLAP]
    if len(piece.text) > OVERLAP:
        cut = head.rfind(" ")
        head = head[:cut] if cut > 0 else head
    last = part[-1]
    end = piece.span.start + len(head)
    if piece.span.start not in starts and last.span.end == piece.span.start:
        return [*part[:-1], Paragraph(last.text + head, Span(last.span.start, end), last.role)]
    return [*part, Paragraph(head, Span(piece.span.start, end), ParagraphRole.BODY)]
