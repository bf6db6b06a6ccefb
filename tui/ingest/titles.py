"""Titles: recognising an explicit title line, and inferring one when there is none.

An **explicit title** is a short line on its own (blank line after it) that does not
end like a sentence, starts with a capital or a digit, and is neither a list item,
pull-quote credit or legend (leading dash, bullet or box character) nor a lead-in to a
list (trailing colon).

An **inferred title** is the first sentence of the first body paragraph, with
parentheticals holding only CJK text left out (the English name already stands before
them), whitespace tidied and, when long, trimmed: at the last clause boundary (comma,
dash, semicolon, colon) if that keeps most of it, else at a word boundary with ``…``.
"""

from __future__ import annotations

import re

from tui.ingest.cues import (
    last_mark,
    starts_with_leader,
    tidy,
    without_cjk_parentheticals,
)
from tui.text import sentence_ends, word_set

#: Longest line still read as a title.
MAX_TITLE_LINE = 200
#: Inferred titles are trimmed to this many characters.
MAX_TITLE = 120

#: Words a trimmed title should not end on.
_DANGLING = word_set("a an the to of in on at by for from with and or but as that its his her")
_CLAUSE = re.compile(r"\s*(?:[,;:]|\s[—–-])\s")
#: How far into a paragraph the first sentence is looked for.
_SENTENCE_WINDOW = 1000


#: An interview's turn opens with its speaker's tag (``((WN))``, ``Q:``, ``NG:``), a
#: numbered list item or footnote with its number (``1. ``, ``2) ``).
_SPEAKER_TAG = re.compile(r"\(\(|(?:[QA]|[A-Z]{2,4}|\d{1,2})[:.)][ \t]")


def is_titleish_line(text: str) -> bool:
    """A short single line that is no list item, lead-in or interview turn: a title when
    a dateline follows it, whatever it ends with (``Who won?``, ``...in the U.S.``)."""
    return (
        0 < len(text) <= MAX_TITLE_LINE
        and "\n" not in text
        and not starts_with_leader(text)
        and not text.endswith(":")
        and _SPEAKER_TAG.match(text) is None
    )


def is_title_line(text: str) -> bool:
    """Could this line (already known to stand alone) be a title?"""
    if not is_titleish_line(text):
        return False
    mark = last_mark(text)
    if mark in ".!?…;,:" or not mark:
        return False
    first = next((c for c in text if c.isalnum()), "")
    return bool(first) and not first.islower()


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (abbreviations and initials do not end one)."""
    window = text[:_SENTENCE_WINDOW]
    end = next(sentence_ends(window), len(window))
    return window[:end]


def trim_title(text: str, limit: int = MAX_TITLE) -> str:
    """``text`` tidied and cut to ``limit`` characters at a clause or word boundary."""
    text = tidy(without_cjk_parentheticals(text))
    while text and text[-1] in ".;:,":
        text = text[:-1].rstrip()
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    clauses = [m.start() for m in _CLAUSE.finditer(head)]
    if clauses and clauses[-1] >= limit * 0.6:
        return head[: clauses[-1]].rstrip(" ,;:")
    cut = head.rfind(" ")
    if cut < limit // 2:
        cut = limit
    words = head[:cut].rstrip(" ,;:—–-").split(" ")
    while len(words) > 3 and words[-1].lower() in _DANGLING:
        words.pop()
    return " ".join(words).rstrip(" ,;:—–-") + "…"


def infer_title(paragraph: str) -> str:
    """A title for an article that has none: its first sentence, trimmed."""
    return trim_title(first_sentence(paragraph)) or "(untitled)"
