"""Speaker aliases across the library: ``speaker:任正非`` finds Ren Zhengfei everywhere.

An article's entities say which other names its speakers go by (``任正非``, ``Ren``,
``TSMC``), but another article about the same person may never write them. So at index
time every (alias, speaker's full name) pair an article teaches is one term of the
article's ``alias`` field (``任 正 非<US>Ren Zhengfei``): added and deleted with the
article, so an alias is forgotten when the last article that taught it goes. At query
time the text of a ``speaker:`` term is looked up in that field's term dictionary (no
document is read; deleted articles do not count) and the full names it stands for are
searched too.

Expansion goes one way only, from what was typed to full names, and only when the typed
text is a whole alias: two people who share a short alias (``Ren``) are both found by
``speaker:ren``, but ``speaker:"ren zhengfei"`` never leads to the other one.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import tantivy

from tui.model import Article
from tui.search.engine import ALIAS_SEP, terms

#: At most this many full names stand for one typed alias.
MAX_NAMES = 64


@lru_cache(maxsize=65536)
def alias_key(name: str) -> str:
    """A name as the index's terms, space-separated (``任 正 非``, ``tsmc``)."""
    return " ".join(terms(name))


def alias_pairs(article: Article) -> set[tuple[str, str]]:
    """``(alias key, speaker)`` for every other name the article's entities give one of
    its quoted speakers, but those made only of words of the speaker's own name (``Ren``
    for Ren Zhengfei): the ``speakers`` field of every article quoting him already
    holds them (and they were most of the pairs: a term each, for nothing)."""
    speakers = {quote.speaker for quote in article.quotes if quote.speaker}
    pairs: set[tuple[str, str]] = set()
    for speaker in speakers:
        own = alias_key(speaker)
        words = set(own.split())
        for entity in article.entities:
            if entity.name != speaker and speaker not in entity.aliases:
                continue
            for name in (entity.name, *entity.aliases):
                key = alias_key(name)
                if key and key != own and not set(key.split()) <= words:
                    pairs.add((key, speaker))
    return pairs


def alias_terms(article: Article) -> list[str]:
    """The article's ``alias`` field: one term per pair of :func:`alias_pairs`."""
    return sorted(
        f"{key}{ALIAS_SEP}{name.replace(ALIAS_SEP, ' ')}" for key, name in alias_pairs(article)
    )


def names_for(searcher: Any, keys: Iterable[str], *, prefix: bool = False) -> list[str]:
    """The full speaker names known by any of ``keys`` (whole aliases as index terms;
    ``prefix``: aliases starting with the one key given)."""
    keys = list(dict.fromkeys(k for k in keys if k))
    if not keys:
        return []
    starts = [keys[0]] if prefix else [key + ALIAS_SEP for key in keys]
    alive = tantivy.Query.all_query()  # counts only articles not deleted
    names: set[str] = set()
    for start in starts:
        for term, _count in searcher.terms_with_prefix("alias", start, filter_query=alive):
            names.add(term.partition(ALIAS_SEP)[2])
        if len(names) >= MAX_NAMES:
            break
    return sorted(names)[:MAX_NAMES]
