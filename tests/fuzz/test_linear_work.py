"""Linear work on adversarial shapes (issue 15): the entity extractor and the query
parser do about ten times the work for ten times the input, never a hundred.

Work is counted, not timed (no wall clock, so a busy CI machine cannot fail it): the
number of Python and C function calls made, via ``sys.setprofile``. Work inside one C
call (a regular expression) is not seen; the quadratic shapes that matter here are
loops in Python over the text.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import pytest

from tui.extract.entities import find_entities
from tui.model import Paragraph, Span
from tui.search.query import MAX_QUERY_CHARS, QueryError, parse_query

from .strategies import line_paragraphs

#: Ten times the input may cost this many times the work (room for n log n, not n^2).
MAX_GROWTH = 16


def work(function: Callable[..., Any], *args: Any) -> int:
    """How many function calls ``function(*args)`` makes."""
    calls = 0

    def count(_frame: object, event: str, _arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    sys.setprofile(count)
    try:
        function(*args)
    except QueryError:
        pass
    finally:
        sys.setprofile(None)
    return calls


def _growth(function: Callable[[str], Any], unit: str, small: int, large: int) -> float:
    def run(size: int) -> int:
        return work(function, (unit * (size // len(unit) + 1))[:size])

    return run(large) / max(run(small), 1)


def _entities(text: str) -> Any:
    return find_entities(text, [Paragraph(text, Span(0, len(text)))])


def _entities_by_line(text: str) -> Any:
    return find_entities(text, line_paragraphs(text))


ENTITY_SHAPES = [
    "Aa ",  # one endless run of capitalised words
    "Ren Zhengfei (任正非) said. ",  # the same person named again and again
    "Huawei Technologies Co Ltd, ",
    "(",
    "A. B. ",  # initials
    "Mr. Ren of Huawei and Dr. Lin of TSMC met ",
    "Ministry of Foreign Affairs of the People's Republic of ",
]


@pytest.mark.parametrize("unit", ENTITY_SHAPES, ids=repr)
@pytest.mark.parametrize("split", [_entities, _entities_by_line], ids=["one-line", "lines"])
def test_entity_extractor_work_grows_linearly(unit: str, split: Callable[[str], Any]) -> None:
    text_unit = unit if split is _entities else unit.replace(". ", ".\n")
    growth = _growth(split, text_unit, 10_000, 100_000)
    assert growth <= MAX_GROWTH, f"10x the text cost {growth:.1f}x the work"


QUERY_SHAPES = ["(", '"', "a|", "!", "title:", "'a ", "^a$ ", 'speaker:"x ', "date:>", "a | !b "]


@pytest.mark.parametrize("unit", QUERY_SHAPES, ids=repr)
def test_query_parser_work_grows_linearly(unit: str) -> None:
    large = MAX_QUERY_CHARS
    growth = _growth(parse_query, unit, large // 10, large)
    assert growth <= MAX_GROWTH, f"10x the query cost {growth:.1f}x the work"
