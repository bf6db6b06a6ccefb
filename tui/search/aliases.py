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

import re
from collections.abc import Iterable
from typing import Any

import tantivy

from tui.model import Article, Entity
from tui.search.engine import ALIAS_SEP, LONG_TERM, terms

#: At most this many full names stand for one typed alias.
MAX_NAMES = 64


#: Entries each cache of this module keeps: an import's parse worker lives as long as
#: the import, and 65,536 names' keys and word sets were ~40 MB of it after 100,000
#: articles (most of a worker's growth); recent names are the ones that recur.
CACHE_ENTRIES = 8192

#: A word as tantivy's simple tokenizer cuts ASCII text: a run of letters and digits.
_ASCII_WORD = re.compile(r"[a-z0-9]+")
#: A name of CJK ideographs only (``任正非``): each ideograph is a term of its own, as the
#: analyzer makes it (a letter, no case, nothing to fold; :func:`tui.search.engine.prepare`).
_IDEOGRAPHS = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]+")


def alias_key(name: str) -> str:
    """A name as the index's terms, space-separated (``任 正 非``, ``tsmc``). An ASCII
    name is cut here as the analyzer would (runs of letters and digits, lower-cased,
    none of 200 characters or more): most names are, and each article brings new ones,
    so a call into the analyzer was most of the cost of an article's aliases at import."""
    return _key_words(name)[0]


#: :func:`_key_words` of the names seen lately (emptied when full: most names of an
#: import are new, and a plain dict costs a fraction of an ``lru_cache``'s miss).
_KEYS: dict[str, tuple[str, frozenset[str]]] = {}
_KEYS_MAX = CACHE_ENTRIES


def _key_words(name: str) -> tuple[str, frozenset[str]]:
    """:func:`alias_key` of ``name`` and its words."""
    found = _KEYS.get(name)
    if found is None:
        if name.isascii():
            words = _ASCII_WORD.findall(name.lower())
            if len(name) >= LONG_TERM:  # a word of it may be that long
                words = [w for w in words if len(w) < LONG_TERM]
        elif _IDEOGRAPHS.fullmatch(name):
            words = list(name)
        else:
            words = terms(name)
        if len(_KEYS) >= _KEYS_MAX:
            _KEYS.clear()
        found = _KEYS[name] = (" ".join(words), frozenset(words))
    return found


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
    article: Article,
    by_form: dict[str, list[Entity]] | None = None,
    *,
    speakers: Iterable[str] | None = None,
) -> set[tuple[str, str]]:
    """``(alias key, speaker)`` for every other name the article's entities give one of
    its quoted speakers, but those made only of words of the speaker's own name (``Ren``
    for Ren Zhengfei): the ``speakers`` field of every article quoting him already
    holds them (and they were most of the pairs: a term each, for nothing).
    ``by_form``: :func:`entities_by_form`, if made already. ``speakers``: the quoted
    speakers' names, when known apart from the quotes (a megabyte article's, gathered a
    window at a time: its quotes themselves are not kept to the end), else read from
    ``article.quotes``."""
    if speakers is None:
        speakers = {quote.speaker for quote in article.quotes if quote.speaker}
    else:
        speakers = set(speakers)
    pairs: set[tuple[str, str]] = set()
    if not speakers:
        return pairs
    if by_form is None:
        by_form = entities_by_form(article)
    for speaker in speakers:
        entities = by_form.get(speaker)
        if not entities:
            continue
        own: tuple[str, frozenset[str]] | None = None
        for entity in entities:
            for name in (entity.name, *entity.aliases):
                if name == speaker:
                    continue  # its own name: no alias
                key, its_words = _key_words(name)
                if own is None:
                    own = _key_words(speaker)
                if key and key != own[0] and not its_words <= own[1]:
                    pairs.add((key, speaker))
    return pairs


def alias_terms(
    article: Article,
    by_form: dict[str, list[Entity]] | None = None,
    *,
    speakers: Iterable[str] | None = None,
) -> list[str]:
    """The article's ``alias`` field: one term per pair of :func:`alias_pairs` (same
    arguments)."""
    return sorted(
        f"{key}{ALIAS_SEP}{name.replace(ALIAS_SEP, ' ')}"
        for key, name in alias_pairs(article, by_form, speakers=speakers)
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
