"""The search index: a tantivy index beside the library, built as articles are imported.

:class:`SearchIndex` writes (``add``, ``remove``, ``sync``) and answers parsed queries
(``search``). Matching and ranking (BM25 over every match, the title weighted above the
body, words as typed above typo matches: see :mod:`tui.search.compile`) happen inside
tantivy; Python builds the query, applies the triage filters read from the library at
query time, and picks the best paragraph or quote of the articles on the result page
(their units are stored in the index, so a page costs one stored-document read per hit).

Triage state (read, starred, tags, notes) changes at every key press, so it is not in
the index: ``is:``/``tag:``/``has:note`` filters ask the library (SQLite) for the ids
with that state at each query. A small set becomes part of the tantivy query; a large
one filters tantivy's ranked hits, read deeper until the page is full. Either way the
answer is exact the moment the change is committed.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from array import array
from bisect import bisect_right
from collections.abc import Callable, Container, Iterable, Sequence
from dataclasses import replace
from functools import partial
from itertools import combinations
from math import comb
from operator import le, lt
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import tantivy

from tui.model import (
    Article,
    ArticleKind,
    Entity,
    Paragraph,
    ParagraphRole,
    Quote,
    Span,
    with_quotes_added,
)
from tui.search import engine
from tui.search.aliases import alias_key, alias_terms, entities_by_form, names_for
from tui.search.compile import (
    TIER,
    CompiledTerm,
    FreeWord,
    compile_term,
    free_word,
    typo_neighbours,
)
from tui.search.context import ArticleUnits, ContextFinder, Unit, shown_part
from tui.search.engine import (
    ARTICLE,
    FIELDS_FOR,
    META,
    SCHEMA,
    id_of,
    key_of,
    prepare,
    prepare_joined,
)
from tui.search.hit import Hit, Where
from tui.search.query import Filter, Match, Query, Term
from tui.search.streamed import StreamedDocument, is_big

_TARGETS = {"t": "title", "p": "paragraph", "q": "quote"}
#: The fields a free word's BM25 is scored in.
_SCORED = tuple(name for name, _weight in engine.SCORED_FOR[None])
Q = tantivy.Query
Occur = tantivy.Occur

#: The stored documents of this many hits are read with the results: the search pane's
#: first page (the rest are read when first shown; a read is ~30 us).
PREFETCH_HITS = 40

#: Articles whose units are kept unpacked between queries (a few MB): typing a query
#: shows mostly the same articles at every key.
KEPT_ARTICLES = 1000

#: Articles written per commit while indexing (each commit is a consistent point to
#: resume from if the process is killed: the next command indexes what came after it).
#: A commit holds the writer until tantivy has written its segment, and small segments
#: are merged again later: at 5,000, writing 100k articles cost 11% more CPU and wall.
BATCH = 20_000


class Made(NamedTuple):
    """An article's document made elsewhere (:func:`prepared_document`, in a worker
    process: :mod:`tui.search.rebuild`), to be written by :meth:`SearchIndex.update`."""

    article_id: str
    fields: dict[str, Any] | StreamedDocument
    #: Reported speech the worker found (the library had none kept for the article):
    #: ``(the article's start, stored form)``, for the library to keep.
    found: tuple[int, bytes] | None = None


#: ``progress(done, total)`` while indexing (total None: unknown).
Progress = Callable[[int, "int | None"], None] | None

#: At most this many queries search the typo tiers of a query's free words (three words:
#: 8); past that, the remaining tiers are one query (many words, each maybe a typo: the
#: work stays bounded by the query's length).
MAX_TIER_QUERIES = 16

#: Documents of one article read to check a quote phrase (an article in parts: a 20 MB
#: one has 80, of about 256 KB each; :mod:`tui.search.streamed`).
MAX_PARTS = 1000

#: A state filter with at most this many articles becomes part of the tantivy query;
#: a bigger one filters the ranked hits instead.
SMALL_SET = 2000


class ArticleState(Protocol):
    """What the library knows about articles beyond their text (triage, annotations).

    ``ids_with("is", "starred")``, ``ids_with("has", "note")``, ``ids_with("tag", "x")``:
    the ids of the articles with that state; None means every article.
    """

    def ids_with(self, field: str, value: str) -> set[str] | None: ...


class NoState:
    """Articles outside a library: all unread, nothing starred, annotated or tagged."""

    def ids_with(self, field: str, value: str) -> set[str] | None:
        return None if (field, value) == ("is", "unread") else set()


#: An article's source text, or a function that reads it (only called when needed).
SourceText = str | Callable[[], "str | None"] | None

#: An article's reported speech as found where it was parsed: its quotes, or their
#: stored form (:mod:`tui.store.reported`); None: not found yet (found when needed).
Reported = Sequence[Quote] | bytes | None


class Loaded(NamedTuple):
    """An article read back from the library, with its source text (or a reader of it)
    and its reported speech as the library keeps it (stored form: found when it was
    parsed, or just now; None: to be found when its document is made)."""

    article: Article
    source: SourceText
    reported: bytes | None = None


def _locate(needle: str, article: Article, source: SourceText) -> Span | None:
    """Where the title (or kicker/dek) is in the source text, if it can be found."""
    if not needle:
        return None
    if article.paragraphs:
        first = article.paragraphs[0]
        at = first.text.find(needle)
        if at >= 0:
            return Span(first.span.start + at, first.span.start + at + len(needle))
    text = source() if callable(source) else source
    if text is not None:
        end = article.paragraphs[0].span.start if article.paragraphs else article.span.end
        at = text.find(needle, article.span.start, max(end, article.span.start))
        if at < 0 and article.span.start > 0:  # a title line just before the article's span
            at = text.find(needle, max(0, article.span.start - 4 * len(needle) - 200), end)
        if at >= 0:
            return Span(at, at + len(needle))
    return None


def _speaker_names(by_form: dict[str, list[Entity]], speaker: str | None) -> str | None:
    """The speaker's name with every alias the entities know (任正非 for Ren Zhengfei);
    ``by_form``: :func:`tui.search.aliases.entities_by_form` of the article."""
    if not speaker:
        return None
    names = [speaker]
    for entity in by_form.get(speaker, ()):
        names.extend([entity.name, *entity.aliases])
    return " ".join(dict.fromkeys(names))


#: A unit in the stored layout: five integers (kind, no-span flag and speaker; start,
#: as the difference from the previous unit's start; end - start - length; length; the
#: body unit a quote lies in, or -1). A unit's text is the next ``length`` characters of
#: the stored text, or for a quote inside a paragraph, where it starts in that
#: paragraph; the speakers' names (each once) follow the units' texts. Stored column by
#: column, each column in the fewest bytes its values fit (a byte for most), its type
#: code first: a third of five 32-bit integers a unit, and what lz4 compresses best.
_STRIDE = 5
_KIND_CODES = "tpq"
_NO_SPAN = 4
_SPEAKER_SHIFT = 3
_NAME_SEP = "\x1f"
_CODES = "bhi"  # 8, 16, 32 bits: the first each column fits


def _pack(layout: list[int]) -> bytes:
    header = bytearray()
    body = bytearray()
    for column in range(_STRIDE):
        values = layout[column::_STRIDE]
        for code in _CODES:
            try:
                packed = array(code, values)
            except OverflowError:
                continue
            break
        else:
            raise ValueError("a unit's offsets do not fit in 32 bits")
        if sys.byteorder == "big":  # stored little-endian
            packed.byteswap()
        header += code.encode()
        body += packed.tobytes()
    return bytes(header + body)


def _columns(layout: bytes) -> list[array[int]]:
    if not layout:
        return [array("b")] * _STRIDE
    codes = layout[:_STRIDE].decode()
    rows = (len(layout) - _STRIDE) // sum(_SIZES[code] for code in codes)
    columns = []
    at = _STRIDE
    for code in codes:
        column = array(code)
        size = _SIZES[code] * rows
        column.frombytes(layout[at : at + size])
        if sys.byteorder == "big":
            column.byteswap()
        columns.append(column)
        at += size
    return columns


_SIZES = {code: array(code).itemsize for code in _CODES}


def unpack_units(layout: bytes, text: str) -> list[Unit]:
    """The units of a stored article, as ``(kind, start, end, text, speaker)`` tuples."""
    rows: list[tuple[int, int, int]] = []
    texts: list[str] = []
    at = 0
    start = 0
    for code, step, extra, length, inside in zip(*_columns(layout), strict=True):
        start += step
        if inside >= 0:
            offset = start - rows[inside][1]
            piece = texts[inside][offset : offset + length]
        else:
            piece = text[at : at + length]
            at += length
        texts.append(piece)
        rows.append((code, start, extra))
    names = text[at:].split(_NAME_SEP) if at < len(text) else []
    units: list[Unit] = []
    for (code, start, extra), piece in zip(rows, texts, strict=True):
        name = code >> _SPEAKER_SHIFT
        spanless = code & _NO_SPAN
        units.append(
            (
                _KIND_CODES[code & 3],
                None if spanless else start,
                None if spanless else start + len(piece) + extra,
                piece,
                names[name - 1] if name else None,
            )
        )
    return units


def _inside(text: str, span: Span, body: list[tuple[int, Paragraph]]) -> int:
    """The unit of the body paragraph that holds ``text`` at ``span``, or -1."""
    for unit, paragraph in body:
        at = span.start - paragraph.span.start
        if at >= 0 and span.end <= paragraph.span.end:
            return unit if paragraph.text.startswith(text, at) else -1
    return -1


class _Body:
    """The body paragraphs of an article, to find the one a quote lies in
    (:func:`_inside`) by bisection when they are in order and apart (as parsed): an
    article has dozens of quotes and paragraphs, and megabyte ones thousands."""

    def __init__(self, body: list[tuple[int, Paragraph]]) -> None:
        self.body = body
        spans = [p.span for _u, p in body]
        self.starts = [span.start for span in spans]
        self.ends = ends = [span.end for span in spans]
        self.ordered = all(map(lt, self.starts, ends)) and all(map(le, ends, self.starts[1:]))

    def inside(self, text: str, span: Span) -> int:
        if not self.ordered or span.start == span.end:  # empty: may end the one before
            return _inside(text, span, self.body)
        at = bisect_right(self.starts, span.start) - 1
        if at < 0 or span.end > self.ends[at]:
            return -1
        unit, paragraph = self.body[at]
        if paragraph.text.startswith(text, span.start - self.starts[at]):
            return unit
        return -1


def _date_number(date: str | None) -> int:
    """``2019-09-12`` as 20190912 (0: no date), for range filters."""
    if not date or len(date) < 10:
        return 0
    try:
        return int(date[:4] + date[5:7] + date[8:10])
    except ValueError:
        return 0


def indexable(
    article: Article, source: SourceText, reported: Reported = None, offset: int = 0
) -> tuple[Article, str | None]:
    """``article`` with its reported speech among its quotes (what ``quote:`` and
    ``speaker:`` find), and its source text read.

    The reported speech is quote extraction, not indexing: an import's parse workers
    find it beside the rest of the parse and the library keeps it
    (:mod:`tui.store.reported`); what they found, or the library kept, comes as
    ``reported`` (its quotes, or their stored form with spans ``offset`` past
    ``source``'s). Only an article without it (None: from a library that kept none)
    has it found here."""
    if callable(source):
        source = source()
    if source is None:
        return article, None
    if reported is None:
        from tui.extract.pipeline import with_reported  # the parser: only when indexing

        return with_reported(article, source), source
    if isinstance(reported, bytes):
        from tui.store.reported import decode

        reported = decode(reported, source, -offset)
    return with_quotes_added(article, reported), source


def prepared_document(
    article: Article, source: SourceText, offset: int = 0, *, reported: Reported = None
) -> dict[str, Any] | StreamedDocument:
    """An article's document for the index (made by an import's parse workers, the
    library's ``on_prepare``): with its reported speech (:func:`indexable`), then its
    fields (:func:`document_fields`); for a megabyte article only as tantivy takes it,
    a window at a time (:class:`tui.search.streamed.StreamedDocument`)."""
    if is_big(article):
        text = source() if callable(source) else source
        if text is not None:
            return StreamedDocument(article, text, offset, reported)
    if reported is None or callable(source) or source is None:
        article, text = indexable(article, source, reported, offset)
        return document_fields(article, text, offset)
    # As :func:`indexable`, without a copy of the article (most of an import's):
    # its quotes and the reported speech in text order (ties: its own first).
    if isinstance(reported, bytes):
        from tui.store.reported import decode

        reported = decode(reported, source, -offset)
    quotes = article.quotes
    if reported:
        quotes = tuple(sorted((*quotes, *reported), key=_start))
    return document_fields(article, source, offset, quotes=quotes)


def _start(quote: Quote) -> int:
    return quote.span.start


class _Units:
    """The stored units of one article's document as they are added (titles, body
    paragraphs, then quotes in text order): the layout of ints, the stored texts, the
    texts ``all`` indexes and the quotes' texts (see :func:`document_fields`). Kept apart
    from the document so that a megabyte article's quotes can be added a window at a
    time (:class:`tui.search.streamed.StreamedDocument`)."""

    def __init__(
        self,
        article: Article,
        source: SourceText,
        offset: int,
        heads: _Units | None = None,
    ) -> None:
        self.layout: list[int] = []
        texts: list[str] = []
        self.previous = -offset  # unit starts are stored as differences (the first from 0)
        extend = self.layout.extend
        for piece in (article.title, article.kicker, article.dek) if heads is None else ():
            if piece:
                span = _locate(piece, article, source)
                if span is None:
                    extend((_NO_SPAN, 0, 0, len(piece), -1))
                else:
                    extend(
                        (
                            0,
                            span.start - self.previous,
                            span.end - span.start - len(piece),
                            len(piece),
                            -1,
                        )
                    )
                    self.previous = span.start
                texts.append(piece)
        if heads is not None:  # a part of an article: its first part's title units
            extend(heads.layout[: _STRIDE * len(heads.titles)])
            texts.extend(heads.titles)
            self.previous = heads.title_end
        self.titles: list[str] = texts[:]
        self.title_end: int = self.previous
        self.body: list[tuple[int, Paragraph]] = []
        body_role = ParagraphRole.BODY
        previous = self.previous
        for paragraph in article.paragraphs:
            if paragraph.role is body_role:
                span = paragraph.span
                self.body.append((len(texts), paragraph))
                extend(
                    (
                        1,
                        span.start - previous,
                        span.end - span.start - len(paragraph.text),
                        len(paragraph.text),
                        -1,
                    )
                )
                previous = span.start
                texts.append(paragraph.text)
        self.previous = previous
        self.stored = texts  # what the stored text holds: a quote is mostly a paragraph's
        #: Quotes outside every body paragraph: `all` and the stored text hold them too.
        self.outside: list[str] = []
        self.names: dict[str | None, str | None] = {}
        self.numbers: dict[str, int] = {}
        self.by_form: dict[str, list[Entity]] | None = heads.by_form if heads else None
        self.article = article
        self.within: _Body | None = None

    def quotes(self, quotes: Iterable[Quote]) -> list[str]:
        """Add ``quotes`` (in text order, after every quote added before): their texts."""
        if self.within is None:
            self.within = _Body(self.body)
            if self.by_form is None:
                self.by_form = entities_by_form(self.article)
        by_form, names, numbers, within = self.by_form, self.names, self.numbers, self.within
        assert by_form is not None
        extend = self.layout.extend
        previous = self.previous
        texts = []
        for quote in quotes:
            speaker = quote.speaker
            if speaker not in names:
                names[speaker] = _speaker_names(by_form, speaker)
            name = speaker or None  # stored as named (a speaker: term's pattern holds
            if name is not None and name not in numbers:  # the full names its alias stands for)
                numbers[name] = len(numbers) + 1
            text, span = quote.text, quote.span
            inside = within.inside(text, span)
            code = 2 | (numbers[name] << _SPEAKER_SHIFT if name is not None else 0)
            extend(
                (code, span.start - previous, span.end - span.start - len(text), len(text), inside)
            )
            previous = span.start
            if inside < 0:
                self.stored.append(text)
                self.outside.append(text)
            texts.append(text)
        self.previous = previous
        return texts

    def flags(self, quoted: bool) -> int:
        article = self.article
        return (
            (engine.FLAG_BRIEF if article.kind is ArticleKind.BRIEF else 0)
            | (engine.FLAG_TRUNCATED if article.truncated else 0)
            | (engine.FLAG_QUOTE if quoted else 0)
        )

    def speakers(self) -> str:
        return prepare(" ".join(n for n in self.names.values() if n))

    def stored_text(self) -> bytes:
        """The stored texts (and the speakers' names) as one ``bytes``; let go here."""
        stored, self.stored = self.stored, []
        if self.numbers:
            stored.append(_NAME_SEP.join(n.replace(_NAME_SEP, " ") for n in self.numbers))
        if sum(map(len, stored)) <= _ENCODE_PIECE:  # most: joined and encoded once
            return "".join(stored).encode()
        return b"".join(_encoded(piece) for piece in stored)


def _encoded(text: str) -> bytes:
    """``text`` as UTF-8 (a megabyte paragraph a piece at a time, joined once)."""
    if len(text) <= _ENCODE_PIECE:
        return text.encode()
    return b"".join(
        text[i : i + _ENCODE_PIECE].encode() for i in range(0, len(text), _ENCODE_PIECE)
    )


_ENCODE_PIECE = 1 << 20


def document_fields(
    article: Article, source: SourceText, offset: int = 0, *, quotes: Sequence[Quote] | None = None
) -> dict[str, Any]:
    """The article's document as plain values (all but its ``seq``): its fields, and its
    units (titles, body paragraphs and quotes with their spans and speakers, the
    candidates for a hit's context) stored as a layout of ints and the texts joined
    (:func:`unpack_units`). Built in one pass: this runs for every article an import
    stores; :func:`write_fields` hands it to tantivy.

    The article is indexed as given: its quotes are those it holds (reported speech
    found first by :func:`indexable`, or not: a caller that has none to find).

    A quote's words are in `all` once: through the paragraph it lies in (reported
    speech is most of a paragraph: indexing it again would double the field).

    ``offset``: where ``source`` starts in the document's text (a part of a big file
    parsed apart); the stored spans are the document's. ``quotes``: the article's
    quotes, when given apart from it (in text order)."""
    if callable(source):
        source = source()
    if quotes is None:
        quotes = article.quotes
    units = _Units(article, source, offset)
    quoted = units.quotes(quotes) if quotes else []
    indexed = units.stored[:]  # what `all` holds: titles, body, quotes outside the body
    text = units.stored_text()  # the same texts (and the speakers' names), encoded
    # Every text of `title`, `all` and `quotes` is in the stored text: when it has no
    # CJK, none has anything to space (:func:`prepare`), and most articles have none.
    spaced = _may_have_cjk(text)
    source_field, src = _source_fields(article.outlet, article.source)
    return dict(
        kind=ARTICLE,
        key=key_of(article.id),
        flags=units.flags(bool(quotes)),
        date=_date_number(article.date),
        title=prepare(" ".join(units.titles)) if spaced else " ".join(units.titles),
        all=prepare_joined(indexed) if spaced else "\n".join(indexed),
        quotes=prepare_joined(quoted) if spaced else "\n".join(quoted),
        speakers=units.speakers(),
        source=source_field,
        alias=alias_terms(article, units.by_form or {}, speakers=[n for n in units.names if n]),
        src=src,
        heading=(article.title or "").encode(),
        layout=_pack(units.layout),
        text=text,
    )


#: The first byte of every CJK character :func:`prepare` spaces, in UTF-8 (U+3040 to
#: U+9FFF: E3-E9; U+F900 to U+FAFF: EF; U+20000 to U+2FA1F: F0).
_CJK_LEADS = tuple(bytes([b]) for b in (*range(0xE3, 0xEA), 0xEF, 0xF0))


def _may_have_cjk(encoded: bytes) -> bool:
    """Whether UTF-8 ``encoded`` may hold a CJK character (False: surely none)."""
    return not encoded.isascii() and any(map(encoded.__contains__, _CJK_LEADS))


#: ``source`` and ``src`` of the articles of the files seen lately, by (outlet, source):
#: a file's articles share them (and, the same objects, are pickled once a file).
_SOURCES: dict[tuple[str | None, str], tuple[str, bytes]] = {}


def _source_fields(outlet: str | None, source: str) -> tuple[str, bytes]:
    """An article's ``source`` (:func:`source_terms`, prepared) and ``src`` fields."""
    found = _SOURCES.get((outlet, source))
    if found is None:
        if len(_SOURCES) >= 64:
            _SOURCES.clear()
        terms = _source_text(outlet, source)
        found = _SOURCES[outlet, source] = (prepare(terms), source.encode())
    return found


def _source_text(outlet: str | None, source: str) -> str:
    """What ``source:`` finds an article of ``outlet`` from file ``source`` by."""
    from tui.ingest.outlet import source_name  # at index time only: search loads no ingest

    return f"{outlet or ''} {source_name(source)}".strip()


def source_terms(article: Article) -> str:
    """What ``source:`` finds an article by: its outlet and its file's name. Not the
    folders above the file, nor a URL's path (``source:politics`` found every article
    under a ``politics/`` folder or from a ``.../politics/rss`` feed)."""
    return _source_text(article.outlet, article.source)


def _document(article: Article, source: SourceText, seq: int) -> tantivy.Document:
    """The article's tantivy document (see :func:`prepared_document`)."""
    made = prepared_document(article, source)
    assert isinstance(made, dict), "a megabyte article is several documents: write_fields"
    return tantivy.Document(seq=seq, **made)


#: The fields of a document that may hold megabytes: handed to tantivy one at a time.
_BIG_FIELDS = {"all": "add_text", "quotes": "add_text", "text": "add_bytes"}


def write_fields(writer: Any, fields: dict[str, Any] | StreamedDocument, seq: int) -> None:
    """Add an article's document made by :func:`prepared_document` to ``writer``.

    ``fields`` is emptied as it is read: each big field's Python value is let go as
    soon as tantivy has its copy, so an article of megabytes (a 20 MB file on one
    line) is not held twice over, as the whole dict beside the whole document."""
    if isinstance(fields, StreamedDocument):
        fields.write(writer, seq)
        return
    if _small(fields):  # most: handed over whole (two fifths less than a field at a time)
        fields["seq"] = seq
        for name in _BIG_FIELDS:  # in the order they were always added
            if name in fields:
                fields[name] = fields.pop(name)
        writer.add_document(tantivy.Document.from_dict(fields, SCHEMA))
        fields.clear()
        return
    big = [(name, fields.pop(name)) for name in _BIG_FIELDS if name in fields]
    fields["seq"] = seq
    document = tantivy.Document.from_dict(fields, SCHEMA)  # typed by the schema: a third
    # less than guessing each keyword argument's type
    fields.clear()
    big.reverse()
    while big:
        name, value = big.pop()
        add = getattr(document, _BIG_FIELDS[name])
        for one in value if isinstance(value, list) else (value,):  # a streamed one's
            add(name, one)
        del value
    writer.add_document(document)


#: Characters (or bytes) of a document's big fields below which it is handed over whole.
_SMALL = 1 << 20


def _small(fields: dict[str, Any]) -> bool:
    total = 0
    for name in _BIG_FIELDS:
        value = fields.get(name)
        if isinstance(value, list):  # a window's pieces (tui.search.streamed)
            return False
        if value is not None:
            total += len(value)
    return total < _SMALL


def write_article(
    writer: Any, article: Article, text: SourceText, seq: int, reported: Reported = None
) -> None:
    """Add an article's document to ``writer``, with its ``reported`` speech (None:
    found first)."""
    write_fields(writer, prepared_document(article, text, reported=reported), seq)


def write_meta(writer: Any, meta: dict[str, Any]) -> None:
    """Replace the index's record of itself (committed with what it describes)."""
    writer.delete_documents_by_term("kind", META)
    writer.add_document(tantivy.Document(kind=META, text=json.dumps(meta).encode()))


def _location(where: Any) -> Path | None:
    """Where the index of ``where`` lives: a folder, or None (in memory).

    A connection to an SQLite file gives the folder beside that file (see
    :func:`index_path`); an in-memory database, an index in memory.
    """
    if where is None:
        return None
    if isinstance(where, sqlite3.Connection):
        for _seq, name, file in where.execute("PRAGMA database_list"):
            if name == "main":
                return index_path(Path(file)) if file else None
        return None
    return Path(where)


def index_path(library: Path) -> Path:
    """The index folder of the library file ``library``: ``library.db.search`` beside it."""
    return library.with_name(library.name + ".search")


#: A query of more free words than this never reuses the last page
#: (:meth:`SearchIndex._narrowed`).
NARROWED_WORDS = 3


class _Page(NamedTuple):
    """A query of free words alone (no field, filter or view order), and the page of
    rows it ranked when every word as typed filled it (see
    :meth:`SearchIndex._narrowed`)."""

    limit: int
    commit: tuple[Any, ...]
    #: Each word's term, its place in the text left out (the same words typed apart).
    terms: tuple[Term, ...]
    words: tuple[FreeWord, ...]
    rows: list[tuple[Any, int, float]] | None = None

    @classmethod
    def of(cls, words: list[FreeWord], limit: int, commit: tuple[Any, ...]) -> _Page:
        terms = tuple(replace(w.term, start=0, end=0) for w in words)
        return cls(limit, commit, terms, tuple(words))


class SearchIndex:
    """A tantivy index (created on first use): ``SearchIndex()`` in memory,
    ``SearchIndex(folder)``, or ``SearchIndex(connection)`` beside an SQLite file."""

    def __init__(self, where: Any = None, *, index: tantivy.Index | None = None) -> None:
        self.path = _location(where)
        self.index = (
            index if index is not None else engine.reading(partial(engine.open_index, self.path))
        )
        engine.reading(self.index.reload)
        #: How long a write waits for another process's writer (seconds).
        self.writer_wait = engine.WRITER_WAIT_S
        self._neighbour_cache: dict[tuple[int, int, str], list[str]] = {}
        #: The units of articles shown lately, unpacked, by where their document is in
        #: the commit searched (see :func:`_where`); a new dict for each commit.
        self._units: dict[tuple[int, int, int], ArticleUnits] = {}
        #: The commit ``_units`` belongs to (see :meth:`_commit`).
        self._units_commit: Any = None
        #: Counts this object's writes (part of :meth:`_commit`).
        self._writes = 0
        #: The last query's key and hits (see :meth:`_same_as_last`).
        self._last: tuple[Any, list[Hit] | None] | None = None
        #: The last page of free words as typed: what a word typed further narrows
        #: (see :meth:`_narrowed`).
        self._page: _Page | None = None
        #: The commit whose split documents were counted, and whether it has any.
        self._split: tuple[Any, bool] | None = None

    # -- reading what is there ---------------------------------------------------------

    def _searcher(self) -> Any:
        return self.index.searcher()

    def reload(self) -> None:
        """See what other processes committed since."""
        engine.reading(self.index.reload)

    def wrote(self) -> None:
        """Say that this index is being written (an import's writer, or :meth:`update`):
        hits made from then on read what is there, not what was kept (:meth:`_commit`)."""
        self._writes += 1

    def _articles(self) -> Any:
        return Q.term_query(SCHEMA, "kind", ARTICLE)

    def count(self) -> int:
        return int(self._searcher().search(self._articles(), 1, count=True).count)

    def _all_hits(self, query: Any, searcher: Any) -> list[Any]:
        total = searcher.search(query, 1, count=True).count
        if not total:
            return []
        hits: list[Any] = searcher.search(
            query, total, count=False, order_by_field="seq", order=tantivy.Order.Asc
        ).hits
        return hits

    def indexed_ids(self) -> set[str]:
        searcher = self._searcher()
        addresses = [a for _k, a in self._all_hits(self._articles(), searcher)]
        return (
            {id_of(k) for k in searcher.fast_field_values("key", addresses)} if addresses else set()
        )

    def probe(self) -> None:
        """Open every segment's term dictionary of every text field (a word that no
        index holds): tantivy opens an index whose dictionary is damaged and fails only
        at the first word searched. Raises ``ValueError`` for such an index."""
        searcher = self._searcher()
        for name in engine.TEXT_FIELDS:
            searcher.search(Q.term_query(SCHEMA, name, "\x01newsdesk-probe"), 1, count=True)

    def meta(self) -> dict[str, Any]:
        """What the index records about itself (``version``, ``store_seq``); {} if none."""
        searcher = self._searcher()
        hits = searcher.search(Q.term_query(SCHEMA, "kind", META), 1, count=False).hits
        if not hits:
            return {}
        stored = searcher.doc(hits[0][1])
        try:
            meta: dict[str, Any] = json.loads(stored.get_first("text") or b"{}")
            return meta
        except ValueError:
            return {}

    # -- writing -----------------------------------------------------------------------

    def next_seq(self) -> int:
        """The order number of the next article indexed."""
        return self._next_seq(self._searcher())

    def _next_seq(self, searcher: Any) -> int:
        hits = searcher.search(
            self._articles(), 1, count=False, order_by_field="seq", order=tantivy.Order.Desc
        ).hits
        return int(hits[0][0]) + 1 if hits else 1

    def add(
        self,
        items: Iterable[Article | tuple[Article, SourceText] | Made | Loaded],
        *,
        progress: Progress = None,
        meta: dict[str, Any] | None = None,
    ) -> int:
        """Index articles (optionally with their source text, to locate explicit titles).

        Articles already indexed are skipped (the id is content-based: same id, same text).
        Commits every :data:`BATCH` articles. Returns how many were added.
        """
        return self.update(items, (), progress=progress, meta=meta)[0]

    def remove(self, article_ids: Iterable[str]) -> int:
        """Drop articles from the index; how many were there."""
        return self.update((), article_ids)[1]

    def update(
        self,
        items: Iterable[Article | tuple[Article, SourceText] | Made | Loaded],
        removed: Iterable[str],
        *,
        progress: Progress = None,
        total: int | None = None,
        meta: dict[str, Any] | None = None,
    ) -> tuple[int, int]:
        """Remove then add, committing as it goes; ``meta`` is recorded with the last
        commit (so what it says, e.g. the library's change counter, is true of it).
        ``progress(done, total)`` is called every few hundred articles (``total``: as
        given, else None).

        What is indexed is read once the writer is held: another process (a second
        session, an import) may have committed while this one waited for the writer or
        since it last looked, and what it added is not added twice."""
        added = 0
        self.wrote()
        with engine.writing(self.index, wait=self.writer_wait) as writer:
            self.reload()  # no other writer can commit now: this is what is there
            indexed = self.indexed_ids()
            gone = [i for i in dict.fromkeys(removed) if i in indexed]
            seq = self._next_seq(self._searcher())
            for article_id in gone:
                writer.delete_documents_by_term("key", key_of(article_id))
                indexed.discard(article_id)
            pending = 0
            for item in items:
                if isinstance(item, Made):
                    if item.article_id in indexed:
                        continue
                    indexed.add(item.article_id)
                    write_fields(writer, item.fields, seq)
                elif isinstance(item, Loaded):
                    if item.article.id in indexed:
                        continue
                    indexed.add(item.article.id)
                    write_article(writer, item.article, item.source, seq, item.reported)
                else:
                    article, text = item if isinstance(item, tuple) else (item, None)
                    if article.id in indexed:
                        continue
                    indexed.add(article.id)
                    write_article(writer, article, text, seq)
                seq += 1
                added += 1
                pending += 1
                if pending >= BATCH:
                    writer.commit()  # a point the next run resumes from, if killed
                    pending = 0
                if progress and added % 500 == 0:
                    progress(added, total)
            if meta is not None:
                write_meta(writer, meta)
        if progress:
            progress(added, total)
        return added, len(gone)

    def sync(
        self,
        wanted: Iterable[str],
        load: Callable[[list[str]], Iterable[Article | tuple[Article, SourceText] | Made | Loaded]],
        *,
        progress: Progress = None,
        meta: dict[str, Any] | None = None,
    ) -> tuple[int, int]:
        """Make the index hold exactly the articles ``wanted``; ``load(ids)`` gives the
        missing ones (closed at the end if it has a ``close``: the workers of
        :mod:`tui.search.rebuild`). Returns (added, removed)."""
        wanted = list(dict.fromkeys(wanted))
        indexed = self.indexed_ids()
        keep = set(wanted)
        missing = [i for i in wanted if i not in indexed]
        extra = [i for i in indexed if i not in keep]
        items = load(missing) if missing else ()
        try:
            return self.update(items, extra, progress=progress, total=len(missing), meta=meta)
        finally:
            close = getattr(items, "close", None)
            if close is not None:
                close()

    # -- searching ---------------------------------------------------------------------

    def search(
        self,
        query: Query,
        *,
        limit: int = 500,
        state: ArticleState | None = None,
        order: Sequence[str] | None = None,
    ) -> list[Hit]:
        """Hits for a parsed query, best first. Without text terms, hits follow ``order``
        (article ids, e.g. the library's view order) or the order of indexing.

        The same words as the last query (``would audit `` after ``would audit``: the
        space typed before the next word) on the same commit of the index give the last
        hits again, their contexts already worked out: see :meth:`_same_as_last`."""
        state = state or NoState()
        searcher = self._searcher()
        if limit <= 0:
            return []
        commit = self._commit(searcher)
        if commit != self._units_commit:
            # Documents move between commits (merges, additions): the kept units are
            # found by where their document is, so each commit gets its own (hits of
            # an older one keep the dict they were made with).
            self._units, self._units_commit = {}, commit
        again = self._same_as_last(query, limit, order, commit)
        if again is not None:
            return again
        hits = self._search(query, searcher, limit, state, order, commit)
        if self._last is not None:
            self._last = (self._last[0], list(hits))  # a copy: the caller may reorder
        return hits

    def _commit(self, searcher: Any) -> tuple[Any, ...]:
        """What identifies the commit of the index ``searcher`` reads: its ``meta.json``,
        replaced at every commit (by any process) and merge, the searcher's sizes, and
        this object's writes (an index in memory has no ``meta.json``; only this object
        writes it)."""
        meta = None
        if self.path is not None:
            try:
                found = (self.path / "meta.json").stat()
            except OSError:
                pass
            else:
                meta = (found.st_ino, found.st_mtime_ns, found.st_size)
        return (meta, searcher.num_docs, searcher.num_segments, self._writes)

    def _same_as_last(
        self, query: Query, limit: int, order: Sequence[str] | None, commit: tuple[Any, ...]
    ) -> list[Hit] | None:
        """The last query's hits if this one is the same search: the same words (parsed
        alike: the text may differ in spaces), no filter (triage state is read from the
        library at each query), no view order, the same limit, and the index on disk at
        the same commit (:meth:`_commit`). Otherwise None, and this query is remembered
        as the last one."""
        key = None
        terms = [group for group in query.groups if isinstance(group, Term)]
        on_disk = self.path is not None and commit[0] is not None
        if on_disk and order is None and len(terms) == len(query.groups):
            key = (tuple(replace(term, start=0, end=0) for term in terms), limit, commit)
        last = self._last
        if key is not None and last is not None and last[0] == key and last[1] is not None:
            return list(last[1])
        self._last = (key, None) if key is not None else None
        return None

    def _search(
        self,
        query: Query,
        searcher: Any,
        limit: int,
        state: ArticleState,
        order: Sequence[str] | None,
        commit: tuple[Any, ...] | None = None,
    ) -> list[Hit]:
        must: list[Any] = []
        must_not: list[Any] = []
        checks: list[tuple[Container[int], bool]] = []
        highlight: list[CompiledTerm] = []
        words: list[FreeWord] = []
        scored = False
        for group in query.groups:
            if isinstance(group, Term):
                word = free_word(group, searcher, partial(self._neighbours, searcher))
                if word is not None:
                    if word.typed is None and not word.can_typo:
                        return []  # nothing has it as typed, and it takes no typo
                    words.append(word)
                    scored = True
                    continue
                compiled = self._compile(group, searcher, whole=group.negated)
                if group.negated:
                    if compiled.query is not None:
                        must_not.append(compiled.query)
                    continue
                if compiled.query is None:
                    return []
                if compiled.quote_phrase is not None:  # checked as deep as the page needs
                    checks.append((_Quoting(searcher, compiled), False))
                highlight.append(compiled)
                must.append(compiled.query)
                scored = True
            elif isinstance(group, Filter):
                part = self._filter(group, state)
                if isinstance(part, tuple):
                    checks.append(part)
                elif group.negated:
                    must_not.append(part)
                else:
                    must.append(part)
            else:
                alternatives = []
                for item in group.items:
                    if isinstance(item, Term):
                        compiled = self._compile(item, searcher)
                        if compiled.query is None:
                            continue
                        if item.negated:
                            alternatives.append(self._not(compiled.query))
                        else:
                            highlight.append(compiled)
                            alternatives.append(compiled.query)
                            scored = True
                    else:
                        part = self._filter(item, state, small_only=True)
                        alternatives.append(self._not(part) if item.negated else self._only(part))
                if not alternatives:
                    return []
                must.append(Q.boolean_query([(Occur.Should, a) for a in alternatives]))
        if not scored:  # only articles have text fields: a text term needs no kind clause
            must.insert(0, self._articles())
        clauses = [(Occur.Must, q) for q in must] + [(Occur.MustNot, q) for q in must_not]
        finders: dict[int, ContextFinder] | None = None
        if words:
            # Free words alone, typed a key at a time: a page the last query's narrows.
            alone = not clauses and not checks and order is None and len(words) == len(query.groups)
            page = _Page.of(words, limit, commit) if alone and commit is not None else None
            rows = self._narrowed(searcher, page) if page is not None else None
            if rows is not None:
                typos_of: dict[int, tuple[int, ...]] = dict.fromkeys([r[1] for r in rows], ())
            else:
                rows, typos_of = self._tiers(searcher, words, clauses, limit, checks)
            full = page is not None and len(rows) == limit and not any(typos_of.values())
            self._page = page._replace(rows=rows) if full and page is not None else None
            finders = {}
            by_choice: dict[tuple[int, ...], ContextFinder] = {}
            for key, chosen in typos_of.items():  # a typo highlighted where it was needed
                if chosen not in by_choice:
                    shown = [w.compiled(i in chosen) for i, w in enumerate(words)]
                    by_choice[chosen] = ContextFinder([*highlight, *shown])
                finders[key] = by_choice[chosen]
        elif scored:
            rows = self._ranked(searcher, self._combined(searcher, clauses), limit, checks)
        else:
            combined = self._combined(searcher, clauses)
            rows = self._unranked(searcher, combined, limit, checks, order)
        finder = ContextFinder(highlight)
        return self._hits(searcher, rows, finder, finders)

    def _narrowed(self, searcher: Any, page: _Page) -> list[tuple[Any, int, float]] | None:
        """The last page again, when this query is the last one with a word typed
        further that matches the same articles: ``strateg`` after ``strate``, when
        the index's words that begin with either are the same (strategy, strategic).
        Exact, as tantivy would rank it: when neither is itself a word of the index,
        each adds nothing to an article's score (the words it begins match with a
        score of 0), so the query matches the same articles as the last one with the
        same scores, and ranks them alike (ties go by where the document is). With
        more than :data:`NARROWED_WORDS` words a score's sum might be added up in
        another order (tantivy sums the clauses cheapest first): not reused. Returns
        the rows, or None: search. (Asking the engine which of the page's articles
        the longer word still matches, by their keys, cost as much as the search.)"""
        last = self._page
        if (
            last is None
            or last.rows is None
            or (last.limit, last.commit) != (page.limit, page.commit)
            or len(page.words) != len(last.words)
            or len(page.words) > NARROWED_WORDS
        ):
            return None
        changed = [i for i, (a, b) in enumerate(zip(last.terms, page.terms, strict=True)) if a != b]
        if len(changed) != 1:
            return None
        before, after = last.words[changed[0]], page.words[changed[0]]
        if (
            not (before.prefix and after.prefix)
            or before.term.match is not after.term.match
            or after.word == before.word
            or not after.word.startswith(before.word)
            or after.typed is None
            or self._has_split(searcher, page.commit)
            or any(searcher.doc_freq(f, w) for w in (before.word, after.word) for f in _SCORED)
        ):
            return None
        if before.longer is None or before.longer != after.longer:
            return None  # another set of articles (some of the page's may be gone): search
        return list(last.rows)

    def _has_split(self, searcher: Any, commit: tuple[Any, ...] | None) -> bool:
        """Whether the index holds an article in parts (:mod:`tui.search.streamed`),
        counted once a commit."""
        if commit is not None and self._split is not None and self._split[0] == commit:
            return self._split[1]
        split = Q.term_query(SCHEMA, "split", engine.SPLIT)
        found = bool(searcher.search(split, 1, count=True).count)
        if commit is not None:
            self._split = (commit, found)
        return found

    def _tiers(
        self,
        searcher: Any,
        words: list[FreeWord],
        clauses: list[tuple[Any, Any]],
        limit: int,
        checks: list[tuple[Container[int], bool]],
    ) -> tuple[list[tuple[Any, int, float]], dict[int, tuple[int, ...]]]:
        """Ranked rows for a query with free ``words`` (and the other ``clauses``), tier
        by tier: every word as typed, then one word only through a typo, then two...
        (each tier a query per choice of typo words), until ``limit`` rows. A tier is
        ranked below every earlier one (:data:`TIER` per word as typed), so the first
        page is the same as one query over all tiers would give, and most queries cost
        one query of exact terms. Returns the rows, and for each row's key the words its
        tier matched through typos (those it highlights)

        A tier's query also matches articles of earlier tiers (a typo clause matches the
        word as typed too): an earlier tier was read to its end before this one runs,
        so they are known and skipped."""
        rows: list[tuple[Any, int, float]] = []
        seen: set[int] = set()
        typos: dict[int, tuple[int, ...]] = {}
        fuzzy = [i for i, word in enumerate(words) if word.can_typo]
        queries = 0
        for tier in range(len(fuzzy) + 1):
            need = limit - len(rows)
            if need <= 0:
                break
            queries += comb(len(fuzzy), tier)
            merged = queries > MAX_TIER_QUERIES  # many words with typos: the rest in one query
            choices = [tuple(fuzzy)] if merged else list(combinations(fuzzy, tier))
            single = len(choices) == 1
            found: list[tuple[tuple[Any, int, float], tuple[int, ...]]] = []
            for chosen in choices:
                query: Any
                if merged:  # each word as typed or through a typo, scored as it matched
                    either = [compile_term(w.term, searcher).query for w in words]
                    query = self._whole(searcher, [*clauses, *((Occur.Must, q) for q in either)])
                    bonus = 0.0
                else:
                    query = self._tier_query(searcher, words, clauses, chosen)
                    bonus = TIER * (len(words) - tier)
                if query is None:
                    continue
                ranked = self._ranked(searcher, query, need + len(seen), checks)
                if not seen and not found and single:
                    # The first tier with hits, one query: its rows as ranked (a
                    # constant added to each score keeps their order), none skipped.
                    rows = [
                        (address, key, _score_of(score) + bonus) for address, key, score in ranked
                    ]
                    del rows[limit:]
                    typos = dict.fromkeys([row[1] for row in rows], chosen)
                    seen.update(typos)
                    continue
                for address, key, score in ranked:
                    if key not in seen:
                        found.append(((address, key, _score_of(score) + bonus), chosen))
            found.sort(key=lambda item: -item[0][2])  # stable: each choice keeps its order
            for row, chosen in found:
                if row[1] not in seen and len(rows) < limit:
                    seen.add(row[1])
                    rows.append(row)
                    typos[row[1]] = chosen
            if merged:
                break
        return rows, typos

    def _tier_query(
        self,
        searcher: Any,
        words: list[FreeWord],
        clauses: list[tuple[Any, Any]],
        chosen: tuple[int, ...],
    ) -> Any | None:
        """The query of one choice of words matched through typos (None: cannot match)."""
        parts = list(clauses)
        for i, word in enumerate(words):
            if i in chosen:
                typo = word.typo()
                if typo is None:
                    return None
                parts.append(typo)
            elif word.typed is None:
                return None
            else:
                parts += word.typed
        return self._whole(searcher, parts)

    def _whole(self, searcher: Any, clauses: list[tuple[Any, Any]]) -> Any:
        """The boolean query of ``clauses``, made to match an article indexed in parts
        (:mod:`tui.search.streamed`) as a whole: a part matches as any document does,
        unless another part of its article has a word the query excludes; and an
        article none of whose parts matches, whose parts between them have every
        clause, matches through each part that has one (scored by those it has).

        Asked of the split articles alone (a few): an index without any is given the
        query as it was, so nothing else's matching or ranking changes."""
        query = Q.boolean_query(clauses)
        split = Q.term_query(SCHEMA, "split", engine.SPLIT)
        if not searcher.search(split, 1, count=True).count:
            return query

        def keys(part: Any) -> set[int]:
            both = Q.boolean_query([(Occur.Must, split), (Occur.Must, part)])
            hits = self._all_hits(both, searcher)
            addresses = [a for _s, a in hits]
            return set(searcher.fast_field_values("key", addresses)) if addresses else set()

        musts = [q for occur, q in clauses if occur == Occur.Must]
        excluded: set[int] = set()
        for occur, part in clauses:
            if occur == Occur.MustNot:
                excluded |= keys(part)
        whole = keys(musts[0]) if musts else set()
        for part in musts[1:]:
            whole &= keys(part)
        whole -= excluded | keys(query)  # not by its parts: one part matches
        if excluded:
            keys_out = Q.term_set_query(SCHEMA, "key", sorted(excluded))
            query = Q.boolean_query([(Occur.Must, query), (Occur.MustNot, keys_out)])
        if not whole:
            return query
        scored = [(Occur.Should, q) for occur, q in clauses if occur != Occur.MustNot]
        between = Q.boolean_query(
            [
                (Occur.Must, Q.term_set_query(SCHEMA, "key", sorted(whole))),
                (Occur.Must, Q.boolean_query(scored)),
            ]
        )
        return Q.boolean_query([(Occur.Should, query), (Occur.Should, between)])

    def _combined(self, searcher: Any, clauses: list[tuple[Any, Any]]) -> Any:
        """The query of ``clauses`` (one Must clause: itself), see :meth:`_whole`."""
        if len(clauses) == 1 and clauses[0][0] == Occur.Must:
            return clauses[0][1]  # one clause: a part matches it or none does
        return self._whole(searcher, clauses)

    def _neighbours(self, searcher: Any, word: str) -> list[str]:
        """The typo neighbours of ``word`` in the index (cached until the index changes:
        typing a query repeats its words at every key)."""
        key = (searcher.num_docs, searcher.num_segments, word)
        found = self._neighbour_cache.get(key)
        if found is None:
            if len(self._neighbour_cache) > 256:
                self._neighbour_cache.clear()
            found = typo_neighbours(searcher, FIELDS_FOR[None], word)
            self._neighbour_cache[key] = found
        return found

    def _only(self, query: Any) -> Any:
        """``query``, restricted to article documents (alias documents share keys)."""
        return Q.boolean_query([(Occur.Must, self._articles()), (Occur.Must, query)])

    def _not(self, query: Any) -> Any:
        return Q.boolean_query([(Occur.Must, self._articles()), (Occur.MustNot, query)])

    def _compile(self, term: Term, searcher: Any, *, whole: bool = True) -> CompiledTerm:
        """``term`` as a query. A quote phrase (see :data:`engine.UNPOSITIONED`) is made
        exact here (``whole``: every article it could be in is checked) or left for the
        caller to check hit by hit (:class:`_Quoting`)."""
        full_names = None
        if term.field == "speaker":
            words = engine.terms(term.text)
            keys = [" ".join(words)]
            if term.match is Match.FUZZY and len(words) == 1:
                keys += typo_neighbours(searcher, ("speakers",), words[0])
            prefix = term.match is Match.PREFIX
            names = names_for(searcher, keys, prefix=prefix)
            own = set(keys)
            full_names = [alias_key(n).split() for n in names if alias_key(n) not in own]
        compiled = compile_term(term, searcher, full_names)
        if compiled.quote_phrase is None or compiled.query is None or not whole:
            return compiled
        quoting = self._quoting(searcher, compiled)
        if not quoting:
            return replace(compiled, query=None)
        exact = Q.term_set_query(SCHEMA, "key", sorted(quoting))
        query = Q.boolean_query([(Occur.Must, compiled.query), (Occur.Must, exact)])
        return replace(compiled, query=query)

    def _quoting(self, searcher: Any, compiled: CompiledTerm) -> set[int]:
        """The keys of the articles ``compiled.query`` matches that have its phrase
        inside one quote (the quotes field keeps no positions: see
        :data:`tui.search.engine.UNPOSITIONED`), read from their stored quotes. Its
        words must all be in some quote and the phrase somewhere in the article, so
        few are read."""
        hits = self._all_hits(compiled.query, searcher)
        addresses = [a for _s, a in hits]
        keys = searcher.fast_field_values("key", addresses) if addresses else []
        return {
            key
            for address, key in zip(addresses, keys, strict=True)
            if _quotes_phrase(searcher, address, compiled)
        }

    def _filter(self, item: Filter, state: ArticleState, *, small_only: bool = False) -> Any:
        """A filter as a tantivy query, or ``(keys, negated)`` to check ranked hits
        against (a triage state held by many articles)."""
        flag = {
            ("is", "brief"): engine.FLAG_BRIEF,
            ("is", "truncated"): engine.FLAG_TRUNCATED,
            ("has", "quote"): engine.FLAG_QUOTE,
        }.get((item.field, item.value))
        if flag is not None:
            return Q.boolean_query(
                [
                    (Occur.Should, Q.term_query(SCHEMA, "flags", value))
                    for value in range(8)
                    if value & flag
                ]
            )
        if item.field == "date":
            low = _date_number(item.date_from) or 1
            high = _date_number(item.date_to)
            return Q.range_query(
                SCHEMA,
                "date",
                tantivy.FieldType.Integer,
                low,
                high if high else None,
                include_upper=not high,
            )
        ids = state.ids_with(item.field, item.value)
        if ids is None:
            return self._articles()
        keys = {key_of(i) for i in ids}
        if len(keys) <= SMALL_SET or small_only:
            return Q.term_set_query(SCHEMA, "key", sorted(keys))
        return (keys, item.negated)

    def _ranked(
        self, searcher: Any, query: Any, limit: int, checks: list[tuple[Container[int], bool]]
    ) -> list[tuple[Any, int, float]]:
        """``(address, key, score)`` best first: tantivy's top ``limit``; with checks, read
        deeper until ``limit`` hits pass them (or every match was read)."""
        depth = limit if not checks else max(2 * limit, 100)
        while True:
            found = searcher.search(query, depth, count=bool(checks))
            hits = found.hits
            keys = searcher.fast_field_values("key", [a for _s, a in hits]) if hits else []
            rows = _one_per_article(hits, keys)  # an article in parts: its best part
            if not checks and (len(rows) == len(hits) or len(hits) < depth):
                return rows[:limit]
            rows = [
                row
                for row in rows
                if all((row[1] in members) != negated for members, negated in checks)
            ]
            if len(rows) >= limit or len(hits) >= (found.count if checks else depth + 1):
                return rows[:limit]
            depth = min(depth * 4, found.count) if checks else depth * 4

    def _unranked(
        self,
        searcher: Any,
        query: Any,
        limit: int,
        checks: list[tuple[Container[int], bool]],
        order: Sequence[str] | None,
    ) -> list[tuple[Any, int, float]]:
        hits = self._all_hits(query, searcher)
        addresses = [a for _s, a in hits]
        keys = searcher.fast_field_values("key", addresses) if addresses else []
        first: dict[int, Any] = {}  # one an article (in parts: its first)
        for address, key in zip(addresses, keys, strict=True):
            first.setdefault(key, address)
        rows = [
            (address, key, 0.0)
            for key, address in first.items()
            if all((key in members) != negated for members, negated in checks)
        ]
        if order is not None:
            position = {key_of(article_id): i for i, article_id in enumerate(order)}
            rows.sort(key=lambda row: position.get(row[1], len(position)))
        return rows[:limit]

    def _hits(
        self,
        searcher: Any,
        rows: list[tuple[Any, int, float]],
        finder: ContextFinder,
        finders: dict[int, ContextFinder] | None = None,
    ) -> list[Hit]:
        """The hits for ``rows``; each works out its best unit and highlights only when
        its context is first read (:meth:`Hit.deferred`), with ``finders[key]`` if
        given, else ``finder``. The stored units of the first :data:`PREFETCH_HITS` (a
        first page) are read now; the rest when first asked for, from the same searcher
        (a consistent snapshot, safe in any thread)."""
        units = self._units
        stored: dict[int, tuple[bytes, str]] = {}
        for address, key, _score in rows[:PREFETCH_HITS]:
            if _spot(address, key) not in units:  # kept: shown lately, nothing to read
                stored[key] = _stored_units(searcher, address)
        finders = finders or {}
        return [
            Hit.deferred(
                id_of(key),
                _score_of(score),
                partial(_where, finders.get(key, finder), searcher, stored, units, address, key),
            )
            for address, key, score in rows
        ]

    def describe(self, article_ids: list[str]) -> dict[str, tuple[str, str]]:
        """``{article_id: (source, title)}`` for printing results."""
        if not article_ids:
            return {}
        searcher = self._searcher()
        query = Q.boolean_query(
            [
                (Occur.Must, self._articles()),
                (Occur.Must, Q.term_set_query(SCHEMA, "key", [key_of(i) for i in article_ids])),
            ]
        )
        hits = searcher.search(query, len(article_ids), count=False).hits
        addresses = [a for _s, a in hits]
        keys = searcher.fast_field_values("key", addresses) if addresses else []
        found = {}
        for address, key in zip(addresses, keys, strict=True):
            doc = searcher.doc(address)
            found[id_of(key)] = (_text(doc, "src"), _text(doc, "heading"))
        return found


def _quotes_phrase(searcher: Any, address: Any, compiled: CompiledTerm) -> bool:
    """Whether the article at ``address`` has ``compiled``'s quote phrase in one quote."""
    phrase = compiled.quote_phrase
    assert phrase is not None
    return any(
        kind == "q" and _holds(engine.terms(text), phrase, compiled.prefix)
        for kind, _start, _end, text, _speaker in unpack_units(*_stored_units(searcher, address))
    )


class _Quoting:
    """The articles with a quote phrase inside one quote, as a check on ranked hits
    (``key in check``): each hit read is checked once, from its stored quotes, so a
    page costs about a page of checks however many articles the phrase is in."""

    def __init__(self, searcher: Any, compiled: CompiledTerm) -> None:
        self.searcher = searcher
        self.compiled = compiled
        self.known: dict[int, bool] = {}

    def __contains__(self, key: object) -> bool:
        assert isinstance(key, int)
        found = self.known.get(key)
        if found is None:
            query = Q.term_query(SCHEMA, "key", key)
            parts = self.searcher.search(query, MAX_PARTS, count=False).hits  # in parts: each
            found = any(_quotes_phrase(self.searcher, a, self.compiled) for _s, a in parts)
            self.known[key] = found
        return found


def _holds(words: list[str], phrase: tuple[str, ...], prefix: bool) -> bool:
    """Whether ``phrase`` (index terms) is a run of ``words`` (the last one only begun,
    if ``prefix``): what a phrase query over positions finds."""
    last = len(phrase) - 1
    for at in range(len(words) - last):
        if words[at : at + last] == list(phrase[:last]) and (
            words[at + last].startswith(phrase[last])
            if prefix
            else words[at + last] == phrase[last]
        ):
            return True
    return False


def _one_per_article(hits: list[Any], keys: list[int]) -> list[tuple[Any, int, float]]:
    """``(address, key, score)`` of ranked ``hits``, the first of each article only (an
    article indexed in parts: :mod:`tui.search.streamed`)."""
    if len(set(keys)) == len(keys):  # no article in parts among them (nearly always)
        return [(address, key, score) for (score, address), key in zip(hits, keys, strict=True)]
    seen: set[int] = set()
    rows = []
    for (score, address), key in zip(hits, keys, strict=True):
        if key not in seen:
            seen.add(key)
            rows.append((address, key, score))
    return rows


def _score_of(score: Any) -> float:
    return float(score) if isinstance(score, float) else 0.0


def _text(doc: Any, field: str) -> str:
    value = doc.get_first(field)
    return value.decode() if value else ""


def _stored_units(searcher: Any, address: Any) -> tuple[bytes, str]:
    doc = searcher.doc(address)
    return doc.get_first("layout") or b"", _text(doc, "text")


def _spot(address: Any, key: int) -> tuple[int, int, int]:
    """Where a document is in the commit searched (its segment and number there), and
    the article it holds (should two commits look alike: :meth:`SearchIndex._commit`)."""
    return address.segment_ord, address.doc, key


def _where(
    finder: ContextFinder,
    searcher: Any,
    stored: dict[int, tuple[bytes, str]],
    kept: dict[tuple[int, int, int], ArticleUnits],
    address: Any,
    key: int,
) -> Where:
    """A hit's context, its span, its highlights and its target, from the article's
    stored units (none: the hit shows nothing), unpacked and lower-cased once for the
    next queries too, with where the words looked for occur (``kept``: the last
    :data:`KEPT_ARTICLES` articles shown in this commit of the index, by where their
    document is: typing a query shows the same articles at every key, and a kept one
    is neither read nor unpacked again; another commit has a dict of its own, so an
    article indexed again, re-parsed, is read again)."""
    spot = _spot(address, key)
    article = kept.get(spot)
    if article is None:
        doc = stored.get(key) or _stored_units(searcher, address)
        article = ArticleUnits(unpack_units(*doc))
        if len(kept) >= KEPT_ARTICLES:  # the oldest goes, one at a time: emptying
            del kept[next(iter(kept))]  # the thousand at once cost the query that did
        kept[spot] = article  # it ~10 ms (dropping ~100,000 objects): its p95
    unit, spans = finder.best(article)
    if unit is None:
        return "", None, (), "title"
    kind, start, end, text, _speaker = unit
    if start is None or end is None:
        return text, None, spans, _TARGETS[kind]
    text, start = shown_part(text, start, spans)
    return text, Span(start, start + len(text)), spans, _TARGETS[kind]
