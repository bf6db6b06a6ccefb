"""Highlights and notes can be changed and removed, not only added: h toggles, c and E
edit the note that is there (of the highlight under the cursor, else the article's),
emptied notes go, and u brings any of it back."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from tests.app.helpers import make_app, press, settle
from tui.app.screens.note_editor import NoteEditor


def _annotations(library_path: Path, article_id: str, kind: str) -> list:
    from tui.store import Library

    with Library.open(library_path) as library:
        return [a for a in library.annotations(article_id) if a.kind == kind]


async def _write(pilot, text: str) -> None:
    area = pilot.app.screen.query_one(TextArea)
    area.text = text
    await press(pilot, "ctrl+s")


async def test_h_on_a_highlight_removes_it_and_u_brings_it_back(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        article_id = app.reader.article_list.current.id
        await press(pilot, "enter", "right_square_bracket", "h")
        assert len(_annotations(library_path, article_id, "highlight")) == 1
        await press(pilot, "h")
        assert _annotations(library_path, article_id, "highlight") == []
        assert not app.reader.article_view.highlights
        assert "removed" in app.reader.status_message
        await press(pilot, "u")
        assert len(_annotations(library_path, article_id, "highlight")) == 1


async def test_c_edits_the_articles_note_and_emptying_it_removes_it(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        article_id = app.reader.article_list.current.id
        await press(pilot, "c")
        await _write(pilot, "first thought")
        await press(pilot, "c")
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one(TextArea).text == "first thought"
        await _write(pilot, "second thought")
        notes = _annotations(library_path, article_id, "note")
        assert [n.note for n in notes] == ["second thought"]
        await press(pilot, "c")
        await _write(pilot, "")
        assert _annotations(library_path, article_id, "note") == []
        assert app.reader.article_list.current.n_notes == 0
        await press(pilot, "u")
        assert [n.note for n in _annotations(library_path, article_id, "note")] == [
            "second thought"
        ]


async def test_c_on_a_highlight_writes_the_highlights_note(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        article_id = app.reader.article_list.current.id
        await press(pilot, "enter", "right_square_bracket", "h", "c")
        assert "On the highlight" in str(app.screen.about)
        await _write(pilot, "check this claim")
        (highlight,) = _annotations(library_path, article_id, "highlight")
        assert highlight.note == "check this claim"
        assert _annotations(library_path, article_id, "note") == []
        assert any("check this claim" in note for note in app.reader.article_view.notes)
        await press(pilot, "c")  # again: the highlight's note, to edit
        assert app.screen.query_one(TextArea).text == "check this claim"


async def test_E_edits_the_note_that_is_there(library_path, monkeypatch, tmp_path):
    import contextlib

    editor = tmp_path / "editor"
    editor.write_text('#!/bin/sh\nprintf " (edited)" >> "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(editor))
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        app.suspend = contextlib.nullcontext
        article_id = app.reader.article_list.current.id
        await press(pilot, "c")
        await _write(pilot, "draft")
        await press(pilot, "E")
        notes = _annotations(library_path, article_id, "note")
        assert [n.note for n in notes] == ["draft (edited)"]
