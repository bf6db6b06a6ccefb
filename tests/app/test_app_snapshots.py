"""Snapshots of the main screen at two sizes, the help screen and the quotes pane.

Run ``pytest tests/app/test_app_snapshots.py --snapshot-update`` after an intended change
to the look, and review the SVGs in ``__snapshots__``.
"""

from __future__ import annotations

from tests.app.helpers import make_app, press, settle


async def _freeze(pilot) -> None:
    """No blinking cursors: a snapshot must not depend on when it was taken."""
    from textual.widgets import Input, TextArea

    for widget in pilot.app.query(Input):
        widget.cursor_blink = False
    for widget in pilot.app.query(TextArea):
        widget.cursor_blink = False
    pilot.app.clear_notifications()
    await pilot.pause()


async def _ready(pilot) -> None:
    await settle(pilot)
    await _freeze(pilot)


def test_main_screen_80x24(snap_compare, library_path):
    assert snap_compare(make_app(library_path), terminal_size=(80, 24), run_before=_ready)


def test_main_screen_160x48(snap_compare, library_path):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await press(pilot, "enter", "right_square_bracket", "h")
        await _freeze(pilot)

    assert snap_compare(make_app(library_path), terminal_size=(160, 48), run_before=run_before)


def test_help_screen(snap_compare, library_path):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await press(pilot, "question_mark")
        await _freeze(pilot)

    assert snap_compare(make_app(library_path), terminal_size=(120, 50), run_before=run_before)


def test_quotes_pane_speaker_index(snap_compare, library_path):
    async def run_before(pilot) -> None:
        await settle(pilot)
        await press(pilot, "tab", "tab", "i")
        await _freeze(pilot)

    assert snap_compare(make_app(library_path), terminal_size=(160, 48), run_before=run_before)
