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

from tui.search.aliases import names_for
from tui.search.query import Match, Term
from tui.search.terms import prefix_terms, suffix_terms, typo_candidates
from tui.search.tokens import CJK_RE, tokens

#: Which table and column filter a field searches. Free words: all of ``search_fts``.
FIELD_COLUMNS = {
    None: ("search_fts", ""),
    "title": ("search_fts", "{title} : "),
    "quote": ("search_fts", "{quotes} : "),
    "speaker": ("search_fts_meta", "{speakers} : "),
    "source": ("search_fts_meta", "{source} : "),
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
    table: str = "search_fts"
    #: Whether typo neighbours were added (the query is then also run without them).
    has_typos: bool = False
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


def _prefix_body(word: str, prefix: bool) -> str:
    return _word_pattern(word) + (r"[^\W_]*" if prefix else "")


def _phrase_pattern(words: tuple[str, ...], last_is_prefix: bool = False) -> str:
    parts = [_word_pattern(w) for w in words]
    if last_is_prefix:
        parts[-1] += r"[^\W_]*"
    return r"[\W_]*".join(parts)


def compile_term(conn: sqlite3.Connection, term: Term, *, typos: bool = True) -> CompiledTerm:
    """Resolve ``term`` against the vocabulary (``typos=False``: no typo neighbours).

    A ``speaker:`` term also stands for the full names its text is an alias of anywhere
    in the library (see :mod:`tui.search.aliases`).
    """
    words = term.words
    table, columns = FIELD_COLUMNS[term.field]

    def result(
        parts: list[str],
        pattern: str,
        needles: tuple[str, ...],
        alias_keys: list[str],
        *,
        alias_prefix: bool = False,
        has_typos: bool = False,
    ) -> CompiledTerm:
        if term.field == "speaker":
            parts, pattern = _with_full_names(conn, parts, pattern, alias_keys, alias_prefix)
        if not parts:
            return CompiledTerm(term, None, None, table)
        expression = f"{columns}({' OR '.join(parts)})"
        return CompiledTerm(term, expression, pattern, table, has_typos, needles)

    if term.match in (Match.FUZZY, Match.PREFIX) and len(words) == 1:
        # Prefixes are expanded through the vocabulary: FTS5's own `word*` merges the
        # position lists of every extension, which costs more than the listed terms.
        word = words[0]
        prefix = term.match is Match.PREFIX or (len(word) >= PREFIX_MIN_LEN and not _cjk_char(word))
        found = prefix_terms(conn, word) if prefix else [word]
        neighbours = typo_candidates(conn, word) if term.match is Match.FUZZY else []
        typo_terms = [t for t in neighbours if t not in found]
        if not typos:
            return result(
                [_q(t) for t in found],
                _bounded(_prefix_body(word, prefix), (word,)),
                (word,),
                [word, *found],
            )
        typos_used = typo_terms
        body = "|".join([_prefix_body(word, prefix)] + [_word_pattern(t) for t in typos_used])
        return result(
            [_q(t) for t in [*found, *typos_used]],
            _bounded(body, (word,)),
            (word, *typos_used),
            [word, *found, *typos_used],
            has_typos=bool(typos_used),
        )
    if term.match is Match.SUFFIX and len(words) == 1:
        found = suffix_terms(conn, words[0])
        body = "|".join(_word_pattern(t) for t in found)
        return result([_q(t) for t in found], _bounded(body, (words[0],)), tuple(found), found)
    phrase = " ".join(words)
    if term.match is Match.PREFIX:
        pattern = _bounded(_phrase_pattern(words, True), words)
        return result([_q(phrase) + "*"], pattern, (words[0],), [phrase], alias_prefix=True)
    # EXACT, PHRASE, or several words typed as one: the words in this order.
    pattern = _bounded(_phrase_pattern(words), words)
    return result([_q(phrase)], pattern, (words[0],), [phrase])


def _with_full_names(
    conn: sqlite3.Connection, parts: list[str], pattern: str, keys: list[str], prefix: bool
) -> tuple[list[str], str]:
    """``parts`` and ``pattern`` extended with the full names ``keys`` are aliases of:
    each name as a phrase in the speakers column, and in the speaker highlight.

    Names the term finds already (``sortel`` is an alias of Kira Sortel, whose name
    holds the word) are left out: each added phrase costs an FTS5 look-up.
    """
    typed = re.compile(pattern)
    names = [tokens(name) for name in names_for(conn, keys, prefix=prefix)]
    names = [words for words in names if words and not typed.search(" ".join(words))]
    if not names:
        return parts, pattern
    extra = [_q(" ".join(words)) for words in names]
    bodies = [_bounded(_phrase_pattern(tuple(words)), tuple(words)) for words in names]
    return (
        [*parts, *(e for e in extra if e not in parts)],
        "|".join(f"(?:{p})" for p in [pattern, *bodies]),
    )
