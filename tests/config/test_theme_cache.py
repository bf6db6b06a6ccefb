"""The theme cache: an unchanged theme file is answered without YAML, anything else is read."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tui.config import theme_cache
from tui.config.theme_cache import cache_file, load_theme_file_cached
from tui.config.themes import load_theme_file, shipped_themes_dir

THEME = """\
dark: false
primary: "#336699"
background: "#fafafa"
roles:
  quote: "italic #884400"
  match: "bold black on #98c379"
variables:
  footer-key-foreground: "#336699"
"""


def write_theme(tmp_path: Path, text: str = THEME, name: str = "paper.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refuse_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(path: Path):
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr(theme_cache, "load_theme_file", fail)


def test_an_unchanged_file_comes_back_from_the_cache_as_it_was_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_theme(tmp_path)
    first, errors = load_theme_file_cached(path)
    assert errors == []
    assert first == load_theme_file(path)[0]
    refuse_yaml(monkeypatch)
    again, errors = load_theme_file_cached(path)
    assert errors == []
    assert again == first


def test_every_shipped_theme_survives_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = sorted(shipped_themes_dir().glob("*.yaml"))
    read = {path: load_theme_file_cached(path)[0] for path in paths}
    refuse_yaml(monkeypatch)
    for path in paths:
        assert load_theme_file_cached(path) == (read[path], [])
        assert read[path] is not None


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    path = write_theme(tmp_path)
    load_theme_file_cached(path)
    path.write_text(THEME.replace("#336699", "#aa3366"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    spec, errors = load_theme_file_cached(path)
    assert errors == []
    assert spec is not None and spec.primary == "#aa3366"


def test_a_broken_file_reports_its_errors_every_time(tmp_path: Path) -> None:
    path = write_theme(tmp_path, "primary: not-a-colour\n")
    for _ in range(2):
        spec, errors = load_theme_file_cached(path)
        assert spec is None
        assert errors and "primary" in str(errors[0])


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    path = write_theme(tmp_path)
    cache_file().parent.mkdir(parents=True, exist_ok=True)
    cache_file().write_text("{not json", encoding="utf-8")
    spec, errors = load_theme_file_cached(path)
    assert errors == [] and spec == load_theme_file(path)[0]
    # ... and replaced by a good one.
    cache_file().write_text(cache_file().read_text().replace('"#336699"', "12"), encoding="utf-8")
    spec, errors = load_theme_file_cached(path)
    assert errors == [] and spec == load_theme_file(path)[0]


def test_a_cache_folder_that_cannot_be_written_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(theme_cache, "cache_file", lambda: blocker / "themes.json")
    path = write_theme(tmp_path)
    for _ in range(2):
        spec, errors = load_theme_file_cached(path)
        assert errors == [] and spec == load_theme_file(path)[0]
