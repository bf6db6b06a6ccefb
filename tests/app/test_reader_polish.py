"""Reader defects a new user meets (names-polish), each driven through the real app."""

from __future__ import annotations

import json
from pathlib import Path

from tests.app.helpers import make_app, press, region_text, screen_strips, settle

INTERVIEW = (
    "The harbour authority of Valmora opened a new terminal on Monday.\n\n"
    "((Wikinews)) Why did the authority choose the eastern quay?\n\n"
    "((Ines Brandt)) Because the water there is deep enough for the largest ships.\n\n"
    "((WN)) And what happens to the old cranes?\n\n"
    "((Ines Brandt)) They will be moved east and tested there for two months.\n\n"
    "((WN)) When will the terminal open?\n"
)
MUSEUM = (
    "The city museum reopened on Tuesday after five years of work.\n\n"
    "“Our best pieces finally have windows,” said Cora Diaz, the museum's director.\n"
)


def _interview_library(tmp_path: Path) -> Path:
    """A library read by the real parser: an interview and a report."""
    from tui.store import Library

    dump = tmp_path / "news.jsonl"
    records = [
        {
            "title": "Wikinews interviews a harbour engineer",
            "date": "2024-03-04",
            "text": INTERVIEW,
        },
        {"title": "Museum reopens", "date": "2024-03-03", "text": MUSEUM},
    ]
    dump.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        assert not library.import_paths([str(dump)]).errors
    return path


async def test_the_speaker_index_puts_an_interviewers_questions_after_the_speakers(tmp_path):
    """Wikinews's ``((WN))`` questions are the interviewer's, not news quotes: they no
    longer top "Quotes by speaker" (three questions came before everyone else)."""
    app = make_app(_interview_library(tmp_path))
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        shown = region_text(app, app.reader.quotes_pane).splitlines()
        headings = [line.strip(" │").split("  ")[0] for line in shown]
        headings = [h for h in headings if h in ("Ines Brandt", "Cora Diaz", "Wikinews")]
        assert headings == ["Ines Brandt", "Cora Diaz", "Wikinews"]


async def test_no_segment_around_the_speaker_marker_opens_with_a_space(library_path):
    """SVG screenshots drop the spaces a drawn segment opens with: `` ‹Ada Lind›`` was
    drawn ``Eve‹his family› , his family``. The space before the marker is a segment of
    its own, and the text after it does not open with one (``‹Ada Lind›said``)."""
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        from rich.segment import Segment

        # As a screenshot draws them: neighbours of one style are one piece of text.
        segments = [s for strip in screen_strips(app) for s in Segment.simplify(strip)]
        markers = [i for i, s in enumerate(segments) if "‹Ada Lind›" in s.text]
        assert markers
        for i in markers:
            assert segments[i].text.startswith("‹"), segments[i].text
            assert segments[i - 1].text.endswith(" ")
            after = segments[i + 1].text  # blank (the line's end) draws the same
            assert not after.startswith(" ") or not after.strip(), after


async def test_several_tags_typed_at_once_are_one_undo_step(library_path):
    """``t`` with ``energy, norway -old`` is one action: one ``u`` takes it all back."""
    from tests.app.helpers import library_state

    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        article = app.reader.article_list.current.id
        await press(pilot, "t")
        await pilot.press(*"old")
        await press(pilot, "enter")
        await press(pilot, "t")
        await pilot.press(*"energy, norway -old")
        await press(pilot, "enter")
        assert library_state(library_path, article).tags == ("energy", "norway")
        await press(pilot, "u")
        assert library_state(library_path, article).tags == ("old",)
        await press(pilot, "ctrl+r")
        assert library_state(library_path, article).tags == ("energy", "norway")


async def test_at_80x24_with_search_open_the_article_shows_its_text(library_path):
    """Four panes stacked in 24 rows left the article pane its title and dateline
    alone: it keeps room for three lines of text."""
    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "slash")
        await pilot.press(*"harbour")
        await settle(pilot)
        assert app.reader.search_pane.display
        shown = region_text(app, app.reader.article_view)
        assert "Harbour plan approved" in shown
        assert "The council approved the harbour plan" in shown


async def test_on_the_last_row_of_a_grouped_view_the_position_says_so(tmp_path):
    """The Inbox groups a story's articles in one row: ``G`` said ``19/20`` (rows over
    articles), as if it had stopped short. The position counts rows, of the rows, and
    says so (``row 19/19``); the count says ``articles``."""
    from tests.app.helpers import screen_text
    from tests.stories.conftest import story_library
    from tui.search.story_rows import StoryListRow

    path, _ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(140, 30)) as pilot:
        await settle(pilot)
        rows = len(app.reader.article_list.rows)
        shown = len(app.reader.listed_rows())
        assert rows == shown - 1  # one story of two articles
        await press(pilot, "G")
        status = screen_text(app).splitlines()[-1]
        assert f"{shown} articles" in status
        assert f"row {rows}/{rows}" in status
        lst = app.reader.article_list
        lst.cursor = next(i for i, row in enumerate(lst.rows) if isinstance(row, StoryListRow))
        await press(pilot, "right")  # a story row opened: its articles are rows too
        assert f"{lst.cursor + 1}/{rows + 2}" in screen_text(app).splitlines()[-1]


async def test_an_empty_view_does_not_send_you_to_its_empty_list(library_path):
    """Starred with nothing starred said "Pick one in the list (Enter)" beside an empty
    list, and "No quotes in this article" with no article open."""
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        assert not app.reader.article_list.rows
        article = " ".join(region_text(app, app.reader.article_view).replace("│", " ").split())
        assert "Pick one in the list" not in article
        assert "No article in this view" in article and "/ to search" in article
        assert "No quotes in this article" not in region_text(app, app.reader.quotes_pane)


async def test_the_story_screen_says_its_keys(tmp_path):
    """``C`` opened a list with no word of what Enter, r/s/a/m or Escape do there."""
    from tests.app.helpers import screen_text
    from tests.stories.conftest import story_library
    from tui.app.screens.story import StoryScreen
    from tui.search.story_rows import position_of

    path, ids = story_library(tmp_path)
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.reader.article_list.cursor = position_of(app.reader.article_list.rows, ids[0])
        await press(pilot, "C")
        assert isinstance(app.screen, StoryScreen)
        text = screen_text(app)
        assert "esc closes" in text and "enter opens" in text and "u undoes" in text
