"""Query AST terms -> tantivy queries, and the patterns that find the matches in text.

A free word ``w`` matches as typed (``w`` itself, or a word starting with it, 3+
letters) or, failing that, through a typo (a word one edit away, 5+ letters). Scoring,
with BM25 over every matching article (tantivy's: no window):

- per word as typed: a constant :data:`TIER`, plus its BM25 in `all` (title, body and
  quotes together, each word once), in `title` (x3) and in `quotes` (x0.5);
- per word matched only through a typo: a constant 1.

So an article with every word as typed ranks above one that needs a typo, and among
those, BM25 decides. The free words of a query are searched tier by tier
(:class:`FreeWord`, ``SearchIndex._tiers``): first with every word as typed, and only
if that under-fills the page, with one word through a typo, then two... Most queries
stop after the first tier, which needs no typo look-ups at all.

The typo neighbours that exist are looked up in the term dictionary (each one-edit
variant: a fraction of a microsecond each): they are the typo tier's query (a union of
their postings, read only where the other words match) and highlighted in the results.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import tantivy

from tui.search.engine import FIELDS_FOR, SCHEMA, SCORED_FOR, UNPOSITIONED, terms
from tui.search.query import Match, Term
from tui.search.tokens import CJK_RE

#: Free words this short match only as typed (a prefix of 1-2 letters matches too much).
PREFIX_MIN_LEN = 3
#: Words shorter than this are not typo-corrected (too many near neighbours).
TYPO_MIN_LEN = 5
#: Score of a word matched as typed (above any BM25 sum of a query's words).
TIER = 1000.0

Query = tantivy.Query


@dataclass(frozen=True, slots=True)
class CompiledTerm:
    """A term as a tantivy query (None: nothing can match) and a highlight pattern."""

    term: Term
    query: Any
    pattern: str | None
    #: Lower-case strings one of which a text must contain to match (a cheap pre-check).
    needles: tuple[str, ...] = ()
    #: A phrase to find inside one quote, as index terms (the last one a prefix if
    #: ``prefix``): ``quotes`` keeps no positions, so ``query`` matches the articles
    #: with the phrase anywhere and its words in quotes, and those are checked against
    #: their stored quotes (:meth:`tui.search.index.SearchIndex._compile`).
    quote_phrase: tuple[str, ...] | None = None
    prefix: bool = False


def _should(queries: list[Any]) -> Any:
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


def _word_pattern(word: str) -> str:
    return re.escape(word)


def _cjk_char(word: str) -> bool:
    return len(word) == 1 and CJK_RE.fullmatch(word) is not None


def _bounded(body: str, words: tuple[str, ...]) -> str:
    # Word boundaries, except around CJK characters (which are words on their own).
    left = "" if _cjk_char(words[0]) else r"(?<![^\W_])"
    right = "" if _cjk_char(words[-1]) else r"(?![^\W_])"
    return f"{left}(?:{body}){right}"


def _phrase_pattern(words: tuple[str, ...] | list[str], last_is_prefix: bool = False) -> str:
    parts = [_word_pattern(w) for w in words]
    if last_is_prefix:
        parts[-1] += r"[^\W_]*"
    return r"[\W_]*".join(parts)


def _phrase(field: str, words: list[str], prefix: bool = False) -> Any:
    if field in UNPOSITIONED and len(words) > 1:  # every word, anywhere in the field
        return Query.boolean_query(
            [
                (tantivy.Occur.Must, _phrase(field, [w], prefix and i == len(words) - 1))
                for i, w in enumerate(words)
            ]
        )
    if len(words) == 1:
        if prefix:  # a Levenshtein automaton of distance 0 on prefixes: cheap to build
            return Query.fuzzy_term_query(SCHEMA, field, words[0], 0, True, True)
        return Query.term_query(SCHEMA, field, words[0])
    phrase: list[str | tuple[int, str]] = list(words)  # tantivy also takes (position, word)
    if prefix:
        return Query.phrase_prefix_query(SCHEMA, field, phrase)
    return Query.phrase_query(SCHEMA, field, phrase)


def _scored(
    fields: tuple[str, ...],
    words: list[str],
    prefix: bool = False,
    scored: tuple[tuple[str, float], ...] | None = None,
) -> Any:
    """The words (as typed) in any of ``fields``: a constant tier plus their BM25 in the
    ``scored`` fields (field, weight); default: ``fields``, weight 1."""
    matched = _should([_phrase(f, words, prefix) for f in fields])
    bm25 = [
        _phrase(f, words) if weight == 1.0 else Query.boost_query(_phrase(f, words), weight)
        for f, weight in (scored or tuple((f, 1.0) for f in fields))
    ]
    return _should([Query.const_score_query(matched, TIER), *bm25])


def typo_neighbours(searcher: Any, fields: tuple[str, ...], word: str) -> list[str]:
    """Indexed terms one edit (insertion, deletion, substitution, swap) from ``word``.

    One look-up per variant and field (a fraction of a microsecond each)."""
    # Index terms are folded to ASCII: other characters can only be the word's own.
    digits = "0123456789" if any(ch.isdigit() for ch in word) else ""
    letters = set("abcdefghijklmnopqrstuvwxyz" + digits) | set(word)
    variants: set[str] = set()
    for i in range(len(word) + 1):
        for ch in letters:
            variants.add(word[:i] + ch + word[i:])
            if i < len(word):
                variants.add(word[:i] + ch + word[i + 1 :])
        if i < len(word):
            variants.add(word[:i] + word[i + 1 :])
        if i + 1 < len(word):
            variants.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    variants.discard(word)
    return sorted(v for v in variants if any(searcher.doc_freq(f, v) for f in fields))


def compile_term(
    term: Term, searcher: Any, full_names: list[list[str]] | None = None
) -> CompiledTerm:
    """``term`` as a query over its field(s). ``full_names``: for ``speaker:``, the full
    names its text is an alias of (searched as phrases too)."""
    fields = FIELDS_FOR[term.field]
    scored = SCORED_FOR.get(term.field)
    words = terms(term.text) or list(term.words)
    shown = term.words
    if not words:
        return CompiledTerm(term, None, None)
    single = len(words) == 1
    if term.match in (Match.FUZZY, Match.PREFIX) and single:
        word = words[0]
        prefix = term.match is Match.PREFIX or (len(word) >= PREFIX_MIN_LEN and not _cjk_char(word))
        parts = [_scored(fields, words, prefix, scored)]
        body = _word_pattern(shown[0]) + (r"[^\W_]*" if prefix else "")
        needles = [shown[0]]
        if term.match is Match.FUZZY and len(word) >= TYPO_MIN_LEN and not word.isdigit():
            fuzzy = _should([Query.fuzzy_term_query(SCHEMA, f, word, 1, True) for f in fields])
            parts.append(Query.const_score_query(fuzzy, 1.0))
            neighbours = typo_neighbours(searcher, fields, word)
            body = "|".join([body, *(_word_pattern(n) for n in neighbours)])
            needles += neighbours
        query, pattern = _should(parts), _bounded(body, shown)
    elif term.match is Match.SUFFIX and single:
        suffix = words[0]
        query = Query.const_score_query(
            _should([Query.regex_query(SCHEMA, f, ".*" + re.escape(suffix)) for f in fields]),
            TIER,
        )
        pattern = r"(?<![^\W_])[^\W_]*" + _word_pattern(shown[-1]) + r"(?![^\W_])"
        needles = [shown[-1]]
    else:  # EXACT, PHRASE, a prefix phrase, or several words typed as one
        prefix = term.match is Match.PREFIX
        query = _scored(fields, words, prefix, scored)
        pattern = _bounded(_phrase_pattern(shown, prefix), shown)
        needles = [shown[0]]
    if full_names:
        query = _should([query, *(_scored(fields, name, False, scored) for name in full_names)])
        bodies = [_bounded(_phrase_pattern(name), tuple(name)) for name in full_names]
        pattern = "|".join(f"(?:{p})" for p in [pattern, *bodies])
    if len(words) > 1 and set(fields) <= UNPOSITIONED:
        # The phrase where it has positions (`all` holds every quote's words), and
        # each word in a quote: checked against the stored quotes by the caller.
        prefix = term.match is Match.PREFIX
        anywhere = _phrase(FIELDS_FOR[None][0], words, prefix)
        query = Query.boolean_query([(tantivy.Occur.Must, query), (tantivy.Occur.Must, anywhere)])
        return CompiledTerm(term, query, pattern, tuple(needles), tuple(words), prefix)
    return CompiledTerm(term, query, pattern, tuple(needles))


#: A word typed with at most this many longer words in the index that it begins is
#: matched through those terms (read lazily, only where the other words match);
#: more, through tantivy's prefix automaton (one pass over all their postings).
EXPANSION_TERMS = 32


class FreeWord:
    """A free word of a query (no field, one word), searched tier by tier: ``typed``
    matches it as typed, ``typo()`` through a one-edit neighbour.

    ``typed`` is the clauses to AND into a query (one Must clause that matches the word
    or a word it begins and scores its BM25 in `all`, `title` and `quotes`), or None
    when no indexed word matches it as typed.
    """

    def __init__(self, term: Term, word: str, searcher: Any, neighbours: Any) -> None:
        self.term = term
        self.word = word
        self._neighbours_of = neighbours
        self._neighbours: list[str] | None = None
        (field,) = FIELDS_FOR[None]
        self.prefix = term.match is Match.PREFIX or (
            len(word) >= PREFIX_MIN_LEN and not _cjk_char(word)
        )
        self.can_typo = term.match is Match.FUZZY and len(word) >= TYPO_MIN_LEN
        self.can_typo = self.can_typo and not word.isdigit()
        exact = Query.term_query(SCHEMA, field, word)
        #: The longer words of the index it begins, when it matches them one by one
        #: (None: not a prefix, or more than :data:`EXPANSION_TERMS`).
        self.longer: tuple[str, ...] | None = None
        if self.prefix:
            found_terms = searcher.terms_with_prefix(field, word, limit=EXPANSION_TERMS + 2)
            longer = [t for t, _n in found_terms if t != word]
            found = bool(longer) or searcher.doc_freq(field, word) > 0
            if len(longer) > EXPANSION_TERMS:
                others = Query.fuzzy_term_query(SCHEMA, field, word, 0, True, True)
            else:
                others = _should([Query.term_query(SCHEMA, field, t) for t in longer])
                self.longer = tuple(longer)
            matcher = _should([exact, Query.const_score_query(others, 0.0)]) if longer else exact
        else:
            found = searcher.doc_freq(field, word) > 0
            matcher = exact
        self.typed: list[tuple[Any, Any]] | None = None
        if found:
            # One Must clause, the word's union: `title` and `quotes` hold only words
            # that `all` holds too, so its matches are the matcher's and its score the
            # same sum; tantivy scores a union of a word's postings faster than Should
            # clauses beside the Must (10-20% of the engine's time on common words).
            scorers = [matcher]
            for name, weight in SCORED_FOR[None]:
                if name != field:
                    scorers.append(Query.boost_query(Query.term_query(SCHEMA, name, word), weight))
            self.typed = [(tantivy.Occur.Must, _should(scorers))]

    def neighbours(self) -> list[str]:
        if self._neighbours is None:
            self._neighbours = self._neighbours_of(self.word) if self.can_typo else []
        return self._neighbours

    def typo(self) -> Any | None:
        """A Must clause matching the word through a typo (also matching it as typed:
        those articles were found in an earlier tier), or None (no neighbours)."""
        neighbours = self.neighbours()
        if not neighbours:
            return None
        (field,) = FIELDS_FOR[None]
        if len(neighbours) > EXPANSION_TERMS:
            found = Query.fuzzy_term_query(SCHEMA, field, self.word, 1, True)
        else:
            found = _should([Query.term_query(SCHEMA, field, t) for t in neighbours])
        return (tantivy.Occur.Must, Query.const_score_query(found, 1.0))

    def compiled(self, typos: bool) -> CompiledTerm:
        """For highlighting: the word as typed, and (``typos``) its neighbours."""
        shown = self.term.words
        body = _word_pattern(shown[0]) + (r"[^\W_]*" if self.prefix else "")
        needles = [shown[0]]
        if typos:
            neighbours = self.neighbours()
            body = "|".join([body, *(_word_pattern(n) for n in neighbours)])
            needles += neighbours
        return CompiledTerm(self.term, None, _bounded(body, shown), tuple(needles))


def free_word(term: Term, searcher: Any, neighbours: Any) -> FreeWord | None:
    """``term`` as a :class:`FreeWord` if it is one (a positive free word that the
    analyzer keeps as one word); None otherwise (compiled by :func:`compile_term`)."""
    if term.field is not None or term.negated or term.match not in (Match.FUZZY, Match.PREFIX):
        return None
    words = terms(term.text) or list(term.words)
    if len(words) != 1 or not term.words:
        return None
    return FreeWord(term, words[0], searcher, neighbours)
