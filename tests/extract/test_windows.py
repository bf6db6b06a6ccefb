"""A megabyte article is analysed a window at a time, with the same kind of result."""

from __future__ import annotations

import pytest

import tui.extract.windows as windows
from tui.extract.pipeline import parse_document

STORY = (
    "Harbour officials in Valdora said on Monday that the new ferry terminal would open "
    "in May. “We have waited a long time for this,” said Mayor Ines Soranmi (索蘭米). "
    "Soranmi added that the terminal would employ 300 people. "
    "“It is a good day for the town,” she said. "
)


def _analysed(text: str):
    [article] = parse_document(text, "one-line.txt")
    return article


def test_a_paragraph_longer_than_a_window_is_read_in_windows_cut_after_sentences(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    text = STORY * 40 + "\n"  # one line, one paragraph of ~13,000 characters
    whole = _analysed(text)
    monkeypatch.setattr(windows, "WINDOW", 1000)
    [paragraph] = whole.paragraphs
    parts = list(windows.windows(whole.paragraphs))
    assert len(parts) > 10
    pieces = [p for part in parts for p in part]
    assert "".join(p.text for p in pieces) == paragraph.text  # cut, nothing lost
    for piece in pieces:
        assert text[piece.span.start : piece.span.end] == piece.text
        assert len(piece.text) <= 1000
    assert all(p.text.rstrip().endswith((".", "”")) for p in pieces[:-1])  # after sentences

    windowed = _analysed(text)
    assert windowed.paragraphs == whole.paragraphs  # the article itself is not cut
    assert [(q.span, q.speaker, q.kind) for q in windowed.quotes] == [
        (q.span, q.speaker, q.kind) for q in whole.quotes
    ]
    direct = [q for q in windowed.quotes if q.text.startswith("“")]
    assert len(direct) == 80
    for quote in direct:
        assert text[quote.span.start : quote.span.end] == quote.text
        assert quote.speaker == "Ines Soranmi"  # "she" and the short form, resolved
    [soranmi] = [e for e in windowed.entities if e.name == "Ines Soranmi"]
    [before] = [e for e in whole.entities if e.name == "Ines Soranmi"]
    assert soranmi.mentions == before.mentions and "索蘭米" in soranmi.aliases
    assert len({e.name for e in windowed.entities}) == len(windowed.entities)  # merged


def test_articles_of_news_size_are_one_window() -> None:
    article = _analysed(STORY * 3 + "\n")
    assert list(windows.windows(article.paragraphs)) == [list(article.paragraphs)]
    assert windows.fits(article.paragraphs)


def test_reported_speech_of_a_megabyte_article_is_found_a_window_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The search index asks for reported speech (``with_reported``) when it indexes an
    article: a paragraph of megabytes is read window by window there too, with the
    same reported speech found as reading it whole."""
    import tui.extract.pipeline as pipeline
    from tui.model import QuoteKind

    text = (STORY + "Officials said the ferry would run twice a day. ") * 40 + "\n"
    article = _analysed(text)
    whole = pipeline.with_reported(article, text)
    read: list[int] = []
    find = pipeline.find_reported

    def counting(text, paragraphs, entities):  # type: ignore[no-untyped-def]
        read.append(sum(len(p.text) for p in paragraphs))
        return find(text, paragraphs, entities)

    monkeypatch.setattr(pipeline, "find_reported", counting)
    monkeypatch.setattr(windows, "WINDOW", 1000)
    windowed = pipeline.with_reported(article, text)
    assert len(read) > 10 and max(read) <= 1000
    reported = [(q.span, q.speaker) for q in whole.quotes if q.kind is QuoteKind.INDIRECT]
    assert reported
    assert [(q.span, q.speaker) for q in windowed.quotes if q.kind is QuoteKind.INDIRECT] == (
        reported
    )
