"""Words as the index sees them: one tokeniser for the index, the query and highlights.

Text is split into words of letters and digits; CJK ideographs and kana are one token
each (those scripts do not separate words with spaces, so a name like 任正非 is found as
the phrase of its characters). Tokens are case-folded with diacritics removed, so
``Café``, ``CAFE`` and ``cafe`` are one term. Offsets are kept so that a match can be
highlighted in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
#: A run of letters/digits (not CJK), or a single CJK character.
WORD_RE = re.compile(rf"[^\W_{_CJK}]+|[{_CJK}]")
CJK_RE = re.compile(rf"[{_CJK}]")


@lru_cache(maxsize=200_000)
def normalize_token(token: str) -> str:
    """Case-folded, diacritics removed: the form a term is indexed under."""
    if token.isascii():
        return token.lower()
    decomposed = unicodedata.normalize("NFKD", token)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).casefold()


def tokens(text: str) -> list[str]:
    """The normalised terms of ``text``, in order."""
    if text.isascii():
        return WORD_RE.findall(text.lower())
    return [normalize_token(t) for t in WORD_RE.findall(text)]


def index_text(text: str) -> str:
    """``text`` as the space-separated terms handed to the full-text index."""
    return " ".join(tokens(text))
