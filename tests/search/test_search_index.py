"""The index: fuzzy matching, fields, filters, ranking, context spans, incremental update."""

from __future__ import annotations

import sqlite3

import pytest

from tui.model import (
    Article,
    ArticleKind,
    Entity,
    EntityKind,
)
from tui.search import QueryError, run_query
from tui.search.index import SearchIndex

REN = Entity("Ren Zhengfei", EntityKind.PERSON, aliases=("任正非", "Ren", "Zhengfei"))


@pytest.fixture
def corpus(make_article) -> dict[str, tuple[Article, str]]:
    return {
        "ren": make_article(
            "wire/000.txt",
            [
                "Huawei founder Ren Zhengfei offers to license 5G technology.",
                "Photo: Staff",
                "“We are open to sharing our 5G,” Ren said on Tuesday.",
                "Analysts were divided about the offer.",
            ],
            quotes=[("“We are open to sharing our 5G,”", "Ren Zhengfei")],
            entities=(REN,),
            date="2019-09-12",
        ),
        "tsmc": make_article(
            "wire/004.txt",
            [
                "Taiwan Semiconductor Manufacturing Co reported record sales.",
                "The chipmaker said demand for phones stayed strong in the quarter.",
            ],
            date="2024-03-01",
        ),
        "brief": make_article(
            "wire/004.txt",
            ["SALES: Licensing deals grew as the harbour authority signed another contract"],
            kind=ArticleKind.BRIEF,
        ),
    }


@pytest.fixture
def index(corpus: dict[str, tuple[Article, str]]) -> SearchIndex:
    index = SearchIndex(sqlite3.connect(":memory:"))
    assert index.add(corpus.values()) == 3
    return index


def ids(index: SearchIndex, text: str, corpus: dict[str, tuple[Article, str]]) -> set[str]:
    by_id = {article.id: name for name, (article, _) in corpus.items()}
    return {by_id[hit.article_id] for hit in run_query(index, text)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zhengfie", {"ren"}),  # swapped letters
        ("licence", {"ren"}),  # British spelling: one edit from license
        ("huwaei", {"ren"}),
        ("semiconducter", {"tsmc"}),
        ("licens", {"ren", "brief"}),  # a prefix matches license and licensing
        ("'license", {"ren"}),
        ("^lic", {"ren", "brief"}),
        ("maker$", {"tsmc"}),
        ("!huawei", {"tsmc", "brief"}),
        ("huawei | chipmaker", {"ren", "tsmc"}),
        ('"record sales"', {"tsmc"}),
        ('"sales record"', set()),
        ("offer analysts", {"ren"}),  # AND across paragraphs of one article
        ("offer chipmaker", set()),
    ],
)
def test_free_words(index: SearchIndex, corpus, query: str, expected: set[str]) -> None:
    assert ids(index, query, corpus) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("speaker:任正非", {"ren"}),
        ("speaker:zhengfie", {"ren"}),
        ("speaker:analysts", set()),
        ("quote:sharing", {"ren"}),
        ("quote:analysts", set()),
        ("title:huawei", {"ren"}),
        ("title:analysts", set()),
        ("source:004", {"tsmc", "brief"}),
        ("is:brief", {"brief"}),
        ("is:truncated", {"brief"}),
        ("!is:brief", {"ren", "tsmc"}),
        ("has:quote", {"ren", "tsmc"}),  # tsmc: reported speech, `The chipmaker said …`
        ("date:>2020-01-01", {"tsmc"}),
        ("date:2019", {"ren"}),
        ("is:unread", {"ren", "tsmc", "brief"}),  # outside a library: all unread
        ("is:starred", set()),
        ("has:note", set()),
        ("chipmaker | is:brief", {"tsmc", "brief"}),
    ],
)
def test_fields_and_filters(index: SearchIndex, corpus, query: str, expected: set[str]) -> None:
    assert ids(index, query, corpus) == expected


