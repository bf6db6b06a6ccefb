"""Quotation marks of other typographies, read as the English ``“…”`` and ``‘…’``.

News text in (or quoting) French, German, Polish, Danish or Swiss style marks its
quotations ``«…»`` (also ``« … »`` with spaces inside), ``„…“``, ``„…”``, ``»…«``,
``‚…‘`` or ``‹…›``. Rather than teach every rule of the quote finder each of these
(its patterns read ``“``, ``”`` and ``"``), the finder reads a copy of the text where
each such mark is replaced by the English mark of the same role: one character for
one, so every offset into the copy is an offset into the text (DESIGN.md, "Offsets")
and the quotes' own text is still taken from the original.

Which way a guillemet points is decided a line (a paragraph) at a time: a line whose
first guillemet is ``«`` is French style (``«`` opens, ``»`` closes); one whose first
is ``»`` hugging a word, with a later ``«`` hugging one too, is the reversed style of
Danish and German print (``»Ja«, sagde han``). A ``»`` that fits neither is left as it
is: ``Home » News`` and ``Read more »`` are no quotations. ``„`` always opens (the
mark that closes it is then ``“`` or ``”``); ``‚`` opens only when a closing ``‘``/``’``
follows it in its line: ``‚`` is also a comma mis-decoded.
"""

from __future__ import annotations

import functools
import re

#: The marks this module reads (a text without any of them is read as it is).
FOREIGN_MARKS = ("«", "»", "„", "‹", "›", "‚")
_ANY = re.compile("[«»„‹›‚]")
_DOUBLE_OPEN, _DOUBLE_CLOSE = "“", "”"
_SINGLE_OPEN, _SINGLE_CLOSE = "‘", "’"


def has_foreign_marks(text: str, lo: int, hi: int) -> bool:
    """Does ``text[lo:hi]`` hold a mark of another typography? (``str.find`` per mark:
    faster than a regular expression over text that is rarely plain ASCII.)"""
    find = text.find
    return any(find(mark, lo, hi) != -1 for mark in FOREIGN_MARKS)


@functools.lru_cache(maxsize=1)
def english_marks(text: str) -> str:
    """``text`` with every quotation mark of another typography replaced by the
    English one of its role (same length: offsets are unchanged).

    Cached for the last text: every article of a file indexes the file's one text, so
    the file is converted once, however many of its articles need it (a string keeps
    its hash, and the cache finds the same object by identity first)."""
    replace: dict[int, str] = {}
    line_start = -1
    for found in _ANY.finditer(text):
        at = found.start()
        if at < line_start:
            continue  # its line was read already
        line_start = text.rfind("\n", 0, at) + 1
        line_end = text.find("\n", at)
        if line_end == -1:
            line_end = len(text)
        _read_line(text, at, line_end, replace)
        line_start = line_end
    if not replace:
        return text
    pieces: list[str] = []
    pos = 0
    for at in sorted(replace):
        pieces.append(text[pos:at])
        pieces.append(replace[at])
        pos = at + 1
    pieces.append(text[pos:])
    return "".join(pieces)


def _read_line(text: str, lo: int, hi: int, replace: dict[int, str]) -> None:
    """The replacements of one line's marks (from ``lo``, its first foreign mark)."""
    _guillemets(text, lo, hi, "«", "»", _DOUBLE_OPEN, _DOUBLE_CLOSE, replace)
    _guillemets(text, lo, hi, "‹", "›", _SINGLE_OPEN, _SINGLE_CLOSE, replace)
    _low_nine(text, lo, hi, "„", "“”„", _DOUBLE_OPEN, _DOUBLE_CLOSE, replace)
    _low_nine(text, lo, hi, "‚", "‘’‚", _SINGLE_OPEN, _SINGLE_CLOSE, replace)


def _positions(text: str, lo: int, hi: int, marks: str) -> list[int]:
    return [at for at in range(lo, hi) if text[at] in marks] if lo < hi else []


def _guillemets(
    text: str,
    lo: int,
    hi: int,
    left: str,
    right: str,
    opening: str,
    closing: str,
    replace: dict[int, str],
) -> None:
    """``«…»`` (French) or ``»…«`` (reversed) in ``text[lo:hi]``: see the module."""
    if text.find(left, lo, hi) == -1 and text.find(right, lo, hi) == -1:
        return
    marks = _positions(text, lo, hi, left + right)
    first = marks[0]
    opener = right if text[first] == right and _reversed(text, first, hi, left, marks) else left
    opened = False
    for at in marks:
        if text[at] == opener:
            replace[at] = opening
            opened = True
        elif opened:
            replace[at] = closing


def _reversed(text: str, first: int, hi: int, left: str, marks: list[int]) -> bool:
    """``»Ja«, sagde han``: the line's first guillemet ``»`` hugs the word after it, and
    a later ``«`` hugs the word before it."""
    if first + 1 >= hi or text[first + 1].isspace():
        return False
    return any(text[at] == left and not text[at - 1].isspace() for at in marks if at > first)


def _low_nine(
    text: str,
    lo: int,
    hi: int,
    mark: str,
    closers: str,
    opening: str,
    closing: str,
    replace: dict[int, str],
) -> None:
    """``„…“`` / ``„…”`` (``mark`` ``„``) and ``‚…‘`` / ``‚…’`` (``mark`` ``‚``): the
    opening mark, and the next of ``closers`` (before another opening one) as the
    closing mark. A lone ``„`` still opens (a quotation that runs on into the next
    paragraph); a lone ``‚`` does not (it may be a comma)."""
    single = mark == "‚"
    at = text.find(mark, lo, hi)
    while at != -1:
        close = -1
        for k in range(at + 1, hi):
            if text[k] in closers:
                close = k if text[k] != mark else -1
                break
        if close != -1 and single and close + 1 < hi and text[close + 1].isalpha():
            close = -1  # `‚Huawei’s`: an apostrophe, not the closing mark
        if close != -1 or not single:
            replace[at] = opening
            if close != -1:
                replace[close] = closing
        at = text.find(mark, at + 1, hi)
