"""Small text cues the dump reader's rules share: sentence ends, dashes, word shapes.

All functions look at a bounded part of their input (the end or the first few hundred
characters), so a 20 MB paragraph costs no more than a short one.
"""

from __future__ import annotations

import re

#: Characters that close a sentence.
TERMINALS = frozenset(".!?…。！？．")
#: Closing quotes and brackets that may follow a sentence's final mark: `said.”`, `(sic.)`.
CLOSERS = frozenset("\"'”’»)]）」』")
#: Characters that open a list item, a pull-quote credit or a map legend line.
LEADERS = frozenset("-–—―•·*▪▫■□●○◦►▶█▌▐░▒▓→>")

_ELLIPSIS = ("…", "...")


def last_mark(text: str) -> str:
    """The last character of ``text`` that is not a closing quote/bracket or space."""
    end = len(text)
    while end > 0 and (text[end - 1] in CLOSERS or text[end - 1].isspace()):
        end -= 1
    return text[end - 1] if end else ""


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends like a finished sentence (`.`, `!`, `?`, `…`, maybe quoted)."""
    return last_mark(text) in TERMINALS


def ends_with_ellipsis(text: str) -> bool:
    stripped = text.rstrip()
    return stripped.endswith(_ELLIPSIS)


def starts_with_leader(text: str) -> bool:
    return bool(text) and text[0] in LEADERS


def word_count(text: str, limit: int = 400) -> int:
    """Words in the first ``limit`` characters (enough to tell prose from a label)."""
    return len(text[:limit].split())


_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\u3000-\u303f\uff00-\uffef"
#: A parenthetical holding only CJK text (and its punctuation): `(任正非)`, `（華為）`.
CJK_PARENTHETICAL = re.compile(rf"\s*[(（][{_CJK}\s,、，·・]*[{_CJK}][{_CJK}\s,、，·・]*[)）]")
#: The same without the spaces before it: a pattern that opens with a bracket lets the
#: regex engine skip to brackets (``\s*`` first makes it try every position).
_CJK_PAREN = re.compile(rf"[(（][{_CJK}\s,、，·・]*[{_CJK}][{_CJK}\s,、，·・]*[)）]")


def tidy(text: str) -> str:
    """Whitespace folded to single spaces, ends stripped."""
    return " ".join(text.split())


def without_cjk_parentheticals(text: str) -> str:
    """``Ren Zhengfei (任正非) said`` -> ``Ren Zhengfei said``."""
    if "(" not in text and "（" not in text:
        return text
    # ``CJK_PARENTHETICAL.sub("", text)``, several times faster: each parenthetical is
    # dropped with the whitespace before it (back to the previous one's end).
    pieces = []
    kept = 0
    for match in _CJK_PAREN.finditer(text):
        cut = match.start()
        while cut > kept and text[cut - 1].isspace():
            cut -= 1
        pieces.append(text[kept:cut])
        kept = match.end()
    if not pieces:
        return text
    pieces.append(text[kept:])
    return "".join(pieces)
