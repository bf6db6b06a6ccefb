"""A snapshot per shipped theme: every reader role and the chrome around it.

Regenerate after an intended change with ``pytest tests/config --snapshot-update`` and
look at the SVGs in ``__snapshots__`` before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.config.loader import load_config
from tui.config.themes import load_themes, shipped_themes_dir

from .stub_reader import StubReader

SHIPPED = sorted(load_themes([shipped_themes_dir()]))


def reader_with_theme(tmp_path: Path, name: str) -> StubReader:
    path = tmp_path / "config.yaml"
    path.write_text(f"theme: {name}\n", encoding="utf-8")
    return StubReader(load_config(path))


@pytest.mark.parametrize("name", SHIPPED)
def test_theme_snapshot(snap_compare, tmp_path: Path, name: str) -> None:
    assert snap_compare(reader_with_theme(tmp_path, name), terminal_size=(60, 14))


def test_monochrome_theme_with_no_color_snapshot(snap_compare, tmp_path: Path, monkeypatch) -> None:
    """NO_COLOR=1 over SSH: roles stay apart by bold/italic/underline/reverse alone."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(reader_with_theme(tmp_path, "newsdesk-ansi"), terminal_size=(60, 14))
