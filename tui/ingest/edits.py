"""The user's corrections to where articles start: join one with the next, split one.

The reader's splits are guesses (each with a confidence); a person who sees one wrong
presses ``J`` (join this article with the next) or ``S`` (split it at the cursor's
paragraph). Each correction is kept in the library as an offset into the document's
text, and applied to the reader's articles every time the document is parsed again, so
it survives re-imports and parser upgrades:

- **join** at offset ``o``: the article that starts at ``o`` is merged into the one
  before it;
- **split** at offset ``o``: the article holding a paragraph that starts at ``o`` (not
  its first) is cut there; the second part's title is inferred from that paragraph.

An edit whose offset no longer matches (the text changed under it) does nothing. Either
way the articles keep spans into the same text; ids are the usual content hash of the
article's stretch of text, and the user's decision gives the split a confidence of 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from tui.ingest.titles import infer_title
from tui.model import Article, ArticleKind, Paragraph, make_article_id, span_of

EditKind = Literal["join", "split"]


@dataclass(frozen=True, slots=True)
class SegmentEdit:
    """A join or split the user asked for, at an offset into the document's text."""

    kind: EditKind
    offset: int


def _join(first: Article, second: Article, text: str) -> Article:
    span = span_of(first.span.start, max(first.span.end, second.span.end))
    return replace(
        first,
        id=make_article_id(text[span.start : span.end]),
        span=span,
        kind=ArticleKind.STORY,
        paragraphs=first.paragraphs + second.paragraphs,
        date=first.date or second.date,
        captions=first.captions + second.captions,
        related=first.related + second.related,
        boilerplate=first.boilerplate + second.boilerplate,
        truncated=second.truncated,
        entities=(),
        quotes=(),
        confidence=first.confidence,
    )


def _split(article: Article, offset: int, text: str) -> tuple[Article, Article] | None:
    cut = next(
        (n for n, p in enumerate(article.paragraphs) if p.span.start == offset and n > 0), None
    )
    if cut is None:
        return None

    def before(items: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
        return tuple(p for p in items if p.span.start < offset)

    def after(items: tuple[Paragraph, ...]) -> tuple[Paragraph, ...]:
        return tuple(p for p in items if p.span.start >= offset)

    head_parts = (before(article.captions), before(article.related), before(article.boilerplate))
    head_end = max(
        p.span.end for p in (*article.paragraphs[:cut], *(x for g in head_parts for x in g))
    )
    head_span = span_of(article.span.start, head_end)
    tail_span = span_of(offset, max(article.span.end, offset))
    head = replace(
        article,
        id=make_article_id(text[head_span.start : head_span.end]),
        span=head_span,
        paragraphs=article.paragraphs[:cut],
        captions=head_parts[0],
        related=head_parts[1],
        boilerplate=head_parts[2],
        truncated=False,
        entities=(),
        quotes=(),
    )
    tail = replace(
        article,
        id=make_article_id(text[tail_span.start : tail_span.end]),
        span=tail_span,
        kind=ArticleKind.STORY,
        title=infer_title(article.paragraphs[cut].text),
        title_inferred=True,
        kicker=None,
        dek=None,
        paragraphs=article.paragraphs[cut:],
        captions=after(article.captions),
        related=after(article.related),
        boilerplate=after(article.boilerplate),
        entities=(),
        quotes=(),
        confidence=1.0,
    )
    return head, tail


def apply_edits(
    articles: Sequence[Article], edits: Sequence[SegmentEdit], text: str
) -> list[Article]:
    """``articles`` (in text order) with the user's ``edits`` applied, in order given."""
    result = list(articles)
    for edit in edits:
        if edit.kind == "join":
            at = next(
                (n for n, a in enumerate(result) if a.span.start == edit.offset and n > 0), None
            )
            if at is not None:
                result[at - 1 : at + 1] = [_join(result[at - 1], result[at], text)]
        else:
            for n, article in enumerate(result):
                if article.span.start < edit.offset < article.span.end:
                    parts = _split(article, edit.offset, text)
                    if parts is not None:
                        result[n : n + 1] = list(parts)
                    break
    return result
