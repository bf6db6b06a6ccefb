"""Quote marks -> quoted spans, paragraph by paragraph, in one linear pass.

Why a hand-written scanner and not one regular expression: news text mixes curly and
straight marks, leaves marks unbalanced (truncated briefs, typos), nests single marks
inside double ones and runs a quotation over several paragraphs by the print convention
(a paragraph that opens a quote without closing it continues into the next paragraph,
which opens with a quote mark again). A scanner that pairs marks left to right handles
all of that in time linear in the text, and can never produce a quote that crosses into
a paragraph that does not open with a quote mark.

Single marks (``‘…’``, ``'…'``) double as apostrophes, so they are only candidates here;
:mod:`tui.extract.quotes` keeps them only when a speech cue makes them clearly a
quotation.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from operator import itemgetter
from typing import NamedTuple

#: Characters after which a straight ``"`` opens a quote rather than closing one.
_OPENING_CONTEXT = frozenset(" \t\n\xa0([{—–-/:;,")  # \xa0: a no-break space
_OPENING_MARKS = ("“", '"', "‘", "'")
_DOUBLE_MARKS = ("“", "”", '"')
_SINGLE_MARKS = ("‘", "'")
#: A single-mark quote longer than this is not one (it is two apostrophes).
_MAX_SINGLE = 400


class Marked(NamedTuple):
    """One quoted span. Offsets index the paragraph list's shared source text.

    ``start``/``end`` cover the marks; ``closed`` is False for a quote whose closing
    mark never came (it then ends with its last paragraph); ``single`` for ``‘…’``;
    ``first``/``last`` are the indexes of the paragraphs it starts and ends in.
    (A named tuple: there are as many as there are quotes, and a tuple is made fastest.)
    """

    start: int
    end: int
    closed: bool
    single: bool
    first: int
    last: int


def _opens_straight(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isdigit():  # 5'10" or 12" vinyl: a unit, not a quote
        return False
    if before in ".!?" and after.isupper():
        return True  # `… to be named."We were deceived."`: the space left out
    return (before in _OPENING_CONTEXT or before in "“‘") and not after.isspace()


def _closes_curly(text: str, i: int, end: int) -> bool:
    """Does the left mark ``“`` at ``i``, inside an open quotation, close it? Yes when it
    hugs the words before it (no space between) and a space or the paragraph's end
    follows: a typo for ``”`` (`“Apparently not,“ he said.`), never an opening mark."""
    return not text[i - 1].isspace() and (i + 1 >= end or text[i + 1].isspace())


_SINGLE_CLOSE = re.compile(r"(?<=\S)[’'](?!\w)|[‘“”\"\n]")


def may_quote(text: str, lo: int, hi: int) -> bool:
    """Is there a mark in ``text[lo:hi]`` that could open a quote? False: no quotes.

    ``str.find`` per mark, not one regular expression: it scans many times faster (the
    text is rarely plain ASCII: curly quotes and CJK make it two bytes a character).
    """
    find = text.find
    return (
        find("“", lo, hi) != -1
        or find('"', lo, hi) != -1
        or find("'", lo, hi) != -1
        or find("‘", lo, hi) != -1
        # a right mark typed for a left one, opening a paragraph (rare: read last)
        or text.startswith("”", lo)
        or find("\n”", lo, hi) != -1
    )


def _mark_positions(text: str, lo: int, hi: int) -> list[int]:
    """Where every double mark, and every single mark that may open a quote, is in
    ``text[lo:hi]``, sorted."""
    found: list[int] = []
    find = text.find
    for mark in _DOUBLE_MARKS:
        at = find(mark, lo, hi)
        while at != -1:
            found.append(at)
            at = find(mark, at + 1, hi)
    for mark in _SINGLE_MARKS:
        # Only a mark that may open a quote (see _single_candidates): one after a
        # letter (``don't``, ``Huawei’s``) is an apostrophe, and a paragraph holding no
        # other single mark is then not searched for single quotes at all.
        at = find(mark, lo, hi)
        while at != -1:
            if at == 0 or text[at - 1] in _SINGLE_AFTER or text[at - 1].isspace():
                found.append(at)
            at = find(mark, at + 1, hi)
    found.sort()
    return found


def _single_candidates(
    text: str, lo: int, hi: int, singles: Sequence[int]
) -> list[tuple[int, int]]:
    """``‘…’``/``'…'`` pairs inside ``text[lo:hi]`` (offsets into ``text``); ``singles``
    are the positions of the single marks, sorted (:func:`_mark_positions` has them:
    reading them is cheaper than searching the text again).

    An opening mark must start a word; a closing mark must end one and not be followed
    by a letter (``don’t``, ``Huawei’s`` are apostrophes). No pair crosses a double
    mark or a line break, nor runs longer than ``_MAX_SINGLE``.
    """
    found: list[tuple[int, int]] = []
    pos = lo
    n = len(text)
    for start in singles[bisect.bisect_left(singles, lo) : bisect.bisect_left(singles, hi)]:
        if start < pos or text[start] not in "‘'":
            continue
        if start + 1 >= hi or not (text[start + 1].isalnum() or text[start + 1] == "_"):
            continue  # an opening mark starts a word
        if start > 0 and not (text[start - 1].isspace() or text[start - 1] in _SINGLE_AFTER):
            continue
        close = _SINGLE_CLOSE.search(text, start + 1, min(hi, start + _MAX_SINGLE, n))
        if close is not None and close.group(0) in "’'":
            found.append((start, close.end()))
            pos = close.end()
    return found


#: What an opening single mark may follow (besides white space).
_SINGLE_AFTER = frozenset('([{—–/:;,“"')


def find_marked(text: str, spans: Sequence[tuple[int, int]]) -> list[Marked]:
    """Quoted spans in the paragraphs ``spans`` (``(start, end)`` into ``text``), in order.

    Double marks pair left to right; a new opening mark before a close abandons the
    earlier opener (an unbalanced mark must not swallow the paragraph's other quotes).
    A quote still open at a paragraph's end continues only if the next paragraph opens
    with a quote mark; otherwise it ends at its paragraph's end, ``closed=False``.
    Single-mark candidates are returned for the text outside double quotes.
    """
    result: list[Marked] = []
    if not spans:
        return result
    # Every mark of the article in one scan; a paragraph is read only where it has one
    # that could open a quote (or a quote runs on into it). Spans are in text order.
    marks = _mark_positions(text, spans[0][0], spans[-1][1])
    count = len(marks)
    j = 0  # the first mark at or after the current paragraph's start
    carried: tuple[int, int] | None = None  # (start, first paragraph) of an open quote
    for index, (p_start, p_end) in enumerate(spans):
        while j < count and marks[j] < p_start:
            j += 1  # a mark between paragraphs (a dropped line)
        if carried is None and (j == count or marks[j] >= p_end):
            if j == count:
                break  # no mark left
            continue  # no quote mark: most paragraphs
        k = bisect.bisect_left(marks, p_end, j)
        here = marks[j:k]
        j0, j = j, k
        if (
            carried is None
            and text.count("”", p_start, p_end) == k - j0
            and not _right_opens(text, p_start, p_end)
        ):
            continue  # only closing marks: none that could open a quote
        i = p_start
        open_at: int | None = None
        first = index
        if carried is not None:
            if p_start < p_end and text[p_start] in _OPENING_MARKS[:2]:
                open_at, first = carried
                i = p_start + 1
            else:
                prev_end = spans[index - 1][1]
                result.append(Marked(carried[0], prev_end, False, False, carried[1], index - 1))
            carried = None
        singles = False
        outside_from = p_start if open_at is None else None
        outside: list[tuple[int, int]] = []
        nested = False  # a curly quotation inside an open straight one
        inner = 0  # curly quotations open inside an open curly one
        for n, q in enumerate(here):
            ch = text[q]
            if ch in "‘'":
                singles = True
                continue
            if q < i:
                continue  # the mark that reopens a carried quote
            if ch == "”" and open_at is None and q == p_start and _right_opens(text, q, p_end):
                ch = "“"  # `” … they are so not like him,” she said`: a right mark typed
            elif ch == '"' and text[q + 1 : q + 2] == "“":
                continue  # `"“You don’t win …,”`: a stray straight mark before a curly one
            if inner and ch == "”":
                inner -= 1  # closes the quotation inside
                continue
            if (
                ch == "“"
                and open_at is not None
                and text[open_at] != '"'
                and not _closes_curly(text, q, p_end)
                and _nests(text, here, n)
            ):
                inner += 1  # `“… when “your team” needs …”`: a quotation inside one
                continue
            if open_at is not None and text[open_at] == '"' and (ch == "“" or nested):
                # `"… isn’t about “Equal Justice Under Law” anymore."`: a curly pair
                # inside a straight quotation is nested in it (a lone `”` still closes
                # it: `"…,” he said` mixes the two kinds).
                nested = ch == "“"
                continue
            if nested and ch == '"' and _opens_straight(text, q):
                continue
            if ch == "“" and open_at is not None and _closes_curly(text, q, p_end):
                # `“It's unusual,“ said …`: a left mark typed where the right one belongs
                result.append(Marked(open_at, q + 1, True, False, first, index))
                open_at, outside_from = None, q + 1
            elif ch == "“" or (ch == '"' and open_at is None):
                if ch == '"' and not _opens_straight(text, q):
                    continue
                if open_at is None and outside_from is not None:
                    outside.append((outside_from, q))
                open_at, first, outside_from = q, index, None
            elif open_at is not None:
                if ch == '"' and _opens_straight(text, q) and text[q - 1].isspace():
                    open_at, first = q, index  # the earlier straight mark never closed
                else:
                    result.append(Marked(open_at, q + 1, True, False, first, index))
                    open_at, outside_from = None, q + 1
        if open_at is not None:
            carried = (open_at, first)
        elif outside_from is not None:
            outside.append((outside_from, p_end))
        if not singles:
            continue  # single marks are looked for only in a paragraph that has one
        for lo, hi in outside:
            if text.find("‘", lo, hi) == -1 and text.find("'", lo, hi) == -1:
                continue  # no opening single mark here, skipped cheaply
            for s, e in _single_candidates(text, lo, hi, here):
                result.append(Marked(s, e, True, True, index, index))
    if carried is not None:
        result.append(Marked(carried[0], spans[-1][1], False, False, carried[1], len(spans) - 1))
    result.sort(key=_START)
    return result


_START = itemgetter(0)


def _right_opens(text: str, q: int, end: int) -> bool:
    """Does the right mark ``”`` opening a paragraph at ``q`` open a quotation (a typo
    for ``“``)? Yes when words follow it, not the paragraph's end."""
    return text[q : q + 1] == "”" and q + 2 < end and not text[q + 1 : end].isspace()


def _nests(text: str, marks: Sequence[int], n: int) -> bool:
    """Is the left mark ``marks[n]``, inside an open curly quotation, a quotation nested
    in it? Yes when the next two double marks after it are both ``”`` (its own close,
    then the outer one's); otherwise the outer quotation never closed."""
    closes = 0
    for q in marks[n + 1 :]:
        ch = text[q]
        if ch in "‘'’":
            continue
        if ch != "”":
            return False
        closes += 1
        if closes == 2:
            return True
    return False
