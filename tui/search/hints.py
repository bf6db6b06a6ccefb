"""What a query typed in another search language means here, said once.

``a OR b`` is the habit of web and library search; in Newsdesk's language (README,
``tui.search.query``) ``OR`` is a word like any other, so ``is:starred OR has:note``
finds the articles that are both *and* contain "or": as good as none, in silence.
A query still means what the language says (a word is a word); the user is told.
"""

from __future__ import annotations

import re

_QUOTED = re.compile(r'"[^"]*"?')
_OPERATOR = re.compile(r"(?<!\S)(OR|AND|NOT)(?!\S)")
_MEANT = {"OR": "a | b for either", "AND": "a b for both", "NOT": "!a for without"}


def query_hint(query: str) -> str | None:
    """A line about an upper-case ``OR``, ``AND`` or ``NOT`` outside quotes, else None."""
    words = sorted(set(_OPERATOR.findall(_QUOTED.sub(" ", query))), key=list(_MEANT).index)
    if not words:
        return None
    one = len(words) == 1
    said = (
        f"{' and '.join(words)} {'is' if one else 'are'} searched as {'a word' if one else 'words'}"
    )
    return f"{said}; use " + ", ".join(_MEANT[word] for word in words)
