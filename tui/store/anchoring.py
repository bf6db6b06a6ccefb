"""Finding an annotation's text again after its document changed.

An annotation keeps the exact text it covered (``anchor_text``) and up to
:data:`CONTEXT` characters either side. When the document is re-imported, the anchor is
looked for as exact text; among several occurrences the one whose surroundings agree
best with the stored context wins, then the one nearest the old position. No occurrence
at all means the annotation is orphaned (kept and listed, never dropped).
"""

from __future__ import annotations

from tui.model import Span

#: Characters of context kept on each side of an anchor.
CONTEXT = 40


def capture(text: str, span: Span) -> tuple[str, str, str]:
    """``(anchor_text, before, after)`` of ``span`` in ``text``."""
    before = text[max(0, span.start - CONTEXT) : span.start]
    after = text[span.end : span.end + CONTEXT]
    return text[span.start : span.end], before, after


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _occurrences(text: str, needle: str, lo: int, hi: int, limit: int = 10_000) -> list[int]:
    found: list[int] = []
    at = text.find(needle, lo, hi)
    while at >= 0 and len(found) < limit:
        found.append(at)
        at = text.find(needle, at + 1, hi)
    return found


def relocate(
    text: str,
    anchor_text: str,
    before: str,
    after: str,
    old_start: int,
    lo: int = 0,
    hi: int | None = None,
) -> Span | None:
    """Where ``anchor_text`` now is in ``text[lo:hi]`` (the article), or None when gone.

    The unchanged case (same text, same place, same context) costs one comparison.
    """
    if not anchor_text:
        return None
    hi = len(text) if hi is None else hi
    end = old_start + len(anchor_text)
    if (
        lo <= old_start
        and end <= hi
        and text[old_start:end] == anchor_text
        and text[max(0, old_start - len(before)) : old_start] == before
        and text[end : end + len(after)] == after
    ):
        return Span(old_start, end)
    best: tuple[int, int, int] | None = None  # (-context score, distance, start)
    for start in _occurrences(text, anchor_text, lo, hi):
        stop = start + len(anchor_text)
        score = _common_suffix(before, text[max(0, start - len(before)) : start])
        score += _common_prefix(after, text[stop : stop + len(after)])
        key = (-score, abs(start - old_start), start)
        if best is None or key < best:
            best = key
    if best is None:
        return None
    return Span(best[2], best[2] + len(anchor_text))
