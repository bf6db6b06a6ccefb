"""A word typed further narrows the last page: ``harbour plan`` after ``harbour pla``
gives the hits a search of its own would give, and ranks nothing again when the last
page is shown to be its answer (tui.search.index.SearchIndex._narrowed)."""

from __future__ import annotations

import random

import pytest

import tui.search.index as index_module
from tui.search import run_query
from tui.search.index import SearchIndex

from .test_search_library import FakeLibrary


@pytest.fixture
def ranked(monkeypatch) -> list[str]:
    """The words of each query ranked by tantivy (one entry a ranking)."""
    calls: list[str] = []
    tiers = index_module.SearchIndex._tiers

    def counting(self, searcher, words, *args, **kwargs):
        calls.append(" ".join(w.word for w in words))
        return tiers(self, searcher, words, *args, **kwargs)

    monkeypatch.setattr(index_module.SearchIndex, "_tiers", counting)
    return calls


def _fresh(tmp_path, query: str, limit: int, ranked: list[str] | None = None):
    """The hits of ``query`` from an index object that has searched nothing before (its
    ranking left out of ``ranked``)."""
    counted = list(ranked or ())
    hits = run_query(SearchIndex(tmp_path / "lib.db.search"), query, limit=limit)
    if ranked is not None:
        ranked[:] = counted
    return hits


@pytest.fixture
def harbour(tmp_path, make_article) -> FakeLibrary:
    library = FakeLibrary(str(tmp_path / "lib.db"))
    for name, lines in [
        ("a", ["Harbour planning board meets.", "The harbour planning office opens."]),
        ("b", ["Harbour planners gather.", "Harbour harbour planned."]),
        ("c", ["Harbour plannings.", "The harbour was planned."]),
        ("e", ["Harbour plans.", "Harbour plans again."]),
        (
            "d",  # no word that `pla` begins
            [
                "Harbour news.",
                "Bags, bottles, nets and ropes wash up on every beach of the long northern"
                " coast this spring, volunteers said after a long day of counting.",
            ],
        ),
    ]:
        library.put(make_article(f"wire/{name}.txt", lines)[0])
    return library


def test_a_word_typed_further_gives_the_last_page_without_ranking_again(
    tmp_path, harbour, ranked
) -> None:
    """``pla`` and ``plan`` begin the same words of the index (planning, planners,
    planned, plannings, plans) and neither is one: the same articles, the same scores."""
    first = run_query(harbour, "harbour pla", limit=3)
    hits = run_query(harbour, "harbour plan", limit=3)
    assert ranked == ["harbour pla"]
    assert hits == _fresh(tmp_path, "harbour plan", 3, ranked)  # ids, scores, contexts, highlights
    assert [h.article_id for h in hits] == [h.article_id for h in first]
    hits = run_query(harbour, "harbour plann", limit=3)  # not `plans`: ranked again
    assert ranked == ["harbour pla", "harbour plann"]
    assert hits == _fresh(tmp_path, "harbour plann", 3, ranked)


def test_a_longer_word_that_begins_fewer_words_is_ranked_again(tmp_path, harbour, ranked) -> None:
    run_query(harbour, "harbour plan", limit=4)  # a, b, c, e: every article with plan...
    hits = run_query(harbour, "harbour planne", limit=4)  # ... but b and c: planners, planned
    assert ranked == ["harbour plan", "harbour planne"]
    assert hits == _fresh(tmp_path, "harbour planne", 4, ranked)
    assert len(hits) == 2


def test_a_longer_word_that_is_a_word_of_the_index_is_ranked_again(
    tmp_path, harbour, ranked
) -> None:
    """``plans`` scores its BM25 where ``plan`` scored nothing: the order may change."""
    run_query(harbour, "harbour plan", limit=1)
    hits = run_query(harbour, "harbour plans", limit=1)
    assert ranked == ["harbour plan", "harbour plans"]
    assert hits == _fresh(tmp_path, "harbour plans", 1, ranked)


def test_a_commit_between_two_keys_ranks_again(tmp_path, harbour, make_article, ranked) -> None:
    run_query(harbour, "harbour pla", limit=3)
    harbour.put(make_article("wire/f.txt", ["Harbour harbour planning.", "Harbour planning."])[0])
    hits = run_query(harbour, "harbour plan", limit=3)
    assert ranked == ["harbour pla", "harbour plan"]
    assert hits == _fresh(tmp_path, "harbour plan", 3, ranked)


def test_queries_typed_a_key_at_a_time_give_what_a_search_of_their_own_gives(
    tmp_path, make_article, monkeypatch
) -> None:
    """Random words sharing their beginnings, in random articles; random queries of one
    to four words typed a key at a time, at several page sizes: each key's hits are
    those of the same query asked of a fresh index object."""
    rng = random.Random(16)
    stems = ["plan", "harb", "stra", "tari", "aud"]
    vocabulary = [s + tail for s in stems for tail in ("", "s", "ning", "ned", "ite", "it")]
    library = FakeLibrary(str(tmp_path / "lib.db"))
    for n in range(60):
        lines = [
            " ".join(rng.choice(vocabulary) for _ in range(rng.randrange(2, 12))).capitalize() + "."
            for _ in range(rng.randrange(1, 4))
        ]
        library.put(make_article(f"wire/{n:03}.txt", lines)[0])
    reused: list[int] = []
    narrowed = index_module.SearchIndex._narrowed

    def counting(self, *args):
        rows = narrowed(self, *args)
        reused.append(rows is not None)
        return rows

    monkeypatch.setattr(index_module.SearchIndex, "_narrowed", counting)
    for _ in range(25):
        words = [rng.choice(vocabulary) for _ in range(rng.randrange(1, 5))]
        text = " ".join(words)
        limit = rng.choice([1, 3, 10])
        for end in range(1, len(text) + 1):
            hits = run_query(library, text[:end], limit=limit)
            assert hits == _fresh(tmp_path, text[:end], limit), text[:end]
    assert any(reused) and not all(reused)  # some keys were answered from the last page


def test_a_word_that_begins_too_many_words_to_list_is_ranked_again(
    tmp_path, make_article, monkeypatch, ranked
) -> None:
    """Past EXPANSION_TERMS a word matches through tantivy's prefix automaton: which
    words it begins is not listed, so a longer word is never taken to match the same
    articles (`pla` begins plastic, which `plan` does not)."""
    import tui.search.compile as compile_module

    monkeypatch.setattr(compile_module, "EXPANSION_TERMS", 1)
    library = FakeLibrary(str(tmp_path / "lib.db"))
    for name, lines in [
        ("a", ["Harbour plastic harbour.", "Harbour harbour plastic."]),
        ("b", ["Harbour planned.", "Port news."]),
        ("c", ["Harbour planning.", "Port news."]),
    ]:
        library.put(make_article(f"wire/{name}.txt", lines)[0])
    assert len(run_query(library, "harbour pla", limit=2)) == 2
    hits = run_query(library, "harbour plan", limit=2)
    assert ranked == ["harbour pla", "harbour plan"]
    assert hits == _fresh(tmp_path, "harbour plan", 2, ranked)
