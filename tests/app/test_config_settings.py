"""Each config setting's effect in the real reader, loaded the way ``newsdesk`` loads it."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from textual.color import Color

from tests.app.helpers import library_state, make_app, press, settle
from tui.commands._app import load_settings
from tui.config.themes import load_themes, shipped_themes_dir


def app_with_config(tmp_path: Path, library_path: Path, text: str):
    path = tmp_path / "config.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    config, notices, themes = load_settings(str(path))
    return make_app(library_path, config, notices=notices, themes=themes)


async def test_keymap_rebinds_star(tmp_path: Path, library_path: Path) -> None:
    app = app_with_config(tmp_path, library_path, "keymap:\n  toggle-star: x\n")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        article_id = app.reader.current_id
        await press(pilot, "s")
        assert not library_state(library_path, article_id).starred
        await press(pilot, "x")
        assert library_state(library_path, article_id).starred


async def test_a_bad_key_in_a_keymap_entry_leaves_the_good_ones_bound(
    tmp_path: Path, library_path: Path
) -> None:
    """``toggle-star: x, ctrl+qq``: x stars, and one line says ctrl+qq was left out."""
    app = app_with_config(tmp_path, library_path, "keymap:\n  toggle-star: x, ctrl+qq\n")
    [notice] = app.notices
    assert "config.yaml:2:16: keymap 'toggle-star': 'ctrl+qq' left out" in notice
    assert "\n" not in notice
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        article_id = app.reader.current_id
        await press(pilot, "x")
        assert library_state(library_path, article_id).starred


async def test_view_key_switches_view(tmp_path: Path, library_path: Path) -> None:
    app = app_with_config(
        tmp_path,
        library_path,
        """\
        views:
          - name: Everything
            key: "1"
          - name: Museum
            query: "museum"
            key: "5"
        """,
    )
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert app.reader.view.name == "Everything"
        assert len(app.reader.article_list.rows) > 1
        await press(pilot, "5")
        assert app.reader.view.name == "Museum"
        assert [row.title for row in app.reader.article_list.rows] == [
            "Museum reopens after renovation"
        ]


async def test_keys_written_in_capitals_fire_as_textual_spells_them(
    tmp_path: Path, library_path: Path
) -> None:
    """``F6``, ``Ctrl+S`` and a view's ``F8`` passed the check but never fired: Textual
    matched them as written, and its key events are ``f6``, ``ctrl+s``, ``f8``."""
    app = app_with_config(
        tmp_path,
        library_path,
        """\
        keymap:
          toggle-star: Ctrl+S
          toggle-read: F6
        views:
          - name: Everything
            key: "1"
          - name: Museum
            query: "museum"
            key: F8
        """,
    )
    assert app.notices == []
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        article_id = app.reader.current_id
        await press(pilot, "ctrl+s", "f6")
        state = library_state(library_path, article_id)
        assert (state.starred, state.read) == (True, True)
        await press(pilot, "f8")
        assert app.reader.view.name == "Museum"


async def test_keymap_rebinds_a_view_key(tmp_path: Path, library_path: Path) -> None:
    app = app_with_config(tmp_path, library_path, "keymap:\n  view-starred: f2\n")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await press(pilot, "f2")
        assert app.reader.view.name == "Starred"


async def test_palette_switches_view(tmp_path: Path, library_path: Path) -> None:
    app = app_with_config(tmp_path, library_path, "theme: newsdesk-dark\n")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"View: Quotes by speaker")
        await settle(pilot)
        await press(pilot, "enter")
        assert app.reader.view.name == "Quotes by speaker"


@pytest.mark.parametrize("name", sorted(load_themes([shipped_themes_dir()])))
async def test_configured_theme_colours_the_article(
    tmp_path: Path, library_path: Path, name: str
) -> None:
    spec = load_themes([shipped_themes_dir()])[name]
    app = app_with_config(tmp_path, library_path, f"theme: {name}\n")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert app.theme == name
        quote = app.reader.article_view.get_component_rich_style(
            "article-view--quote", partial=True
        )
        role = spec.roles["quote"]
        if role.color:
            expected = Color.parse(role.color)
            assert quote.color is not None
            assert quote.color.get_truecolor() == expected.rich_color.get_truecolor()
        assert bool(quote.italic) == ("italic" in role.style)
        assert bool(quote.bold) == ("bold" in role.style)


async def test_theme_switches_at_run_time_from_the_palette(
    tmp_path: Path, library_path: Path
) -> None:
    app = app_with_config(tmp_path, library_path, "theme: newsdesk-dark\n")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"theme")
        await settle(pilot)
        await press(pilot, "enter")  # Textual's own theme picker
        await pilot.press(*"newsdesk-light")
        await settle(pilot)
        await press(pilot, "enter")
        assert app.theme == "newsdesk-light"
        match = app.reader.article_view.get_component_rich_style(
            "article-view--match", partial=True
        )
        assert match.bgcolor is not None
        assert match.bgcolor.get_truecolor() == Color.parse("#a8e0a0").rich_color.get_truecolor()


async def test_a_theme_switch_redraws_the_article_list(tmp_path: Path, library_path: Path) -> None:
    """The list keeps drawn rows in a cache: a new theme must not leave them in old colours."""
    app = app_with_config(tmp_path, library_path, "theme: newsdesk-dark\n")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        lst = app.reader.article_list
        dark_row = lst.render_line(1)
        app.theme = "newsdesk-light"
        await settle(pilot)
        light_row = lst.render_line(1)
        assert light_row.text == dark_row.text
        assert list(light_row) != list(dark_row)
        assert next(iter(light_row)).style.bgcolor.get_truecolor() == (
            lst.rich_style.bgcolor.get_truecolor()
        )


async def test_broken_config_gives_defaults_and_a_notice(
    tmp_path: Path, library_path: Path, toasts
) -> None:
    app = app_with_config(
        tmp_path, library_path, "theme: newsdesk-light\nkeymap:\n  toggle-star: crtl+x\n"
    )
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert app.theme == "newsdesk-dark"  # the default, not the broken file's choice
        article_id = app.reader.current_id
        await press(pilot, "s")  # the default key still stars
        assert library_state(library_path, article_id).starred
        messages = [notice.message for notice in toasts]
        assert any(
            f"{tmp_path / 'config.yaml'}:3:16: keymap 'toggle-star': unknown modifier 'crtl'"
            in message
            and "newsdesk config check" in message
            for message in messages
        ), messages


async def test_textual_themes_get_the_reader_roles(tmp_path: Path, library_path: Path) -> None:
    app = app_with_config(tmp_path, library_path, "theme: nord\n")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        speaker = app.reader.article_view.get_component_rich_style(
            "article-view--speaker", partial=True
        )
        assert speaker.bold
        assert speaker.color is not None
        assert speaker.color.get_truecolor() == Color.parse("#88C0D0").rich_color.get_truecolor()


async def test_markup_in_a_config_error_is_shown_as_typed(
    tmp_path: Path, library_path: Path, toasts
) -> None:
    app = app_with_config(tmp_path, library_path, "theme: '[@click=app.quit]x[/b]'\n")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        notices = [n for n in toasts if "[@click=app.quit]x[/b]" in n.message]
        assert notices and all(notice.markup is False for notice in notices)
        assert app.is_running


@pytest.mark.parametrize("theme", ["newsdesk-ansi", "newsdesk-dark"])
async def test_no_color_strips_colours_to_suit_the_theme(
    tmp_path: Path, library_path: Path, monkeypatch, theme: str
) -> None:
    """NO_COLOR starts on the ANSI theme whatever the config says (the terminal's own
    colours, never black on black); a true-colour theme picked later is turned to greys."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_with_config(tmp_path, library_path, f"theme: {theme}\n")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "newsdesk-ansi"
        names = {type(f).__name__ for f in app.get_line_filters()}
        assert "NoColor" in names and "Monochrome" not in names
        app.theme = "newsdesk-dark"
        await settle(pilot)
        names = {type(f).__name__ for f in app.get_line_filters()}
        assert "Monochrome" in names and "NoColor" not in names


