"""Trailing sections that are furniture, not body: ``Sources``, ``External links``...

Wikinews and many wikis end a story with headed lists: ``Sources`` (the articles it
was written from), ``External links``, ``Related news``, ``References``, ``See also``.
They are kept (shown collapsed with the related links) but are not the story's text:
searching, quoting and reading the body skip them. A section is its heading line (the
name alone, maybe with a colon) and everything after it to the article's end.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

#: A line in a sources or links list is no longer than this.
_MAX_ITEM = 300

_HEADING = re.compile(
    r"""(?ix)
    (?:sources?|external\ links?|related\ (?:news|stories|articles|links)|references?
      |see\ also|further\ reading|sister\ links|notes)
    [ \t]*:?
    """
)


def section_heading(text: str) -> bool:
    """Is ``text`` (one unit) the heading of a trailing furniture section?"""
    return len(text) <= 24 and _HEADING.fullmatch(text.strip("=#*[] \t")) is not None


class _HasText(Protocol):
    text: str


def section_start(units: Sequence[_HasText]) -> int:
    """Index of the first heading of the trailing sections of ``units`` (``len(units)``
    when there are none).

    The sections are the trailing run of short lines (no paragraph of prose after them,
    so a story's own text is never swallowed); a heading as the first line is no section.
    Only that trailing run is read.
    """
    start = len(units)
    i = len(units) - 1
    while i > 0:
        text = units[i].text
        if len(text) > _MAX_ITEM:
            break
        if section_heading(text):
            start = i
        i -= 1
    return start
