"""Several processes on one library: a SIGKILL mid-write, and two writers at once."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tui.store import Library

from .conftest import store_lines

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from tui.model import Span
from tui.store import Library

path, article_id, count, tag = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
with Library.open(path) as lib:
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        raise SystemExit(1)
    for n in range(count):
        if tag == "-":
            annotation = lib.add_highlight(article_id, Span(n % 20, n % 20 + 5), label=str(n))
        else:
            lib.add_tag(article_id, f"{tag}{n}")
            annotation = lib.add_note(article_id, f"{tag} note {n}")
        print(annotation.id, flush=True)
"""


def _spawn(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


def _article(path: Path) -> str:
    with Library.open(path) as lib:
        return store_lines(lib, ["The harbour of Valdora reopened today.", "Ships came."]).id


def test_sigkill_during_writes_loses_no_returned_annotation(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    article_id = _article(path)
    seed = random.randrange(1 << 30)
    kill_after = random.Random(seed).randint(1, 500)  # well before the child is done
    child = _spawn(str(path), article_id, "1000", "-")
    assert child.stdout is not None and child.stdin is not None
    assert child.stdout.readline().strip() == "ready"
    child.stdin.write("go\n")
    child.stdin.flush()
    returned = [int(child.stdout.readline()) for _ in range(kill_after)]
    child.send_signal(signal.SIGKILL)
    returned += [int(line) for line in child.stdout.read().split()]  # printed before the kill
    child.wait()
    assert child.returncode == -signal.SIGKILL, f"seed {seed}"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Library.open(path) as lib:
        present = {a.id for a in lib.annotations(article_id)}
        assert set(returned) <= present, f"seed {seed}: lost {set(returned) - present}"
        assert lib.list_row(article_id).n_highlights == len(present)
        assert lib.undo() is not None  # the log is intact too


def test_two_processes_write_at_once_and_neither_loses_changes(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    article_id = _article(path)
    children = [_spawn(str(path), article_id, "120", tag) for tag in ("a", "b")]
    for child in children:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
    for child in children:  # both are open before either writes
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    outputs = [child.communicate(timeout=120)[0] for child in children]
    assert [child.returncode for child in children] == [0, 0]
    written = [set(map(int, out.split())) for out in outputs]
    with Library.open(path) as lib:
        notes = {a.id: a.note for a in lib.annotations(article_id) if a.kind == "note"}
        assert written[0] | written[1] == set(notes)
        assert sum(note.startswith("a note") for note in notes.values()) == 120
        tags = set(lib.state(article_id).tags)
        assert {f"a{n}" for n in range(120)} | {f"b{n}" for n in range(120)} == tags
        assert lib.list_row(article_id).n_notes == 240


def test_a_parse_worker_ends_quietly_on_ctrl_c() -> None:
    """Ctrl+C reaches the whole process group: the import's process says nothing and
    exits 130, and its parse workers printed a KeyboardInterrupt traceback each. A
    worker (set up by ``_die_with_parent``) now ends at once, quietly, with 130."""
    code = (
        "import os, signal\n"
        "from tui.store.parallel import _die_with_parent\n"
        "_die_with_parent(os.getppid())\n"
        "os.kill(os.getpid(), signal.SIGINT)\n"
        "print('went on')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (130, "", "")
