"""The index's document of an article: built from the article as given; reported speech
is found before (the parse workers' step), not inside the build."""

from __future__ import annotations

import dataclasses

import pytest

from tui.extract.pipeline import parse_document
from tui.model import Paragraph, QuoteKind, Span
from tui.search.index import _Body, _inside, document_fields, prepared_document

TEXT = (
    "Ferry fares to rise\n\n"
    "Lena Holm said the company would raise fares by four percent in June.\n\n"
    "“Fuel has never cost more,” she said. The union said the rise was unfair to "
    "islanders who have no other way to the mainland.\n"
)


def test_the_build_indexes_the_article_as_given(monkeypatch: pytest.MonkeyPatch) -> None:
    """``document_fields`` does not look for reported speech (quote extraction, costly:
    an import's parse workers do it first, :func:`prepared_document`); the document of
    an article that holds it is the same either way."""
    import tui.extract.pipeline as pipeline

    (article,) = parse_document(TEXT, "fares.txt")
    calls = []
    real = pipeline.with_reported

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "with_reported", counted)
    plain = document_fields(article, TEXT)
    assert calls == []
    assert "union" not in plain["speakers"].lower()
    prepared = prepared_document(article, TEXT)
    assert calls == [1]
    assert "The union" in prepared["speakers"]
    (full,) = parse_document(TEXT, "fares.txt", reported=True)
    assert any(q.kind is QuoteKind.INDIRECT for q in full.quotes)
    assert document_fields(full, TEXT) == prepared


def _body(spans: list[tuple[int, int]], text: str) -> list[tuple[int, Paragraph]]:
    return [(n + 1, Paragraph(text[a:b], Span(a, b))) for n, (a, b) in enumerate(spans)]


@pytest.mark.parametrize(
    "spans",
    [
        [(0, 10), (12, 30), (30, 40)],  # in order, apart (as parsed): bisection
        [(12, 30), (0, 10), (30, 40)],  # out of order: the scan
        [(0, 20), (5, 30), (30, 40)],  # overlapping: the scan
        [(0, 10), (10, 10), (10, 40)],  # an empty paragraph: the scan
    ],
)
def test_the_paragraph_a_quote_lies_in_is_the_scans(spans: list[tuple[int, int]]) -> None:
    text = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH"
    body = _body(spans, text)
    found = _Body(body)
    for start in range(0, 41):
        for end in range(start, min(start + 12, 41) + 1):
            for piece in (text[start:end], "?"):
                span = Span(start, end)
                assert found.inside(piece, span) == _inside(piece, span, body), (start, end)


def test_a_quote_moved_out_of_its_paragraph_is_stored_apart() -> None:
    (article,) = parse_document(TEXT, "fares.txt")
    quote = article.quotes[0]
    moved = dataclasses.replace(quote, text="elsewhere", span=Span(0, 9))
    kept = document_fields(article, TEXT)
    apart = document_fields(dataclasses.replace(article, quotes=(moved,)), TEXT)
    assert b"elsewhere" in apart["text"]
    assert b"elsewhere" not in kept["text"]
