"""Stories in the library: online placement, regrouping, ids kept, query filters, triage."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.extract import version
from tui.search import run_query
from tui.store import Library, story_features
from tui.store.stories import regroup, stories, story_ids, update_stories

from .conftest import OTHERS, TIDAL, sample


def _tidal_story(lib) -> int:
    ids = story_ids(lib)
    rows = lib.list_rows()
    tidal = {ids[r.id] for r in rows if "Nordvik" in r.title or "tidal" in r.title.lower()}
    assert len(tidal) == 1
    return tidal.pop()


def test_an_import_places_new_articles_into_existing_stories(library) -> None:
    library.import_paths([sample(TIDAL[0]), *map(sample, OTHERS)])
    update_stories(library)
    before = story_ids(library)
    library.import_paths([sample(TIDAL[1])])
    assert update_stories(library) == len(library.list_rows()) - len(before)
    after = story_ids(library)
    assert {k: after[k] for k in before} == before  # nothing already placed moved
    [story] = [s for s in stories(library) if len(s.outlets) == 2]
    assert set(story.outlets) == set(TIDAL)


def test_a_big_import_is_placed_a_batch_at_a_time(library, monkeypatch) -> None:
    """What an import added is placed in day order, a few articles' features held at a
    time (100,000 at once were most of a gigabyte); the two outlets still meet."""
    import tui.store.stories as library_stories

    library.import_paths([sample(OTHERS[0])])
    update_stories(library)
    library.import_paths([*map(sample, TIDAL), *map(sample, OTHERS[1:])])
    monkeypatch.setattr(library_stories, "PLACE_BATCH", 2)
    held: list[int] = []
    real = library_stories.features_of
    monkeypatch.setattr(
        library_stories,
        "features_of",
        lambda lib, ids, made=None: held.append(len(ids)) or real(lib, ids, made),
    )
    placed = update_stories(library)
    assert placed == len(library.list_rows()) - 1 and len(held) > 1 and max(held) <= 2
    assert set(story_ids(library)) == {r.id for r in library.list_rows()}
    [story] = [s for s in stories(library) if len(s.outlets) == 2]
    assert set(story.outlets) == set(TIDAL)


def test_placement_and_regroup_read_the_features_the_workers_made(library, monkeypatch) -> None:
    """No article is decoded again to be placed or regrouped (a 20 MB article decoded
    took hundreds of MB; a regroup of 100,000 spent most of its time reading them):
    the features made at import stay with the article."""
    library.import_paths([sample(OTHERS[0])])
    update_stories(library)  # the first grouping
    library.import_paths([*map(sample, TIDAL), *map(sample, OTHERS[1:])], jobs=1)
    monkeypatch.setattr(library, "get_articles", lambda ids: pytest.fail(f"decoded {ids}"))
    assert update_stories(library) == len(library.list_rows()) - 1
    [story] = [s for s in stories(library) if len(s.outlets) == 2]
    assert set(story.outlets) == set(TIDAL)
    before = story_ids(library)
    monkeypatch.setattr(Library, "get_articles", lambda *a: pytest.fail("decoded in regroup"))
    assert regroup(library, workers=1) == len(before)
    assert story_ids(library) == before


def test_regroup_from_scratch_keeps_story_ids(library) -> None:
    library.import_paths([*map(sample, TIDAL), *map(sample, OTHERS)])
    update_stories(library)
    before = story_ids(library)
    assert regroup(library, workers=1) == len(before)
    assert story_ids(library) == before


def test_a_parser_upgrade_re_places_articles_and_keeps_their_story(library, monkeypatch) -> None:
    library.import_paths([*map(sample, TIDAL), *map(sample, OTHERS)])
    update_stories(library)
    story = _tidal_story(library)
    monkeypatch.setattr(version, "PARSER_VERSION", version.PARSER_VERSION + 1)
    report = library.reparse_stale()
    assert report.reparsed_files == len(TIDAL) + len(OTHERS)
    assert update_stories(library) > 0
    assert _tidal_story(library) == story


def test_removed_articles_leave_their_story(library, tmp_path: Path) -> None:
    copy = tmp_path / "second.txt"
    copy.write_text(Path(sample(TIDAL[1])).read_text(encoding="utf-8"), encoding="utf-8")
    library.import_paths([sample(TIDAL[0]), str(copy)])
    update_stories(library)
    assert stories(library)
    copy.write_text("Something else entirely happened in another town today.\n", encoding="utf-8")
    library.import_paths([str(copy)])
    assert stories(library) == []


def test_query_filters_story_grouped_and_outlets(library) -> None:
    library.import_paths([*map(sample, TIDAL), *map(sample, OTHERS)])
    update_stories(library)
    story = _tidal_story(library)
    members = {i for i, s in story_ids(library).items() if s == story}

    def ids(query: str) -> set[str]:
        return {h.article_id for h in run_query(library, query, limit=1000)}

    assert ids(f"story:{story}") == members
    assert ids("is:grouped") == members
    assert ids("outlets:>1") == members
    assert ids("outlets:2") == members
    assert ids("outlets:>2") == set()
    assert ids("!is:grouped") == set(library.article_ids()) - members


def test_story_triage_is_one_undo_step(library) -> None:
    library.import_paths([*map(sample, TIDAL), *map(sample, OTHERS)])
    [story] = stories(library)
    assert library.set_flag(story.article_ids, "read") == len(story.article_ids)
    assert all(library.state(i).read for i in story.article_ids)
    assert library.undo() is not None
    assert not any(library.state(i).read for i in story.article_ids)


def test_seeds_form_one_story_without_the_briefs(library, shared_dir: Path) -> None:
    seeds = sorted(str(p) for p in (shared_dir / "seeds").glob("*.txt"))
    library.import_paths(seeds)
    grouped = [s for s in stories(library) if len(s.outlets) == 2]
    assert len(grouped) == 1
    [story] = grouped
    assert len(story.article_ids) == 2 and "Ren Zhengfei" in story.title
    briefs = [r.id for r in library.list_rows() if r.kind == "brief"]
    assert len(briefs) == 4 and not set(briefs) & set(story.article_ids)


def test_regroup_with_worker_processes_gives_the_same_stories(library, monkeypatch) -> None:
    import tui.store.stories as store_stories

    library.import_paths([*map(sample, TIDAL), *map(sample, OTHERS)])
    update_stories(library)
    before = story_ids(library)
    monkeypatch.setattr(store_stories, "_SHARE", 2)  # many small shares: the pool is used
    library.connection.execute(f"DELETE FROM {story_features.TABLE}")  # an older library
    assert regroup(library, workers=2) == len(before)
    assert story_ids(library) == before


def test_a_first_grouping_and_a_regroup_report_their_progress(library) -> None:
    library.import_paths([*map(sample, TIDAL), *map(sample, OTHERS)])
    total = library.count()
    heard: list[tuple[int, int]] = []
    assert update_stories(library, progress=lambda d, t: heard.append((d, t))) == total
    assert heard and heard[-1] == (total, total)
    heard.clear()
    regroup(library, workers=1, progress=lambda d, t: heard.append((d, t)))
    assert heard[-1] == (total, total)


def test_a_fold_reaches_the_articles_already_in_the_library() -> None:
    """Two stories placed by one import become one when a later import brings an
    article that links both: the stored articles move with their story."""
    import sqlite3

    from tui.extract.stories import StoryFeatures
    from tui.store.stories import LibraryStoryIndex, ensure_tables

    def plain(day: int, *terms: str) -> StoryFeatures:
        return StoryFeatures(day, tuple(sorted((t, 1) for t in terms)))

    conn = sqlite3.connect(":memory:")
    ensure_tables(conn)
    index = LibraryStoryIndex(conn)
    a = index.place("a", plain(20000, "@ann", "@bob", "alpha", "beta"))
    b = index.place("b", plain(20000, "@cat", "@dan", "gamma", "delta"))
    index.flush()
    assert a != b
    later = LibraryStoryIndex(conn)
    both = plain(20001, "@ann", "@bob", "alpha", "beta", "@cat", "@dan", "gamma", "delta")
    assert later.place("c", both) == a
    later.flush()
    stored = dict(conn.execute("SELECT article_id, story FROM story_members"))
    assert stored == {"a": a, "b": a, "c": a}


def test_a_story_s_first_day_in_the_library_bounds_what_joins_it() -> None:
    """The window's bound on a story counts its articles already in the library, also
    those of days the placing has not read."""
    import sqlite3

    from tui.extract.stories import StoryFeatures
    from tui.store.stories import LibraryStoryIndex, ensure_tables

    def plain(day: int, *terms: str) -> StoryFeatures:
        return StoryFeatures(day, tuple(sorted((t, 1) for t in terms)))

    conn = sqlite3.connect(":memory:")
    ensure_tables(conn)
    index = LibraryStoryIndex(conn)
    first = index.place("d0", plain(20000, "@ann", "@bob", "alpha", "beta"))
    assert index.place("d2", plain(20002, "@ann", "@bob", "alpha", "gamma")) == first
    index.flush()
    later = LibraryStoryIndex(conn)  # reads only days 20001..20007 for day 20004
    assert later.place("d4", plain(20004, "@ann", "@bob", "alpha", "gamma")) != first


def test_a_lede_phrase_of_an_article_in_the_library_corroborates_a_later_weak_link() -> None:
    """The rare word pair that makes two weakly linked articles one story is kept in the
    stored signature: the second article, placed by a later import, still finds it."""
    import sqlite3
    from dataclasses import replace

    from tui.extract.stories import StoryFeatures
    from tui.store.stories import LibraryStoryIndex, ensure_tables

    def sharing(day: int, own: str, *shared: str, phrases: tuple[int, ...] = ()) -> StoryFeatures:
        words = (*shared, *(f"{own}{n}" for n in range(10 - len(shared))))
        return StoryFeatures(day, tuple(sorted((t, 1) for t in words)), phrases=phrases)

    for phrases, together in (((8,), True), ((9,), False)):
        conn = sqlite3.connect(":memory:")
        ensure_tables(conn)
        index = LibraryStoryIndex(conn)
        for n in range(60):  # a history: the burst weighting and the phrase count apply
            index.place(f"year{n}", sharing(19800 + n, f"year{n}_", f"other{n % 7}"))
        a = index.place("a", sharing(20000, "a", "alpha", "beta", phrases=(8,)))
        index.flush()
        later = LibraryStoryIndex(conn)
        b = sharing(20001, "b", "alpha", "beta")
        assert (later.place("b", replace(b, phrases=phrases)) == a) is together
