"""The budget's cheaper paths (issue 13) answer exactly what the paths they replace did.

Each compares the new reading with the old one, kept here as the reference, on random
text built from the characters and words that decide the answer.
"""

from __future__ import annotations

import random

import pytest

from tui.extract import quote_cues
from tui.extract.quote_cues import speaker_before
from tui.extract.speaker_names import _POSSESSIVE, strip_possessive
from tui.text import _WORD_REACH, _word_before


def _old_word_before(text: str, end: int, lo: int) -> str:
    start = end
    floor = max(lo, end - _WORD_REACH)
    while start > floor and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    return text[start:end]


def test_the_word_before_a_full_stop_is_the_loops() -> None:
    rng = random.Random(3)
    alphabet = "ab._ .,\n-é1２中’'"
    for _ in range(20_000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        end = rng.randint(0, len(text))
        lo = rng.randint(0, end)
        assert _word_before(text, end, lo) == _old_word_before(text, end, lo)


def test_a_pronoun_before_its_cue_is_read_as_the_tokens_read_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(11)
    words = ["he", "He", "she", "they", "it", "I", "we", "Ren", "also", "the", "them", "5"]
    gaps = [" ", "  ", ", ", "\n", "-", "’", ", 53, "]
    cases = []
    for _ in range(5_000):
        text = "".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(1, 6)))
        text += "said"
        cue = len(text) - 4
        cases.append((text, rng.randint(0, cue), cue))
    fast = [speaker_before(*case) for case in cases]
    monkeypatch.setattr(quote_cues, "_pronoun_before", lambda masked, lo, cue_start: None)
    assert fast == [speaker_before(*case) for case in cases]


def test_a_possessive_is_stripped_as_the_expression_strips_it() -> None:
    for token in ["Smith’s", "Smith", "James’", "x's\n", "", "Bass", "s", "O'Neill", "'"]:
        assert strip_possessive(token) == _POSSESSIVE.sub("", token)