async def test_without_a_config_file_every_theme_is_there_and_broken_ones_are_named(
    tmp_path: Path, library_path: Path, toasts
) -> None:
    from tui.paths import config_path, user_themes_dir

    assert not config_path().exists()
    user_themes_dir().mkdir(parents=True)
    (user_themes_dir() / "mine.yaml").write_text('primary: "#336699"\n', encoding="utf-8")
    (user_themes_dir() / "broken.yaml").write_text("primary: not-a-colour\n", encoding="utf-8")
    # A control character: PyYAML refuses the file outright (this crashed the app).
    bell = user_themes_dir() / "bell.yaml"
    bell.write_text('name: bell\x07\nprimary: "#112233"\n', encoding="utf-8")
    config, notices, themes = load_settings(None)
    app = make_app(library_path, config, notices=notices, themes=themes)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.theme == "newsdesk-dark"
        shipped = set(load_themes([shipped_themes_dir()]))
        assert shipped | {"mine", "nord"} <= set(app.available_themes)
        assert "broken" not in app.available_themes and "bell" not in app.available_themes
        messages = [notice.message for notice in toasts]
        # One notice for both files: their names, and the first error in full.
        (skipped,) = [message for message in messages if message.startswith("themes skipped")]
        assert skipped.startswith("themes skipped (2 errors in bell.yaml, broken.yaml; ")
        assert f"lists them): {bell}:1:11: character U+0007 is not allowed" in skipped
        app.theme = "mine"  # from the palette's theme switcher
        await settle(pilot)
        quote = app.reader.article_view.get_component_rich_style(
            "article-view--quote", partial=True
        )
        assert quote.italic  # a user theme without roles still gets the reader's roles


