"""A free word is one Must clause (the union of its `all`, `title` and `quotes`
postings, faster for tantivy to score): the same matches and the same BM25 sum as the
Must clause with Should clauses beside it that it replaced."""

from __future__ import annotations

import tantivy

from tui.search import run_query
from tui.search.compile import FreeWord
from tui.search.engine import SCHEMA
from tui.search.index import SearchIndex
from tui.search.query import parse_query

Q, Occur = tantivy.Query, tantivy.Occur


def test_a_free_word_scores_as_the_must_and_should_clauses_did(make_article):
    index = SearchIndex()
    index.add(
        [
            make_article("wire/a.txt", ["Harbour plan approved.", "The port grows."]),
            make_article(
                "wire/b.txt",
                ["Council meets.", 'The mayor said "the harbour will grow" today.'],
                quotes=[("the harbour will grow", "The mayor")],
            ),
            make_article("wire/c.txt", ["Budget talks.", "A harbours report and a harbour."]),
            make_article("wire/d.txt", ["Nothing here.", "Only the port."]),
        ]
    )
    searcher = index.index.searcher()
    (term,) = parse_query("harbour").groups
    word = FreeWord(term, "harbour", searcher, lambda _w: [])
    assert word.typed is not None and len(word.typed) == 1
    longer = Q.const_score_query(Q.term_query(SCHEMA, "all", "harbours"), 0.0)
    matcher = Q.boolean_query(
        [(Occur.Should, Q.term_query(SCHEMA, "all", "harbour")), (Occur.Should, longer)]
    )
    before = Q.boolean_query(
        [
            (Occur.Must, matcher),
            (Occur.Should, Q.boost_query(Q.term_query(SCHEMA, "title", "harbour"), 3.0)),
            (Occur.Should, Q.boost_query(Q.term_query(SCHEMA, "quotes", "harbour"), 0.5)),
        ]
    )
    then = searcher.search(before, 10, count=False).hits
    now = searcher.search(Q.boolean_query(word.typed), 10, count=False).hits
    assert [a for _s, a in now] == [a for _s, a in then] and len(now) == 3
    for (score, _a), (expected, _b) in zip(now, then, strict=True):
        assert abs(score - expected) <= 1e-5 * expected
    hits = run_query(index, "harbour")
    assert [round(h.score - 1000, 3) for h in hits] == [round(s, 3) for s, _a in then]
