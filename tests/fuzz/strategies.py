"""Text shaped like news dumps, and like what breaks parsers of them.

Plain random Unicode rarely forms a quote, a name or a title, so the strategies mix
news-like pieces (capitalised names, CJK aliases in parentheses, curly and straight
quote marks, attribution verbs, line breaks, kickers in caps) with hostile characters
(controls, escapes, bidi overrides, lone surrogates are impossible in UTF-8 text).
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

from tui.model import Paragraph, Span


def joined(pieces: list[str], max_size: int) -> st.SearchStrategy[str]:
    """Strings made of ``pieces`` (glued, or spaced), or arbitrary text."""
    parts = st.lists(st.sampled_from(pieces), max_size=max_size)
    return st.one_of(parts.map("".join), parts.map(" ".join), st.text(max_size=max_size * 5))


def line_paragraphs(text: str) -> list[Paragraph]:
    """One paragraph per non-blank line of ``text``, as the dump reader makes them."""
    return [Paragraph(m[0], Span(m.start(), m.end())) for m in _LINE.finditer(text)]


_LINE = re.compile(r"[^\n]*\S[^\n]*")

# fmt: off
PIECES = [
    "Ren Zhengfei", "Huawei", "(任正非)", "(TSMC, 台積電)", "Taiwan Semiconductor Co",
    "said", "told Reuters", "he said", "she added", "according to", "was quoted as saying",
    "“", "”", "\"", "'", "‘", "’", "«", "»", "„", ",”", ".”", "…", "—", "-",
    "TECH PARTNERSHIP:", "Photo: Reuters", "NT$1.85 trillion (US$57.93 billion)",
    "Mr.", "Dr.", "U.S.", "A Huawei executive", "the", "a", "of", "and", "in", "(", ")",
    ",", ".", ":", ";", "?", "!", " ", " ", " ", "\n", "\n\n", "\t", "\r\n",
    "\x1b[31m", "\x1b]0;x\x07", "\u202e", "\u2066", "\x00", "\x85", "\ufeff", "[b]",
]
QUERY_PIECES = [
    "huawei", "'exact", "^pre", "fix$", "!not", "|", "\"a phrase\"", "\"", "title:",
    "speaker:", "quote:", "source:", "tag:", "is:unread", "is:", "has:note", "has:",
    "date:>2024-01-01", "date:<7d", "date:", "date:>", "(", ")", "任正非", " ", "  ", ":",
    "!", "'", "^", "$", "\x1b", "\u202e", "-", "*",
]
YAML_PIECES = [
    "theme: ", "keymap:", "views:", "  - name: ", "    query: ", "  quit: ", "ctrl+q",
    "&a ", "*a", "[", "]", "{", "}", ": ", "- ", "\n", "  ", "'", '"', "!!python/object:os.system",
    "!!binary", "%YAML 1.1\n", "---\n", "...\n", "\t", "\x1b", "\x00", "\u202e", "nord", "1e9",
    "<<: *a", "? ", "|\n", ">\n", "#", "~", "null",
]
# fmt: on

CONTROLS = "".join(chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0)))

news_text = st.one_of(
    joined(PIECES, 120),
    st.text(alphabet=st.sampled_from("Aa “”\"'()，,.\n:" + CONTROLS[:4]), max_size=400),
)
queries = joined(QUERY_PIECES, 40)
yaml_text = joined(YAML_PIECES, 60)
