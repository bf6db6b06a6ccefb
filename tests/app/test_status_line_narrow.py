"""At 80 columns (and narrower) the status line keeps what a triage key did, and how
to undo it: the counts give way first, then the message's middle; ``(u undoes)`` stays."""

from __future__ import annotations

import pytest

from tests.app.helpers import make_app, press, screen_text, settle
from tui.app.widgets.status_line import StatusInfo, status_text


def _info(message: str, *, news: str = "", shown: int = 175, position: int = 169) -> StatusInfo:
    return StatusInfo(
        "Inbox",
        shown=shown,
        unread=shown,
        starred=0,
        marked=0,
        position=position,
        rows=shown - 3,
        message=message,
        news=news,
    )


@pytest.mark.parametrize("width", [80, 72, 60, 50])
def test_a_triage_confirmation_keeps_its_undo_hint(width: int) -> None:
    line = status_text(_info("2 marked read (u undoes)"), width).plain
    assert len(line) == width
    assert "(u undoes)" in line and "q quit" in line
    assert "169/172" in line


def test_at_80_columns_the_whole_confirmation_shows_before_the_counts_detail() -> None:
    line = status_text(_info("2 marked read (u undoes)", shown=100_000, position=99_999), 80)
    assert "2 marked read (u undoes)" in line.plain
    assert "q quit" in line.plain


def test_a_long_message_is_cut_in_its_middle_keeping_the_undo_hint() -> None:
    message = "tags: #energy, #norway, #oil-and-gas, #elections on 12 articles (u undoes)"
    line = status_text(_info(message), 80).plain
    assert "tags: #energy" in line and "… (u undoes)" in line and "q quit" in line


def test_news_is_kept_beside_a_confirmation() -> None:
    line = status_text(_info("starred (u undoes)", news="3 new"), 80).plain
    assert "starred (u undoes)" in line and "3 new" in line and "q quit" in line


def test_without_a_message_the_counts_are_as_before() -> None:
    line = status_text(_info(""), 80).plain
    assert "175 articles · 175 unread" in line and "? keys  q quit" in line


@pytest.mark.parametrize("width", [80, 60])
async def test_triage_keys_say_what_they_did_and_how_to_undo(library_path, width: int) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        for key, said in (("s", "starred"), ("a", "archived"), ("r", "")):
            await press(pilot, key)
            last = screen_text(app).splitlines()[-1]
            assert said in last and "(u undoes)" in last, last
        await press(pilot, "M")  # every row marked: a count in the confirmation
        last = screen_text(app).splitlines()[-1]
        assert "marked (u undoes)" in last and "q quit" in last, last


async def test_the_undo_hint_names_the_undo_key_as_the_keymap_has_it(library_path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.update_keymap({"undo": "z"})
        await press(pilot, "s")
        assert app.reader.status_message == "starred (z undoes)"
        await press(pilot, "z")
        assert app.reader.status_message.startswith("undo: ")


@pytest.mark.parametrize("width", [80, 60])
def test_pending_marked_keeps_q_quit_in_a_grouped_view(width: int) -> None:
    """``;`` in the Inbox at 80 columns: the long pending notice pushed ``q quit`` off."""
    info = StatusInfo(
        "Inbox",
        shown=178,
        unread=178,
        starred=0,
        marked=3,
        position=4,
        rows=174,
        pending_marked=True,
    )
    line = status_text(info, width).plain
    assert line.rstrip().endswith("q quit") and "; " in line and "row 4/174" in line, line
