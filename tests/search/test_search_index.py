"""The index: fuzzy matching, fields, filters, ranking, context spans, incremental update."""

from __future__ import annotations

import sqlite3

import pytest

from tui.model import (
    Article,
    ArticleKind,
    Entity,
    EntityKind,
    Paragraph,
    Quote,
    QuoteKind,
    Span,
    make_article_id,
)
from tui.search import QueryError, run_query
from tui.search.index import SearchIndex


def make_article(
    source: str,
    lines: list[str],
    *,
    quotes: list[tuple[str, str]] = (),
    entities: tuple[Entity, ...] = (),
    kind: ArticleKind = ArticleKind.STORY,
    date: str | None = None,
) -> tuple[Article, str]:
    """An article whose paragraphs are ``lines``; quotes are (quoted text, speaker)."""
    text = "\n".join(lines) + "\n"
    paragraphs, at = [], 0
    for line in lines:
        paragraphs.append(Paragraph(line, Span(at, at + len(line))))
        at += len(line) + 1
    found = []
    for quoted, speaker in quotes:
        start = text.index(quoted)
        found.append(
            Quote(
                quoted,
                Span(start, start + len(quoted)),
                speaker,
                None,
                "said",
                QuoteKind.DIRECT,
                0.9,
            )
        )
    article = Article(
        id=make_article_id(text),
        source=source,
        span=Span(0, len(text) - 1),
        kind=kind,
        title=lines[0].split(".")[0],
        title_inferred=True,
        paragraphs=tuple(paragraphs),
        date=date,
        truncated=kind is ArticleKind.BRIEF,
        entities=entities,
        quotes=tuple(found),
    )
    return article, text


REN = Entity("Ren Zhengfei", EntityKind.PERSON, aliases=("任正非", "Ren", "Zhengfei"))


@pytest.fixture
def corpus() -> dict[str, tuple[Article, str]]:
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
        ("has:quote", {"ren"}),
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


def test_ranking_prefers_the_title_and_more_occurrences() -> None:
    index = SearchIndex(sqlite3.connect(":memory:"))
    once, _ = make_article("a", ["A ferry story.", "The harbour opened on Monday for visitors."])
    title, _ = make_article("b", ["Harbour strike ends.", "Workers went back on Monday."])
    index.add([once, title])
    assert [h.article_id for h in run_query(index, "harbour")] == [title.id, once.id]


def test_incremental_add_and_remove(index: SearchIndex, corpus) -> None:
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


def test_words_as_typed_rank_above_typo_neighbours() -> None:
    index = SearchIndex(sqlite3.connect(":memory:"))
    typo, _ = make_article("a", ["The board will license the terminal.", "License fees rise."])
    exact, _ = make_article("b", ["Ferry news.", "A licence was granted on Monday."])
    index.add([typo, exact])
    assert [h.article_id for h in run_query(index, "licence")] == [exact.id, typo.id]
    assert [h.article_id for h in run_query(index, "license")] == [typo.id, exact.id]