async def test_muted_text_is_readable_on_the_light_theme(
    tmp_path: Path, library_path: Path
) -> None:
    """$text-muted has alpha: the list's muted columns (source, date) must be blended,
    not drawn white (at 160x48 the list shows the date; the source gave way)."""
    app = app_with_config(tmp_path, library_path, "theme: newsdesk-light\n")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        lst = app.reader.article_list
        row = list(lst.render_line(1))  # not the cursor's row
        source = next(seg for seg in row if seg.text.strip().startswith("2024-03-03"))
        colour = source.style.color.get_truecolor()
        background = lst.rich_style.bgcolor.get_truecolor()
        assert colour != (255, 255, 255)
        assert sum(colour) < sum(background) - 150  # clearly darker than the light page


def test_a_config_error_and_broken_themes_make_two_notices_not_one_each(
    tmp_path: Path,
) -> None:
    """Each broken theme had its own notice: at 80x24 they pushed the config's own error
    (the one that says the defaults are used) off the screen."""
    from tui.paths import user_themes_dir

    user_themes_dir().mkdir(parents=True)
    for name in ("a", "b", "c"):
        (user_themes_dir() / f"{name}.yaml").write_text("primary: bleu\n", encoding="utf-8")
    config = user_themes_dir().parent / "config.yaml"
    config.write_text("mark_read_on_open: maybe\n", encoding="utf-8")
    _config, notices, _themes = load_settings(str(config))
    first, themes = notices
    assert first.startswith("config error, using the defaults: ")
    assert themes.startswith("themes skipped (3 errors in a.yaml, b.yaml, c.yaml; ")
    assert f"lists them): {user_themes_dir() / 'a.yaml'}:1:10: 'primary' is 'bleu'" in themes


async def test_an_unknown_theme_keeps_the_views_and_keymap_even_under_no_color(
    tmp_path: Path, library_path: Path, monkeypatch
) -> None:
    """``theme: nrod`` threw the whole config away for the defaults (views and keymap
    too), even with NO_COLOR, where the ANSI theme is used anyway: now one line says the
    default theme is used, and the rest of the config applies."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_with_config(
        tmp_path,
        library_path,
        """\
        theme: nrod
        keymap:
          toggle-star: x
        views:
          - name: Everything
            key: "1"
        """,
    )
    [notice] = app.notices
    assert "the default theme 'newsdesk-dark' is used: unknown theme 'nrod'" in notice
    assert "did you mean 'nord'?" in notice and "\n" not in notice
    assert [view.name for view in app.config.views] == ["Everything"]
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert app.theme == "newsdesk-ansi"
        article_id = app.reader.current_id
        await press(pilot, "x")
        assert library_state(library_path, article_id).starred


def test_a_theme_whose_file_is_broken_falls_back_with_one_notice(tmp_path: Path) -> None:
    from tui.paths import user_themes_dir

    user_themes_dir().mkdir(parents=True)
    (user_themes_dir() / "mine.yaml").write_text("primary: bleu\n", encoding="utf-8")
    config = user_themes_dir().parent / "config.yaml"
    config.write_text("theme: mine\nviews:\n  - name: Desk\n", encoding="utf-8")
    settings, notices, _themes = load_settings(str(config))
    assert settings.theme == "newsdesk-dark" and [v.name for v in settings.views] == ["Desk"]
    [notice] = notices  # not also "theme skipped: mine.yaml ..." for the same file
    assert "the default theme 'newsdesk-dark' is used: theme 'mine' is left out" in notice
