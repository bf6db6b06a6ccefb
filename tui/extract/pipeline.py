"""Decoded text -> fully analysed articles: the one entry point callers use.

The readers (ingest) find articles and paragraphs; this adds entities and quotes. It
lives in ``extract`` because ingest sits below extract and must not import it.

:func:`parse_text` reads any input (a text dump, CSV/TSV, JSON Lines, HTML, a feed:
:mod:`tui.ingest.formats` decides); :func:`parse_document` is the dump reader's path
alone. :func:`parse_bytes` is the same from raw bytes (what a feed fetcher has).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from tui.extract.entities import find_entities
from tui.extract.interview_turns import interview_turns
from tui.extract.quotes import (
    CONFIDENCE_THRESHOLD,
    find_all_quotes,
    find_quotes,
    find_reported,
)
from tui.extract.version import PARSER_VERSION
from tui.extract.windows import EntityMerger, fits, windows
from tui.gc_pause import gc_paused
from tui.ingest.dump import read_dump
from tui.ingest.edits import SegmentEdit, apply_edits
from tui.ingest.formats import DUMP, read_records, sniff
from tui.ingest.records import EXTRACTED, assemble, records_of_articles
from tui.model import Article, Paragraph, Quote, QuoteKind, with_analysis, with_quotes_added

__all__ = [
    "PARSER_VERSION",
    "ParsedDocument",
    "analyse",
    "find_article_reported",
    "parse_bytes",
    "parse_document",
    "parse_text",
    "reparse_extracted",
    "reported_windows",
    "with_reported",
    "without_reported",
]


@dataclass(slots=True)
class ParsedDocument:
    """What one input gave: ``text`` is what every span of ``articles`` indexes (the
    file's decoded text, or the text extracted from a structured input: see
    ``text_origin``); ``problems`` name the records left out (``line 12: ...``)."""

    text: str
    articles: list[Article]
    text_origin: str = "file"
    problems: list[str] = field(default_factory=list)
    format: str = DUMP


def analyse(
    article: Article,
    text: str,
    *,
    all_quotes: bool = False,
    reported: bool = False,
    on_reported: Callable[[tuple[Quote, ...]], None] | None = None,
) -> Article:
    """Fill ``entities`` and ``quotes`` of one article read from ``text``.

    Quotes below :data:`CONFIDENCE_THRESHOLD` (scare quotes, titles, unattributed
    fragments) are not speech as far as the rules can tell: they are left out unless
    ``all_quotes``, so the library, the app, search and export never show them
    (``newsdesk quotes --all`` asks for them).

    Reported speech (kind ``indirect``) is found only when ``reported``: it costs
    several times what quotations do, so it is found once, where an import parses
    (``on_reported``), and the library keeps it (:mod:`tui.store.reported`); elsewhere
    it is found on demand (:func:`with_reported`: ``newsdesk quotes``, a library
    without it kept).

    ``on_reported``: reported speech is found too, but handed to ``on_reported`` (a
    megabyte article's a window at a time: never all held at once) and left out of
    the article's quotes, which are then exactly what they are without it.
    """
    finder = find_all_quotes if reported or on_reported else find_quotes
    if fits(article.paragraphs):
        entities = find_entities(text, article.paragraphs)
        quotes = _handed(finder(text, article.paragraphs, entities), on_reported, all_quotes)
        turns = interview_turns(article.paragraphs)
    else:  # a megabyte article: a window at a time (see tui.extract.windows)
        merger = EntityMerger()
        found: list[Quote] = []
        for part in windows(article.paragraphs):
            part_entities = find_entities(text, part)
            found.extend(_handed(finder(text, part, part_entities), on_reported, all_quotes))
            found.extend(interview_turns(part))
            merger.add(part_entities)
            del part_entities, part
        entities = merger.entities()
        quotes, turns = tuple(sorted(found, key=lambda q: q.span.start)), ()
    if turns:  # an interview: each speaker-tagged turn is a quote of its speaker
        quotes = tuple(sorted((*quotes, *turns), key=lambda q: q.span.start))
    if not all_quotes:
        quotes = _shown(quotes)
    return with_analysis(article, entities, quotes)  # dataclasses.replace, faster


def _handed(
    quotes: tuple[Quote, ...],
    on_reported: Callable[[tuple[Quote, ...]], None] | None,
    all_quotes: bool,
) -> tuple[Quote, ...]:
    """``quotes`` without their reported speech, handed to ``on_reported`` (those shown
    unless ``all_quotes``); all of them without ``on_reported``."""
    if on_reported is None:
        return quotes
    reported = tuple(q for q in quotes if q.kind is QuoteKind.INDIRECT)
    if not reported:
        on_reported(())
        return quotes
    on_reported(reported if all_quotes else _shown(reported))
    return tuple(q for q in quotes if q.kind is not QuoteKind.INDIRECT)


def _shown(quotes: tuple[Quote, ...]) -> tuple[Quote, ...]:
    return tuple(q for q in quotes if q.confidence >= CONFIDENCE_THRESHOLD)


def with_reported(article: Article, text: str, *, all_quotes: bool = False) -> Article:
    """``article`` (analysed from ``text``) with its reported speech among its quotes:
    what the places that show quotes call, on demand. An article that already holds
    reported speech (stored by an older parser) is returned as it is."""
    if any(q.kind is QuoteKind.INDIRECT for q in article.quotes):
        return article
    if fits(article.paragraphs):
        reported = find_reported(text, article.paragraphs, article.entities)
        if not all_quotes:
            reported = _shown(reported)
    else:
        reported = tuple(
            quote for _part, found in reported_windows(article, text, all_quotes) for quote in found
        )
    return with_quotes_added(article, reported)


def without_reported(article: Article) -> tuple[Article, tuple[Quote, ...]]:
    """``article`` (analysed with ``reported``) without its reported speech, and that
    speech: as :func:`analyse` with ``on_reported`` gives them."""
    reported = tuple(q for q in article.quotes if q.kind is QuoteKind.INDIRECT)
    if not reported:
        return article, ()
    quotes = tuple(q for q in article.quotes if q.kind is not QuoteKind.INDIRECT)
    return with_analysis(article, article.entities, quotes), reported


def find_article_reported(
    article: Article, text: str, on_reported: Callable[[tuple[Quote, ...]], None]
) -> None:
    """Hand the reported speech of ``article`` (analysed from ``text`` without it) to
    ``on_reported``, as :func:`analyse` would have (a megabyte article's a window at a
    time): for an article parsed elsewhere (a re-parse, the user's joins and splits)
    that the library stores with its reported speech."""
    if fits(article.paragraphs):
        on_reported(_shown(find_reported(text, article.paragraphs, article.entities)))
        return
    for _part, found in reported_windows(article, text):
        on_reported(found)


def reported_windows(
    article: Article, text: str, all_quotes: bool = False
) -> Iterator[tuple[list[Paragraph], tuple[Quote, ...]]]:
    """A megabyte article's windows (see :mod:`tui.extract.windows`), each with its
    reported speech, found with the window's own entities as :func:`analyse` reads it
    (the article's every entity in every window costs more than whole). Made as asked
    for: what takes them a window at a time (the search document of a 20 MB line)
    never holds the article's hundred thousand reported quotes at once."""
    for part in windows(article.paragraphs):
        found = find_reported(text, part, find_entities(text, part))
        yield part, found if all_quotes else _shown(found)


def _analysed(
    articles: Iterable[Article], text: str, all_quotes: bool, reported: bool = False
) -> list[Article]:
    with gc_paused():  # many small acyclic objects: see tui.ingest.dump.gc_paused
        return [
            analyse(article, text, all_quotes=all_quotes, reported=reported) for article in articles
        ]


def parse_document(
    text: str,
    source: str,
    *,
    all_quotes: bool = False,
    edits: Sequence[SegmentEdit] = (),
    reported: bool = False,
) -> list[Article]:
    """All articles of one decoded text dump, with entities and quotes (see :func:`analyse`).

    ``edits`` are the user's joins and splits (:mod:`tui.ingest.edits`), applied to the
    reader's articles before they are analysed. ``reported``: also reported speech
    (see :func:`analyse`)."""
    with gc_paused():  # many small acyclic objects: see tui.ingest.dump.gc_paused
        articles = read_dump(text, source)
        if edits:
            articles = apply_edits(articles, edits, text)
        return _analysed(articles, text, all_quotes, reported)


def parse_text(
    text: str,
    source: str,
    *,
    mapping: dict[str, str] | None = None,
    all_quotes: bool = False,
    reported: bool = False,
) -> ParsedDocument:
    """Any decoded input -> its articles. Raises :class:`~tui.errors.InputError` when
    the input is of a kind no reader fits, or holds no readable record at all."""
    kind = sniff(text, source, mapping)
    if kind == DUMP:
        # Only the options asked for: tests stand in for parse_document(text, source).
        if all_quotes or reported:
            articles = parse_document(text, source, all_quotes=all_quotes, reported=reported)
        else:
            articles = parse_document(text, source)
        return ParsedDocument(text, articles)
    records, problems = read_records(text, source, kind, mapping)
    extracted, articles = assemble(records, source)
    return ParsedDocument(
        extracted,
        _analysed(articles, extracted, all_quotes, reported),
        EXTRACTED,
        problems,
        kind,
    )


def parse_bytes(
    data: bytes, source: str, *, mapping: dict[str, str] | None = None
) -> ParsedDocument:
    """:func:`parse_text` of raw bytes (decoded and cleaned as files are): for inputs
    that are not files, such as a feed fetched over HTTP."""
    from tui.ingest.decode import decode_bytes

    return parse_text(decode_bytes(data, source), source, mapping=mapping)


def reparse_extracted(
    text: str, stored: Iterable[Article], source: str
) -> tuple[str, list[Article]]:
    """A structured input read again from the extracted ``text`` the library kept and
    the metadata of its ``stored`` articles (in file order): how a newer parser re-reads
    it when the original file may be gone. The new extracted text (without the records
    that were not stored, being duplicates) and its articles."""
    extracted, articles = assemble(records_of_articles(text, stored), source)
    return extracted, _analysed(articles, extracted, False)
