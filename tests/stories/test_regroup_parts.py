"""A regroup on several cores: the library cut by date into parts placed at once, each
part warmed up on the days before it, stories carried across the cut."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from pathlib import Path

import pytest

from tui.extract.pipeline import parse_document
from tui.extract.version import PARSER_VERSION
from tui.store import Library, story_regroup
from tui.store.importer import store_document
from tui.store.rows import ImportReport
from tui.store.stories import _days, regroup, story_ids

from .conftest import SAMPLES, TIDAL

START = dt.date(2025, 3, 1)


def _library(path: Path) -> tuple[list[str], str]:
    """Every sample article on a day of its own, the two tidal-plant outlets on the two
    days either side of where a cut in two falls; the ids of the two."""
    parsed = []
    for file in sorted(SAMPLES.glob("*.txt")):
        text = file.read_text(encoding="utf-8")
        parsed.append((file.name, text, parse_document(text, file.name)))
    tidal = [(n, t, a) for n, t, a in parsed if n in TIDAL]
    rest = [(n, t, a) for n, t, a in parsed if n not in TIDAL]
    middle = (sum(len(a) for *_, a in rest) + 2) // 2  # split() cuts after this day
    days: dict[str, int] = {}
    i = 0
    for _, _, articles in rest:
        for article in articles:
            if i == middle:
                i += 2  # the middle two days: the two outlets
            days[article.id] = i
            i += 1
    pair = [a.id for *_, articles in tidal for a in articles[:1]]
    days.update({pair[0]: middle, pair[1]: middle + 1})
    with Library.open(path) as lib:
        for name, text, articles in [*rest, *tidal]:
            dated = [
                dataclasses.replace(a, date=(START + dt.timedelta(days[a.id])).isoformat())
                for a in articles
                if a.id in days
            ]
            store_document(lib, name, name, name, text, dated, PARSER_VERSION, ImportReport())
    return pair, str(path)


def _partition(ids: dict[str, int]) -> set[frozenset[str]]:
    groups: dict[int, set[str]] = {}
    for article, story in ids.items():
        groups.setdefault(story, set()).add(article)
    return {frozenset(g) for g in groups.values()}


def test_a_regroup_in_two_parts_gives_the_stories_of_one(tmp_path: Path, monkeypatch) -> None:
    pair, path = _library(tmp_path / "library.db")
    monkeypatch.setattr(story_regroup, "MIN_PART", 4)  # the samples are worth two parts
    with Library.open(path) as lib:
        order = _days(lib.connection)
        (_, _, none), (warm, end, keep_from) = story_regroup.split(order, 2)
        assert none is None and end == len(order)
        kept = dict(order)
        assert kept[pair[0]] < keep_from <= kept[pair[1]]  # the cut falls between them
        assert order[warm][1] >= keep_from - story_regroup.WARM_DAYS > order[warm - 1][1]
        assert regroup(lib, workers=1) == len(order)
        one = story_ids(lib)
        assert regroup(lib, workers=2) == len(order)
        two = story_ids(lib)
    assert set(two) == set(kept)  # every article placed, in one story each
    assert _partition(two) == _partition(one)
    assert two[pair[0]] == two[pair[1]]  # a story across the cut is one story
    assert two == one  # and each keeps its id


@pytest.mark.parametrize("parts", [1, 2, 3])
def test_split_cuts_between_days_and_warms_up_on_the_days_before(parts: int, monkeypatch) -> None:
    monkeypatch.setattr(story_regroup, "MIN_PART", 10)
    order = [(f"a{i:03}", i // 7) for i in range(300)]  # 7 articles a day
    cuts = story_regroup.split(order, parts)
    assert len(cuts) == parts
    assert cuts[0][0] == 0 and cuts[-1][1] == len(order) and cuts[0][2] is None
    for (_, end, _), (start, _, keep_from) in itertools.pairwise(cuts):
        assert order[end][1] == keep_from != order[end - 1][1]  # whole days
        assert order[start][1] == keep_from - story_regroup.WARM_DAYS
