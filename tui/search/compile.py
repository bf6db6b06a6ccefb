"""Query AST -> FTS5 match expressions, and the patterns that find matches again in text.

Each :class:`~tui.search.query.Term` becomes an FTS5 expression over the indexed terms it
stands for (the word, its typo neighbours and its prefix extensions for a free word;
suffix expansions from the vocabulary for ``fix$``), restricted to the columns of its
field. The same alternatives become a regular expression (built only from escaped
terms) that locates the matched characters in a paragraph for highlighting.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from tui.search.query import Match, Term
from tui.search.terms import suffix_terms, typo_candidates
from tui.search.tokens import CJK_RE

#: Which full-text columns a field searches. Free words: title, body and quotes.
FIELD_COLUMNS = {
    None: "{title body quotes}",
    "title": "{title}",
    "quote": "{quotes}",
    "speaker": "{speakers}",
    "source": "{source}",
}
#: Free words this short match only as typed (a prefix of 1-2 letters matches too much).
PREFIX_MIN_LEN = 3


def _q(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class CompiledTerm:
    """A term resolved against the vocabulary.

    ``expression`` is the FTS5 expression (None: nothing in the index can match);
    ``pattern`` finds its matches in raw text (None: nothing to highlight).
    """

    term: Term
    expression: str | None
    pattern: str | None
    #: Lower-case strings one of which a text must contain to match (a cheap pre-check).
    needles: tuple[str, ...] = ()


def _word_pattern(word: str) -> str:
    return re.escape(word)


def _bounded(body: str, words: tuple[str, ...]) -> str:
    # Word boundaries, except around CJK characters (which are words on their own).
    first, last = words[0], words[-1]
    left = "" if _cjk_char(first) else r"(?<![^\W_])"
    right = "" if _cjk_char(last) else r"(?![^\W_])"
    return f"{left}(?:{body}){right}"


def _cjk_char(word: str) -> bool:
    return len(word) == 1 and CJK_RE.fullmatch(word) is not None


def _phrase_pattern(words: tuple[str, ...], last_is_prefix: bool = False) -> str:
    parts = [_word_pattern(w) for w in words]
    if last_is_prefix:
        parts[-1] += r"[^\W_]*"
    return r"[\W_]*".join(parts)


def compile_term(conn: sqlite3.Connection, term: Term) -> CompiledTerm:
    words = term.words
    columns = FIELD_COLUMNS[term.field]
    if term.match is Match.FUZZY and len(words) == 1:
        word = words[0]
        alternatives = [word, *typo_candidates(conn, word)]
        prefix = len(word) >= PREFIX_MIN_LEN and not _cjk_char(word)
        parts = [_q(word) + ("*" if prefix else "")] + [_q(t) for t in alternatives[1:]]
        body = "|".join(
            [_word_pattern(word) + (r"[^\W_]*" if prefix else "")]
            + [_word_pattern(t) for t in alternatives[1:]]
        )
        expression = f"{columns} : ({' OR '.join(parts)})"
        return CompiledTerm(term, expression, _bounded(body, (word,)), tuple(alternatives))
    if term.match is Match.SUFFIX and len(words) == 1:
        found = suffix_terms(conn, words[0])
        if not found:
            return CompiledTerm(term, None, None)
        body = "|".join(_word_pattern(t) for t in found)
        expression = f"{columns} : ({' OR '.join(_q(t) for t in found)})"
        return CompiledTerm(term, expression, _bounded(body, (words[0],)), tuple(found))
    if term.match is Match.PREFIX:
        expression = f"{columns} : ({_q(' '.join(words))}*)"
        pattern = _bounded(_phrase_pattern(words, True), words)
        return CompiledTerm(term, expression, pattern, (words[0],))
    # EXACT, PHRASE, or several words typed as one: the words in this order.
    expression = f"{columns} : ({_q(' '.join(words))})"
    return CompiledTerm(term, expression, _bounded(_phrase_pattern(words), words), (words[0],))
