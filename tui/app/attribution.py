"""What ``y`` copies: the quote, its speaker and the article's title as written."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.model import Article, Quote


def full_title(article: Article) -> str:
    """The article's title as written: an inferred title is its first sentence, which
    the list shows trimmed with ``…``; a copied attribution wants it whole."""
    title = article.title
    if not article.title_inferred or not title.endswith("…"):
        return title
    from tui.ingest.titles import first_sentence, trim_title

    for paragraph in article.paragraphs:
        whole = trim_title(first_sentence(paragraph.text), limit=10_000)
        if whole.startswith(title[:-1].rstrip()):
            return whole
    return title


def quote_with_attribution(quote: Quote, title: str) -> str:
    """``“...” — Ren Zhengfei, in “Title”``: what ``y`` copies."""
    speaker = quote.speaker or "unattributed"
    text = quote.text.strip()
    suffix = f", in “{title}”" if title else ""
    return f"{text} — {speaker}{suffix}"
