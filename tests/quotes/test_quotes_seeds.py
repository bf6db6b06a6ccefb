"""The issue's expectations on the two seed dumps, quote by quote."""

from __future__ import annotations

from pathlib import Path

from tui.extract.pipeline import parse_document
from tui.extract.quotes import CONFIDENCE_THRESHOLD
from tui.ingest.files import load_document
from tui.model import ArticleKind, QuoteKind


def _articles(shared_dir: Path, name: str):
    """The articles as shown: reported speech too (parsing leaves it for later)."""
    document = load_document(str(shared_dir / "seeds" / name))
    return document.text, parse_document(document.text, document.source, reported=True)


def _shown(article):
    """The quotations shown (reported speech, kind indirect, is checked on its own)."""
    return [
        q
        for q in article.quotes
        if q.confidence >= CONFIDENCE_THRESHOLD and q.kind != QuoteKind.INDIRECT
    ]


def _paragraph_starting(article, opening: str):
    [paragraph] = [p for p in article.paragraphs if p.text.startswith(opening)]
    return paragraph


def _inside(quote, paragraph) -> bool:
    return paragraph.span.contains(quote.span)


def test_seed_000_main_story_has_four_quotes_by_ren(shared_dir: Path) -> None:
    text, articles = _articles(shared_dir, "000_f4fe4bb18238162a.txt")
    story = articles[0]
    assert story.kind == ArticleKind.STORY
    quotes = _shown(story)
    assert len(quotes) == 4
    assert {q.speaker for q in quotes} == {"Ren Zhengfei"}
    would_like = _paragraph_starting(story, "“We would like")
    time_goes = _paragraph_starting(story, "“As time goes by")
    assert sum(_inside(q, would_like) for q in quotes) == 2
    assert sum(_inside(q, time_goes) for q in quotes) == 2
    # The second paragraph's attribution rests on "he", which resolves to Ren Zhengfei.
    for quote in quotes:
        if _inside(quote, time_goes):
            assert quote.speaker_span is not None
            assert quote.speaker_span.of(text) == "he"
    assert [q.kind for q in quotes] == [
        QuoteKind.DIRECT,
        QuoteKind.CONTINUATION,
        QuoteKind.DIRECT,
        QuoteKind.CONTINUATION,
    ]
    for quote in quotes:
        assert quote.span.of(text) == quote.text
        assert quote.text[0] == "“" and quote.text[-1] == "”"


def test_seed_000_brief_2_quotes_the_tata_spokesperson(shared_dir: Path) -> None:
    text, articles = _articles(shared_dir, "000_f4fe4bb18238162a.txt")
    brief = articles[2]
    assert brief.kind == ArticleKind.BRIEF
    quotes = _shown(brief)
    assert [q.text for q in quotes] == [
        "“many areas of the facility today.”",
        text[quotes[1].span.start : quotes[1].span.end],
    ]
    assert quotes[1].text.startswith("“We’ve been working diligently")
    assert {q.speaker for q in quotes} == {"A spokesperson for subsidiary Tata Electronics Pvt"}
    assert quotes[0].kind == QuoteKind.PARTIAL
    assert quotes[1].kind == QuoteKind.CONTINUATION
    # No other article of the dump holds a quote.
    assert all(not _shown(a) for n, a in enumerate(articles) if n not in (0, 2))


def test_seed_004_quotes_and_speakers(shared_dir: Path) -> None:
    text, [story] = _articles(shared_dir, "004_945f3c7a9e515e45.txt")
    quotes = _shown(story)
    got = [(q.text, q.speaker, q.kind) for q in quotes]
    carried_out = _paragraph_starting(story, "“We carried out")
    ren_direct = [q for q in quotes if _inside(q, carried_out)]
    assert [(q.speaker, q.kind) for q in ren_direct] == [
        ("Ren Zhengfei", QuoteKind.DIRECT),
        ("Ren Zhengfei", QuoteKind.CONTINUATION),
    ]
    assert ("“no worse”", "A Huawei executive", QuoteKind.PARTIAL) in got
    assert ("“has had positive surprises”", "A Huawei executive", QuoteKind.PARTIAL) in got
    assert ("“emotional ties”", "Ren Zhengfei", QuoteKind.PARTIAL) in got
    [perpetual] = [q for q in quotes if q.text.startswith("“perpetual access")]
    assert (perpetual.speaker, perpetual.kind) == ("Ren Zhengfei", QuoteKind.PARTIAL)
    assert perpetual.text.endswith("production know-how.”")
    astrup = [q for q in quotes if q.speaker == "Nikolai Astrup"]
    assert [q.text[:20] for q in astrup] == ["“That is not an opti", "“We have a good dial"]
    assert [q.kind for q in astrup] == [QuoteKind.DIRECT, QuoteKind.CONTINUATION]
    assert len(quotes) == 8
    # Short names resolve to the full name; the mention is the short name itself.
    assert ren_direct[0].speaker_span is not None
    assert ren_direct[0].speaker_span.of(text) == "Zhengfei"
    assert astrup[0].cue == "said"


def test_seed_004_reported_speech_is_attributed(shared_dir: Path) -> None:
    text, [story] = _articles(shared_dir, "004_945f3c7a9e515e45.txt")
    reported = [q for q in story.quotes if q.kind == QuoteKind.INDIRECT]
    by_start = {q.text[:24]: q.speaker for q in reported}
    assert by_start["he is willing to licence"] == "Ren Zhengfei"
    assert by_start["there would be no ban, a"] == "Nikolai Astrup"
    for quote in reported:
        assert quote.span.of(text) == quote.text
        assert quote.text[0] not in '“"' and quote.confidence >= CONFIDENCE_THRESHOLD
