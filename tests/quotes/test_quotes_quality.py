"""Quote extraction measured on the labelled set (see gold_set.py and docs/quotes.md)."""

from __future__ import annotations

from pathlib import Path

from quote_scoring import (
    GoldQuote,
    Scores,
    match,
    naive_quotes,
    score_document,
    speaker_matches,
)

from tui.model import Paragraph, Quote, QuoteKind, Span

PRECISION, RECALL, SPEAKER_ACCURACY = 0.95, 0.90, 0.90


def _report(scores: Scores) -> str:
    lines = [
        f"precision {scores.precision:.3f} recall {scores.recall:.3f} "
        f"speakers {scores.speaker_accuracy:.3f}"
    ]
    lines += [f"miss {name} {gold.span}" for name, gold in scores.misses]
    lines += [f"false alarm {name} {quote.text[:50]!r}" for name, quote in scores.false_alarms]
    lines += [
        f"speaker {name} {quote.text[:30]!r}: {quote.speaker!r} != {gold.speaker!r}"
        for name, gold, quote in scores.wrong_speakers
    ]
    return "\n".join(lines)


def _assert_targets(gold_set, docs) -> None:
    scores = gold_set.evaluate(docs, gold_set.extracted)
    assert scores.precision >= PRECISION, _report(scores)
    assert scores.recall >= RECALL, _report(scores)
    assert scores.speaker_accuracy >= SPEAKER_ACCURACY, _report(scores)


def test_targets_on_the_written_articles(gold_set) -> None:
    _assert_targets(gold_set, gold_set.written())


def test_targets_on_the_whole_labelled_set(gold_set, shared_dir: Path) -> None:
    docs = gold_set.everything(shared_dir)
    assert gold_set.article_count(docs) >= 40
    _assert_targets(gold_set, docs)


def test_every_gold_quote_is_a_quoted_span(gold_set, shared_dir: Path) -> None:
    """The labels point at quote marks: offsets have not drifted."""
    for doc in gold_set.everything(shared_dir):
        for gold in doc.gold:
            quoted = gold.span.of(doc.text)
            assert quoted[0] in "“\"‘'", (doc.name, quoted)
            assert gold.kind in ("direct", "partial", "continuation")


def test_the_rules_beat_the_naive_baseline(gold_set, shared_dir: Path) -> None:
    docs = gold_set.everything(shared_dir)
    ours = gold_set.evaluate(docs, gold_set.extracted)
    naive = gold_set.evaluate(docs, gold_set.baseline)
    assert ours.precision > naive.precision
    assert ours.speaker_accuracy > naive.speaker_accuracy + 0.3


def _quote(start: int, end: int, speaker: str | None = None) -> Quote:
    return Quote("x" * (end - start), Span(start, end), speaker, None, None, QuoteKind.DIRECT, 1)


def test_matching_needs_most_of_the_gold_quote() -> None:
    gold = [GoldQuote(Span(0, 100), "A", "direct")]
    assert match(gold, [_quote(10, 100)]) == [(0, 0)]  # 90% of the gold quote
    assert match(gold, [_quote(30, 100)]) == []  # 70%


def test_matching_is_one_to_one() -> None:
    gold = [GoldQuote(Span(0, 10), "A", "direct"), GoldQuote(Span(20, 30), "B", "direct")]
    runaway = _quote(0, 30)
    assert len(match(gold, [runaway])) == 1
    scores = Scores()
    score_document(scores, "d", gold, [runaway, _quote(20, 30, "B")])
    assert (scores.matched, scores.predicted, scores.gold) == (2, 2, 2)


def test_speaker_comparison_folds_case_articles_and_alternates() -> None:
    gold = GoldQuote(Span(0, 1), "The army", "partial", ("military",))
    assert speaker_matches(gold, "army")
    assert speaker_matches(gold, "the Military")
    assert not speaker_matches(gold, "navy")
    assert speaker_matches(GoldQuote(Span(0, 1), None, "direct"), None)


def test_scores_of_an_empty_set_are_perfect_not_a_crash() -> None:
    scores = Scores()
    assert (scores.precision, scores.recall, scores.speaker_accuracy) == (1.0, 1.0, 1.0)


def test_naive_baseline_takes_every_double_quoted_span() -> None:
    text = 'Ana said “one” and ‘two’ and "three" to Bram.'
    quotes = naive_quotes(text, [Paragraph(text, Span(0, len(text)))])
    assert [q.text for q in quotes] == ["“one”", '"three"']
    assert quotes[0].speaker == "Ana"
    assert quotes[1].speaker == "Bram"


def test_written_gold_is_found_in_order(gold_set) -> None:
    for doc in gold_set.written():
        starts = [g.span.start for g in doc.gold]
        assert starts == sorted(starts)
