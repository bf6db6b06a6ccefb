"""feeds:, watch: and refresh_every: in the config file."""

from __future__ import annotations

from pathlib import Path

from tui.config.loader import load_config
from tui.config.model import FeedConfig
from tui.config.subscriptions import duration_seconds


def load(tmp_path: Path, text: str):
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return load_config(path, themes={})


def test_feeds_watch_and_refresh_every_are_read(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        "feeds:\n"
        "  - https://example.org/rss\n"
        "  - url: https://example.com/atom.xml\n"
        "    name: Example\n"
        "    tags: [world, daily]\n"
        "    fetch_full_text: true\n"
        "watch: ~/scraper/out\n"
        "refresh_every: 1h30m\n",
    )
    assert loaded.errors == []
    config = loaded.config
    assert config.feeds == (
        FeedConfig("https://example.org/rss"),
        FeedConfig("https://example.com/atom.xml", "Example", ("world", "daily"), True),
    )
    assert config.watch == ("~/scraper/out",)
    assert config.refresh_every == 5400


def test_mistakes_point_at_the_line(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        "feeds:\n  - name: No URL\n  - url: https://x.example/\n    fetch-full: true\n"
        "refresh_every: 10s\n",
    )
    shown = [str(e).split(":", 1)[1] for e in loaded.errors]
    assert shown == [
        "2:5: feeds item 1 has no 'url'; expected 'url: https://...'",
        "4:5: unknown key 'fetch-full' in feeds item 2; expected 'url', 'name', 'tags' or"
        " 'fetch_full_text'; did you mean 'fetch_full_text'?",
        "5:16: 'refresh_every' is '10s'; expected a duration of at least 1m, like 30m, 2h or 1h30m",
    ]
    assert loaded.config.feeds == ()  # a config with errors falls back to the defaults


def test_durations() -> None:
    assert duration_seconds("30m") == 1800
    assert duration_seconds("2h") == 7200
    assert duration_seconds("1d") == 86400
    assert duration_seconds("soon") is None
    assert duration_seconds("30") is None


def test_a_refresh_every_of_the_wrong_shape_is_one_error(tmp_path: Path) -> None:
    loaded = load(tmp_path, "refresh_every: [1]\n")
    assert [str(e).split(":", 1)[1] for e in loaded.errors] == [
        "1:16: 'refresh_every' is a list; expected a duration of at least 1m, like 30m, 2h or 1h30m"
    ]
