"""Query words -> the indexed terms they stand for (typos, prefixes, suffixes).

Typo tolerance is SymSpell-style: every indexed term is stored with each one-character
deletion of itself, so the words within one edit (insertion, deletion, substitution or
swap of neighbours) of a query word are found with one indexed look-up of the query
word's own deletions, then confirmed with RapidFuzz's OSA distance.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

#: Words shorter than this are not typo-corrected (too many near neighbours).
TYPO_MIN_LEN = 5
#: Vocabulary terms at most this long get deletion keys (longer ones are rare tokens).
TYPO_MAX_LEN = 24
#: At most this many terms stand for one ``prefix`` or ``suffix$`` word.
MAX_EXPANSIONS = 64


def deletions(term: str) -> set[str]:
    """``term`` with each one of its characters removed."""
    return {term[:i] + term[i + 1 :] for i in range(len(term))}


def delete_rows(terms: Iterable[str]) -> list[tuple[str, str]]:
    """Rows for ``search_deletes``: (key, term) for the term itself and its deletions."""
    rows: list[tuple[str, str]] = []
    for term in terms:
        if TYPO_MIN_LEN - 1 <= len(term) <= TYPO_MAX_LEN and not term.isdigit():
            rows.append((term, term))
            rows.extend((key, term) for key in deletions(term))
    return rows


def typo_candidates(conn: sqlite3.Connection, word: str) -> list[str]:
    """Indexed terms within one edit of ``word`` (``word`` itself excluded)."""
    if len(word) < TYPO_MIN_LEN or len(word) > TYPO_MAX_LEN or word.isdigit():
        return []
    from rapidfuzz.distance import OSA

    keys = [word, *deletions(word)]
    marks = ",".join("?" * len(keys))
    found = {
        row[0]
        for row in conn.execute(
            f"SELECT DISTINCT term FROM search_deletes WHERE key IN ({marks})", keys
        )
    }
    found.discard(word)
    return sorted(t for t in found if OSA.distance(word, t, score_cutoff=1) <= 1)


def prefix_terms(conn: sqlite3.Connection, prefix: str) -> list[str]:
    """Indexed terms starting with ``prefix``: the word itself first when it is one."""
    rows = conn.execute(
        "SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY length(term) LIMIT ?",
        (prefix, prefix + "\U0010ffff", MAX_EXPANSIONS),
    )
    return [row[0] for row in rows]


def suffix_terms(conn: sqlite3.Connection, suffix: str) -> list[str]:
    """Indexed terms ending with ``suffix``."""
    rev = suffix[::-1]
    rows = conn.execute(
        "SELECT term FROM search_terms WHERE rev >= ? AND rev < ? LIMIT ?",
        (rev, rev + "\U0010ffff", MAX_EXPANSIONS),
    )
    return [row[0] for row in rows]
