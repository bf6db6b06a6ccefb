"""run_query over a library object: the index lives in its SQLite file and follows it."""

from __future__ import annotations

import sqlite3

from tui.search import run_query


class FakeLibrary:
    """The parts of the store's Library that search relies on (see library_state)."""

    def __init__(self, path) -> None:
        self.connection = sqlite3.connect(path)
        self.connection.execute("CREATE TABLE IF NOT EXISTS articles(id TEXT PRIMARY KEY)")
        self.articles: dict = {}
        self.starred: set[str] = set()
        self.loaded: list[str] = []

    def put(self, article) -> None:
        with self.connection:
            self.connection.execute("INSERT INTO articles VALUES (?)", (article.id,))
        self.articles[article.id] = article

    def delete(self, article_id: str) -> None:
        with self.connection:
            self.connection.execute("DELETE FROM articles WHERE id = ?", (article_id,))
        del self.articles[article_id]

    def article_ids(self) -> list[str]:
        return list(self.articles)

    def get_articles(self, ids):
        self.loaded.extend(ids)
        return [self.articles[i] for i in ids]

    def ids_with(self, field: str, value: str):
        if (field, value) == ("is", "starred"):
            return set(self.starred)
        return None if (field, value) == ("is", "unread") else set()


def test_index_follows_the_library_incrementally(tmp_path, make_article) -> None:
    library = FakeLibrary(tmp_path / "library.db")
    ferry, _ = make_article("a.txt", ["Ferry licence granted.", "The harbour board agreed."])
    bakery, _ = make_article("b.txt", ["Bread prices rise.", "Bakers blame flour."])
    library.put(ferry)
    assert [h.article_id for h in run_query(library, "licence")] == [ferry.id]
    library.put(bakery)
    assert [h.article_id for h in run_query(library, "flour")] == [bakery.id]
    assert library.loaded == [ferry.id, bakery.id]  # each article indexed once
    run_query(library, "bread")
    assert library.loaded == [ferry.id, bakery.id]  # nothing changed: no re-sync
    library.delete(ferry.id)
    assert run_query(library, "licence") == []
    # The index is in the library file: a new connection finds it without re-indexing.
    again = FakeLibrary(tmp_path / "library.db")
    again.articles = {bakery.id: bakery}
    assert [h.article_id for h in run_query(again, "bakers")] == [bakery.id]
    assert again.loaded == []


def test_state_filters_come_from_the_library(tmp_path, make_article) -> None:
    library = FakeLibrary(tmp_path / "library.db")
    ferry, _ = make_article("a.txt", ["Ferry licence granted.", "The harbour board agreed."])
    bakery, _ = make_article("b.txt", ["Bread prices rise.", "The board of bakers met."])
    library.put(ferry)
    library.put(bakery)
    library.starred = {bakery.id}
    assert [h.article_id for h in run_query(library, "board is:starred")] == [bakery.id]
    assert [h.article_id for h in run_query(library, "board !is:starred")] == [ferry.id]
    assert {h.article_id for h in run_query(library, "is:unread")} == {ferry.id, bakery.id}
    assert run_query(library, "has:note") == []


def test_queries_without_words_follow_the_library_order(tmp_path, make_article) -> None:
    library = FakeLibrary(tmp_path / "library.db")
    first, _ = make_article("a.txt", ["Ferry licence granted.", "The harbour board agreed."])
    second, _ = make_article("b.txt", ["Bread prices rise.", "The board of bakers met."])
    library.put(first)
    library.put(second)
    run_query(library, "board")  # index in this order
    library.articles = {second.id: second, first.id: first}  # the library's view order
    assert [h.article_id for h in run_query(library, "")] == [second.id, first.id]
    assert [h.article_id for h in run_query(library, "is:unread")] == [second.id, first.id]
    assert [h.article_id for h in run_query(library, "", limit=1)] == [second.id]
    hit = run_query(library, "")[0]
    assert (hit.target, hit.context) == ("title", "Bread prices rise")


def test_warm_leaves_what_lives_already_out_of_the_collectors_passes(
    tmp_path, make_article
) -> None:
    """After ``warm`` (the app's first screen), the objects alive then are frozen: a
    search's short-lived containers set the cyclic collector off, and a full pass over
    the whole process landing in one search made the pane's p95."""
    import gc

    from tui.search import warm

    library = FakeLibrary(str(tmp_path / "lib.db"))
    library.put(make_article("wire/a.txt", ["Harbour plan approved.", "The port grows."])[0])
    kept = [object()]  # a container alive before warm
    gc.unfreeze()
    assert any(x is kept for x in gc.get_objects())
    try:
        warm(library)
        assert gc.get_freeze_count() > 0
        assert not any(x is kept for x in gc.get_objects())  # out of every generation
    finally:
        gc.unfreeze()
    assert run_query(library, "harbour")[0].context == "Harbour plan approved."


def test_a_space_typed_after_a_word_gives_the_same_hits_without_searching_again(
    tmp_path, make_article, monkeypatch
) -> None:
    """``would audit `` (the space before the next word) is the search ``would audit``
    was: the pane gets the same hits, contexts worked out, without a second search. A
    commit in between (an import, another session) or a filter (triage state, read
    from the library) searches again."""
    import tui.search.index as index_module

    library = FakeLibrary(str(tmp_path / "lib.db"))
    library.put(make_article("wire/a.txt", ["Harbour plan approved.", "The port grows."])[0])
    searches: list[int] = []  # a search makes its context finders
    finder = index_module.ContextFinder

    def counting(compiled):
        searches.append(1)
        return finder(compiled)

    monkeypatch.setattr(index_module, "ContextFinder", counting)
    first = run_query(library, "harbour plan")
    first.reverse()  # the caller's list is its own
    made = len(searches)
    again = run_query(library, "harbour  plan ")
    assert len(searches) == made > 0
    assert [h.context for h in again] == ["Harbour plan approved."]
    library.put(make_article("wire/b.txt", ["Harbour plan delayed.", "Talks go on."])[0])
    assert len(run_query(library, "harbour plan ")) == 2  # a commit: searched again
    assert len(searches) == 2 * made
    library.starred.add(library.article_ids()[0])
    assert len(run_query(library, "harbour plan is:starred")) == 1
    assert len(run_query(library, "harbour plan is:starred ")) == 1
    assert len(searches) == 4 * made
