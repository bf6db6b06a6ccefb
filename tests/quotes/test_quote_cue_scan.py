"""``find_cues`` finds exactly what ``CUE.finditer`` finds, in any window of any text."""

from __future__ import annotations

import pytest

from tui.extract.quote_cues import CUE, find_cues

#: Cues in every form, beside every kind of character a cue can follow or not follow:
#: punctuation, curly marks, a hyphen, letters outside ASCII, CJK, digits, blanks.
TEXT = (
    "Said Ren, said-no, non-said, ex-said and résaid; (said) “said” 3said said3 "
    "Zhengfei says: they were quoted by 新华社 as saying it. He was quoted as sayings, "
    "according to Ren, According to nobody — pointed out; Pointed outward. "
    "She added,“               .” he told reporters, asked, ‘tweeted’ 任正非说 said"
)


def _found(matches: object) -> list[tuple[tuple[int, int], str | None]]:
    return [(m.span(), m.lastgroup) for m in matches]  # type: ignore[attr-defined]


def test_every_window_gives_the_same_cues() -> None:
    n = len(TEXT)
    for lo in range(n + 1):
        for hi in range(lo, n + 1, 3):
            assert _found(find_cues(TEXT, lo, hi)) == _found(CUE.finditer(TEXT, lo, hi)), (
                lo,
                hi,
            )


@pytest.mark.parametrize("text", ["said", "said it", "Ren said", "résaid", "", "  "])
def test_whole_short_texts(text: str) -> None:
    assert _found(find_cues(text, 0, len(text))) == _found(CUE.finditer(text))


def test_the_cue_kinds_are_told_apart() -> None:
    kinds = [m.lastgroup for m in find_cues(TEXT, 0, len(TEXT))]
    assert {"verb", "quoted", "according", "pointed"} <= set(kinds)