def test_empty_query_returns_every_article_in_order(index: SearchIndex, corpus) -> None:
    hits = run_query(index, "")
    assert [h.article_id for h in hits] == [a.id for a, _ in corpus.values()]
    assert run_query(index, "", limit=2) == hits[:2]


def test_hit_context_and_highlights_index_the_source_text(index: SearchIndex, corpus) -> None:
    article, text = corpus["ren"]
    (hit,) = run_query(index, "licence 5g")
    assert hit.article_id == article.id
    assert hit.target == "paragraph"
    assert hit.context_span is not None
    assert hit.context_span.of(text) == hit.context
    assert [h.of(text) for h in hit.highlights] == ["license", "5G"]


def test_speaker_query_shows_the_quote(index: SearchIndex, corpus) -> None:
    _, text = corpus["ren"]
    (hit,) = run_query(index, "speaker:任正非 sharing")
    assert hit.target == "quote"
    assert hit.context_span.of(text) == "“We are open to sharing our 5G,”"
    assert [h.of(text) for h in hit.highlights] == ["sharing"]


def test_ranking_prefers_the_title_and_more_occurrences(make_article) -> None:
    index = SearchIndex(sqlite3.connect(":memory:"))
    once, _ = make_article("a", ["A ferry story.", "The harbour opened on Monday for visitors."])
    title, _ = make_article("b", ["Harbour strike ends.", "Workers went back on Monday."])
    index.add([once, title])
    assert [h.article_id for h in run_query(index, "harbour")] == [title.id, once.id]


def test_incremental_add_and_remove(index: SearchIndex, corpus, make_article) -> None:
    new, text = make_article("wire/009.txt", ["Ferry operators licence new routes."])
    assert index.add([(new, text)]) == 1
    assert index.add([(new, text)]) == 0  # already indexed
    assert ids_of(index, "ferry") == {new.id}
    assert index.remove([corpus["ren"][0].id]) == 1
    assert ids_of(index, "licence") == {new.id}
    assert ids_of(index, "zhengfei") == set()
    # Sync: keep only what the library holds, load what it lacks.
    added, removed = index.sync([new.id, corpus["ren"][0].id], lambda wanted: [corpus["ren"]])
    assert (added, removed) == (1, 2)
    assert ids_of(index, "") == {new.id, corpus["ren"][0].id}
    assert ids_of(index, "zhengfei") == {corpus["ren"][0].id}


def ids_of(index: SearchIndex, text: str) -> set[str]:
    return {hit.article_id for hit in run_query(index, text)}


@pytest.mark.parametrize("query", ["(a+)+$", "[b]*", "c.*d", "x{2,}", "\\d+ word?"])
def test_metacharacters_are_literal(index: SearchIndex, query: str) -> None:
    assert isinstance(run_query(index, query), list)


def test_bad_queries_raise_query_error(index: SearchIndex) -> None:
    for query in ['"unbalanced', "x" * 10_000, "nope:field"]:
        with pytest.raises(QueryError):
            run_query(index, query)


def test_index_persists_in_the_database_file(tmp_path, corpus) -> None:
    path = tmp_path / "library.db"
    with sqlite3.connect(path) as conn:
        SearchIndex(conn).add(corpus.values())
    conn.close()
    reopened = SearchIndex(sqlite3.connect(path))
    assert reopened.count() == 3
    assert {h.article_id for h in run_query(reopened, "zhengfie")} == {corpus["ren"][0].id}


def test_words_as_typed_rank_above_typo_neighbours(make_article) -> None:
    index = SearchIndex(sqlite3.connect(":memory:"))
    typo, _ = make_article("a", ["The board will license the terminal.", "License fees rise."])
    exact, _ = make_article("b", ["Ferry news.", "A licence was granted on Monday."])
    index.add([typo, exact])
    assert [h.article_id for h in run_query(index, "licence")] == [exact.id, typo.id]
    assert [h.article_id for h in run_query(index, "license")] == [typo.id, exact.id]


