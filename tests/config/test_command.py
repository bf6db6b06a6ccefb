"""``newsdesk config``: exit codes, output, and init never overwriting."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.cli import main
from tui.config.template import DEFAULT_CONFIG_TEXT


def config_file() -> Path:
    return Path(os.environ["NEWSDESK_CONFIG"])


def test_path_prints_the_configured_location(capsys) -> None:
    assert main(["config", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(config_file())


def test_path_honours_the_option(tmp_path: Path, capsys) -> None:
    assert main(["config", "path", "--config", str(tmp_path / "x.yaml")]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / "x.yaml")


def test_init_writes_the_commented_default_then_refuses_to_overwrite(capsys) -> None:
    path = config_file()
    assert main(["config", "init"]) == 0
    assert path.read_text(encoding="utf-8") == DEFAULT_CONFIG_TEXT
    assert capsys.readouterr().out.strip() == str(path)

    path.write_text("theme: nord\n", encoding="utf-8")  # the user's edits
    assert main(["config", "init"]) == 2
    assert path.read_text(encoding="utf-8") == "theme: nord\n"
    err = capsys.readouterr().err
    assert f"{path} already exists; not overwriting it" in err


def test_init_creates_missing_folders(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "config.yaml"
    assert main(["config", "init", "--config", str(target)]) == 0
    assert target.exists()


def test_check_ok_without_a_file(capsys) -> None:
    assert main(["config", "check"]) == 0
    assert capsys.readouterr().out.startswith("ok: ")


def test_check_ok_with_the_init_file(capsys) -> None:
    main(["config", "init"])
    capsys.readouterr()
    assert main(["config", "check"]) == 0
    assert capsys.readouterr().out.strip() == f"ok: {config_file()}"


def test_check_prints_errors_and_exits_2(tmp_path: Path, capsys) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("theme: nrod\nviews:\n  - name: A\n    sort: -daet\n", encoding="utf-8")
    assert main(["config", "check", "--config", str(path)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0].startswith(
        f"{path}:1:8: the default theme 'newsdesk-dark' is used: unknown theme 'nrod'"
    )
    assert lines[0].endswith("did you mean 'nord'?")
    assert lines[1].startswith(f"{path}:4:11: 'sort' of view 'A' is '-daet'")
    assert lines[2] == "newsdesk config: 2 errors; the app would use the default config"
    assert captured.out == ""


def test_check_reports_broken_user_themes(capsys) -> None:
    themes = config_file().parent / "themes"
    themes.mkdir(parents=True)
    (themes / "mine.yaml").write_text("primary: bleu\n", encoding="utf-8")
    assert main(["config", "check"]) == 2
    err = capsys.readouterr().err
    assert f"{themes / 'mine.yaml'}:1:10: 'primary' is 'bleu'" in err
    assert "the app would leave those themes out" in err


def test_a_theme_naming_a_broken_file_says_the_file_has_errors_not_unknown(capsys) -> None:
    """`theme: mine` with themes/mine.yaml broken said "unknown theme 'mine'"."""
    themes = config_file().parent / "themes"
    themes.mkdir(parents=True)
    (themes / "mine.yaml").write_text("primary: bleu\n", encoding="utf-8")
    config_file().write_text("theme: mine\n", encoding="utf-8")
    assert main(["config", "check"]) == 2  # the theme file's error
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(f"{themes / 'mine.yaml'}:1:10: 'primary' is 'bleu'")
    assert lines[1] == (
        f"{config_file()}:1:8: the default theme 'newsdesk-dark' is used: theme 'mine' is left "
        f"out: its file '{themes / 'mine.yaml'}' has errors; mend them, or choose another theme"
    )


def test_themes_lists_shipped_and_user_themes(capsys) -> None:
    themes = config_file().parent / "themes"
    themes.mkdir(parents=True)
    (themes / "mine.yaml").write_text("primary: blue\n", encoding="utf-8")
    assert main(["config", "themes"]) == 0
    names = [line.split()[0] for line in capsys.readouterr().out.splitlines()]
    assert {"mine", "newsdesk-dark", "newsdesk-ansi", "nord"} <= set(names)


def test_help_has_examples(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["config", "--help"])
    out = capsys.readouterr().out
    assert "newsdesk config init" in out
    assert "newsdesk config check --config" in out


def test_bindings_lists_ids_with_keys_and_the_users_view_keys(capsys) -> None:
    config_file().write_text("views:\n  - name: Wire copy\n    key: '7'\n", encoding="utf-8")
    assert main(["config", "bindings"]) == 0
    rows = {line.split()[0]: line.split()[1] for line in capsys.readouterr().out.splitlines()}
    assert rows["toggle-star"] == "s"
    assert rows["view-wire-copy"] == "7"
    assert "view-inbox" not in rows


def test_check_uses_the_apps_binding_ids(tmp_path: Path, capsys) -> None:
    path = tmp_path / "c.yaml"
    path.write_text("keymap:\n  toggle-strar: x\n", encoding="utf-8")
    assert main(["config", "check", "--config", str(path)]) == 2
    assert "did you mean 'toggle-star'?" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["Inbox", "Quotes by speaker", "  Wire   copy "])
def test_view_binding_ids_agree_with_the_app(name: str) -> None:
    from tui.app.bindings import view_bindings
    from tui.config.bindings import view_binding_id
    from tui.config.model import ViewConfig

    (app_binding,) = view_bindings([ViewConfig(name=name, key="x")])
    assert view_binding_id(name) == app_binding.id


def test_check_names_a_key_left_out_of_a_keymap_entry_and_passes(capsys) -> None:
    config_file().write_text("keymap:\n  quit: ctrl+qq, q\n", encoding="utf-8")
    assert main(["config", "check"]) == 0
    captured = capsys.readouterr()
    [warning] = captured.err.splitlines()
    assert warning.endswith(
        ":2:9: keymap 'quit': 'ctrl+qq' left out (unknown key name 'qq'), 'q' kept; "
        "expected keys like 'r', 'ctrl+r', 'f5' or 'question_mark'"
    )
    assert captured.out.startswith("ok: ")


def test_check_names_both_bindings_when_the_keymap_makes_one_hide_another(
    tmp_path: Path, capsys
) -> None:
    """Against the app's real bindings: the story screen's undo on ctrl+p (the
    palette's, which takes the key first) is an error naming both."""
    path = tmp_path / "c.yaml"
    path.write_text("keymap:\n  story.undo: ctrl+p\n", encoding="utf-8")
    assert main(["config", "check", "--config", str(path)]) == 2
    first = capsys.readouterr().err.splitlines()[0]
    assert first.startswith(f"{path}:2:15: key 'ctrl+p' is bound to both 'story.undo'")
    assert "'command-palette' (every screen, first)" in first


def test_check_says_an_unknown_theme_falls_back_and_exits_2(capsys) -> None:
    config_file().write_text("theme: nrod\nmark_read_on_open: false\n", encoding="utf-8")
    assert main(["config", "check"]) == 2
    lines = capsys.readouterr().err.splitlines()
    assert lines[0].startswith(
        f"{config_file()}:1:8: the default theme 'newsdesk-dark' is used: unknown theme 'nrod'"
    )
    assert lines[1:] == [
        "newsdesk config: 1 error; the app would use the default theme and the rest of the config"
    ]
