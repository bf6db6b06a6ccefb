import dataclasses
import hashlib

import pytest

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
    entity_of,
    make_article_id,
    normalize_for_id,
    paragraph_of,
    quote_of,
    span_of,
    to_jsonable,
    with_analysis,
)


def test_article_id_ignores_whitespace_and_case() -> None:
    assert make_article_id("Ren  said\nhello") == make_article_id("ren said hello")
    assert make_article_id("Ren said hello") != make_article_id("Ren said goodbye")


def test_span_slices_and_serialises() -> None:
    span = Span(4, 9)
    assert span.of("the quick fox") == "quick"
    assert to_jsonable({"s": span}) == {"s": {"start": 4, "end": 9}}
    assert Span(0, 5).overlaps(Span(4, 6)) and not Span(0, 4).overlaps(Span(4, 6))


def _reference_id(text: str) -> str:
    """The id's definition: blake2b (8 bytes) of the UTF-8 of the normalised text."""
    return hashlib.blake2b(normalize_for_id(text).encode("utf-8"), digest_size=8).hexdigest()


@pytest.mark.parametrize(
    "text",
    [
        "Plain ASCII Text",
        "“Quoted,” said Ren Zhengfei (任正非) — NT$1.85 trillion …",
        "STRASSE Straße ẞ",  # ß folds to "ss", ẞ too
        "ΣΊΣΥΦΟΣ ﬁnal Kelvin K Ångström İstanbul",  # folds that differ from lower()
        "  tabs\tand\u00a0no-break\u3000spaces  \n",
        "",
    ],
)
def test_article_id_is_the_digest_of_the_case_folded_text(text: str) -> None:
    assert make_article_id(text) == _reference_id(text)


def test_article_id_of_known_text_never_changes() -> None:
    # Ids are stored in users' libraries: this value is the digest of "ren said hello".
    expected = hashlib.blake2b(b"ren said hello", digest_size=8).hexdigest()
    assert make_article_id("Ren said hello") == expected


def test_fast_builders_make_the_same_objects() -> None:
    span = span_of(3, 8)
    assert span == Span(3, 8) and hash(span) == hash(Span(3, 8))
    assert paragraph_of("x", 3, 8) == Paragraph("x", Span(3, 8))
    caption = paragraph_of("Photo: AFP", 0, 10, ParagraphRole.CAPTION)
    assert caption == Paragraph("Photo: AFP", Span(0, 10), ParagraphRole.CAPTION)
    entity = Entity("Ren Zhengfei", EntityKind.PERSON, ("Ren",), (span,), "founder")
    assert entity_of("Ren Zhengfei", EntityKind.PERSON, ("Ren",), (span,), "founder") == entity
    quote = Quote("“Hi”", span, "Ren", span, "said", QuoteKind.DIRECT, 0.9)
    assert quote_of("“Hi”", span, "Ren", span, "said", QuoteKind.DIRECT, 0.9) == quote
    fields = dict(
        id="abc",
        source="f.txt",
        span=span,
        kind=ArticleKind.BRIEF,
        title="T",
        title_inferred=True,
        paragraphs=(caption,),
        kicker="K",
        truncated=True,
    )
    article = Article(**fields)
    analysed = with_analysis(article, (entity,), ())
    assert analysed == dataclasses.replace(article, entities=(entity,), quotes=())
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 1  # type: ignore[misc]


def test_a_long_text_is_hashed_in_pieces_to_the_same_id(monkeypatch) -> None:
    """A one-line file of many megabytes: hashed a piece at a time (memory), same id."""
    import random

    import tui.model as model

    rng = random.Random(5)
    alphabet = ["Word", "x", " ", "  ", "\n", "Σ", "ς", "台", "é", "\u00a0", "İ"]
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 300)))
        whole = _reference_id(text)
        monkeypatch.setattr(model, "_ID_CHUNK", rng.randint(1, 40))
        assert model.make_article_id(text) == whole, repr(text)
