"""Decoded text -> fully analysed articles: the one entry point callers use.

The dump reader (ingest) finds articles and paragraphs; this adds entities and quotes.
It lives in ``extract`` because ingest sits below extract and must not import it.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.extract.entities import find_entities
from tui.extract.interview_turns import interview_turns
from tui.extract.quotes import CONFIDENCE_THRESHOLD, find_quotes
from tui.extract.version import PARSER_VERSION
from tui.ingest.dump import gc_paused, read_dump
from tui.ingest.edits import SegmentEdit, apply_edits
from tui.model import Article, with_analysis

__all__ = ["PARSER_VERSION", "analyse", "parse_document"]


def analyse(article: Article, text: str, *, all_quotes: bool = False) -> Article:
    """Fill ``entities`` and ``quotes`` of one article read from ``text``.

    Quotes below :data:`CONFIDENCE_THRESHOLD` (scare quotes, titles, unattributed
    fragments) are not speech as far as the rules can tell: they are left out unless
    ``all_quotes``, so the library, the app, search and export never show them
    (``newsdesk quotes --all`` asks for them).
    """
    entities = find_entities(text, article.paragraphs)
    quotes = find_quotes(text, article.paragraphs, entities)
    turns = interview_turns(article.paragraphs)
    if turns:  # an interview: each speaker-tagged turn is a quote of its speaker
        quotes = tuple(sorted((*quotes, *turns), key=lambda q: q.span.start))
    if not all_quotes:
        quotes = tuple(q for q in quotes if q.confidence >= CONFIDENCE_THRESHOLD)
    return with_analysis(article, entities, quotes)  # dataclasses.replace, faster


def parse_document(
    text: str,
    source: str,
    *,
    all_quotes: bool = False,
    edits: Sequence[SegmentEdit] = (),
) -> list[Article]:
    """All articles of one decoded document, with entities and quotes (see :func:`analyse`).

    ``edits`` are the user's joins and splits (:mod:`tui.ingest.edits`), applied to the
    reader's articles before they are analysed."""
    with gc_paused():  # many small acyclic objects: see tui.ingest.dump.gc_paused
        articles = read_dump(text, source)
        if edits:
            articles = apply_edits(articles, edits, text)
        return [analyse(article, text, all_quotes=all_quotes) for article in articles]
