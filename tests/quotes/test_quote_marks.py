"""Pairing quote marks paragraph by paragraph (tui.extract.quote_marks)."""

from __future__ import annotations

import sys
import types

import pytest

from tui.extract.quote_marks import Marked, find_marked, may_quote


def _spans(text: str, keep: list[int] | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` (only the lines numbered in ``keep``)."""
    spans, start = [], 0
    for n, line in enumerate(text.split("\n")):
        if keep is None or n in keep:
            spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


@pytest.mark.parametrize("mark", ["“", '"', "‘", "'"])
def test_may_quote_sees_every_opening_mark(mark: str) -> None:
    text = f"words {mark}more words"
    assert may_quote(text, 0, len(text))
    assert not may_quote(text, 0, 5)  # the mark lies outside the range


def test_may_quote_is_false_without_an_opening_mark() -> None:
    text = "Only a closing mark ” here, and no other."
    assert not may_quote(text, 0, len(text))


def test_a_paragraph_with_only_a_closing_mark_is_passed_over() -> None:
    text = "He said ” nothing.\n“Come in,” she said."
    start = text.index("“")
    assert find_marked(text, _spans(text)) == [
        Marked(start, text.index("”", start) + 1, True, False, 1, 1)
    ]


def test_a_mark_between_paragraphs_is_not_read() -> None:
    text = "Intro line.\nPhoto: “Staff”\n“Go,” Ana said."
    start = text.rindex("“")
    assert find_marked(text, _spans(text, keep=[0, 2])) == [
        Marked(start, text.rindex("”") + 1, True, False, 1, 1)
    ]


def test_a_quote_runs_on_into_a_paragraph_that_opens_with_a_mark() -> None:
    text = "“First part\n“Second part,” he said."
    assert find_marked(text, _spans(text)) == [Marked(0, text.index("”") + 1, True, False, 0, 1)]


def test_an_unclosed_quote_ends_with_its_paragraph() -> None:
    text = "“Open and never closed\nNext paragraph, plain."
    end = text.index("\n")
    assert find_marked(text, _spans(text)) == [Marked(0, end, False, False, 0, 0)]


def test_single_marks_pair_outside_apostrophes() -> None:
    text = "It’s ‘all fine’ now, she said, ‘yes’. “Later,” he said."
    first, second = text.index("‘"), text.rindex("‘")
    double = text.index("“")
    assert find_marked(text, _spans(text)) == [
        Marked(first, text.index("’", first) + 1, True, True, 0, 0),
        Marked(second, text.index("’", second) + 1, True, True, 0, 0),
        Marked(double, text.index("”") + 1, True, False, 0, 0),
    ]


def test_a_left_mark_typed_for_the_right_one_closes_the_quote() -> None:
    """`“…,“ he said.`: the second mark hugs the words and a space follows it."""
    text = "“Apparently not,“ he said. “The plan stays.”"
    marks = find_marked(text, [(0, len(text))])
    assert [text[m.start : m.end] for m in marks] == ["“Apparently not,“", "“The plan stays.”"]
    assert all(m.closed for m in marks)


def test_a_straight_mark_after_a_no_break_space_opens_a_quote() -> None:
    text = '"They sue," he said.\xa0"Everybody sues, right?"'
    marks = find_marked(text, [(0, len(text))])
    assert [text[m.start : m.end] for m in marks] == ['"They sue,"', '"Everybody sues, right?"']


def test_apostrophes_inside_words_are_not_searched_for_single_quotes() -> None:
    """A paragraph whose single marks all follow a letter (``don't``, ``Ren's``) holds
    no single quotation: it is not searched for one (news text has as many apostrophes
    as double marks). A single mark after a space is still read."""
    searched: list[int] = []  # the ``lo`` of each search for single quotes

    def tracer(frame: types.FrameType, event: str, arg: object) -> None:
        if event == "call" and frame.f_code.co_name == "_single_candidates":
            searched.append(frame.f_locals["lo"])

    text = "“We don't know,” Ren's aide said. It's the firm's view.\nShe called it ‘a farce’ then."
    sys.setprofile(tracer)
    try:
        marks = find_marked(text, _spans(text))
    finally:
        sys.setprofile(None)
    single = text.index("‘")
    assert marks == [
        Marked(0, text.index("”") + 1, True, False, 0, 0),
        Marked(single, text.index("’", single) + 1, True, True, 1, 1),
    ]
    second_line = text.index("\n") + 1
    assert searched and all(lo >= second_line for lo in searched)
