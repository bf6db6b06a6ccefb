"""The config cache: an unchanged, valid config file is not checked again; any change is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tui.config import config_cache, loader
from tui.config.bindings import BindingInfo
from tui.config.config_cache import (
    cache_file,
    config_from_json,
    config_to_json,
    load_config_cached,
)
from tui.config.loader import load_config
from tui.config.model import Config, FeedConfig, ViewConfig
from tui.config.template import DEFAULT_CONFIG_TEXT

BINDINGS = [
    BindingInfo("quit", "q", "quit", "app"),
    BindingInfo("toggle-star", "s", "toggle_star", "app"),
    BindingInfo("cursor-down", "j,down", "cursor_down", "app"),
]


def bindings() -> list[BindingInfo]:
    return BINDINGS


def write(path: Path, text: str) -> Path:
    """Write ``text``, moving the modification time on (as a later edit would)."""
    existed = path.exists()
    path.write_text(text, encoding="utf-8")
    if existed:
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    return path


def refuse_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the config was checked again")

    monkeypatch.setattr(loader, "load_config", fail)


def test_an_unchanged_file_is_not_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "config.yaml", "theme: newsdesk-light\nkeymap:\n  toggle-star: x\n")
    first = load_config_cached(path, bindings)
    assert first.ok and first.config == load_config(path, bindings=BINDINGS).config
    refuse_checks(monkeypatch)
    again = load_config_cached(path, bindings)
    assert again.ok and again.config == first.config
    assert set(again.themes) == set(first.themes) and "newsdesk-light" in again.themes


def test_an_edited_file_is_checked_again_and_its_errors_reported_as_before(
    tmp_path: Path,
) -> None:
    path = write(tmp_path / "config.yaml", "theme: newsdesk-light\n")
    assert load_config_cached(path, bindings).config.theme == "newsdesk-light"
    write(path, "theme: newsdesk-lihgt\nkeymap:\n  no-such-binding: x\n")
    edited = load_config_cached(path, bindings)
    checked = load_config(path, bindings=BINDINGS)
    assert [str(e) for e in edited.errors] == [str(e) for e in checked.errors]
    assert len(edited.errors) == 2 and "newsdesk-light" in str(edited.errors[0])
    # ... every time (a file with errors is never remembered), and fixed again:
    assert [str(e) for e in load_config_cached(path, bindings).errors] == [
        str(e) for e in checked.errors
    ]
    write(path, "theme: newsdesk-dark\n")
    assert load_config_cached(path, bindings).config.theme == "newsdesk-dark"


def test_the_same_size_and_time_with_other_bytes_is_checked_again(tmp_path: Path) -> None:
    path = write(tmp_path / "config.yaml", "theme: newsdesk-light\n")
    load_config_cached(path, bindings)
    stat = path.stat()
    path.write_text("theme: newsdesk-lihgt\n", encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load_config_cached(path, bindings).theme_fallback == "newsdesk-lihgt"


def test_a_theme_file_removed_since_makes_the_theme_fall_back_again(tmp_path: Path) -> None:
    themes = tmp_path / "themes"
    themes.mkdir()
    (themes / "mine.yaml").write_text('primary: "#336699"\n', encoding="utf-8")
    path = write(tmp_path / "config.yaml", "theme: mine\n")
    loaded = load_config_cached(path, bindings)
    assert loaded.ok and loaded.config.theme == "mine" and "mine" in loaded.themes
    (themes / "mine.yaml").unlink()
    gone = load_config_cached(path, bindings)
    assert [str(e) for e in gone.warnings] == [str(e) for e in load_config(path).warnings]
    assert gone.theme_fallback == "mine" and gone.config.theme == "newsdesk-dark"


def test_a_broken_theme_is_reported_whether_or_not_the_config_is_remembered(
    tmp_path: Path,
) -> None:
    themes = tmp_path / "themes"
    themes.mkdir()
    (themes / "broken.yaml").write_text("primary: not-a-colour\n", encoding="utf-8")
    path = write(tmp_path / "config.yaml", "theme: newsdesk-dark\n")
    for _ in range(2):
        loaded = load_config_cached(path, bindings)
        assert loaded.errors == []
        assert [str(e) for e in loaded.theme_errors] == [
            str(e) for e in load_config(path).theme_errors
        ]
        assert loaded.theme_errors and "broken.yaml" in str(loaded.theme_errors[0])


def test_a_damaged_cache_costs_a_check_never_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "config.yaml", "theme: newsdesk-light\n")
    load_config_cached(path, bindings)
    text = cache_file().read_text(encoding="utf-8")
    cache_file().write_text(text.replace('"newsdesk-light"', "12"), encoding="utf-8")
    assert load_config_cached(path, bindings).config.theme == "newsdesk-light"
    cache_file().write_text("{not json", encoding="utf-8")
    assert load_config_cached(path, bindings).config.theme == "newsdesk-light"
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(config_cache, "cache_file", lambda: blocker / "config.json")
    for _ in range(2):
        assert load_config_cached(path, bindings).config.theme == "newsdesk-light"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_place_of_the_file_is_refused_without_hanging(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    os.mkfifo(path)
    loaded = load_config_cached(path, bindings)
    assert [str(e) for e in loaded.errors] == [str(e) for e in load_config(path).errors]
    assert loaded.errors


def test_every_setting_survives_the_cache() -> None:
    config = Config(
        views=(
            ViewConfig(name="Wire", query="is:unread", sort="source", key="w", group="story"),
            ViewConfig(
                name="Quotes",
                layout=(("list", 1), ("quotes", 2)),
                columns=("flags", "title", "quotes"),
                speaker_index=True,
            ),
        ),
        keymap={"toggle-star": "x,asterisk"},
        theme="paper",
        mark_read_on_open=False,
        feeds=(FeedConfig("https://example.org/rss", "Ex", ("world",), True),),
        watch=("~/in",),
        refresh_every=1800,
    )
    assert config_from_json(config_to_json(config)) == config
    damaged = config_to_json(config)
    damaged["refresh_every"] = True  # not a number of seconds
    assert config_from_json(damaged) is None


def test_a_start_with_an_unchanged_config_imports_neither_pydantic_nor_yaml(
    tmp_path: Path,
) -> None:
    """The point of the cache: pydantic and its validators cost ~135 ms of CPU."""
    (tmp_path / "config.yaml").write_text(DEFAULT_CONFIG_TEXT, encoding="utf-8")
    probe = (
        "import sys; from tui.commands._app import load_settings; "
        "config, notices, themes = load_settings(None); assert not notices, notices; "
        "print(sorted(m for m in ('pydantic', 'yaml') if m in sys.modules))"
    )
    env = {**os.environ, "NEWSDESK_CONFIG": str(tmp_path / "config.yaml")}
    seen = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
        )
        seen.append(done.stdout.split("\n")[-2])
    assert seen == ["['pydantic', 'yaml']", "[]"]


def test_a_binding_id_renamed_by_a_newer_newsdesk_is_noticed(tmp_path: Path) -> None:
    """The version alone is not the binding ids: a keymap checked against one set of ids
    is checked again when the files declaring them change, the file itself unchanged."""
    path = write(tmp_path / "config.yaml", "keymap:\n  toggle-star: x\n")
    declared = write(tmp_path / "bindings.py", "toggle-star\n")
    first = load_config_cached(path, bindings, lambda: [declared])
    assert first.ok and first.config.keymap == {"toggle-star": "x"}
    renamed = [BindingInfo("star", "s", "toggle_star", "app"), *BINDINGS[:1]]
    write(declared, "star\n")  # a newer Newsdesk: the id is now 'star'
    again = load_config_cached(path, lambda: renamed, lambda: [declared])
    assert not again.ok and "unknown binding id 'toggle-star'" in str(again.errors[0])
    assert again.config.keymap == {}
