"""Sentence ends for ( and ): decimals, abbreviations, initials and ellipses are not ends."""

from __future__ import annotations

import pytest

from tui.text import sentence_bounds


def _sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_bounds(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Revenue rose to NT$2.3 billion. Profit fell.",
            ["Revenue rose to NT$2.3 billion.", "Profit fell."],
        ),
        (
            "The U.S. Commerce Department said so. Mr. Ren disagreed.",
            ["The U.S. Commerce Department said so.", "Mr. Ren disagreed."],
        ),
        (
            "It ranked No. 3 in the world. Then it fell.",
            ["It ranked No. 3 in the world.", "Then it fell."],
        ),
        (
            "John F. Kennedy spoke. Crowds cheered.",
            ["John F. Kennedy spoke.", "Crowds cheered."],
        ),
        ("He paused... Then he went on. Done.", ["He paused... Then he went on.", "Done."]),
        ("Wait… What next? Nobody knew!", ["Wait… What next?", "Nobody knew!"]),
        (
            "“We are delighted,” said Ada. “Work starts in spring.”",
            ["“We are delighted,” said Ada.", "“Work starts in spring.”"],
        ),
        ("no end mark at all", ["no end mark at all"]),
    ],
)
def test_sentence_ends(text, expected):
    assert _sentences(text) == expected


def test_a_sentence_may_open_with_a_capital_of_any_script_or_a_quotation() -> None:
    assert _sentences("Police left. Łukasz stayed behind.") == [
        "Police left.",
        "Łukasz stayed behind.",
    ]
    assert _sentences("He paused. “but why?” she asked.") == ["He paused.", "“but why?” she asked."]


def test_reported_speech_is_not_cut_at_a_clock_time() -> None:
    """The quote finder's sentences are this module's: ``a.m.`` ends no sentence there."""
    from tui.extract.quotes import find_all_quotes  # reported speech too
    from tui.model import Paragraph, QuoteKind, Span

    text = (
        "The plane crashed near a runway at 9:54 a.m. ET during an attempted landing, "
        "according to officials."
    )
    quotes = find_all_quotes(text, [Paragraph(text, Span(0, len(text)))], ())
    reported = [q.text for q in quotes if q.kind == QuoteKind.INDIRECT]
    assert reported == [
        "The plane crashed near a runway at 9:54 a.m. ET during an attempted landing"
    ]


def test_sentence_ends_found_from_the_marks_are_the_expressions_own() -> None:
    """The ends are found from where the marks are (``str.find``), not by the
    expression's scan: the same ends, runs of marks, windows and closing quotes
    included."""
    import random
    import re

    from tui import text as module

    end, is_end = module._END, module._is_end  # noqa: SLF001 - the scan it replaces

    def by_scan(text: str, lo: int, hi: int) -> list[int]:
        stop = hi
        while stop > lo and text[stop - 1].isspace():
            stop -= 1
        return [m.end() for m in end.finditer(text, lo, hi) if is_end(text, m, lo, stop)]

    assert isinstance(end, re.Pattern)
    pieces = [*".!?…。！？ \"'”’»)]“‘«([aAé1\n", "Mr. ", "U.S. ", "... ", "?! ", "F. "]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        assert list(module.sentence_ends(text, lo, hi)) == by_scan(text, lo, hi), text
