"""Helpers for the search tests: articles written by hand, spans computed from the text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tui.model import (
    Article,
    ArticleKind,
    Entity,
    Paragraph,
    Quote,
    QuoteKind,
    Span,
    make_article_id,
)


def _make_article(
    source: str,
    lines: list[str],
    *,
    quotes: list[tuple[str, str]] = (),
    entities: tuple[Entity, ...] = (),
    kind: ArticleKind = ArticleKind.STORY,
    date: str | None = None,
) -> tuple[Article, str]:
    """An article whose paragraphs are ``lines``; quotes are (quoted text, speaker)."""
    text = "\n".join(lines) + "\n"
    paragraphs, at = [], 0
    for line in lines:
        paragraphs.append(Paragraph(line, Span(at, at + len(line))))
        at += len(line) + 1
    found = []
    for quoted, speaker in quotes:
        start = text.index(quoted)
        found.append(
            Quote(
                quoted,
                Span(start, start + len(quoted)),
                speaker,
                None,
                "said",
                QuoteKind.DIRECT,
                0.9,
            )
        )
    article = Article(
        id=make_article_id(text),
        source=source,
        span=Span(0, len(text) - 1),
        kind=kind,
        title=lines[0].split(".")[0],
        title_inferred=True,
        paragraphs=tuple(paragraphs),
        date=date,
        truncated=kind is ArticleKind.BRIEF,
        entities=entities,
        quotes=tuple(found),
    )
    return article, text


@pytest.fixture
def make_article() -> Callable[..., tuple[Article, str]]:
    return _make_article
