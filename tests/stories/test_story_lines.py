"""The story screen's rows of a comparison (pure): a speaker's outlets as columns, the
aligned quotes first on one row each, then each outlet's other quotes side by side."""

from __future__ import annotations

from tui.extract.pipeline import parse_document
from tui.extract.story_compare import compare
from tui.extract.story_lines import (
    MIN_COLUMN,
    columns_fit,
    grouped_by_outlet,
    other_shared,
    speaker_rows,
)

BERG_A = (
    "Mayor Anna Berg opened the new bridge over the river on Monday morning.\n"
    "“This bridge joins two halves of one city at last,” Berg said.\n"
    "“We will pay for it within ten years,” Berg said.\n"
    "“The tolls end when the loan is paid,” Berg said.\n"
)
BERG_B = (
    "The city's new bridge opened on Monday, Mayor Anna Berg told reporters there.\n"
    "“We are going to pay for it inside ten years,” Berg said.\n"
    "“This bridge joins two halves of one city at last,” Berg said.\n"
    "Traffic on the old ferry route fell by half during the first week of use.\n"
)


def _articles():
    return [parse_document(BERG_A, "a.txt")[0], parse_document(BERG_B, "b.txt")[0]]


def _comparison():
    return compare(_articles(), lambda article: article.source)


def test_aligned_quotes_come_first_on_one_row_each_then_the_rest_side_by_side() -> None:
    comparison = _comparison()
    [speaker] = comparison.side_by_side
    outlets, rows = speaker_rows(speaker, comparison.shared_quotes)
    assert outlets == ("a.txt", "b.txt")
    aligned = [row for row in rows if row.same_words is not None]
    assert [row.same_words for row in aligned] == [True, False]
    assert rows[: len(aligned)] == aligned
    for row in aligned:  # one quote per outlet, each in its outlet's column
        assert [q.outlet for q in row.cells if q is not None] == list(outlets)
    assert "two halves" in aligned[0].cells[1].text and "inside ten" in aligned[1].cells[1].text
    # The tolls quote only a.txt has: one row, b.txt's cell empty; no quote twice.
    [rest] = rows[len(aligned) :]
    assert rest.same_words is None and rest.cells[1] is None and "tolls" in rest.cells[0].text
    shown = [q for row in rows for q in row.cells if q is not None]
    assert len(shown) == len({(q.article, q.span) for q in shown}) == 5


def test_groups_a_speakers_columns_show_are_not_listed_again() -> None:
    comparison = _comparison()
    assert other_shared(comparison.side_by_side, comparison.shared_quotes) == []
    assert other_shared((), comparison.shared_quotes) == list(comparison.shared_quotes)


def test_columns_need_room_for_a_readable_quote_each() -> None:
    assert not columns_fit(200, 1)
    assert columns_fit(2 * MIN_COLUMN + 3, 2)
    assert not columns_fit(2 * MIN_COLUMN + 2, 2)
    assert not columns_fit(72, 2)  # 80 columns: one under the other


def test_items_are_grouped_under_their_outlet_in_first_seen_order() -> None:
    own = _comparison().own_sentences
    grouped = grouped_by_outlet(own)
    assert list(grouped) == list(dict.fromkeys(s.outlet for s in own))
    assert sum(map(len, grouped.values())) == len(own)


def test_the_markdown_export_draws_a_speakers_outlets_as_a_table() -> None:
    from tui.store.stories import StoryRow
    from tui.store.story_export import story_markdown

    articles = _articles()
    story = StoryRow(7, "Bridge", tuple(a.id for a in articles), ("a.txt", "b.txt"), None)
    markdown = story_markdown(story, articles, _comparison())
    table = markdown.split("**Anna Berg**", 1)[1].strip().split("\n\n", 1)[0].splitlines()
    assert table[:2] == ["| | a.txt | b.txt |", "|---|---|---|"]
    assert table[2].startswith("| = | “This bridge joins") and "| ≠ | “We will pay" in table[3]
    assert table[4].startswith("|  | “The tolls end") and table[4].endswith("|  |")
    # Every aligned group is in the table: no separate list of shared quotes.
    assert "### Quotes in more than one outlet" not in markdown


def test_only_in_one_outlet_leaves_out_the_sentences_shown_as_quotes() -> None:
    """A sentence that is mostly a quote the comparison shows (under its speaker or as
    a shared quote) is not listed again as one only its outlet has (the two tidal-plant
    samples: Solheim's quotes are in his columns); sentences with no quote still are."""
    from pathlib import Path

    from .conftest import TIDAL, sample

    articles = [parse_document(Path(sample(n)).read_text(encoding="utf-8"), n)[0] for n in TIDAL]
    comparison = compare(articles, lambda article: article.source)
    shown = {q for s in comparison.side_by_side for qs in s.by_outlet.values() for q in qs}
    shown |= {q for group in comparison.shared_quotes for q in group.quotes}
    assert shown and comparison.own_sentences
    for sentence in comparison.own_sentences:
        quoted = sum(
            max(0, min(q.span.end, sentence.span.end) - max(q.span.start, sentence.span.start))
            for q in shown
            if q.article == sentence.article
        )
        assert quoted * 2 < len(sentence.text), sentence.text
    assert any("Fishermen in the strait" in s.text for s in comparison.own_sentences)


def test_a_sentence_with_a_short_quote_in_it_is_still_its_outlets_own() -> None:
    a = BERG_A + "The council called the tolls “a fair price for a bridge” in a statement.\n"
    articles = [parse_document(a, "a.txt")[0], parse_document(BERG_B, "b.txt")[0]]
    own = [s.text for s in compare(articles, lambda x: x.source).own_sentences]
    assert any("fair price" in text for text in own)
