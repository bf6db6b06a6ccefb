"""Quote extraction is linear in the text's length, on the shapes that made it slow.

Work is counted as lines of Python executed in ``tui.extract`` (``sys.settrace``), not
seconds: doubling the input must at most double it (with a little slack for the fixed
cost of the ending). Timings are in ``benchmarks/quote_adversarial.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from adversarial import SHAPES, build, extraction

EXTRACT = str(Path(__file__).resolve().parents[2] / "tui" / "extract")


def _steps(text: str) -> int:
    run = extraction(text)
    count = 0

    def tracer(frame, event, _arg):
        nonlocal count
        if not frame.f_code.co_filename.startswith(EXTRACT):
            return None
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        run()
    finally:
        sys.settrace(None)
    return count


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_doubling_the_input_at_most_doubles_the_work(shape: str) -> None:
    small = _steps(build(shape, 4_000))
    large = _steps(build(shape, 8_000))
    assert large <= 2 * small + 200, (shape, small, large)


@pytest.mark.parametrize("shape", ["pronoun quotes, one paragraph", "pronoun quotes, paragraphs"])
def test_a_chain_of_he_said_near_its_speaker_is_read_once(shape: str) -> None:
    # Within 1,500 characters of `Ren Zhengfei spoke` every `he` is answered by the
    # fast path (the last speaking mention, every cue since spoken by a pronoun): the
    # cues since are read on from where the pronoun before stopped, not all again.
    small = _steps(build(shape, 700))
    large = _steps(build(shape, 1_400))
    assert large <= 2 * small + 200, (shape, small, large)
