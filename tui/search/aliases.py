"""Speaker aliases across the library: ``speaker:任正非`` finds Ren Zhengfei everywhere.

An article's entities say which other names its speakers go by (``任正非``, ``Ren``,
``TSMC``), but another article about the same person may never write them. So at index
time every (alias, speaker's full name) pair an article teaches is kept in
``search_aliases`` with the article's rowid (added and dropped with the article, so an
alias is forgotten when the last article that taught it goes). At query time the text
of a ``speaker:`` term is looked up there and the full names it stands for are searched
too.

Expansion goes one way only, from what was typed to full names, and only when the typed
text is a whole alias: two people who share a short alias (``Ren``) are both found by
``speaker:ren``, but ``speaker:"ren zhengfei"`` never leads to the other one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from tui.model import Article
from tui.search.tokens import index_text

#: At most this many full names stand for one typed alias.
MAX_NAMES = 64


def alias_pairs(article: Article) -> set[tuple[str, str]]:
    """``(alias key, speaker)`` for every other name the article's entities give one of
    its quoted speakers; the key is the alias as indexed terms (``任 正 非``, ``tsmc``)."""
    speakers = {quote.speaker for quote in article.quotes if quote.speaker}
    pairs: set[tuple[str, str]] = set()
    for speaker in speakers:
        own = index_text(speaker)
        for entity in article.entities:
            if entity.name != speaker and speaker not in entity.aliases:
                continue
            for name in (entity.name, *entity.aliases):
                key = index_text(name)
                if key and key != own:
                    pairs.add((key, speaker))
    return pairs


def names_for(conn: sqlite3.Connection, keys: Iterable[str], *, prefix: bool = False) -> list[str]:
    """The full speaker names known by any of ``keys`` (whole aliases as indexed terms;
    ``prefix``: aliases starting with the one key given). An index without the table
    (an older layout opened read-only) knows no aliases."""
    keys = list(dict.fromkeys(k for k in keys if k))
    if not keys:
        return []
    try:
        if prefix:
            rows = conn.execute(
                "SELECT DISTINCT name FROM search_aliases WHERE alias >= ? AND alias < ? LIMIT ?",
                (keys[0], keys[0] + "\U0010ffff", MAX_NAMES),
            )
        else:
            marks = ",".join("?" * len(keys))
            rows = conn.execute(
                f"SELECT DISTINCT name FROM search_aliases WHERE alias IN ({marks}) LIMIT ?",
                (*keys, MAX_NAMES),
            )
        return sorted(row[0] for row in rows)
    except sqlite3.OperationalError:
        return []