def test_scores_are_positive_and_follow_the_order(index: SearchIndex) -> None:
    for query in ["zhengfie", "licence", "licence | chipmaker", "5g"]:
        scores = [h.score for h in run_query(index, query)]
        assert all(s > 0 for s in scores), query
        assert scores == sorted(scores, reverse=True), query


def test_the_whole_bm25_ranking_decides_not_the_newest_matches(monkeypatch, make_article) -> None:
    import tui.search.index as index_module

    # The FTS5 index ranked only the newest RANK_WINDOW matches: the best match, indexed
    # first, fell behind newer weak ones. The engine ranks every match.
    monkeypatch.setattr(index_module, "RANK_WINDOW", 2, raising=False)
    index = SearchIndex(sqlite3.connect(":memory:"))
    best = make_article("0.txt", ["Harbour harbour harbour.", "The harbour again."])[0]
    weak = [
        make_article(f"{n}.txt", [f"Story {n} of the day.", f"Line {n} near the harbour today."])[0]
        for n in range(1, 6)
    ]
    index.add([best, *weak])
    hits = run_query(index, "harbour")
    assert hits[0].article_id == best.id
    assert {h.article_id for h in hits} == {a.id for a in [best, *weak]}
    assert [h.article_id for h in run_query(index, "harbour", limit=1)] == [best.id]
    assert len(run_query(index, "harbour !is:brief")) == 6


def test_highlights_stay_aligned_when_lowercasing_changes_length(make_article) -> None:
    # "İ".lower() is two characters: offsets must still index the original text.
    article, text = make_article(
        "t.txt", ["İSTANBUL İZMİR ferry talks.", "The İzmir harbour reopened."]
    )
    index = SearchIndex(sqlite3.connect(":memory:"))
    index.add([(article, text)])
    (hit,) = run_query(index, "harbour")
    assert [h.of(text) for h in hit.highlights] == ["harbour"]
    assert hit.context_span.of(text) == hit.context


def test_an_article_added_is_found_at_once(make_article) -> None:
    index = SearchIndex()
    index.add([make_article("wire/1.txt", ["Harbour story one."])[0]])
    assert len(run_query(index, "harbour", limit=10)) == 1
    added, _text = make_article("wire/2.txt", ["Harbour story two."])
    index.add([added])
    hits = run_query(index, "harbour", limit=10)
    assert added.id in {h.article_id for h in hits} and len(hits) == 2


def test_a_change_committed_by_another_writer_is_seen_after_reload(tmp_path, make_article):
    reader = SearchIndex(tmp_path / "index")
    one = make_article("wire/1.txt", ["Harbour story one.", "Quiet day."])[0]
    reader.add([one])
    assert len(run_query(reader, "harbour", limit=10)) == 1
    assert run_query(reader, "zebra", limit=10) == []
    writer = SearchIndex(tmp_path / "index")
    zebra, _text = make_article("wire/2.txt", ["Harbour zebra story."])
    writer.add([zebra])
    writer.remove([one.id])
    reader.reload()
    assert [h.article_id for h in run_query(reader, "harbour", limit=10)] == [zebra.id]
    assert [h.article_id for h in run_query(reader, "zebra", limit=10)] == [zebra.id]


def test_an_or_of_a_word_and_a_state_finds_each_article_once(tmp_path, make_article) -> None:
    from tests.search.test_search_library import FakeLibrary

    library = FakeLibrary(tmp_path / "library.db")
    quoted, _ = make_article(
        "a.txt",
        ["Ren Zhengfei (任正非) spoke.", "“We share,” Ren said."],
        quotes=[("“We share,”", "Ren Zhengfei")],
        entities=(REN,),
    )
    other, _ = make_article("b.txt", ["Bread prices rise.", "Bakers blame flour."])
    library.put(quoted)
    library.put(other)
    library.starred = {quoted.id}  # the article that teaches aliases (indexed beside it)
    hits = run_query(library, "flour | is:starred")
    assert sorted(h.article_id for h in hits) == sorted([quoted.id, other.id])


