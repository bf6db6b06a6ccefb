"""The story screen in the reader (Pilot): outlets compared, story triage as one undo step."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from rich.text import Text

from tests.app.helpers import library_state, make_app, press, screen_text, settle
from tui.app.screens.story import StoryScreen
from tui.search.story_rows import position_of

from .conftest import TIDAL, story_library

#: The outlets as the story screen names them: as the list does, a file without ".txt".
LABELS = tuple(name.removesuffix(".txt") for name in TIDAL)


@asynccontextmanager
async def _story_screen(tmp_path: Path, size: tuple[int, int]) -> AsyncIterator[tuple]:
    """The app on the story library, its story screen open: (pilot, library, ids)."""
    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=size) as pilot:
        await _open_story(pilot, ids[0])
        assert isinstance(app.screen, StoryScreen)
        yield pilot, path, ids


async def _open_story(pilot, article_id: str) -> None:
    app = pilot.app
    await settle(pilot)
    # The Inbox groups by story: the article may be folded into its story's row.
    app.reader.article_list.cursor = position_of(app.reader.article_list.rows, article_id)
    await press(pilot, "C")


async def test_story_screen_compares_the_outlets_and_enter_jumps(tmp_path: Path) -> None:
    async with _story_screen(tmp_path, (160, 48)) as (pilot, _path, ids):
        app = pilot.app
        assert isinstance(app.screen, StoryScreen)
        text = screen_text(app)
        assert all(name in text for name in LABELS)
        assert "Quoted by several outlets" in text and "Ingrid Solheim" in text
        screen = app.screen
        # The first quote line of the other outlet: Enter opens that article there.
        target = next(
            (oid, jump)
            for oid, jump in screen.targets.items()
            if jump.article_id == ids[1] and jump.offset
        )
        options = screen.query_one("#story-lines")
        options.highlighted = options.get_option_index(target[0])
        await press(pilot, "enter")
        assert not isinstance(app.screen, StoryScreen)
        assert app.reader.current_article is not None and app.reader.current_article.id == ids[1]


async def test_story_triage_applies_to_every_article_and_undoes_in_one_step(tmp_path: Path) -> None:
    async with _story_screen(tmp_path, (160, 48)) as (pilot, path, ids):
        await press(pilot, "s")
        assert all(library_state(path, i).starred for i in ids)
        await press(pilot, "escape", "u")
        assert not any(library_state(path, i).starred for i in ids)


@pytest.mark.parametrize(("key", "flag"), [("r", "read"), ("a", "archived"), ("m", "marked")])
async def test_each_triage_key_of_the_story_screen_and_u_there(
    tmp_path: Path, key: str, flag: str
) -> None:
    """r, a and m change every article of the story; u on the story screen undoes the
    step for all of them (no need to close it first)."""
    async with _story_screen(tmp_path, (80, 24)) as (pilot, path, ids):
        app = pilot.app
        await press(pilot, key)
        assert all(getattr(library_state(path, i), flag) for i in ids)
        await press(pilot, "u")
        assert isinstance(app.screen, StoryScreen)
        assert not any(getattr(library_state(path, i), flag) for i in ids)


async def test_t_tags_every_article_of_the_story_as_one_undo_step(tmp_path: Path) -> None:
    async with _story_screen(tmp_path, (160, 48)) as (pilot, path, ids):
        app = pilot.app
        await press(pilot, "t")
        assert "the story's 2 articles" in screen_text(app)
        await pilot.press(*"tidal")
        await press(pilot, "enter")
        assert isinstance(app.screen, StoryScreen)
        assert all("tidal" in library_state(path, i).tags for i in ids)
        await press(pilot, "u")
        assert not any(library_state(path, i).tags for i in ids)


async def test_a_wide_screen_puts_each_outlets_quotes_in_a_column_enter_opens_the_chosen(
    tmp_path: Path,
) -> None:
    async with _story_screen(tmp_path, (160, 48)) as (pilot, _path, _ids):
        app = pilot.app
        screen = app.screen
        assert screen.side_rows
        # Both outlets' names head the columns on one line of the screen.
        assert any(all(name in line for name in LABELS) for line in screen_text(app).splitlines())
        option_id, row = next((oid, row) for oid, row in screen.side_rows.items() if all(row.cells))
        options = screen.query_one("#story-lines")
        options.highlighted = options.get_option_index(option_id)
        second = f"▸ {screen.headers['h0'].cells[1].outlet}"
        assert second not in screen_text(app)
        await press(pilot, "right")
        # The chosen column is marked over it (not by underline alone: NO_COLOR).
        assert second in screen_text(app)
        await press(pilot, "enter")
        assert not isinstance(app.screen, StoryScreen)
        opened = app.reader.current_article
        assert opened is not None and opened.id == row.cells[1].article


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
async def test_the_story_screen_covers_the_terminal_with_a_clean_edge(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    """At 95% x 90% the main screen showed through around the story (at 80x24 two
    columns of cut rows and three lines); its key hints lost ``esc closes`` at 80."""
    async with _story_screen(tmp_path, size) as (pilot, _path, _ids):
        lines = screen_text(pilot.app).splitlines()
        assert len(lines) == size[1]
        assert lines[0].startswith("╭") and lines[0].endswith("╮"), lines[0]
        assert lines[-1].startswith("╰") and lines[-1].endswith("╯"), lines[-1]
        assert all(line[0] == line[-1] == "│" for line in lines[1:-1]), lines
        assert "? keys · esc closes ─╯" in lines[-1]


async def test_a_narrow_screen_lists_the_quotes_under_their_outlet_and_shows_the_keys(
    tmp_path: Path,
) -> None:
    async with _story_screen(tmp_path, (76, 24)) as (pilot, _path, _ids):
        # The key hints fit at 76 columns; no outlet columns there.
        assert "u undoes · ? keys · esc closes" in screen_text(pilot.app)
        screen = pilot.app.screen
        assert not screen.side_rows
        # Each outlet's name once under the speaker, not before every quote.
        lines = [
            str(o.prompt) if isinstance(o.prompt, Text) else "quote" for o in screen.options(72)
        ]
        at = lines.index("Ingrid Solheim")
        end = next(i for i in range(at + 1, len(lines)) if not lines[i].startswith(("  ", "q")))
        section = lines[at + 1 : end]
        assert sorted(line.strip() for line in section if line != "quote") == sorted(LABELS)
        assert section.count("quote") >= 2


async def test_an_article_alone_has_no_story_screen(tmp_path: Path) -> None:
    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        alone = next(row.id for row in app.reader.article_list.rows if row.id not in ids)
        await _open_story(pilot, alone)
        assert not isinstance(app.screen, StoryScreen)


def test_outlets_are_named_as_the_list_names_them_unless_two_would_read_the_same() -> None:
    from tui.app.screens.story import outlet_labels

    assert outlet_labels(["000_f4fe.txt", "reuters.com", "004_945f.txt"]) == {
        "000_f4fe.txt": "000_f4fe",
        "reuters.com": "reuters.com",
        "004_945f.txt": "004_945f",
    }
    assert outlet_labels(["wire.txt", "wire.csv", "other.txt"]) == {
        "wire.txt": "wire.txt",
        "wire.csv": "wire.csv",
        "other.txt": "other",
    }


async def test_a_story_of_one_outlet_compares_its_articles_with_each_other(
    tmp_path: Path,
) -> None:
    """Two reports from one site (a CSV of one host): the screen says so and compares
    the two articles, named by outlet and date, instead of showing nothing."""
    import csv

    from tui.store import Library
    from tui.store.stories import stories

    from .conftest import OTHERS, sample

    path = tmp_path / "one_site.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["url", "date", "title", "text"])
        for n, name in enumerate(TIDAL, 2):
            lines = Path(sample(name)).read_text(encoding="utf-8").splitlines()
            url = f"https://www.harbourpost.example/{n}"
            writer.writerow([url, f"2026-03-0{n}", lines[0], "\n".join(lines[1:])])
    db = tmp_path / "lib.db"
    with Library.open(db) as lib:
        lib.import_paths([str(path), *map(sample, OTHERS)])
        [story] = stories(lib)
    app = make_app(db)
    async with app.run_test(size=(160, 48)) as pilot:
        await _open_story(pilot, story.article_ids[0])
        text = screen_text(app)
        assert "2 articles from harbourpost.example alone" in text
        assert "harbourpost.example 2026-03-02" in text and "2026-03-03" in text
        assert "Only in one article" in text and "outlets" not in text.split("Story", 1)[1]


def test_one_outlets_articles_are_named_by_date_else_by_place() -> None:
    from types import SimpleNamespace

    from tui.app.screens.story import article_labels

    def art(i: str, date: str | None):
        return SimpleNamespace(id=i, date=date)

    dated = [art("a", "2019-10-13"), art("b", "2019-10-14")]
    assert article_labels("wikinews.org", dated) == {
        "a": "wikinews.org 2019-10-13",
        "b": "wikinews.org 2019-10-14",
    }
    same_day = [art("a", "2019-10-13"), art("b", "2019-10-13"), art("c", None)]
    assert article_labels("x", same_day) == {"a": "x #1", "b": "x #2", "c": "x #3"}


async def test_j_k_g_and_G_move_as_on_the_main_screen(tmp_path: Path) -> None:
    async with _story_screen(tmp_path, (80, 24)) as (pilot, _path, _ids):
        options = pilot.app.screen.query_one("#story-lines")
        first = options.highlighted
        await press(pilot, "j")
        second = options.highlighted
        assert second is not None and first is not None and second > first
        await press(pilot, "k")
        assert options.highlighted == first
        await press(pilot, "G")
        assert options.highlighted == options.option_count - 1
        await press(pilot, "g")
        assert options.highlighted == first


@pytest.mark.parametrize(
    ("size", "same", "differ"),
    # 76 columns: too narrow for two outlet columns (80, the whole width, just fits them).
    [((160, 48), "= ", "≠ "), ((76, 24), "same words", "worded differently")],
)
async def test_quotes_both_outlets_give_are_aligned_and_a_different_wording_flagged(
    tmp_path: Path, size: tuple[int, int], same: str, differ: str
) -> None:
    """Two outlets quoting the mayor: the same words on one row (=), the same quote
    worded differently flagged (≠); one under the other, labelled, when narrow."""
    from tui.store import Library
    from tui.store.stories import stories

    from .conftest import OTHERS, sample
    from .test_story_lines import BERG_A, BERG_B

    (tmp_path / "a.txt").write_text(BERG_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BERG_B, encoding="utf-8")
    db = tmp_path / "lib.db"
    with Library.open(db) as lib:
        lib.import_paths([str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), *map(sample, OTHERS)])
        [story] = stories(lib)
    app = make_app(db)
    async with app.run_test(size=size) as pilot:
        await _open_story(pilot, story.article_ids[0])
        lines = screen_text(app).splitlines()
        halves = next(line for line in lines if "two halves" in line)
        pay = next(line for line in lines if "pay for it" in line)
        if size[0] > 100:  # both outlets' words on one row, flagged in the gutter
            assert same in halves and halves.count("two halves") == 2
            assert differ in pay and "within ten" in pay and "inside ten" in pay
        else:
            text = "\n".join(lines)
            assert text.index(same) < text.index("two halves")
            assert text.index(differ) < text.index("pay for it")


async def test_the_outlet_columns_follow_a_resize_and_the_cursor_stays_on_its_quote(
    tmp_path: Path,
) -> None:
    """Wide: a speaker's outlets in columns; made narrow, one under the other (no
    squeezed columns); wide again, columns. The highlighted quote stays highlighted."""
    async with _story_screen(tmp_path, (200, 50)) as (pilot, _path, _ids):
        screen = pilot.app.screen
        options = screen.query_one("#story-lines")
        assert screen.side_rows
        option_id, row = next(iter(screen.side_rows.items()))
        options.highlighted = options.get_option_index(option_id)
        quote = next(q for q in row.cells if q is not None)
        await pilot.resize_terminal(76, 24)  # (80 columns fit two outlets' columns)
        await settle(pilot)
        assert not screen.side_rows
        lines = screen_text(pilot.app).splitlines()
        assert not any(all(name in line for name in LABELS) for line in lines)
        assert "←→ column" not in "\n".join(lines)
        highlighted = options.get_option_at_index(options.highlighted)
        assert screen.targets[highlighted.id].offset == quote.span.start
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert screen.side_rows
        assert "←→ column" in screen_text(pilot.app)
        highlighted = options.get_option_at_index(options.highlighted)
        assert quote in screen.side_rows[highlighted.id].cells


async def test_question_mark_lists_the_story_screens_keys_and_escape_comes_back(
    tmp_path: Path,
) -> None:
    """The app's ? does not reach a dialog: the story screen has its own, listing its
    keys (as the keymap has them); escape goes back to the story."""
    async with _story_screen(tmp_path, (80, 24)) as (pilot, _path, _ids):
        app = pilot.app
        app.update_keymap({"story.mark": "M"})
        await press(pilot, "question_mark")
        text = screen_text(app)
        assert "Keys of the story screen" in text
        assert "Mark the story" in text and "story.mark" in text
        assert "Compare the story" not in text  # not the main screen's keys
        await press(pilot, "escape")
        assert isinstance(app.screen, StoryScreen)


async def test_question_mark_lists_every_key_that_works_there_enter_included(
    tmp_path: Path,
) -> None:
    """Enter (the list's own key, which the footer names) and the list's page and
    arrow keys were missing from the story screen's ``?``."""
    async with _story_screen(tmp_path, (200, 50)) as (pilot, _path, _ids):
        app = pilot.app
        await press(pilot, "question_mark")
        text = screen_text(app)
        ids = (re.search(r"story\.[\w-]+", line) for line in text.splitlines())
        rows = {found.group(0): found.string for found in ids if found}
        assert "⏎" in rows["story.open"] and "Open" in rows["story.open"]
        assert "↓" in rows["story.down"] and "j" in rows["story.down"]
        assert "↑" in rows["story.up"] and "k" in rows["story.up"]
        assert "pgdn" in rows["story.page-down"] and "pgup" in rows["story.page-up"]
        assert "home" in rows["story.top"] and "end" in rows["story.bottom"]


async def test_a_rebound_open_key_opens_the_line(tmp_path: Path) -> None:
    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(160, 48)) as pilot:
        app.update_keymap({"story.open": "o"})
        await _open_story(pilot, ids[0])
        screen = app.screen
        target = next(oid for oid, jump in screen.targets.items() if jump.article_id == ids[1])
        options = screen.query_one("#story-lines")
        options.highlighted = options.get_option_index(target)
        await press(pilot, "o")
        assert not isinstance(app.screen, StoryScreen)
        assert app.reader.current_article is not None and app.reader.current_article.id == ids[1]


async def test_the_key_hints_follow_the_keymap(tmp_path: Path) -> None:
    """The line of key hints under the story said ``u undoes`` whatever the keymap."""
    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(160, 48)) as pilot:
        app.update_keymap({"story.undo": "z", "story.open": "o", "story.star": "x"})
        await _open_story(pilot, ids[0])
        text = screen_text(app)
        assert "o opens" in text and "r x a t m: whole story" in text
        assert "z undoes · ? keys · esc closes" in text
