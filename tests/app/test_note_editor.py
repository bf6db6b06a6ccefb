"""Notes and the external editor: a missing or failing $EDITOR never hangs the app or
loses the note; ctrl+e in the dialog opens the editor; escape asks before discarding."""

from __future__ import annotations

import contextlib
import stat
from pathlib import Path

import pytest
from textual.widgets import TextArea

from tests.app.helpers import make_app, press, settle
from tui.app.screens.note_editor import NoteEditor
from tui.app.screens.prompt import ConfirmScreen


def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


class _Terminal:
    """Stands in for App.suspend as Textual writes it: the app resumes only when the
    block ends normally (an exception escaping it leaves the terminal to the shell)."""

    def __init__(self) -> None:
        self.suspended = False
        self.times = 0

    @contextlib.contextmanager
    def suspend(self):
        self.suspended = True
        self.times += 1
        yield
        self.suspended = False


def _notes(library_path: Path, article_id: str) -> list[str]:
    from tui.store import Library

    with Library.open(library_path) as library:
        return [a.note or "" for a in library.annotations(article_id) if a.kind == "note"]


@pytest.fixture
def terminal(monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    return _Terminal()


async def _open(pilot, terminal):
    await settle(pilot)
    pilot.app.suspend = terminal.suspend
    return pilot.app.reader.article_list.current.id


async def test_E_with_a_missing_editor_says_so_and_offers_the_dialog(
    library_path, terminal, monkeypatch, toasts
):
    monkeypatch.setenv("EDITOR", "/nonexistent/editor")
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        article_id = await _open(pilot, terminal)
        await press(pilot, "E")
        assert not terminal.suspended
        messages = [n.message for n in toasts]
        assert any("'/nonexistent/editor'" in m and "not found" in m for m in messages)
        assert isinstance(app.screen, NoteEditor)  # the note can still be written
        await pilot.press(*"kept")
        await press(pilot, "ctrl+s")
        assert _notes(library_path, article_id) == ["kept"]


async def test_E_with_a_failing_editor_does_not_drop_the_note_silently(
    library_path, terminal, monkeypatch, tmp_path, toasts
):
    editor = _script(tmp_path, "bad-editor", 'printf "half written" > "$1"\nexit 3\n')
    monkeypatch.setenv("EDITOR", str(editor))
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, terminal)
        await press(pilot, "E")
        assert terminal.times == 1 and not terminal.suspended
        messages = [n.message for n in toasts]
        assert any("bad-editor" in m and "status 3" in m for m in messages)
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "half written"


async def test_E_with_EDITOR_false_says_why(library_path, terminal, monkeypatch, toasts):
    monkeypatch.setenv("EDITOR", "false")
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, terminal)
        await press(pilot, "E")
        messages = [n.message for n in toasts]
        assert any("'false'" in m and "status 1" in m for m in messages)


async def test_E_saves_what_a_working_editor_wrote(library_path, terminal, monkeypatch, tmp_path):
    editor = _script(tmp_path, "good-editor", 'printf "from the editor" > "$1"\n')
    monkeypatch.setenv("EDITOR", str(editor))
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        article_id = await _open(pilot, terminal)
        await press(pilot, "E")
        assert _notes(library_path, article_id) == ["from the editor"]


async def test_ctrl_e_in_the_dialog_runs_the_editor_and_keeps_text_when_it_fails(
    library_path, terminal, monkeypatch, tmp_path, toasts
):
    editor = _script(tmp_path, "append-editor", 'printf " and more" >> "$1"\n')
    monkeypatch.setenv("EDITOR", str(editor))
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot, terminal)
        await press(pilot, "c")
        await pilot.press(*"typed")
        await press(pilot, "ctrl+e")
        area = app.screen.query_one(TextArea)
        assert terminal.times == 1
        assert area.text == "typed and more"
        monkeypatch.setenv("EDITOR", "/nonexistent/editor")
        await press(pilot, "ctrl+e")
        assert area.text == "typed and more"
        assert any("not found" in n.message for n in toasts)


async def test_escape_with_typed_text_asks_before_discarding(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "c")
        await pilot.press(*"draft")
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "draft"
        await press(pilot, "escape", "y")
        assert not isinstance(app.screen, (NoteEditor, ConfirmScreen))
        await press(pilot, "c", "escape")  # nothing typed: closes at once
        assert not isinstance(app.screen, (NoteEditor, ConfirmScreen))


async def test_a_long_highlight_excerpt_ends_in_an_ellipsis_at_80_columns(library_path):
    """The label was as wide as its text and clipped by the box: the excerpt stopped
    mid-word (``lived i``), as if that were the highlight."""
    from tests.app.helpers import screen_text

    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        about = "On the highlight: “" + "word " * 40 + "”"
        await app.push_screen(NoteEditor(about))
        await settle(pilot)
        line = next(line for line in screen_text(app).splitlines() if "On the highlight" in line)
        assert "…" in line, line
