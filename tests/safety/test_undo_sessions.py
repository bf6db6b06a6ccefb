"""Issue 15.11: undo and redo act on the session's own changes; ``u`` never undoes
another session's work, and another session's step does not drop my redo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tui.store import Library


def _article(lib: Library, n: int) -> str:
    from tests.store.conftest import store_lines

    return store_lines(lib, [f"Story {n} about the harbour.", f"Body {n} text."], f"s{n}.txt").id


def test_one_session_never_undoes_another_sessions_note(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as setup:
        first, second = _article(setup, 1), _article(setup, 2)
    with Library.open(path) as a, Library.open(path) as b:
        a.star(first)
        note = b.add_note(second, "B's note")
        assert a.undo() == "starred 1 article"  # A's own step, although B's is later
        assert a.undo() is None and not a.can_undo()  # B's note is not A's to undo
        assert b.annotation(note.id) is not None
        assert not a.state(first).starred


def test_another_sessions_new_step_keeps_my_redo(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as setup:
        first, second = _article(setup, 1), _article(setup, 2)
    with Library.open(path) as a, Library.open(path) as b:
        note = b.add_note(second, "B's note")
        assert b.undo() == "note" and b.annotation(note.id) is None
        a.star(first)  # A's new step must not drop B's redo
        assert b.can_redo()
        assert b.redo() == "note" and b.annotation(note.id) is not None
        assert a.state(first).starred


def test_a_finished_session_hands_its_steps_to_the_next(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as a:
        first = _article(a, 1)
        a.star(first)
    with Library.open(path) as later:
        assert later.undo() == "starred 1 article"
        assert later.redo() == "starred 1 article"


def test_a_killed_sessions_steps_can_be_undone_after_it(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as setup:
        first = _article(setup, 1)
    code = (
        "import os, sys\n"
        "from tui.store import Library\n"
        "lib = Library.open(sys.argv[1])\n"
        "lib.star(sys.argv[2])\n"
        "os._exit(0)  # no clean close: like a crash\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path), first], check=True)
    with Library.open(path) as after:
        assert after.state(first).starred
        assert after.undo() == "starred 1 article"
        assert not after.state(first).starred
