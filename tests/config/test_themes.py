"""Theme files: the shipped ones load, and broken ones say where and what."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.config.colors import COLOR_NAMES
from tui.config.themes import (
    ROLES,
    TEXTUAL_THEMES,
    RoleStyle,
    load_theme_file,
    load_themes,
    load_themes_with_errors,
    parse_role,
    shipped_themes_dir,
    theme_dirs,
)

ROOT = Path(__file__).resolve().parents[2]


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_themes_dir_is_the_checkouts() -> None:
    assert shipped_themes_dir() == ROOT / "themes"


def test_shipped_themes_load_without_errors() -> None:
    themes, errors = load_themes_with_errors([shipped_themes_dir()])
    assert errors == []
    assert {"newsdesk-dark", "newsdesk-light", "newsdesk-high-contrast", "newsdesk-ansi"} <= set(
        themes
    )
    assert themes["newsdesk-light"].dark is False
    assert themes["newsdesk-ansi"].ansi is True
    for spec in themes.values():
        assert set(spec.roles) == set(ROLES), spec.name


def test_the_monochrome_theme_marks_every_role_with_a_text_style() -> None:
    """With NO_COLOR the colours go; bold/italic/reverse/underline must still tell roles apart."""
    spec = load_themes([shipped_themes_dir()])["newsdesk-ansi"]
    styles = {role: spec.roles[role].style for role in ROLES}
    assert all(styles.values()), styles
    assert len(set(styles.values())) == len(ROLES)


def test_user_themes_come_from_beside_the_config_and_override(tmp_path: Path) -> None:
    user_dir = theme_dirs()[-1]
    write(user_dir, "mine.yaml", "primary: '#123456'\nroles:\n  quote: bold\n")
    write(user_dir, "dark.yaml", "name: newsdesk-dark\nprimary: red\n")
    themes = load_themes()
    assert themes["mine"].primary == "#123456"
    assert themes["mine"].roles["quote"] == RoleStyle(style=("bold",))
    assert themes["newsdesk-dark"].primary == "red"


def test_broken_theme_errors_point_at_the_value(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad.yaml",
        "primary: '#12345'\nbackgound: black\nroles:\n  quote: itallic red\n  speach: bold\n",
    )
    spec, errors = load_theme_file(path)
    assert spec is None
    texts = [str(error) for error in errors]
    assert texts[0] == (
        f"{path}:1:10: 'primary' is '#12345'; expected a colour like '#1e90ff', "
        "'rgb(30,144,255)', 'dodgerblue' or 'ansi_blue'"
    )
    assert texts[1].startswith(f"{path}:2:1: unknown key 'backgound' in the theme; expected ")
    assert texts[1].endswith("did you mean 'background'?")
    assert texts[2].startswith(f"{path}:4:10: role 'quote': 'itallic' is neither a colour nor")
    assert texts[2].endswith("did you mean 'italic'?")
    assert texts[3].startswith(f"{path}:5:3: unknown key 'speach' in 'roles'")
    assert texts[3].endswith("did you mean 'speaker'?")


def test_misspelt_colour_name(tmp_path: Path) -> None:
    path = write(tmp_path, "t.yaml", "primary: dodgerblu\n")
    _, errors = load_theme_file(path)
    assert str(errors[0]).endswith("did you mean 'dodgerblue'?")


def test_a_theme_needs_a_primary(tmp_path: Path) -> None:
    path = write(tmp_path, "t.yaml", "dark: true\n")
    _, errors = load_theme_file(path)
    assert [str(e) for e in errors] == [
        f"{path}:1:1: the theme has no 'primary'; expected 'primary: <colour>'"
    ]


def test_broken_theme_files_are_skipped_not_fatal(tmp_path: Path) -> None:
    write(tmp_path, "good.yaml", "primary: blue\n")
    write(tmp_path, "bad.yaml", "primary: [\n")
    themes, errors = load_themes_with_errors([tmp_path])
    assert list(themes) == ["good"]
    assert len(errors) == 1
    assert str(errors[0]).startswith(f"{tmp_path / 'bad.yaml'}:2:1: YAML syntax: ")


def test_role_syntax() -> None:
    assert parse_role("bold italic #e5c07b on rgb(0, 0, 0)") == RoleStyle(
        color="#e5c07b", background="rgb(0, 0, 0)", style=("bold", "italic")
    )
    assert parse_role("reverse") == RoleStyle(style=("reverse",))
    assert (
        parse_role("red blue")
        == "two colours ('red', 'blue'); expected one, then 'on <background>'"
    )
    assert parse_role("bold on") == "'on' must be followed by a background colour"


@pytest.mark.parametrize(
    ("word", "hint"),
    [
        ("blinking", "; 'blink' is not among a role's styles"),  # said 'linen'
        ("itallic", "; did you mean 'italic'?"),
        ("underlined", "; did you mean 'underline'?"),  # a style word, not 'indianred'
        ("bolld", "; did you mean 'bold'?"),  # not 'gold'
        ("grean", "; did you mean 'green'?"),
        ("qqqq", ""),
    ],
)
def test_a_wrong_role_word_is_matched_against_its_own_vocabulary(word: str, hint: str) -> None:
    problem = parse_role(f"{word} on black")
    assert isinstance(problem, str)
    assert problem.startswith(f"'{word}' is neither a colour nor a style; ")
    assert problem.endswith("a colour and 'on <colour>'" + hint)


def test_colour_names_match_textuals() -> None:
    from textual.color import Color

    for name in COLOR_NAMES:
        Color.parse(name)  # raises if Textual does not know it


def test_textual_theme_names_match_textuals() -> None:
    from textual.theme import BUILTIN_THEMES

    assert set(TEXTUAL_THEMES) == set(BUILTIN_THEMES)


def test_in_a_wheel_the_themes_are_inside_the_package(tmp_path: Path, monkeypatch) -> None:
    """The wheel force-includes themes/ as tui/_themes; the locator must find it there."""
    import importlib.util
    import shutil
    import sys

    import tui.config.themes as real

    fake = tmp_path / "site" / "tui" / "config" / "themes.py"
    fake.parent.mkdir(parents=True)
    shutil.copy(real.__file__, fake)
    (tmp_path / "site" / "tui" / "_themes").mkdir()
    spec = importlib.util.spec_from_file_location("wheel_themes", fake)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "wheel_themes", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    assert module.shipped_themes_dir() == tmp_path / "site" / "tui" / "_themes"


def test_theme_variables_are_checked(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "t.yaml",
        "primary: blue\nvariables:\n  border: notacolour\n  block-cursor-text-style: bold wavy\n"
        "  footer-key-foreground: '#ffffff 50%'\n",
    )
    _, errors = load_theme_file(path)
    assert [str(e) for e in errors] == [
        f"{path}:3:11: variable 'border' is 'notacolour'; expected a colour like '#1e90ff' "
        "or 'ansi_blue', optionally with an opacity ('50%')",
        f"{path}:4:28: variable 'block-cursor-text-style' is 'bold wavy'; expected "
        "text-style flags such as 'bold underline' or 'none'",
    ]


def test_style_flags_match_textuals() -> None:
    from textual.css.constants import VALID_STYLE_FLAGS

    from tui.config.colors import TCSS_STYLE_FLAGS

    assert set(VALID_STYLE_FLAGS) == TCSS_STYLE_FLAGS
