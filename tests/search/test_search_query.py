"""The query language: each construct, error positions, and hostile input."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.search.query import AnyOf, Filter, Match, QueryError, Term, parse_query

TODAY = dt.date(2026, 11, 23)


def only(text: str) -> Term | Filter | AnyOf:
    groups = parse_query(text, today=TODAY).groups
    assert len(groups) == 1
    return groups[0]


@pytest.mark.parametrize(
    ("text", "match", "words"),
    [
        ("zhengfie", Match.FUZZY, ("zhengfie",)),
        ("'exact", Match.EXACT, ("exact",)),
        ("^pre", Match.PREFIX, ("pre",)),
        ("fix$", Match.SUFFIX, ("fix",)),
        ("^whole$", Match.EXACT, ("whole",)),
        ('"Ren Zhengfei"', Match.PHRASE, ("ren", "zhengfei")),
        ("AT&T", Match.PHRASE, ("at", "t")),
    ],
)
def test_word_modifiers(text: str, match: Match, words: tuple[str, ...]) -> None:
    term = only(text)
    assert isinstance(term, Term)
    assert (term.match, term.words, term.negated) == (match, words, False)


def test_not_is_an_exact_exclusion_like_fzf() -> None:
    term = only("!huawei")
    assert isinstance(term, Term) and term.negated and term.match is Match.EXACT


def test_side_by_side_is_and_and_bar_is_or_binding_tighter() -> None:
    groups = parse_query("ren a | b | c zhengfei").groups
    assert len(groups) == 3
    assert isinstance(groups[1], AnyOf)
    assert [t.text for t in groups[1].items] == ["a", "b", "c"]


def test_fields_and_positions() -> None:
    query = parse_query('title:"trade war" speaker:任正非 quote:license source:seeds')
    fields = [(t.field, t.match, t.start) for t in query.groups]
    assert fields == [
        ("title", Match.PHRASE, 0),
        ("speaker", Match.PHRASE, 18),
        ("quote", Match.FUZZY, 30),
        ("source", Match.FUZZY, 44),
    ]


@pytest.mark.parametrize("value", ["unread", "read", "starred", "archived", "marked", "brief"])
def test_is_values(value: str) -> None:
    assert only(f"is:{value}") == Filter("is", value, start=0, end=3 + len(value))


def test_negated_filter_and_tag() -> None:
    item = only("!has:note")
    assert isinstance(item, Filter) and item.negated and item.value == "note"
    assert only("tag:Follow-Up").value == "follow-up"


@pytest.mark.parametrize(
    ("text", "date_from", "date_to"),
    [
        ("date:>2024-01-01", "2024-01-02", None),
        ("date:>=2024-01-01", "2024-01-01", None),
        ("date:<2024-01-01", None, "2024-01-01"),
        ("date:2024-03", "2024-03-01", "2024-04-01"),
        ("date:2024", "2024-01-01", "2025-01-01"),
        ("date:<7d", "2026-11-16", None),
        ("date:>2w", None, "2026-11-09"),
    ],
)
def test_dates(text: str, date_from: str | None, date_to: str | None) -> None:
    item = only(text)
    assert isinstance(item, Filter)
    assert (item.date_from, item.date_to) == (date_from, date_to)


def test_empty_query_is_everything() -> None:
    assert parse_query("").is_empty
    assert parse_query("   ").is_empty


@pytest.mark.parametrize(
    ("text", "position", "fragment"),
    [
        ("huawei titel:x", 7, "did you mean 'title:'"),
        ('ren "zheng fei', 4, "unclosed quote"),
        ("is:starr", 3, "did you mean 'starred'"),
        ("has:notes", 4, "did you mean 'note'"),
        ("| a", 0, "needs a term before"),
        ("a |", 2, "needs a term after"),
        ("a | | b", 2, "needs a term after"),
        ("title:", 6, "needs a value"),
        ("a !", 3, "needs a value"),
        ("date:>yesterday", 6, "is not a date"),
        ("date:2024-02-30", 5, "not a real date"),
        (".*", 0, "letter or digit"),
        ('"a"b', 3, "space after a closing quote"),
    ],
)
def test_errors_point_at_the_fault(text: str, position: int, fragment: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(text)
    assert info.value.position == position
    assert fragment in info.value.message
    caret = info.value.caret().splitlines()
    assert caret[1].index("^") == position


def test_hostile_input_errors_or_parses_without_crashing() -> None:
    with pytest.raises(QueryError) as info:
        parse_query("x" * 10_000)
    assert "too long" in info.value.message
    with pytest.raises(QueryError):
        parse_query("a " * 1000)  # too many terms
    query = parse_query(r"(a+)+$ [b]* c{2,} \d")
    assert [t.words for t in query.groups] == [("a",), ("b",), ("c", "2"), ("d",)]