@pytest.fixture
def tiers(make_article) -> tuple[SearchIndex, dict[str, Article]]:
    """Articles holding "harbour strike" with no typo, one, or two (the two-typo one
    has by far the best BM25: the words as typed must still come first)."""
    made = {
        "typed": make_article("a", ["Port news.", "The harbour strike went on."]),
        "one_typo": make_article("b", ["Port news.", "The harbor strike went on."]),
        "other_typo": make_article("c", ["Port news.", "The harbour stroke went on."]),
        "two_typos": make_article(
            "d", ["Harbor stroke.", "Harbor stroke, harbor stroke.", "A harbor stroke."]
        ),
        "neither": make_article("e", ["Port news.", "Nothing happened."]),
    }
    index = SearchIndex()
    index.add(made.values())
    return index, {name: article for name, (article, _text) in made.items()}


def test_words_as_typed_come_first_then_fewer_typos(tiers) -> None:
    index, made = tiers
    names = {article.id: name for name, article in made.items()}
    hits = run_query(index, "harbour strike")
    order = [names[h.article_id] for h in hits]
    assert order[0] == "typed"
    assert set(order[1:3]) == {"one_typo", "other_typo"}
    assert order[3:] == ["two_typos"]
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)


def test_the_first_page_is_the_same_whatever_the_limit(tiers) -> None:
    # The typo tiers are read only when the words as typed under-fill the page: a
    # short page must still be the first rows of the whole ranking.
    index, _made = tiers
    every = [h.article_id for h in run_query(index, "harbour strike")]
    for limit in range(1, len(every) + 1):
        assert [h.article_id for h in run_query(index, "harbour strike", limit=limit)] == every[
            :limit
        ]


def test_a_typo_is_highlighted_in_the_hits_found_through_it(make_article) -> None:
    typed, typed_text = make_article("a", ["Port news.", "The harbour strike, harbor strike."])
    typo, typo_text = make_article("b", ["Port news.", "The harbor strike went on."])
    index = SearchIndex()
    index.add([(typed, typed_text), (typo, typo_text)])
    (first,) = run_query(index, "harbour strike", limit=1)  # no typo needed
    assert [h.of(typed_text) for h in first.highlights] == ["harbour", "strike", "strike"]
    hits = run_query(index, "harbour strike")  # the typo tier is read too
    assert [h.article_id for h in hits] == [typed.id, typo.id]
    assert hits[0] == first  # the same page, the same highlights, whatever the limit
    assert [h.of(typo_text) for h in hits[1].highlights] == ["harbor", "strike"]


class _Starred:
    def __init__(self, ids: set[str]) -> None:
        self.ids = ids

    def ids_with(self, field: str, value: str) -> set[str] | None:
        return self.ids if (field, value) == ("is", "starred") else set()


@pytest.mark.parametrize("small_set", [0, 2000])
def test_triage_filters_hold_in_every_typo_tier(tiers, monkeypatch, small_set: int) -> None:
    import tui.search.index as index_module
    from tui.search.query import parse_query

    # 0: the state filters the ranked hits (a big set); 2000: it is part of the query.
    monkeypatch.setattr(index_module, "SMALL_SET", small_set)
    index, made = tiers
    state = _Starred({made["two_typos"].id, made["neither"].id})
    hits = index.search(parse_query("harbour strike is:starred"), state=state)
    assert [h.article_id for h in hits] == [made["two_typos"].id]
    hits = index.search(parse_query("harbour strike !is:starred"), state=state, limit=2)
    assert hits[0].article_id == made["typed"].id and len(hits) == 2


