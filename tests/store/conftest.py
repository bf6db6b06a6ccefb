"""Fixtures for the store tests: small dumps written here, libraries in tmp folders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.extract.pipeline import PARSER_VERSION
from tui.model import Article, ArticleKind, Paragraph, Quote, QuoteKind, Span, make_article_id
from tui.store import Library
from tui.store.importer import store_document
from tui.store.rows import ImportReport

STORY = [
    "Harbour officials in Valdora said on Monday that the new container terminal would "
    "open in March, two months later than planned.",
    "The delay was caused by a shortage of cranes, the port authority said in a statement.",
    "Port director Lena Sorvik said the terminal would still handle its first ships before summer.",
    "Local shipping firms had expected the terminal to ease congestion at the older quays.",
]


def write_story(path: Path, paragraphs: list[str]) -> Path:
    path.write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def story_file(tmp_path: Path) -> Path:
    return write_story(tmp_path / "valdora.txt", STORY)


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "lib.db") as lib:
        yield lib


def article_from_lines(
    lines: list[str], source: str, *, quotes: tuple[Quote, ...] = (), date: str | None = None
) -> tuple[str, Article]:
    """A document text and one article over it, built directly (no parser involved)."""
    text = "\n".join(lines) + "\n"
    paragraphs = []
    at = 0
    for line in lines:
        paragraphs.append(Paragraph(line, Span(at, at + len(line))))
        at += len(line) + 1
    article = Article(
        id=make_article_id(text),
        source=source,
        span=Span(0, len(text) - 1),
        kind=ArticleKind.STORY,
        title=lines[0][:60],
        title_inferred=True,
        paragraphs=tuple(paragraphs),
        date=date,
        quotes=quotes,
    )
    return text, article


def store_lines(
    library: Library, lines: list[str], source: str = "direct.txt", **kwargs
) -> Article:
    """Store one directly built article in ``library``; returns it."""
    text, article = article_from_lines(lines, source, **kwargs)
    store_document(
        library,
        source,
        source,
        "hash-" + article.id,
        text,
        [article],
        PARSER_VERSION,
        ImportReport(),
    )
    return article


def quote_in(lines: list[str], needle: str, speaker: str | None) -> Quote:
    text = "\n".join(lines) + "\n"
    start = text.index(needle)
    return Quote(
        text=needle,
        span=Span(start, start + len(needle)),
        speaker=speaker,
        speaker_span=None,
        cue="said",
        kind=QuoteKind.DIRECT,
        confidence=0.9,
    )
