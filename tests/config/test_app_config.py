"""Each setting's effect in a running app (Pilot), through tui.app.config_bridge."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tui.app.binding_catalog import bindings_of
from tui.config.loader import load_config
from tui.config.themes import load_themes

from .stub_reader import ArticleList, StubReader


def loaded_from(tmp_path: Path, text: str):
    path = tmp_path / "config.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    bindings = bindings_of(StubReader) + bindings_of(ArticleList)
    return load_config(path, bindings=bindings)


async def test_keymap_rebinds_a_key(tmp_path: Path) -> None:
    app = StubReader(loaded_from(tmp_path, "keymap:\n  star: x\n"))
    async with app.run_test() as pilot:
        await pilot.press("s")
        assert app.starred == 0
        await pilot.press("x")
        assert app.starred == 1


async def test_default_keys_without_a_keymap(tmp_path: Path) -> None:
    app = StubReader(loaded_from(tmp_path, "theme: newsdesk-dark\n"))
    async with app.run_test() as pilot:
        await pilot.press("s", "r")
        assert (app.starred, app.read_toggles) == (1, 1)


async def test_view_key_switches_view(tmp_path: Path) -> None:
    loaded = loaded_from(
        tmp_path,
        """\
        views:
          - name: Inbox
            key: "1"
          - name: Reuters
            query: "source:reuters"
            key: "5"
        """,
    )
    app = StubReader(loaded)
    async with app.run_test() as pilot:
        assert app.current_view == "Inbox"
        await pilot.press("5")
        assert app.current_view == "Reuters"
        await pilot.press("1")
        assert app.current_view == "Inbox"


async def test_palette_switches_view(tmp_path: Path) -> None:
    loaded = loaded_from(tmp_path, "views:\n  - name: Inbox\n  - name: Reuters\n")
    app = StubReader(loaded)
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"View: Reuters")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_view == "Reuters"


@pytest.mark.parametrize("name", sorted(load_themes()))
async def test_configured_theme_applies_with_its_roles(tmp_path: Path, name: str) -> None:
    from textual.color import Color

    spec = load_themes()[name]
    app = StubReader(loaded_from(tmp_path, f"theme: {name}\n"))
    async with app.run_test():
        assert app.theme == name
        quote = app.query_one(".quote")
        if spec.roles["quote"].color:
            assert quote.styles.color == Color.parse(spec.roles["quote"].color)
        flags = set(spec.roles["quote"].style)
        assert ("italic" in flags) == bool(quote.styles.text_style.italic)
        assert ("bold" in flags) == bool(quote.styles.text_style.bold)


async def test_palette_switches_theme_at_run_time(tmp_path: Path) -> None:
    app = StubReader(loaded_from(tmp_path, "theme: newsdesk-dark\n"))
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Theme: newsdesk-light")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "newsdesk-light"
        assert app.query_one(".match").styles.background.hex.lower() == "#a8e0a0"


async def test_textual_themes_get_the_roles_too(tmp_path: Path) -> None:
    app = StubReader(loaded_from(tmp_path, "theme: nord\n"))
    async with app.run_test() as pilot:
        assert app.theme == "nord"
        app.theme = "textual-light"
        await pilot.pause()
        assert app.query_one(".speaker").styles.text_style.bold


async def test_broken_config_gives_defaults_and_a_notice(tmp_path: Path) -> None:
    loaded = loaded_from(tmp_path, "theme: newsdesk-light\nkeymap:\n  star: crtl+x\n")
    app = StubReader(loaded)
    async with app.run_test() as pilot:
        assert app.theme == "newsdesk-dark"  # the default, not the broken file's
        await pilot.press("s")
        assert app.starred == 1  # default keys
        (notice,) = list(app._notifications)
        assert notice.severity == "error"
        assert f"{tmp_path / 'config.yaml'}:3:9: keymap 'star': unknown modifier 'crtl'" in (
            notice.message
        )
        assert "newsdesk config check" in notice.message


async def test_markup_in_a_config_error_is_shown_as_typed(tmp_path: Path) -> None:
    loaded = loaded_from(tmp_path, "theme: '[@click=app.quit]x[/b]'\n")
    app = StubReader(loaded)
    async with app.run_test() as pilot:
        await pilot.pause()
        (notice,) = list(app._notifications)
        assert "'[@click=app.quit]x[/b]'" in notice.message
        assert notice.markup is False
