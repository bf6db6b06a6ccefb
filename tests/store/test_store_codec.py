"""The stored form of an article round-trips every field."""

from __future__ import annotations

from tui.model import (
    Article,
    ArticleKind,
    Entity,
    EntityKind,
    Paragraph,
    ParagraphRole,
    Quote,
    QuoteKind,
    Span,
    to_jsonable,
)
from tui.store.codec import article_from_jsonable, decode_article, encode_article


def _full_article() -> Article:
    return Article(
        id="abc123",
        source="dumps/x.txt",
        span=Span(3, 90),
        kind=ArticleKind.BRIEF,
        title="Ren Zhengfei (任正非) offers 5G licence",
        title_inferred=False,
        paragraphs=(Paragraph("Body [b]one[/b]", Span(10, 25)),),
        kicker="TECH",
        dek="A dek",
        date="2019-09-12",
        captions=(Paragraph("Photo: Reuters", Span(26, 40), ParagraphRole.CAPTION),),
        related=(Paragraph("More…", Span(41, 46), ParagraphRole.RELATED),),
        boilerplate=(Paragraph("Quiz!", Span(47, 52), ParagraphRole.BOILERPLATE),),
        truncated=True,
        entities=(
            Entity(
                "Ren Zhengfei",
                EntityKind.PERSON,
                ("任正非", "Ren"),
                (Span(10, 13), Span(30, 33)),
                "founder",
            ),
        ),
        quotes=(
            Quote(
                "“no worse”",
                Span(60, 70),
                "Ren Zhengfei",
                Span(71, 74),
                "said",
                QuoteKind.PARTIAL,
                0.75,
            ),
            Quote("“x”", Span(80, 83), None, None, None, QuoteKind.CONTINUATION, 0.2),
        ),
    )


def test_round_trip_keeps_every_field() -> None:
    article = _full_article()
    assert decode_article(encode_article(article)) == article


def test_inverse_of_to_jsonable_ignores_unknown_and_defaults_missing_fields() -> None:
    data = to_jsonable(_full_article())
    data["future_field"] = 1
    del data["boilerplate"]
    back = article_from_jsonable(data)
    assert back.boilerplate == () and back.title == "Ren Zhengfei (任正非) offers 5G licence"