def test_many_words_with_typos_are_searched_in_bounded_work(tiers, monkeypatch) -> None:
    import tui.search.index as index_module

    index, made = tiers
    calls: list[object] = []
    ranked = index_module.SearchIndex._ranked

    def counting(self, *args, **kwargs):
        calls.append(args)
        return ranked(self, *args, **kwargs)

    monkeypatch.setattr(index_module.SearchIndex, "_ranked", counting)
    words = "harbour strike " + " ".join(f"harbour{n:02d}" for n in range(30))
    assert run_query(index, words) == []  # 2**32 choices of typo words: never tried
    assert len(calls) <= index_module.MAX_TIER_QUERIES + 1
    calls.clear()
    # Past the bound, the rest of the tiers are one query, still ranked tier by tier.
    monkeypatch.setattr(index_module, "MAX_TIER_QUERIES", 1)
    hits = run_query(index, "harbour strike")
    assert len(calls) == 2
    assert hits[0].article_id == made["typed"].id
    assert hits[-1].article_id == made["two_typos"].id


def test_a_hit_shows_the_article_as_indexed_now_not_as_last_shown(make_article) -> None:
    import dataclasses

    from tui.model import Paragraph, Span

    # The units of articles shown are kept for the next queries; an article indexed
    # again under the same id (a re-parse) must not show what was kept.
    article, _text = make_article("a.txt", ["Harbour news.", "The harbour opened today."])
    index = SearchIndex()
    index.add([article])
    (hit,) = run_query(index, "harbour opened")
    assert hit.context == "The harbour opened today."
    line = "The harbour opened late, after the strike."
    reparsed = dataclasses.replace(article, paragraphs=(Paragraph(line, Span(0, len(line))),))
    index.remove([article.id])
    index.add([reparsed])
    (hit,) = run_query(index, "harbour opened")
    assert hit.context == line


def test_prepare_joined_is_prepare_of_the_joined_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """The index's fields are prepared a piece at a time (a paragraph of megabytes is
    not held joined and prepared at once): the same text as preparing them joined."""
    from tui.search import engine

    texts = ["Plain English.", "任正非說 Huawei 華為", "", "x" * 10 + "台積電" * 5]
    for piece in (4, 7, 1 << 18):
        monkeypatch.setattr(engine, "_PIECE", piece)  # small enough to cut here
        assert engine.prepare_joined(texts) == engine.prepare("\n".join(texts))
        assert engine.prepare_joined(texts, " ") == engine.prepare(" ".join(texts))
    assert engine.prepare_joined([]) == ""


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('quote:"the port"', {"port"}),
        ('quote:"sharing our"', {"ren"}),
        ("quote:^the-po", {"port"}),  # a phrase whose last word is begun
        ("quote:^port-wi", set()),
        ('quote:"port will"', set()),  # in the article, and each word quoted: not a quote
        ('quote:"will be open"', {"port"}),
        ('!quote:"the port"', {"ren", "tsmc", "brief"}),
        ('quote:"the port" | title:huawei', {"port", "ren"}),
        ('quote:"sharing our" harbour', set()),
    ],
)
def test_a_quote_phrase_is_found_inside_one_quote(make_article, corpus, query, expected) -> None:
    """`quotes` keeps no word positions (a smaller index): a phrase is checked against
    the stored quotes, and means the same as before."""
    corpus = dict(corpus)
    corpus["port"] = make_article(
        "wire/009.txt",
        [
            "The port will open next year.",
            "“We will be open,” the mayor said. “The port is ready,” she added.",
        ],
        quotes=[("“We will be open,”", "the mayor"), ("“The port is ready,”", "the mayor")],
    )
    index = SearchIndex(sqlite3.connect(":memory:"))
    index.add(corpus.values())
    assert ids(index, query, corpus) == expected


def test_prepare_joined_says_which_texts_had_cjk_to_space():
    """The document's quotes and titles are prepared from what `all` found: only those
    whose text had CJK are scanned again."""
    from tui.search import engine

    spaced: list[bool] = []
    texts = ["Plain English.", "任正非說", "Café crème", "", "TSMC (台積電)"]
    joined = engine.prepare_joined(texts, spaced=spaced)
    assert joined == engine.prepare("\n".join(texts))
    assert spaced == [False, True, False, False, True]
