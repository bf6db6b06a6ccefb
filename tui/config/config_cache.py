"""A config file checked once, remembered until it changes: start-up without pydantic.

Checking ``config.yaml`` (YAML, then pydantic against :mod:`tui.config.schema`, then
every binding id) costs ~135 ms of CPU before the first frame, ~100 ms of it importing
pydantic and building the models' validators (``benchmarks/bench_config.py``: 222 ms
against 86 ms for the settings without a file, under load). A file that passed every
check is therefore remembered, as the :class:`~tui.config.model.Config` it gave, in the
user cache folder (``config.json``), keyed on everything its checks read:

- the file (size, modification time, CRC-32 of its bytes) and where it is (its themes
  are beside it);
- every theme file it may name (path, size, modification time): a theme deleted or
  broken since makes ``theme:`` wrong again;
- the checks themselves: :data:`CACHE_VERSION` and Newsdesk's version;
- the binding ids the keymap may name, by the files that declare them (``binding_sources``,
  the caller's: this layer imports no Textual): a binding id renamed by a newer Newsdesk
  (or by a development checkout whose version did not move) is an edit to one of them,
  and the keymap is checked again against the new ids.

Any change is a miss and the file is checked again in full, so every error is reported
exactly as before; a file with errors is never remembered. ``newsdesk config check``
never reads the cache. The cache is only ever a copy: a damaged or unwritable one costs
the full check, never an error.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from tui.config.bindings import BindingInfo
from tui.config.cache_files import (
    cache_path,
    file_stamp,
    flag,
    read_entries,
    regular_file_bytes,
    text,
    text_list,
    text_or_none,
    texts,
    whole_number,
    write_entries,
)
from tui.config.loaded import LoadedConfig
from tui.config.model import Config, FeedConfig, ViewConfig

#: Bump when the schema, the checks or :class:`Config` change: older entries are ignored.
CACHE_VERSION = 3  # 3: keymap and view keys stored as Textual spells them
#: Config files remembered (one per path): enough for a few ``--config`` files.
MAX_ENTRIES = 8


def cache_file() -> Path:
    return cache_path("config.json")


def load_config_cached(
    path: Path,
    bindings: Callable[[], Sequence[BindingInfo]],
    binding_sources: Callable[[], Sequence[Path]] = list,
) -> LoadedConfig:
    """:func:`tui.config.loader.load_config` of ``path`` (a file that exists), answered
    from the cache when nothing its checks read has changed since it passed them.

    ``bindings`` makes the app's bindings, needed only when the file is checked;
    ``binding_sources`` gives the files that declare them (read on every start: their
    size and modification time are part of the key).
    """
    from tui.config.theme_cache import load_theme_file_cached
    from tui.config.themes import load_themes_with_errors

    # The themes beside the file, as load_config reads them, but through the theme cache
    # (no YAML while they are unchanged); their errors are reported either way.
    themes, theme_errors = load_themes_with_errors(config_file=path, read=load_theme_file_cached)
    key = _key(path, binding_sources())
    entries = read_entries(cache_file(), CACHE_VERSION, "configs")
    entry = entries.get(str(path.resolve())) if key else None
    if isinstance(entry, dict) and entry.get("key") == key:
        config = config_from_json(entry.get("config"))
        if config is not None:
            return LoadedConfig(config, [], path, themes, theme_errors)
    from tui.config.loader import load_config

    loaded = load_config(path, bindings=bindings(), themes=themes, theme_errors=theme_errors)
    if loaded.ok and not loaded.warnings and key:  # warnings are said at every start
        entries.pop(str(path.resolve()), None)
        entries[str(path.resolve())] = {"key": key, "config": config_to_json(loaded.config)}
        kept = dict(list(entries.items())[-MAX_ENTRIES:])
        write_entries(cache_file(), CACHE_VERSION, "configs", kept)
    return loaded


def _key(path: Path, binding_sources: Sequence[Path] = ()) -> list[Any] | None:
    """Everything the checks of ``path`` read, as JSON; None when it cannot be read.

    The file by its size, modification time and CRC-32 (not a cryptographic digest,
    whose ``hashlib`` import loads OpenSSL: the cache guards against stale entries, not
    against an attacker, who could as well edit the config itself).
    """
    import zlib

    import tui
    from tui.config.themes import theme_dirs
    from tui.config.yamlsafe import MAX_BYTES

    content = regular_file_bytes(path, MAX_BYTES)
    if content is None:  # the reader refuses it, or it cannot be read: no cache
        return None
    themes = []
    for directory in theme_dirs(path):
        if directory.is_dir():
            for theme in sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")]):
                themes.append([str(theme), file_stamp(theme)])
    return [
        CACHE_VERSION,
        tui.__version__,
        str(path.resolve()),
        file_stamp(path),
        zlib.crc32(content),
        themes,
        [[str(source), file_stamp(source)] for source in binding_sources],
    ]


def config_to_json(config: Config) -> dict[str, Any]:
    return {
        "views": [
            {
                "name": view.name,
                "query": view.query,
                "sort": view.sort,
                "layout": [[pane, size] for pane, size in view.layout],
                "columns": list(view.columns),
                "key": view.key,
                "speaker_index": view.speaker_index,
                "group": view.group,
            }
            for view in config.views
        ],
        "keymap": dict(config.keymap),
        "theme": config.theme,
        "mark_read_on_open": config.mark_read_on_open,
        "feeds": [
            {
                "url": feed.url,
                "name": feed.name,
                "tags": list(feed.tags),
                "fetch_full_text": feed.fetch_full_text,
            }
            for feed in config.feeds
        ],
        "watch": list(config.watch),
        "refresh_every": config.refresh_every,
    }


def config_from_json(data: Any) -> Config | None:
    """The config of a cache entry; None when the entry is not exactly what is written."""
    try:
        every = data["refresh_every"]
        return Config(
            views=tuple(_view(view) for view in data["views"]),
            keymap=texts(data["keymap"]),
            theme=text(data["theme"]),
            mark_read_on_open=flag(data["mark_read_on_open"]),
            feeds=tuple(_feed(feed) for feed in data["feeds"]),
            watch=text_list(data["watch"]),
            refresh_every=None if every is None else whole_number(every),
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _view(data: dict[str, Any]) -> ViewConfig:
    return ViewConfig(
        name=text(data["name"]),
        query=text(data["query"]),
        sort=text(data["sort"]),
        layout=tuple((text(pane), whole_number(size)) for pane, size in data["layout"]),
        columns=text_list(data["columns"]),
        key=text_or_none(data["key"]),
        speaker_index=flag(data["speaker_index"]),
        group=text_or_none(data["group"]),
    )


def _feed(data: dict[str, Any]) -> FeedConfig:
    return FeedConfig(
        url=text(data["url"]),
        name=text_or_none(data["name"]),
        tags=text_list(data["tags"]),
        fetch_full_text=flag(data["fetch_full_text"]),
    )
