"""Re-finding an anchor's text after its document changed."""

from __future__ import annotations

from tui.model import Span
from tui.store.anchoring import ANCHOR_EDGE, ELLIPSIS, bounded_ends, capture, relocate


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


def _long_text() -> str:
    return "".join(f"Sentence {i} of a very long paragraph. " for i in range(2_000))


def test_a_long_span_keeps_its_two_ends_not_its_whole_text() -> None:
    body = _long_text()
    text = "Title line.\n" + body + "\nLast line."
    span = Span(12, 12 + len(body))
    anchor, before, after = capture(text, span)
    assert len(anchor) == 2 * ANCHOR_EDGE + len(ELLIPSIS) < len(body)
    assert anchor.startswith(body[:ANCHOR_EDGE]) and anchor.endswith(body[-ANCHOR_EDGE:])
    assert bounded_ends(anchor, len(span)) == (body[:ANCHOR_EDGE], body[-ANCHOR_EDGE:])
    assert relocate(text, anchor, before, after, span.start, length=len(span)) == span


def test_a_short_span_keeps_its_whole_text_even_with_an_ellipsis() -> None:
    text = "one … two … three"
    anchor, _before, _after = capture(text, Span(0, len(text)))
    assert anchor == text and bounded_ends(anchor, len(text)) is None


def test_a_long_span_edited_in_its_middle_and_moved_is_found_whole() -> None:
    body = _long_text()
    text = "Title line.\n" + body + "\nLast line."
    span = Span(12, 12 + len(body))
    anchor, before, after = capture(text, span)
    middle = len(body) // 2
    new_body = body[:middle] + "An added sentence in the middle. " + body[middle:]
    new = "A new first line.\nTitle line.\n" + new_body + "\nLast line."
    found = relocate(new, anchor, before, after, span.start, length=len(span))
    assert found is not None and found.of(new) == new_body


def test_a_long_span_whose_head_is_gone_is_none() -> None:
    body = _long_text()
    text = "Title line.\n" + body + "\nLast line."
    span = Span(12, 12 + len(body))
    anchor, before, after = capture(text, span)
    new = "Title line.\n" + body[ANCHOR_EDGE:] + "\nLast line."
    assert relocate(new, anchor, before, after, span.start, length=len(span)) is None
