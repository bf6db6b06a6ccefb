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
    from tui.extract.quotes import find_quotes
    from tui.model import Paragraph, QuoteKind, Span

    text = (
        "The plane crashed near a runway at 9:54 a.m. ET during an attempted landing, "
        "according to officials."
    )
    quotes = find_quotes(text, [Paragraph(text, Span(0, len(text)))], ())
    reported = [q.text for q in quotes if q.kind == QuoteKind.INDIRECT]
    assert reported == [
        "The plane crashed near a runway at 9:54 a.m. ET during an attempted landing"
    ]
