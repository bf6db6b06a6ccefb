"""Start-up: the first frame already wears the configured theme."""

from __future__ import annotations

import dataclasses
import gc
from pathlib import Path

import pytest
from textual.color import Color

from tests.app.helpers import settle
from tui.config.model import default_config
from tui.config.themes import load_themes, shipped_themes_dir


def first_frame_app(library_path: Path, theme: str):
    """The reader, noting what its list looked like when the first frame was shown."""
    from tui.app.app import NewsdeskApp

    class Noting(NewsdeskApp):
        seen: dict[str, object]

        def on_ready(self) -> None:
            self.seen = {
                "theme": self.theme,
                "classes": set(self.classes),
                "background": self.reader.article_list.styles.background,
            }
            super().on_ready()

    config = dataclasses.replace(default_config(), theme=theme)
    return Noting(config, library_path=library_path)


@pytest.mark.parametrize("name", ["newsdesk-light", "newsdesk-dark", "nord"])
async def test_the_first_frame_is_drawn_in_the_configured_theme(
    library_path: Path, name: str
) -> None:
    app = first_frame_app(library_path, name)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        seen = app.seen
        theme = app.get_theme(name)
        assert seen["theme"] == name
        assert f"-theme-{name}" in seen["classes"]
        assert "-theme-textual-dark" not in seen["classes"] or name == "textual-dark"
        assert ("-dark-mode" in seen["classes"]) == theme.dark
        assert ("-light-mode" in seen["classes"]) == (not theme.dark)
        surface = app.theme_variables["surface"]
        assert seen["background"] == Color.parse(surface)
        if name in load_themes([shipped_themes_dir()]):
            spec = load_themes([shipped_themes_dir()])[name]
            assert Color.parse(spec.colors["surface"]) == seen["background"]


async def test_an_unknown_theme_still_starts_and_says_so(library_path: Path, toasts) -> None:
    app = first_frame_app(library_path, "no-such-theme")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        assert any("no-such-theme" in str(n.message) for n in toasts)


async def test_the_cycle_collector_is_left_running(library_path: Path) -> None:
    """Start-up freezes what the imports made; it never turns the collector off."""
    app = first_frame_app(library_path, "newsdesk-dark")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
