"""Decoded text -> fully analysed articles: the one entry point callers use.

The dump reader (ingest) finds articles and paragraphs; this adds entities and quotes.
It lives in ``extract`` because ingest sits below extract and must not import it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.model import Article, with_analysis

if TYPE_CHECKING:
    from tui.extract.entities import find_entities
    from tui.extract.quotes import CONFIDENCE_THRESHOLD, find_quotes
    from tui.ingest.dump import gc_paused, read_dump

_LAZY = ("find_entities", "find_quotes", "CONFIDENCE_THRESHOLD", "gc_paused", "read_dump")


def _bind_extractors() -> None:
    """Import the readers and extractors on first use, as module globals.

    The library asks for :data:`PARSER_VERSION` each time the reader opens (are cached
    articles stale?); that must not import the whole extraction stack before the first
    frame. Bound as globals, they can still be replaced (tests, benchmarks).
    """
    from tui.extract.entities import find_entities
    from tui.extract.quotes import CONFIDENCE_THRESHOLD, find_quotes
    from tui.ingest.dump import gc_paused, read_dump

    for name, value in (
        ("find_entities", find_entities),
        ("find_quotes", find_quotes),
        ("CONFIDENCE_THRESHOLD", CONFIDENCE_THRESHOLD),
        ("gc_paused", gc_paused),
        ("read_dump", read_dump),
    ):
        globals().setdefault(name, value)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        _bind_extractors()
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Bump when parsing or extraction changes what an article holds: cached articles in
#: the library are re-parsed when this differs from the version that stored them.
PARSER_VERSION = 3


def analyse(article: Article, text: str, *, all_quotes: bool = False) -> Article:
    """Fill ``entities`` and ``quotes`` of one article read from ``text``.

    Quotes below :data:`CONFIDENCE_THRESHOLD` (scare quotes, titles, unattributed
    fragments) are not speech as far as the rules can tell: they are left out unless
    ``all_quotes``, so the library, the app, search and export never show them
    (``newsdesk quotes --all`` asks for them).
    """
    if "find_quotes" not in globals():
        _bind_extractors()
    entities = find_entities(text, article.paragraphs)
    quotes = find_quotes(text, article.paragraphs, entities)
    if not all_quotes:
        quotes = tuple(q for q in quotes if q.confidence >= CONFIDENCE_THRESHOLD)
    return with_analysis(article, entities, quotes)  # dataclasses.replace, faster


def parse_document(text: str, source: str, *, all_quotes: bool = False) -> list[Article]:
    """All articles of one decoded document, with entities and quotes (see :func:`analyse`)."""
    if "read_dump" not in globals():
        _bind_extractors()
    with gc_paused():  # many small acyclic objects: see tui.ingest.dump.gc_paused
        return [
            analyse(article, text, all_quotes=all_quotes) for article in read_dump(text, source)
        ]
