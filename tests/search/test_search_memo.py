"""Work remembered across keystrokes: reused while the database is unchanged, never after."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import tui.search.index as index_module
from tui.search import run_query
from tui.search.index import SearchIndex


@pytest.fixture
def counted(monkeypatch) -> dict[str, int]:
    """How often the vocabulary was consulted and an FTS5 expression ranked."""
    calls = {"compile": 0, "rank": 0}
    compile_term, rank = index_module.compile_term, SearchIndex._rank

    def counting_compile(*args, **kwargs):
        calls["compile"] += 1
        return compile_term(*args, **kwargs)

    def counting_rank(self, *args, **kwargs):
        calls["rank"] += 1
        return rank(self, *args, **kwargs)

    monkeypatch.setattr(index_module, "compile_term", counting_compile)
    monkeypatch.setattr(SearchIndex, "_rank", counting_rank)
    return calls


def _ids(hits) -> list[str]:
    return [hit.article_id for hit in hits]


def test_the_same_words_again_reuse_the_vocabulary_and_the_ranking(make_article, counted):
    index = SearchIndex(sqlite3.connect(":memory:"))
    index.add(
        make_article(f"wire/{n}.txt", [f"Harbour story {n}.", "Pilots wait."]) for n in range(3)
    )
    first = run_query(index, "harbour", limit=10)
    assert counted == {"compile": 1, "rank": 1}
    # a trailing space, then a query whose positions differ: same words, no new work
    assert run_query(index, "harbour ", limit=10) == first
    assert run_query(index, "  harbour", limit=10) == first
    assert counted == {"compile": 1, "rank": 1}
    # a second word: only that word is new, the first is not looked up again
    both = run_query(index, "harbour pilots", limit=10)
    assert counted == {"compile": 2, "rank": 2}
    assert sorted(_ids(both)) == sorted(_ids(first))
    # another limit is another ranking
    assert run_query(index, "harbour", limit=2) == first[:2]
    assert counted["rank"] == 3


def test_a_ranking_handed_out_is_a_copy(make_article):
    index = SearchIndex(sqlite3.connect(":memory:"))
    index.add(make_article(f"wire/{n}.txt", [f"Harbour story {n}."]) for n in range(3))
    expression = '(("harbour"))'
    index._memo.check()
    index._ranked(expression, 10).clear()
    assert len(index._ranked(expression, 10)) == 3


def test_an_article_added_on_this_connection_is_found_at_once(make_article, counted):
    index = SearchIndex(sqlite3.connect(":memory:"))
    index.add([make_article("wire/1.txt", ["Harbour story one."])])
    assert len(run_query(index, "harbour", limit=10)) == 1
    added, _text = make_article("wire/2.txt", ["Harbour story two."])
    index.add([added])
    hits = run_query(index, "harbour", limit=10)
    assert added.id in _ids(hits) and len(hits) == 2
    assert counted["rank"] == 2


def test_a_change_made_by_another_connection_is_seen(tmp_path: Path, make_article):
    path = tmp_path / "index.db"
    reader = SearchIndex(sqlite3.connect(path))
    reader.add([make_article("wire/1.txt", ["Harbour story one.", "Quiet day."])])
    assert len(run_query(reader, "harbour", limit=10)) == 1
    assert run_query(reader, "zebra", limit=10) == []

    writer_conn = sqlite3.connect(path)
    writer = SearchIndex(writer_conn)
    zebra, _text = make_article("wire/2.txt", ["Harbour zebra story."])
    writer.add([zebra])
    writer.remove([make_article("wire/1.txt", ["Harbour story one.", "Quiet day."])[0].id])
    writer_conn.close()

    assert _ids(run_query(reader, "harbour", limit=10)) == [zebra.id]
    assert _ids(run_query(reader, "zebra", limit=10)) == [zebra.id]
