"""Sentence ends for ( and ): decimals, abbreviations, initials and ellipses are not ends."""

from __future__ import annotations

import pytest

from tui.extract.sentences import sentence_bounds


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
