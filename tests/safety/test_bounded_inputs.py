"""Issues 15.5-15.7 (and 14's folder walk): standard input is bounded, FIFOs cannot hang
a command, deep or unreadable folders are reported in one line while the rest is read,
and files that are not text are skipped and counted."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main
from tui.ingest import files
from tui.store import Library

STORY = (
    "Harbour officials in Valdora said on Monday that the new terminal would open in March.\n"
    "Local shipping firms had expected the terminal to ease congestion at the quays.\n"
)


class _Zeros(io.RawIOBase):
    """``/dev/zero`` as a stream: endless; an unbounded ``read()`` is a failure."""

    def __init__(self) -> None:
        self.served = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            raise AssertionError("standard input read without a limit")
        self.served += size
        return b"\0" * size

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        raise AssertionError("standard input read without a limit")


def test_stdin_is_bounded_by_the_file_limit(monkeypatch, capsys) -> None:
    zeros = _Zeros()
    monkeypatch.setattr(files, "MAX_BYTES", 4 << 20)
    monkeypatch.setattr(sys, "stdin", type("Stdin", (), {"buffer": zeros})())
    assert main(["parse", "-"]) == exitcodes.SOME_INPUTS_UNREADABLE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "-: too big" in err and "Traceback" not in err
    assert zeros.served <= (4 << 20) + (1 << 20)  # streamed, stopped just past the limit


def test_stdin_under_the_limit_is_read_whole(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    assert main(["parse", "-", "--format", "jsonl"]) == exitcodes.OK
    assert "Valdora" in capsys.readouterr().out


class _Terminal:
    """Standard input at a terminal: what was typed comes back (short) when the user
    presses Ctrl+D; reading on would wait for a second Ctrl+D."""

    def __init__(self, typed: bytes) -> None:
        self.typed: bytes | None = typed
        self.buffer = self

    def isatty(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        if self.typed is None:
            raise AssertionError("read on after Ctrl+D: the user must press it again")
        typed, self.typed = self.typed, None
        return typed


def test_stdin_at_a_terminal_says_it_is_read_and_ends_at_the_first_ctrl_d(
    monkeypatch, capsys
) -> None:
    """`newsdesk import -` at a terminal waited in silence (it looked hung) and took
    Ctrl+D twice."""
    monkeypatch.setattr(sys, "stdin", _Terminal(STORY.encode()))
    assert main(["parse", "-", "--format", "jsonl"]) == exitcodes.OK
    out, err = capsys.readouterr()
    assert "Valdora" in out
    assert err == (
        "newsdesk parse: reading standard input from the terminal "
        "(paste or type the text, then Ctrl+D; Ctrl+C stops)\n"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_without_a_writer_is_refused_not_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    story = tmp_path / "story.txt"
    story.write_text(STORY, encoding="utf-8")
    # A subprocess, so that today's behaviour (blocking forever) fails instead of hanging.
    done = subprocess.run(
        [sys.executable, "-m", "tui", "parse", "--format", "jsonl", str(fifo), str(story)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == exitcodes.SOME_INPUTS_UNREADABLE
    assert done.stderr.count("\n") == 1 and "named pipe" in done.stderr
    assert "Valdora" in done.stdout  # the other input is still read


def test_a_very_deep_folder_is_cut_with_one_line_and_the_rest_is_read(
    tmp_path: Path, capsys, request: pytest.FixtureRequest
) -> None:
    root = tmp_path / "deep"
    levels = [root]
    root.mkdir()
    for _ in range(1000):  # one level at a time: mkdir(parents=True) recurses
        levels.append(levels[-1] / "d")
        levels[-1].mkdir()
    deepest = levels[-1]
    # pytest's clean-up of old temporary folders (shutil.rmtree) recurses: remove the
    # levels here, deepest first.
    request.addfinalizer(lambda: [shutil.rmtree(level) for level in reversed(levels[1:])])
    (deepest / "bottom.txt").write_text(STORY, encoding="utf-8")
    (root / "top.txt").write_text(STORY.replace("Valdora", "Ostrava"), encoding="utf-8")
    assert main(["parse", "--format", "jsonl", str(root)]) == exitcodes.SOME_INPUTS_UNREADABLE
    out, err = capsys.readouterr()
    assert "Ostrava" in out and "Traceback" not in err
    assert err.count("\n") == 1 and f"more than {files.MAX_DEPTH} folders deep" in err


def test_an_unreadable_subfolder_is_reported_like_an_unreadable_file(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    root = tmp_path / "dumps"
    (root / "locked").mkdir(parents=True)
    (root / "locked" / "hidden.txt").write_text(STORY, encoding="utf-8")
    (root / "open.txt").write_text(STORY, encoding="utf-8")
    real_scandir = os.scandir

    def scandir(path):  # type: ignore[no-untyped-def]
        if os.path.basename(os.fspath(path)) == "locked":  # chmod 000, even for root
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["parse", "--format", "jsonl", str(root)]) == exitcodes.SOME_INPUTS_UNREADABLE
    out, err = capsys.readouterr()
    assert out.count("\n") == 1  # open.txt
    assert err.count("\n") == 1 and "locked: permission denied" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_a_chmod_000_subfolder_is_reported(tmp_path: Path, capsys) -> None:
    root = tmp_path / "dumps"
    locked = root / "locked"
    locked.mkdir(parents=True)
    (root / "open.txt").write_text(STORY, encoding="utf-8")
    locked.chmod(0)
    try:
        code = main(["parse", "--format", "jsonl", str(root)])
    finally:
        locked.chmod(0o755)
    assert code == exitcodes.SOME_INPUTS_UNREADABLE
    assert "locked: permission denied" in capsys.readouterr().err


def test_import_of_a_folder_skips_caches_and_files_that_are_not_text(
    tmp_path: Path, capsys
) -> None:
    root = tmp_path / "project"
    for folder in ("__pycache__", ".git", "news"):
        (root / folder).mkdir(parents=True)
    (root / "__pycache__" / "mod.cpython-311.pyc").write_bytes(b"\x00\x01binary")
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (root / "news" / "photo.JPG").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    (root / "news" / "archive.tar.gz").write_bytes(b"\x1f\x8b" + bytes(64))
    (root / "news" / "story.txt").write_text(STORY, encoding="utf-8")
    db = tmp_path / "lib.db"
    assert main(["import", str(root), "--db", str(db)]) == exitcodes.OK
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "1 new," in err
    assert "skipped 2 files named as not text" in err and "2 cache or version-control" in err
    with Library.open(db) as lib:
        assert lib.count() == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_folder_walk_names_the_links_and_pipes_it_passes_over_in_one_line(
    tmp_path: Path, capsys
) -> None:
    root = tmp_path / "dumps"
    (root / "elsewhere").mkdir(parents=True)
    (root / "story.txt").write_text(STORY, encoding="utf-8")
    (root / "gone.txt").symlink_to(tmp_path / "deleted.txt")  # a link to nothing
    (root / "more").symlink_to(root / "elsewhere", target_is_directory=True)
    os.mkfifo(root / "feed.pipe")
    assert main(["parse", "--format", "jsonl", str(root)]) == exitcodes.OK
    out, err = capsys.readouterr()
    assert "Valdora" in out
    assert err == (
        "newsdesk parse: skipped 1 link to nothing, 1 link to a folder (not followed)"
        " and 1 named pipe or device\n"
    )
    db = tmp_path / "lib.db"
    assert main(["import", str(root), "--db", str(db)]) == exitcodes.OK
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "1 new," in err and "1 link to nothing" in err
    assert main(["search", "--in", str(root), "valdora"]) == exitcodes.OK
    out, err = capsys.readouterr()
    assert "Valdora" in out
    assert err == (
        "newsdesk search: skipped 1 link to nothing, 1 link to a folder (not followed)"
        " and 1 named pipe or device\n"
    )


def test_a_link_to_nothing_named_on_the_command_line_says_it_is_a_link(
    tmp_path: Path, capsys
) -> None:
    """It said "no such file or directory" of a name `ls` lists."""
    link = tmp_path / "today.txt"
    link.symlink_to(tmp_path / "gone" / "today.txt")
    assert main(["parse", str(link)]) == exitcodes.SOME_INPUTS_UNREADABLE
    assert capsys.readouterr().err == (
        f"newsdesk parse: {link}: a link to {tmp_path / 'gone' / 'today.txt'}, which is not there\n"
    )


@pytest.mark.parametrize("command", [["parse"], ["quotes"], ["search", "harbour", "--in"]])
def test_a_folder_with_no_file_is_said_by_every_command_that_reads_files(
    tmp_path: Path, capsys, command: list[str]
) -> None:
    """`search --in` said nothing of an empty folder, where parse and quotes did."""
    empty = tmp_path / "empty"
    empty.mkdir()
    main([*command, str(empty)])
    name = command[0]
    assert f"newsdesk {name}: {empty}: no files in this directory\n" in capsys.readouterr().err
