"""Where the sentences of a paragraph begin and end, for moving and selecting by sentence.

A full stop ends a sentence only when a space and the start of a new sentence (a
capital, a digit, an opening quote or bracket, CJK) follow it, and the word before it is
not an abbreviation (``Mr.``, ``U.S.``, ``No. 3``) or an initial (``John F. Kennedy``).
Decimals (``2.3 billion``) never have a space after the point; ellipses (``…``,
``...``) trail off inside a sentence rather than end it. ``!`` and ``?`` end one when a
new sentence follows. Only regular expressions and a word list: no textual or rich.
"""

from __future__ import annotations

import re

from tui.ingest.cues import word_set

#: Words that take a full stop without ending the sentence (lower case, no final ``.``).
ABBREVIATIONS = word_set(
    """mr mrs ms dr prof st jr sr co inc corp ltd no nos vs gen gov sen rep lt col capt sgt
    jan feb mar apr jun jul aug sep sept oct nov dec mt ft fig approx est dept univ
    u.s u.k u.n u.s.a e.g i.e a.m p.m et al cf etc op ed rev hon pres messrs"""
)

#: A candidate end: the marks, any closing quotes/brackets, then space and what may
#: start a sentence (or the end of the text).
_END = re.compile(
    r"(?P<marks>\.\.\.|[.!?…。！？]+)[\"'”’»)\]]*"
    r"(?=\s+[\"'“‘«(\[]?[A-Z0-9\u3400-\u9fff]|\s*$)"
)
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_end(text: str, match: re.Match[str]) -> bool:
    marks = match.group("marks")
    if marks in ("...", "…") or marks.endswith("…"):
        return match.end() >= len(text.rstrip())  # an ellipsis ends only the paragraph
    if marks != ".":
        return True
    if match.end() >= len(text.rstrip()):
        return True
    word = _WORD_BEFORE.search(text, 0, match.start())
    if word is None:
        return True
    token = word.group(1).lower().rstrip(".")
    if token in ABBREVIATIONS:
        return False
    return not (len(token) == 1 and token.isalpha())  # an initial: ``F.``


def sentence_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, spaces around them left out."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        if _is_end(text, match):
            bounds.append((start, match.end()))
            start = match.end()
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
