"""Config and theme files a user did not mean to write: control characters, runaway values,
FIFOs, and a ``--config`` elsewhere whose ``themes/`` must come along."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.config.loader import load_config
from tui.config.themes import load_theme_file, load_themes_with_errors

#: A theme whose name holds a BEL: PyYAML refuses it while building its reader.
BELL_THEME = 'name: bad\x07\nprimary: "#112233"\n'


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_control_character_in_a_theme_is_an_error_with_a_position(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.yaml", BELL_THEME)
    spec, errors = load_theme_file(path)
    assert spec is None
    (message,) = [str(error) for error in errors]
    assert message.startswith(f"{path}:1:10: character U+0007 is not allowed in YAML")
    assert "\x07" not in message


def test_a_control_character_in_the_config_is_an_error_with_a_position(tmp_path: Path) -> None:
    path = write(tmp_path / "config.yaml", "theme: newsdesk-dark\nviews:\n  - name: A\x1b[2J\n")
    (message,) = [str(error) for error in load_config(path).errors]
    assert message.startswith(f"{path}:3:12: character U+001B is not allowed in YAML")


def test_the_other_themes_still_load_beside_a_broken_one(tmp_path: Path) -> None:
    write(tmp_path / "bad.yaml", BELL_THEME)
    write(tmp_path / "good.yaml", "primary: blue\n")
    themes, errors = load_themes_with_errors([tmp_path])
    assert list(themes) == ["good"] and len(errors) == 1


def _user_themes() -> Path:
    return Path(os.environ["NEWSDESK_CONFIG"]).parent / "themes"


def test_config_check_names_the_bad_theme_in_one_line(capsys) -> None:
    bad = write(_user_themes() / "bad.yaml", BELL_THEME)
    assert main(["config", "check"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(f"{bad}:1:10: character U+0007")
    assert lines[1] == "newsdesk config: 1 error; the app would leave those themes out"


def test_config_bindings_lists_the_keys_and_skips_the_bad_theme_in_one_line(capsys) -> None:
    bad = write(_user_themes() / "bad.yaml", BELL_THEME)
    assert main(["config", "bindings"]) == 0
    out, err = capsys.readouterr()
    assert "toggle-star" in out
    (line,) = err.splitlines()
    assert line.startswith(f"newsdesk config: theme skipped: {bad}:1:10: ")


def test_config_bindings_says_when_the_config_has_errors(capsys) -> None:
    write(Path(os.environ["NEWSDESK_CONFIG"]), "keymap:\n  toggle-star: ctrl+\n")
    assert main(["config", "bindings"]) == 0
    (line,) = capsys.readouterr().err.splitlines()
    assert "has errors, so these are the default bindings" in line


def test_a_runaway_value_is_echoed_cut(tmp_path: Path) -> None:
    path = write(
        tmp_path / "config.yaml",
        f"theme: {'x' * 300_000}\nviews:\n  - name: {'v' * 300_000}\n    sort: {'q' * 300_000}\n",
    )
    messages = [str(error) for error in load_config(path).errors]
    assert len(messages) == 2
    assert all(len(message) < 600 for message in messages), [len(m) for m in messages]
    assert "unknown theme 'xxxx" in messages[0] and "(300,000 characters)" in messages[0]


def test_a_runaway_key_in_a_theme_is_echoed_cut(tmp_path: Path) -> None:
    path = write(tmp_path / "t.yaml", f"primary: blue\n{'k' * 1_000}: 1\n")
    (message,) = [str(error) for error in load_theme_file(path)[1]]
    assert len(message) < 600 and "(1,000 characters)" in message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_as_config_is_refused_not_waited_on(tmp_path: Path) -> None:
    """Nobody writes to the FIFO: reading it would wait forever (a subprocess, so a
    regression fails by timing out instead of hanging the suite)."""
    fifo = tmp_path / "config.yaml"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "tui", "config", "check", "--config", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        f"{fifo}:1:1: is a FIFO (named pipe), not a regular file; expected a YAML file"
    )


def test_a_device_as_config_is_refused(capsys) -> None:
    assert main(["config", "check", "--config", os.devnull]) == 2
    assert "is a device, not a regular file" in capsys.readouterr().err


def test_config_option_moves_the_themes_folder_too(tmp_path: Path, capsys) -> None:
    """``--config X`` reads themes from ``themes/`` beside X, as NEWSDESK_CONFIG does."""
    config = write(tmp_path / "alt" / "nd.yaml", "theme: paper\n")
    write(tmp_path / "alt" / "themes" / "paper.yaml", "primary: white\ndark: false\n")
    assert main(["config", "check", "--config", str(config)]) == 0
    assert capsys.readouterr().out.startswith(f"ok: {config}")
    assert main(["config", "themes", "--config", str(config)]) == 0
    assert "paper" in [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert load_config(config).config.theme == "paper"
