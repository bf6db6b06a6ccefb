"""Placeholder dump reader: one article per file, one paragraph per non-empty line.

Replaced by the real reader (foundation issue); the signature stays.
"""

from __future__ import annotations

import re

from tui.model import Article, ArticleKind, Paragraph, Span, make_article_id


def read_dump(text: str, source: str) -> list[Article]:
    """Split decoded ``text`` into articles whose spans index into ``text``."""
    paragraphs = tuple(
        Paragraph(m.group(0), Span(m.start(), m.end()))
        for m in re.finditer(r"[^\n]*\S[^\n]*", text)
    )
    if not paragraphs:
        return []
    title = paragraphs[0].text[:80]
    return [
        Article(
            id=make_article_id(text),
            source=source,
            span=Span(paragraphs[0].span.start, paragraphs[-1].span.end),
            kind=ArticleKind.STORY,
            title=title,
            title_inferred=True,
            paragraphs=paragraphs,
        )
    ]
