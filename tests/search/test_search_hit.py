"""Hits: immutable values, whose context is worked out when first read."""

from __future__ import annotations

import dataclasses
import pickle
import sqlite3
import threading

import pytest

from tui.model import Span
from tui.search import Hit, locate, run_query
from tui.search.index import SearchIndex


def test_a_hit_is_an_immutable_value():
    hit = Hit("a1", 2.5, "Ren said so.", Span(10, 22), (Span(10, 13),), "paragraph")
    same = Hit("a1", 2.5, "Ren said so.", Span(10, 22), (Span(10, 13),), "paragraph")
    assert hit == same and hash(hit) == hash(same)
    assert hit != Hit("a1", 2.5, "Ren said so.", Span(10, 22), (), "paragraph")
    assert (hit.article_id, hit.context, hit.context_span, hit.target) == (
        "a1",
        "Ren said so.",
        Span(10, 22),
        "paragraph",
    )
    assert "context='Ren said so.'" in repr(hit)
    with pytest.raises(dataclasses.FrozenInstanceError):
        hit.score = 3.0  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(hit)) == hit


def test_a_deferred_hit_works_out_its_context_once_when_first_read():
    calls = []

    def find():
        calls.append(1)
        return "Ren said so.", Span(10, 22), (Span(10, 13),), "paragraph"

    hit = Hit.deferred("a1", 2.5, find)
    assert hit.article_id == "a1" and hit.score == 2.5
    assert calls == []
    assert hit.highlights == (Span(10, 13),)
    assert hit.context == "Ren said so." and hit.target == "paragraph"
    assert calls == [1]
    assert hit == Hit("a1", 2.5, "Ren said so.", Span(10, 22), (Span(10, 13),), "paragraph")


def test_contexts_are_read_after_the_connection_is_gone_and_in_another_thread(make_article):
    article, text = make_article(
        "wire/001.txt",
        ["The harbour authority signed a contract.", "Ren Zhengfei visited the harbour."],
    )
    conn = sqlite3.connect(":memory:")
    index = SearchIndex(conn)
    index.add([(article, text)])
    first = run_query(index, "harbuor", limit=10)
    located = run_query(index, "harbuor", limit=10)
    locate(located)
    conn.close()  # nothing below may need the database
    seen = []
    reader = threading.Thread(target=lambda: seen.extend((h.context, h.highlights) for h in first))
    reader.start()
    reader.join()
    at = text.index("harbour")  # the first paragraph wins the tie: earlier first
    assert seen == [("The harbour authority signed a contract.", (Span(at, at + 7),))]
    assert first == located


def test_hits_past_the_prefetch_read_their_rows_when_asked(make_article, monkeypatch):
    import tui.search.index as index_module

    conn = sqlite3.connect(":memory:")
    index = SearchIndex(conn)
    index.add(
        make_article(f"wire/{n:03}.txt", [f"Story {n} about the harbour.", f"Harbour {n} again."])
        for n in range(7)
    )
    prefetched = run_query(index, "harbour", limit=10)
    locate(prefetched)
    monkeypatch.setattr(index_module, "PREFETCH_HITS", 2)
    later = run_query(index, "harbour", limit=10)
    assert len(later) == 7
    assert [h.context for h in reversed(later)] == [h.context for h in reversed(prefetched)]
    assert later == prefetched
    assert all("arbour" in h.context for h in later)


def test_a_query_reads_the_text_of_a_first_page_of_hits_only(make_article, monkeypatch):
    import tui.search.index as index_module

    index = SearchIndex()
    count = index_module.PREFETCH_HITS + 10
    index.add(make_article(f"wire/{n:03}.txt", [f"Harbour story {n}."]) for n in range(count))
    reads: list[int] = []  # one entry per stored document read
    stored_units = index_module._stored_units

    def counting(searcher, address):
        reads.append(1)
        return stored_units(searcher, address)

    monkeypatch.setattr(index_module, "_stored_units", counting)
    hits = run_query(index, "harbour", limit=count)
    assert len(hits) == count and len(reads) == index_module.PREFETCH_HITS
    reads.clear()
    # the rest: read when first asked for, one by one
    assert "Harbour story" in hits[index_module.PREFETCH_HITS].context
    assert "Harbour story" in hits[-1].context
    assert len(reads) == 2


def test_the_units_kept_between_queries_let_the_oldest_go_one_at_a_time(make_article, monkeypatch):
    """Articles shown lately are kept unpacked (typing shows them again at every key).
    Past the limit the oldest goes, not all of them at once: emptying the whole cache
    cost the query that did it ~10 ms at the search pane's 1,000 articles, and the
    next queries unpacked again what they had just shown."""
    import tui.search.index as index_module

    monkeypatch.setattr(index_module, "KEPT_ARTICLES", 3)
    index = SearchIndex()
    index.add(make_article(f"wire/{n:03}.txt", [f"Harbour story {n}."]) for n in range(5))
    unpacked: list[str] = []
    unpack_units = index_module.unpack_units

    def counting(layout, text):
        unpacked.append(text)
        return unpack_units(layout, text)

    monkeypatch.setattr(index_module, "unpack_units", counting)
    for n in range(5):  # one article a query: 0, 1, 2, 3, 4
        locate(run_query(index, f"'story '{n}", limit=1))
    assert len(unpacked) == 5 and len(index._units) == 3
    unpacked.clear()
    for n in (2, 3, 4):  # the last three shown: still kept
        locate(run_query(index, f"'story '{n}", limit=1))
    assert unpacked == []
    locate(run_query(index, "'story '0", limit=1))  # gone first: unpacked again
    assert len(unpacked) == 1 and "story 0" in unpacked[0]


def test_articles_shown_by_the_last_query_are_not_read_again(make_article, monkeypatch):
    """Typing a query shows mostly the same articles at every key: those kept from the
    last page are neither read from the index nor unpacked again."""
    import tui.search.index as index_module

    index = SearchIndex()
    index.add(make_article(f"wire/{n:03}.txt", [f"Harbour strike story {n}."]) for n in range(12))
    reads: list[int] = []
    stored_units = index_module._stored_units

    def counting(searcher, address):
        reads.append(1)
        return stored_units(searcher, address)

    monkeypatch.setattr(index_module, "_stored_units", counting)
    first = run_query(index, "harbour stri", limit=20)
    locate(first)
    assert len(reads) == 12
    reads.clear()
    later = run_query(index, "harbour strike", limit=20)
    locate(later)
    assert reads == []
    assert [h.context for h in later] == [h.context for h in first]
    assert all("strike" in h.context for h in later)
