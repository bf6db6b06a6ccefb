from tui.model import Span, make_article_id, to_jsonable


def test_article_id_ignores_whitespace_and_case() -> None:
    assert make_article_id("Ren  said\nhello") == make_article_id("ren said hello")
    assert make_article_id("Ren said hello") != make_article_id("Ren said goodbye")


def test_span_slices_and_serialises() -> None:
    span = Span(4, 9)
    assert span.of("the quick fox") == "quick"
    assert to_jsonable({"s": span}) == {"s": {"start": 4, "end": 9}}
    assert Span(0, 5).overlaps(Span(4, 6)) and not Span(0, 4).overlaps(Span(4, 6))
