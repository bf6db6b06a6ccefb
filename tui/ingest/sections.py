"""Trailing sections that are furniture, not body: ``Sources``, ``External links``...

Wikinews and many wikis end a story with headed lists: ``Sources`` (the articles it
was written from), ``External links``, ``Related news``, ``References``, ``See also``.
They are kept (shown collapsed with the related links) but are not the story's text:
searching, quoting and reading the body skip them. A section is its heading line (the
name alone, maybe with a colon) and everything after it to the article's end.
"""

from __future__ import annotations

import re

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


def section_start(texts: list[str]) -> int:
    """Index of the first heading of the trailing sections of ``texts`` (``len(texts)``
    when there are none).

    The sections are the trailing run of short lines (no paragraph of prose after them,
    so a story's own text is never swallowed); a heading as the first line is no section.
    """
    start = len(texts)
    i = len(texts) - 1
    while i > 0 and len(texts[i]) <= _MAX_ITEM:
        if section_heading(texts[i]):
            start = i
        i -= 1
    return start
