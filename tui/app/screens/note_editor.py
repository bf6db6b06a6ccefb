"""The note editor: a modal text area; ctrl+s saves, escape cancels, ctrl+e opens $EDITOR."""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea


def edit_in_editor(app, text: str) -> str | None:  # noqa: ANN001 - an App
    """Edit ``text`` in $VISUAL/$EDITOR with the app suspended; None if it failed."""
    command = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.NamedTemporaryFile("w+", suffix=".md", delete=False, encoding="utf-8") as f:
        f.write(text)
        path = f.name
    try:
        with app.suspend():
            result = subprocess.run([*shlex.split(command), path], check=False)
        if result.returncode != 0:
            return None
        with open(path, encoding="utf-8") as f:
            return f.read()
    except (OSError, ValueError):
        return None
    finally:
        os.unlink(path)


class NoteEditor(ModalScreen[str | None]):
    """Write a note; the result is the text (None when cancelled)."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
        Binding("ctrl+e", "external", "Open in $EDITOR", id="note.editor"),
    ]

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > Vertical {
        width: 80%; max-width: 100; height: 70%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    NoteEditor TextArea { height: 1fr; }
    """

    def __init__(self, about: str, text: str = "") -> None:
        super().__init__()
        self.about = about
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Note (ctrl+s saves, escape cancels, ctrl+e opens $EDITOR)"
            yield Label(Text(self.about, no_wrap=True, overflow="ellipsis"))
            yield TextArea(self.text, id="note-text")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_external(self) -> None:
        area = self.query_one(TextArea)
        edited = edit_in_editor(self.app, area.text)
        if edited is not None:
            area.text = edited
