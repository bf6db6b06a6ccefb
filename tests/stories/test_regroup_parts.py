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
        assert order[warm][1] >= keep_from - story_regroup.WARM_DAYS  # warmed up on those days
        assert warm == 0 or order[warm - 1][1] < keep_from - story_regroup.WARM_DAYS
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
    order = [(f"a{i:03}", i // 7) for i in range(700)]  # 7 articles a day, 100 days
    cuts = story_regroup.split(order, parts)
    assert len(cuts) == parts
    assert cuts[0][0] == 0 and cuts[-1][1] == len(order) and cuts[0][2] is None
    for (_, end, _), (start, _, keep_from) in itertools.pairwise(cuts):
        assert order[end][1] == keep_from != order[end - 1][1]  # whole days
        assert order[start][1] == keep_from - story_regroup.WARM_DAYS


def _generated_library(path: Path, articles: int, per_day: int) -> None:
    """Articles of ``benchmarks/generate.py`` dumps, ``per_day`` a day (as a busy
    newsroom's intake, as ``bench_stories.py`` builds them): stories form by chance."""
    import importlib.util

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location("generate", root / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    dumps = generate.dumps(seed=11)
    n = 0
    with Library.open(path) as lib:
        while n < articles:
            name = f"gen/{n:05}.txt"
            text = "\n".join(next(dumps)[0] for _ in range(10))
            dated = []
            for article in parse_document(text, name):
                day = START + dt.timedelta(days=n // per_day)
                dated.append(dataclasses.replace(article, date=day.isoformat()))
                n += 1
            store_document(lib, name, name, name, text, dated, PARSER_VERSION, ImportReport())


@pytest.mark.parametrize("parts", [2, 3])
def test_a_regroup_in_parts_of_a_generated_library_gives_the_stories_of_one(
    tmp_path: Path, monkeypatch, parts: int
) -> None:
    """Parts placed at once, each warmed up on the weeks before it, give the grouping
    the single sequence gives, story for story (stories that cross a cut included)."""
    path = tmp_path / "generated.db"
    _generated_library(path, 2400, 60)
    monkeypatch.setattr(story_regroup, "MIN_PART", 400)
    with Library.open(path) as lib:
        assert len(story_regroup.split(_days(lib.connection), parts)) == parts
        regroup(lib, workers=1)
        one = story_ids(lib)
        regroup(lib, workers=parts)
        split = story_ids(lib)
    assert sum(1 for g in _partition(one) if len(g) > 1) > 50  # stories to get right
    assert _partition(split) == _partition(one)
    assert split == one


def test_an_article_after_the_cut_linking_two_stories_before_it_makes_them_one(
    tmp_path: Path, monkeypatch
) -> None:
    """Single link: an article of a part that links two stories of the part before
    folds them into one, in the part before's articles too (the part before put each
    in a story of its own, and the warm-up's vote used to pick one of the two)."""
    from tui.extract.stories import StoryFeatures
    from tui.store import story_features

    def plain(day: int, *terms: str) -> StoryFeatures:
        return StoryFeatures(day, tuple(sorted((t, 1) for t in terms)))

    features = {
        "a": plain(20000, "@ann", "@bob", "alpha", "beta"),
        "b": plain(20000, "@cat", "@dan", "gamma", "delta"),
        "c": plain(20002, "@ann", "@bob", "alpha", "beta", "@cat", "@dan", "gamma", "delta"),
    }
    monkeypatch.setattr(
        story_features, "features_of", lambda lib, ids: ((i, features[i]) for i in ids)
    )
    library = tmp_path / "empty.db"
    Library.open(library).close()
    days = [(key, f.day) for key, f in features.items()]

    def part(k: int, span: list[tuple[str, int]], keep_from: int | None) -> story_regroup.Part:
        return story_regroup.Part(str(library), str(tmp_path / f"p{k}.db"), span, keep_from, {}, 0)

    one = story_regroup.place_part(part(9, days, None)).stories
    assert one["a"] == one["b"] == one["c"]  # c linked the two
    parts = [part(0, days[:2], None), part(1, days, 20002)]
    _, story_of = story_regroup.join(parts, [story_regroup.place_part(p) for p in parts])
    assert story_of["a"] == story_of["b"] == story_of["c"]
