"""``y`` copies the title as written, not the list's trimmed inferred title."""

from __future__ import annotations

from tui.app.attribution import full_title, quote_with_attribution
from tui.ingest.titles import first_sentence, trim_title
from tui.model import Article, Paragraph, Quote, QuoteKind, Span

LEDE = (
    "Taiwan Semiconductor Manufacturing Co said on Thursday that its quarterly revenue "
    "rose to a record high as demand for advanced chips used in phones and servers grew "
    "faster than analysts had expected. Shares rose."
)


def _article() -> Article:
    title = trim_title(first_sentence(LEDE), limit=60)
    assert title.endswith("…")
    quote = Quote(
        "“Demand is strong,”", Span(0, 19), "C.C. Wei", None, "said", QuoteKind.DIRECT, 1.0
    )
    return Article(
        id="a1",
        source="003.txt",
        span=Span(0, len(LEDE)),
        kind="story",
        title=title,
        title_inferred=True,
        paragraphs=(Paragraph(LEDE, Span(0, len(LEDE))),),
        quotes=(quote,),
    )


def test_the_attribution_names_the_whole_inferred_title():
    article = _article()
    whole = full_title(article)
    assert "…" not in whole
    assert whole.startswith("Taiwan Semiconductor Manufacturing Co said on Thursday")
    assert whole.endswith("analysts had expected")
    copied = quote_with_attribution(article.quotes[0], whole)
    assert copied == f"“Demand is strong,” — C.C. Wei, in “{whole}”"
