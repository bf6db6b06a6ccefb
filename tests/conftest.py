"""Shared test fixtures.

Tests that need the real input in ``../shared`` (seeds, Wikinews corpus) use the
``shared_dir`` fixture and are skipped when it is not there (``NEWSDESK_SHARED`` names
another place, e.g. for a git worktree that has no ``../shared``).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("NEWSDESK_SHARED") or ROOT.parent / "shared")


@pytest.fixture
def shared_dir() -> Path:
    if not (SHARED / "seeds").is_dir():
        pytest.skip("../shared is not beside the project")
    return SHARED


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """Never touch the real library or config: every test gets its own."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("NEWSDESK_DB", str(home / "library.db"))
    monkeypatch.setenv("NEWSDESK_CONFIG", str(home / "config.yaml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))


@pytest.fixture(autouse=True)
def _reader_follows_at_once(monkeypatch) -> None:
    """The reader opens the article under the list's cursor once the cursor has rested
    (``FOLLOW_DELAY``); in tests it rests at once, so ``settle`` sees the article."""
    monkeypatch.setattr("tui.app.screens.reader.FOLLOW_DELAY", 0.0)


@pytest.fixture
def toasts(monkeypatch) -> list:
    """Every notification the app raises from now on (``.message``, ``.severity``), as
    Textual was asked to show it: through ``App.notify``, after the reader's own
    ``notify`` has made its text safe."""
    from types import SimpleNamespace

    from textual.app import App

    shown: list = []
    notify = App.notify

    def recording(self, message, *, title="", severity="information", **options):
        markup = options.get("markup", True)
        shown.append(
            SimpleNamespace(message=message, title=title, severity=severity, markup=markup)
        )
        return notify(self, message, title=title, severity=severity, **options)

    monkeypatch.setattr(App, "notify", recording)
    return shown
