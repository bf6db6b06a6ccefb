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


def test_a_huge_article_is_encoded_in_pieces_to_the_same_stored_form() -> None:
    """An article of millions of characters (a 20 MB file on one line) is encoded piece
    by piece; decoded, it is what the one-piece encoding gives, spans moved alike."""
    import dataclasses
    import json
    import zlib

    from tui.store import codec

    body = 'Ren said “we \\ will "go" 任正非”.\n\x1f ' * 40_000  # ~1.4M characters
    base = _full_article()
    mentions = tuple(Span(i, i + 3) for i in range(0, 30_000, 10))
    huge = dataclasses.replace(
        base,
        span=Span(0, len(body) + 5),
        paragraphs=(Paragraph(body, Span(5, len(body) + 5)), *base.paragraphs),
        entities=(dataclasses.replace(base.entities[0], mentions=mentions), *base.entities[1:]),
        quotes=base.quotes * 1500,
    )
    assert len(huge.span) > codec._PIECE
    for offset in (0, 1234):
        blob = encode_article(huge, offset)
        whole = codec.json.JSONEncoder(
            ensure_ascii=False,
            separators=(",", ":"),
            default=lambda v, o=offset: codec._one_level(v, o),
        ).encode(huge)
        assert zlib.decompress(blob).decode("utf-8") == whole
        assert json.loads(whole)["paragraphs"][0]["text"] == body
    assert decode_article(encode_article(huge)) == huge
