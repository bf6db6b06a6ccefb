"""Re-finding an anchor's text after its document changed."""

from __future__ import annotations

from tui.model import Span
from tui.store.anchoring import capture, relocate


def test_unchanged_text_keeps_its_span() -> None:
    text = "alpha beta gamma delta"
    anchor, before, after = capture(text, Span(6, 10))
    assert anchor == "beta"
    assert relocate(text, anchor, before, after, 6) == Span(6, 10)


def test_moved_text_is_found_again() -> None:
    text = "alpha beta gamma delta"
    anchor, before, after = capture(text, Span(6, 10))
    new = "new words first. alpha beta gamma delta"
    assert relocate(new, anchor, before, after, 6) == Span(23, 27)


def test_context_decides_between_repeated_text() -> None:
    text = "the cat sat. the dog sat. the cat ran."
    span = Span(text.index("the cat ran"), text.index("the cat ran") + 7)
    anchor, before, after = capture(text, span)
    new = "intro. " + text
    found = relocate(new, anchor, before, after, span.start)
    assert found is not None and new[found.end : found.end + 4] == " ran"


def test_gone_text_or_outside_the_bounds_is_none() -> None:
    text = "alpha beta gamma"
    anchor, before, after = capture(text, Span(6, 10))
    assert relocate("alpha gamma", anchor, before, after, 6) is None
    assert relocate("beta alpha gamma", anchor, before, after, 6, lo=5) is None
    assert relocate(text, "", "", "", 0) is None
