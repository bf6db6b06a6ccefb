"""The note editor: a modal text area; ctrl+s saves, escape cancels, ctrl+e opens $EDITOR.

The external editor is run with the app suspended. Whatever goes wrong with it (not
installed, not runnable, exits with an error) the app comes back on screen, says in one
line which editor failed and why, and keeps the text: nothing typed is lost.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea

from tui.app.textsafe import visible


@dataclass(frozen=True, slots=True)
class EditorOutcome:
    """What came back from the editor: the text (None if there is none to read) and,
    when it failed, one line saying which editor and why."""

    text: str | None
    problem: str | None = None


def editor_command() -> tuple[str, str]:
    """(the command, the variable it came from): $VISUAL, else $EDITOR, else ``vi``."""
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            return value, f"${variable}"
    return "vi", "the default"


def run_editor(app: Any, text: str) -> EditorOutcome:
    """Edit ``text`` in the user's editor with the app suspended.

    Checked before the app is suspended: a command that cannot be split or found. Every
    error while it runs is caught inside the suspension, so the app always resumes (an
    exception escaping Textual's ``App.suspend`` would leave the terminal to the shell).
    """
    command, origin = editor_command()
    shown = visible(command)
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        return EditorOutcome(None, f"editor {shown!r} ({origin}) cannot be read: {exc}")
    if not argv or shutil.which(argv[0]) is None:
        return EditorOutcome(
            None, f"editor {shown!r} ({origin}) not found; set $EDITOR to an installed editor"
        )
    with tempfile.NamedTemporaryFile("w+", suffix=".md", delete=False, encoding="utf-8") as f:
        f.write(text)
        path = f.name
    problem: str | None = None
    edited: str | None = None
    try:
        try:
            with app.suspend():
                try:
                    result = subprocess.run(  # the terminal: fd 2 is set aside meanwhile
                        [*argv, path], check=False, stderr=sys.__stderr__
                    )
                except OSError as exc:
                    result = None
                    problem = f"editor {shown!r} ({origin}) could not run: {exc.strerror or exc}"
        except Exception as exc:  # SuspendNotSupported and the like: nothing was run
            return EditorOutcome(None, f"cannot hand the terminal to {shown!r}: {exc}")
        if result is not None and result.returncode != 0:
            problem = f"editor {shown!r} ({origin}) exited with status {result.returncode}"
        try:
            with open(path, encoding="utf-8", errors="replace") as f:
                edited = f.read()
        except OSError as exc:
            problem = problem or f"the editor's file could not be read back: {exc}"
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
    return EditorOutcome(edited, problem)


class NoteEditor(ModalScreen[str | None]):
    """Write a note; the result is the text (None when cancelled)."""

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
        # Priority: the text area would take ctrl+e as "end of line".
        Binding("ctrl+e", "external", "Open in $EDITOR", id="note.editor", priority=True),
    ]

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    NoteEditor > Vertical {
        width: 80%; max-width: 100; height: 70%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    NoteEditor TextArea { height: 1fr; }
    NoteEditor Label { width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
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
        """Close; when something was typed, only after asking (escape is easy to hit)."""
        typed = self.query_one(TextArea).text
        if typed == self.text or not typed.strip():
            self.dismiss(None)
            return
        from tui.app.screens.prompt import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(ConfirmScreen("Discard this note? (n goes back to it)"), answered)

    def action_external(self) -> None:
        area = self.query_one(TextArea)
        outcome = run_editor(self.app, area.text)
        if outcome.text is not None and (outcome.problem is None or outcome.text.strip()):
            area.text = outcome.text
        if outcome.problem:
            self.app.notify(
                f"{outcome.problem}; the note is kept here", severity="error", markup=False
            )
        self.app.refresh(layout=True)
