"""What a new user types in the first hour: a mistyped command, the reader in a pipe, a
``--db`` typo, ``export --out`` onto a file, and the help that should have said so."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main
from tui.commands import _app


def run_newsdesk(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """``newsdesk ARGS`` in a subprocess with no terminal anywhere, as in a pipeline.
    The timeout turns the old behaviour (the reader spinning forever) into a failure."""
    kwargs.setdefault("stdin", subprocess.DEVNULL)
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=60, **kwargs
    )


def default_db() -> Path:
    return Path(os.environ["NEWSDESK_DB"])


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list:
    """The reader recorded instead of run, on a pretend terminal."""
    from tui.app.app import NewsdeskApp

    apps: list = []
    monkeypatch.setattr(NewsdeskApp, "run", lambda self, **kw: apps.append(self))
    monkeypatch.setattr(_app, "terminal_problem", lambda: None)
    return apps


def test_a_mistyped_command_is_not_imported_as_a_path(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("A story about a harbour.\n", encoding="utf-8")
    done = run_newsdesk("pars", "file.txt", cwd=tmp_path)
    assert done.returncode == exitcodes.USAGE
    assert done.stderr == "newsdesk: unknown command 'pars'; did you mean 'parse'?\n"
    assert done.stdout == ""
    assert not default_db().exists()  # no library was made for it


def test_a_word_that_is_neither_command_nor_file_lists_the_commands(capsys, opened) -> None:
    assert main(["hello"]) == exitcodes.USAGE
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("newsdesk: unknown command 'hello', and no file or folder")
    assert "parse, quotes, import" in line and not opened


@pytest.mark.parametrize("db_option", [["--db", "{db}"], ["--db={db}"]])
def test_a_command_after_the_library_option_runs_as_the_command(tmp_path, db_option, capsys):
    article = tmp_path / "file.txt"
    article.write_text("A story about a harbour, told in one line.\n", encoding="utf-8")
    db = tmp_path / "lib.db"
    options = [part.format(db=db) for part in db_option]
    assert main([*options, "import", str(article)]) == exitcodes.OK
    assert "unknown command" not in capsys.readouterr().err
    assert main(["list", "all", "--db", str(db), "--format", "jsonl"]) == exitcodes.OK
    assert '"title"' in capsys.readouterr().out


def test_an_existing_path_named_like_a_command_is_imported(tmp_path, monkeypatch, opened) -> None:
    monkeypatch.chdir(tmp_path)
    Path("pars").write_text("A story about a harbour, told in one line.\n", encoding="utf-8")
    assert main(["pars"]) == exitcodes.OK
    assert len(opened) == 1


def test_a_missing_file_name_is_still_reported_as_a_missing_input(tmp_path, opened, capsys):
    db = tmp_path / "lib.db"
    assert main([str(tmp_path / "missng.txt"), "--db", str(db)]) == 1
    assert "missng.txt" in capsys.readouterr().err


def refusal(stream: str) -> str:
    return (
        f"newsdesk: the reader needs a terminal and {stream} is not one; "
        "for pipes and files use a batch command (newsdesk --help)"
    )


def test_the_reader_refuses_to_start_with_stdin_not_a_terminal() -> None:
    done = run_newsdesk()  # newsdesk </dev/null
    assert done.returncode == exitcodes.USAGE
    assert done.stderr.splitlines() == [refusal("standard input")]
    assert done.stdout == ""  # no escape codes
    assert not default_db().exists()


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals here")
def test_the_reader_refuses_to_start_with_stdout_a_pipe() -> None:
    """``newsdesk | cat`` from a terminal: standard input and error are the terminal."""
    master, slave = os.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tui"],
            stdin=slave,
            stdout=subprocess.PIPE,
            stderr=slave,
            timeout=60,
        )
    finally:
        os.close(slave)
    err = b""
    with open(master, "rb", buffering=0) as terminal:
        while True:
            try:
                chunk = terminal.read(4096)
            except OSError:  # EIO: the terminal's other end is closed and drained
                break
            if not chunk:
                break
            err += chunk
    assert done.returncode == exitcodes.USAGE
    assert err.decode().splitlines() == [refusal("standard output")]
    assert done.stdout == b""  # no escape codes in the pipe
    assert not default_db().exists()


def test_the_reader_does_not_take_standard_input_as_a_path(capsys, opened) -> None:
    assert main(["-"]) == exitcodes.USAGE
    assert "newsdesk import -" in capsys.readouterr().err and not opened


def test_the_reader_refuses_a_db_that_is_not_there(tmp_path: Path, capsys, opened) -> None:
    typo = tmp_path / "typo.db"
    assert main(["--db", str(typo)]) == exitcodes.USAGE
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        f"newsdesk: no library at {typo}; check --db, or import files first: "
        f"newsdesk PATH --db {typo}"
    )
    assert not typo.exists() and not opened


def test_the_reader_makes_a_new_library_for_paths_and_the_default_one(tmp_path, opened) -> None:
    story = tmp_path / "story.txt"
    story.write_text("A story about a harbour, told in one line.\n", encoding="utf-8")
    new = tmp_path / "new.db"
    assert main([str(story), "--db", str(new)]) == exitcodes.OK
    assert new.exists()
    assert main([]) == exitcodes.OK  # first run: the default library is made
    assert len(opened) == 2


def test_config_option_brings_its_themes_folder_to_the_reader(tmp_path: Path, opened) -> None:
    config = tmp_path / "alt" / "nd.yaml"
    (config.parent / "themes").mkdir(parents=True)
    (config.parent / "themes" / "paper.yaml").write_text("primary: white\n", encoding="utf-8")
    config.write_text("theme: paper\n", encoding="utf-8")
    assert main(["--config", str(config), str(config.parent / "themes")]) in (0, 1)
    app = opened[0]
    assert app.config.theme == "paper" and not app.notices
    from tui.config.themes import theme_dirs

    assert theme_dirs()[-1] == config.parent / "themes"  # the app's later theme loads too


@pytest.mark.parametrize("db_from", ["option", "environment"])
def test_export_refuses_a_library_that_is_not_there(tmp_path, monkeypatch, capsys, db_from):
    typo = tmp_path / "typo.db"
    if db_from == "option":
        args = ["export", "--db", str(typo)]
    else:
        monkeypatch.setenv("NEWSDESK_DB", str(typo))
        args = ["export"]
    assert main(args) == exitcodes.USAGE
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"newsdesk export: no library at {typo}; check ")
    assert "newsdesk import PATH" in line
    assert not typo.exists()


def test_ctrl_c_while_the_reader_imports_its_paths_ends_it_quietly(
    tmp_path, monkeypatch, capsys, opened
) -> None:
    """`newsdesk PATH` printed a KeyboardInterrupt traceback (`newsdesk import` ends
    quietly, exit 130) and the reader must not open after it."""
    from tui.store import Library

    story = tmp_path / "story.txt"
    story.write_text("A story about a harbour, told in one line.\n", encoding="utf-8")

    def interrupted(self, *args, **kwargs):  # Ctrl+C arrives half-way through
        raise KeyboardInterrupt

    monkeypatch.setattr(Library, "import_paths", interrupted)
    try:
        code = main([str(story), "--db", str(tmp_path / "lib.db")])
    except KeyboardInterrupt:
        pytest.fail("Ctrl+C went up as a KeyboardInterrupt: a traceback on the terminal")
    assert code == 130
    assert "Traceback" not in capsys.readouterr().err
    assert not opened


def test_export_out_onto_a_file_says_what_is_wrong_and_what_to_do(tmp_path, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text("A story about a harbour, told in one line.\n", encoding="utf-8")
    assert main(["import", str(story)]) == exitcodes.OK
    target = tmp_path / "passwd"
    target.write_text("root:x:0:0\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["export", "--out", str(target)]) == exitcodes.USAGE
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"newsdesk export: --out {target} is a file, not a folder; ")
    assert "> FILE" in line
    assert target.read_text(encoding="utf-8") == "root:x:0:0\n"


def test_export_into_a_folder_again_says_how_many_files_it_replaced(tmp_path, capsys) -> None:
    story = tmp_path / "story.txt"
    story.write_text("A story about a harbour, told in one line.\n", encoding="utf-8")
    assert main(["import", str(story)]) == exitcodes.OK
    notes = tmp_path / "notes"
    capsys.readouterr()
    assert main(["export", "--out", str(notes)]) == exitcodes.OK
    assert capsys.readouterr().err == f"newsdesk export: exported 1 article into {notes}\n"
    (note,) = notes.iterdir()
    note.write_text("edited in a notes app\n", encoding="utf-8")
    assert main(["export", "--out", str(notes)]) == exitcodes.OK
    assert capsys.readouterr().err == (
        f"newsdesk export: exported 1 article into {notes} (1 file there replaced)\n"
    )
    assert "harbour" in note.read_text(encoding="utf-8")


def test_help_shows_the_readers_options_and_the_real_default_library(capsys) -> None:
    from tui.paths import default_library_path

    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for option in ("--sample", "--db PATH", "--config PATH", "PATH"):
        assert option in out
    assert str(default_library_path()) in "".join(out.split())  # wrapped at its hyphens


@pytest.mark.parametrize("command", ["export", "import", "search", "app"])
def test_every_db_option_names_the_real_default_path(command: str, capsys) -> None:
    from tui.paths import default_library_path

    with pytest.raises(SystemExit):
        main([command, "--help"] if command != "app" else ["x", "--help"])
    assert str(default_library_path()) in "".join(capsys.readouterr().out.split())


def test_export_format_help_lists_each_format(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "md: Markdown" in out and "json: an array" in out and "csv: one row per quote" in out


def test_a_runaway_first_word_is_echoed_cut(capsys, opened) -> None:
    assert main(["w" * 5000]) == exitcodes.USAGE
    (line,) = capsys.readouterr().err.splitlines()
    assert len(line) < 300 and "(5,000 characters)" in line


@pytest.mark.parametrize("command", ["import", "search", "config"])
def test_a_commands_usage_starts_with_its_own_name(command: str, capsys) -> None:
    with pytest.raises(SystemExit):
        main([command])
    assert capsys.readouterr().err.startswith(f"usage: newsdesk {command} [-h]")


def test_the_reader_refuses_a_config_option_that_names_no_file(tmp_path, capsys, opened) -> None:
    typo = tmp_path / "nd.yml"
    assert main(["--config", str(typo)]) == exitcodes.USAGE
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"newsdesk: no config file at {typo} (--config); check the path")
    assert f"newsdesk config init --config {typo}" in line and not opened


def test_sample_before_a_command_says_it_does_not_go_with_it(capsys, opened) -> None:
    """It said "unknown command 'search'; did you mean 'search'?"."""
    assert main(["--sample", "search", "harbour"]) == exitcodes.USAGE
    (line,) = capsys.readouterr().err.splitlines()
    assert line == (
        "newsdesk: --sample opens the reader and does not go with the command 'search'; "
        "leave it out: newsdesk search ..."
    )
    assert not opened


def test_files_left_out_of_the_import_are_said_in_the_reader_too(tmp_path, opened, capsys):
    """``newsdesk dumps/`` with a binary file among them: the reader covered the lines
    on stderr at once, and a newcomer saw fewer articles with no word of why."""
    (tmp_path / "story.txt").write_text("A story about a harbour, told in one line.\n")
    (tmp_path / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(600))
    (tmp_path / "blank.txt").write_text("")
    db = tmp_path / "lib.db"
    assert main([str(tmp_path / "story.txt"), str(tmp_path / "photo.txt"), "--db", str(db)]) == 1
    [app] = opened
    [notice] = [n for n in app.notices if "not imported" in n]
    assert "photo.txt" in notice and "binary" in notice
    assert "the terminal" in notice  # where the full list stays after q
    assert "photo.txt" in capsys.readouterr().err
