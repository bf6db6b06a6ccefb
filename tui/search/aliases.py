"""Speaker aliases across the library: ``speaker:任正非`` finds Ren Zhengfei everywhere.

An article's entities say which other names its speakers go by (``任正非``, ``Ren``,
``TSMC``), but another article about the same person may never write them. So at index
time every (alias, speaker's full name) pair an article teaches is kept as a small
document of its own in the index, under the article's key (added and deleted with the
article, so an alias is forgotten when the last article that taught it goes). At query
time the text of a ``speaker:`` term is looked up there and the full names it stands
for are searched too.

Expansion goes one way only, from what was typed to full names, and only when the typed
text is a whole alias: two people who share a short alias (``Ren``) are both found by
``speaker:ren``, but ``speaker:"ren zhengfei"`` never leads to the other one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import tantivy

from tui.model import Article, Entity
from tui.search.engine import ALIAS, SCHEMA, terms

#: At most this many full names stand for one typed alias.
MAX_NAMES = 64


@lru_cache(maxsize=65536)
def alias_key(name: str) -> str:
    """A name as the index's terms, space-separated (``任 正 非``, ``tsmc``)."""
    return " ".join(terms(name))


def entities_by_form(article: Article) -> dict[str, list[Entity]]:
    """The article's entities by each form they go by (name and aliases), in article
    order: a speaker's entities are a look-up, not a scan of every entity (an article of
    megabytes has thousands of both)."""
    found: dict[str, list[Entity]] = {}
    for entity in article.entities:
        for form in dict.fromkeys((entity.name, *entity.aliases)):
            found.setdefault(form, []).append(entity)
    return found


def alias_pairs(
    article: Article, by_form: dict[str, list[Entity]] | None = None
) -> set[tuple[str, str]]:
    """``(alias key, speaker)`` for every other name the article's entities give one of
    its quoted speakers (``by_form``: :func:`entities_by_form`, if made already)."""
    speakers = {quote.speaker for quote in article.quotes if quote.speaker}
    pairs: set[tuple[str, str]] = set()
    if not speakers:
        return pairs
    if by_form is None:
        by_form = entities_by_form(article)
    for speaker in speakers:
        own = alias_key(speaker)
        for entity in by_form.get(speaker, ()):
            for name in (entity.name, *entity.aliases):
                key = alias_key(name)
                if key and key != own:
                    pairs.add((key, speaker))
    return pairs


def names_for(searcher: Any, keys: Iterable[str], *, prefix: bool = False) -> list[str]:
    """The full speaker names known by any of ``keys`` (whole aliases as index terms;
    ``prefix``: aliases starting with the one key given)."""
    keys = list(dict.fromkeys(k for k in keys if k))
    if not keys:
        return []
    if prefix:
        found = tantivy.Query.regex_query(SCHEMA, "alias", re.escape(keys[0]) + ".*")
    else:
        found = tantivy.Query.term_set_query(SCHEMA, "alias", keys)
    query = tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Must, tantivy.Query.term_query(SCHEMA, "kind", ALIAS)),
            (tantivy.Occur.Must, found),
        ]
    )
    names: set[str] = set()
    for _score, address in searcher.search(query, 4 * MAX_NAMES, count=False).hits:
        names.update(name.decode() for name in searcher.doc(address).get_all("name"))
        if len(names) >= MAX_NAMES:
            break
    return sorted(names)
