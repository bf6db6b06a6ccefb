"""Decoded text -> fully analysed articles: the one entry point callers use.

The dump reader (ingest) finds articles and paragraphs; this adds entities and quotes.
It lives in ``extract`` because ingest sits below extract and must not import it.
"""

from __future__ import annotations

from tui.extract.entities import find_entities
from tui.extract.quotes import find_quotes
from tui.ingest.dump import gc_paused, read_dump
from tui.model import Article, with_analysis

#: Bump when parsing or extraction changes what an article holds: cached articles in
#: the library are re-parsed when this differs from the version that stored them.
PARSER_VERSION = 2


def analyse(article: Article, text: str) -> Article:
    """Fill ``entities`` and ``quotes`` of one article read from ``text``."""
    entities = find_entities(text, article.paragraphs)
    quotes = find_quotes(text, article.paragraphs, entities)
    return with_analysis(article, entities, quotes)  # dataclasses.replace, faster


def parse_document(text: str, source: str) -> list[Article]:
    """All articles of one decoded document, with entities and quotes."""
    with gc_paused():  # many small acyclic objects: see tui.ingest.dump.gc_paused
        return [analyse(article, text) for article in read_dump(text, source)]
