"""Finding an annotation's text again after its document changed.

An annotation keeps the exact text it covered (``anchor_text``) and up to
:data:`CONTEXT` characters either side. When the document is re-imported, the anchor is
looked for as exact text; among several occurrences the one whose surroundings agree
best with the stored context wins, then the one nearest the old position. No occurrence
at all means the annotation is orphaned (kept and listed, never dropped).

A span longer than :data:`ANCHOR_LIMIT` (a highlighted paragraph of a 50 MB one-line
article was 50 MB in the table, the undo log and every export) keeps only its first and
last :data:`ANCHOR_EDGE` characters, joined by :data:`ELLIPSIS`: what an export quotes and
what finds the span again. It is re-found as its head followed by its tail, the tail
nearest the old length after the head; the span's length (``end - start``, stored beside
it) tells a bounded anchor from a whole one.
"""

from __future__ import annotations

from tui.model import Span

#: Characters of context kept on each side of an anchor.
CONTEXT = 40

#: A span up to this many characters keeps its whole text as its anchor.
ANCHOR_LIMIT = 1_000

#: Characters kept from each end of a longer span.
ANCHOR_EDGE = 200

#: What joins a bounded anchor's two ends (the middle left out).
ELLIPSIS = " … "


def capture(text: str, span: Span) -> tuple[str, str, str]:
    """``(anchor_text, before, after)`` of ``span`` in ``text``."""
    before = text[max(0, span.start - CONTEXT) : span.start]
    after = text[span.end : span.end + CONTEXT]
    if span.end - span.start <= ANCHOR_LIMIT:
        return text[span.start : span.end], before, after
    head = text[span.start : span.start + ANCHOR_EDGE]
    tail = text[span.end - ANCHOR_EDGE : span.end]
    return head + ELLIPSIS + tail, before, after


def bounded_ends(anchor_text: str, length: int | None) -> tuple[str, str] | None:
    """``(head, tail)`` of a bounded anchor of a span ``length`` long; None for a whole one.

    The ends are equally long, so the ellipsis between them is found by position (either
    end may contain an ellipsis of its own).
    """
    if length is None or length <= len(anchor_text):
        return None
    n = (len(anchor_text) - len(ELLIPSIS)) // 2
    if n <= 0 or anchor_text[n : n + len(ELLIPSIS)] != ELLIPSIS:
        return None
    return anchor_text[:n], anchor_text[n + len(ELLIPSIS) :]


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
    *,
    length: int | None = None,
) -> Span | None:
    """Where ``anchor_text`` now is in ``text[lo:hi]`` (the article), or None when gone.

    ``length`` is the span's old length (``end - start``): pass it, or a bounded anchor
    (see :func:`capture`) is looked for as exact text and not found. The unchanged case
    (same text, same place, same context) costs one comparison.
    """
    if not anchor_text:
        return None
    hi = len(text) if hi is None else hi
    ends = bounded_ends(anchor_text, length)
    if ends is not None and length is not None:
        return _relocate_ends(text, ends, before, after, old_start, length, lo, hi)
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


def _relocate_ends(
    text: str,
    ends: tuple[str, str],
    before: str,
    after: str,
    old_start: int,
    length: int,
    lo: int,
    hi: int,
) -> Span | None:
    """Where a bounded anchor's head, then its tail, now are in ``text[lo:hi]``.

    Each occurrence of the head is paired with the occurrence of the tail after it whose
    end is nearest the old length; context, then the old place, then the old length
    decide between the pairs. Two searches per occurrence of the head: no quadratic pairing.
    """
    head, tail = ends
    old_end = old_start + length
    if (
        lo <= old_start
        and old_end <= hi
        and text.startswith(head, old_start)
        and text.startswith(tail, old_end - len(tail))
        and text[max(0, old_start - len(before)) : old_start] == before
        and text[old_end : old_end + len(after)] == after
    ):
        return Span(old_start, old_end)
    best: tuple[int, int, int, int, int] | None = None
    for start in _occurrences(text, head, lo, hi):
        stop = _tail_end(text, tail, start + len(head), start + length, hi)
        if stop is None:
            continue
        score = _common_suffix(before, text[max(0, start - len(before)) : start])
        score += _common_prefix(after, text[stop : stop + len(after)])
        key = (-score, abs(start - old_start), abs(stop - start - length), start, stop)
        if best is None or key < best:
            best = key
    if best is None:
        return None
    return Span(best[3], best[4])


def _tail_end(text: str, tail: str, lo: int, want: int, hi: int) -> int | None:
    """The end of the occurrence of ``tail`` in ``text[lo:hi]`` ending nearest ``want``."""
    pivot = min(max(want - len(tail), lo), hi)
    ahead = text.find(tail, pivot, hi)
    behind = text.rfind(tail, lo, min(pivot + len(tail) - 1, hi))
    found = [at + len(tail) for at in (ahead, behind) if at >= 0]
    return min(found, key=lambda end: abs(end - want)) if found else None
