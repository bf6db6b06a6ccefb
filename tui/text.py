"""Small text helpers shared by the core layers: word lists, sentence ends, chunks.

This module sits at the bottom of the layers beside :mod:`tui.model` (it imports only
the standard library), so ingest, extract, store and search can all use one copy of
each helper instead of keeping their own.

Sentences: a full stop ends a sentence only when a space and the start of a new
sentence (a capital, a digit, an opening quote or bracket, CJK) follow it, and the word
before it is not an abbreviation (``Mr.``, ``U.S.``, ``No. 3``) or an initial (``John F.
Kennedy``). Decimals (``2.3 billion``) never have a space after the point; ellipses
(``…``, ``...``) trail off inside a sentence rather than end it. ``!`` and ``?`` end one
when a new sentence follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TypeVar

T = TypeVar("T")


def one_line(text: str | None, width: int) -> str:
    """``text`` on one line (runs of white space one space) in at most ``width``
    characters, ending in ``…`` when it was cut: for the batch commands' tables."""
    flat = " ".join((text or "").split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def count_of(number: int, noun: str, plural: str | None = None) -> str:
    """``1 file``, ``2 files``: a count and its noun (``plural``, else the noun with an
    ``s``), for messages."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


def word_list(text: str) -> list[str]:
    """A word list written as one whitespace-separated string (shorter to read than a
    list literal)."""
    return text.split()


def word_set(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (easier to read)."""
    return frozenset(text.split())


def chunks(items: list[T], size: int) -> Iterator[list[T]]:
    """``items`` in consecutive slices of at most ``size`` (SQLite's ``IN (...)`` lists
    and batched reads keep memory and parameter counts bounded this way)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


_SPACES = re.compile(r"\s*")


def spaces_end(text: str, start: int, end: int) -> int:
    """Where the run of whitespace at ``start`` ends (``start`` itself if there is none;
    never past ``end``)."""
    match = _SPACES.match(text, start, end)
    return match.end() if match else start


#: Words that take a full stop without ending the sentence (lower case, no final ``.``).
ABBREVIATIONS = word_set(
    """mr mrs ms dr prof st jr sr co inc corp ltd no nos vs gen gov sen rep lt col capt sgt
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft fig approx est dept univ
    u.s u.k u.n u.s.a e.g i.e a.m p.m et al cf etc op ed rev hon pres messrs
    adm maj cmdr supt det insp atty amb"""
)

#: A candidate end: the marks, any closing quotes/brackets, then space and what may
#: start a sentence (or the end of the text). A sentence starts with a letter or digit
#: that is not ASCII lower case (capitals of any script, digits, CJK), maybe after an
#: opening quote or bracket, or with an opening double quote whatever follows it (the
#: quotation finder blanks a quotation's inside).
_END = re.compile(
    r"(?P<marks>[.!?…。！？]+)[\"'”’»)\]]*"
    r"(?=\s+(?:[\"'“‘«(\[]?[^\W_a-z]|[“\"])|\s*$)"
)
#: The characters every match of ``_END`` opens with (its first set).
_MARKS = ".!?…。！？"
#: Abbreviations are short: the word before a full stop is read back this far at most.
_WORD_REACH = 12


def _word_before(text: str, end: int, lo: int) -> str:
    """The run of word characters and dots just before ``end`` (at most
    :data:`_WORD_REACH` of them, none before ``lo``): read backwards, so each sentence
    end costs the length of one word, not of the text before it."""
    start = end
    floor = max(lo, end - _WORD_REACH)
    while start > floor and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    return text[start:end]


def _is_end(text: str, match: re.Match[str], lo: int, stop: int) -> bool:
    marks = match.group("marks")
    if marks in ("...", "…") or marks.endswith("…"):
        return match.end() >= stop  # an ellipsis ends only the paragraph
    if marks != "." or match.end() >= stop:
        return True
    token = _word_before(text, match.start(), lo).lower().rstrip(".")
    if not token:
        return True
    if token in ABBREVIATIONS:
        return False
    return not (len(token) == 1 and token.isalpha())  # an initial: ``F.``


def sentence_ends(text: str, lo: int = 0, hi: int | None = None) -> Iterator[int]:
    """Where each sentence of ``text[lo:hi]`` ends (after its marks and closing quotes),
    in order, as offsets into ``text`` (no copy of the slice is made). The marks of
    the whole range are located first (a few ``str.find`` scans); each candidate end
    is then read only when the caller asks for the next one."""
    hi = len(text) if hi is None else hi
    stop = hi
    while stop > lo and text[stop - 1].isspace():
        stop -= 1
    # ``_END.finditer``'s matches, found from where the marks are: every match starts
    # with one, and ``str.find`` passes over the letters between several times faster
    # than the engine (about 10 ns a character: each is tested against the set).
    find = text.find
    marks: list[int] = []
    for mark in _MARKS:
        at = find(mark, lo, hi)
        while at != -1:
            marks.append(at)
            at = find(mark, at + 1, hi)
    if not marks:
        return
    marks.sort()
    match, pos = _END.match, lo
    for at in marks:
        if at < pos:
            continue  # inside the last match (``?!``, ``...``)
        found = match(text, at, hi)
        if found is not None:
            pos = found.end()
            if _is_end(text, found, lo, stop):
                yield pos


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, spaces around them left out."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for end in sentence_ends(text):
        bounds.append((start, end))
        start = end
    if text[start:].strip():
        bounds.append((start, len(text)))
    trimmed = []
    for a, b in bounds:
        piece = text[a:b]
        if piece.strip():
            a += len(piece) - len(piece.lstrip())
            b -= len(piece) - len(piece.rstrip())
            trimmed.append((a, b))
    return trimmed
