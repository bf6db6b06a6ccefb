"""A snapshot per shipped theme: every reader role and the chrome around it.

Regenerate after an intended change with ``pytest tests/config --snapshot-update`` and
look at the SVGs in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

import pytest

from tui.config.themes import load_themes, shipped_themes_dir

from .theme_preview import ThemePreview

SHIPPED = sorted(load_themes([shipped_themes_dir()]))


@pytest.mark.parametrize("name", SHIPPED)
def test_theme_snapshot(snap_compare, name: str) -> None:
    assert snap_compare(ThemePreview(name), terminal_size=(60, 14))


def test_monochrome_theme_with_no_color_snapshot(snap_compare, monkeypatch) -> None:
    """NO_COLOR=1 over SSH: roles stay apart by bold/italic/underline/reverse alone."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(ThemePreview("newsdesk-ansi"), terminal_size=(60, 14))
