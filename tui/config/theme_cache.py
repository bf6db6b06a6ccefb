"""Parsed theme files kept as JSON, so the reader can start on its theme without YAML.

The app must know its theme before the first frame (painting another one first would
flash the wrong colours), but importing PyYAML and validating a theme file costs about
30 ms, a tenth of the whole first paint. Kept because the first-paint target (at most
1.5x an empty Textual app) needs it: CPU to the first frame, 7 fresh processes each,
under load, median: 317 ms with the cache, 357 ms without, an empty app 266 ms (1.19x
against 1.34x; ``main``'s quiet 100k figure is 1.36x, see docs/benchmarks.md). Used
only without a config file (with one, every theme is read with the config). So a theme
file that parsed without errors is remembered in the user cache folder
(``themes.json``), keyed by its path, size and modification time; the next start reads
that instead. A changed, moved or broken file
misses the cache and is read (and reported) as usual. The cache is only ever a copy:
any problem reading or writing it means "read the YAML", never an error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.config.cache_files import (
    cache_path,
    file_stamp,
    flag,
    read_entries,
    text,
    text_or_none,
    texts,
    write_entries,
)
from tui.config.errors import ConfigError
from tui.config.themes import RoleStyle, ThemeSpec, load_theme_file

#: Bump when ThemeSpec or its validation changes: older entries are then ignored.
CACHE_VERSION = 1


def cache_file() -> Path:
    """``themes.json`` in the user cache folder (``XDG_CACHE_HOME`` on Linux)."""
    return cache_path("themes.json")


def load_theme_file_cached(path: Path) -> tuple[ThemeSpec | None, list[ConfigError]]:
    """:func:`tui.config.themes.load_theme_file`, answered from the cache when the file
    is unchanged since it was last read without errors."""
    stamp = file_stamp(path)
    key = str(path.resolve()) if stamp else ""
    entries = _read_entries()
    entry = entries.get(key) if stamp else None
    if isinstance(entry, dict) and entry.get("stamp") == stamp:
        spec = _spec_from_json(entry.get("spec"), path)
        if spec is not None:
            return spec, []
    spec, errors = load_theme_file(path)
    if spec is not None and not errors and stamp:
        entries[key] = {"stamp": stamp, "spec": _spec_to_json(spec)}
        _write_entries(entries)
    return spec, errors


def _read_entries() -> dict[str, Any]:
    return read_entries(cache_file(), CACHE_VERSION, "themes")


def _write_entries(entries: dict[str, Any]) -> None:
    write_entries(cache_file(), CACHE_VERSION, "themes", entries)


def _spec_to_json(spec: ThemeSpec) -> dict[str, Any]:
    return {
        "name": spec.name,
        "primary": spec.primary,
        "colors": dict(spec.colors),
        "dark": spec.dark,
        "ansi": spec.ansi,
        "roles": {
            role: [style.color, style.background, list(style.style)]
            for role, style in spec.roles.items()
        },
        "variables": dict(spec.variables),
    }


def _spec_from_json(data: Any, path: Path) -> ThemeSpec | None:
    """The spec of a cache entry; None when the entry is not exactly what is written."""
    try:
        roles = {
            text(role): RoleStyle(
                text_or_none(color),
                text_or_none(background),
                tuple(text(word) for word in flags),
            )
            for role, (color, background, flags) in data["roles"].items()
        }
        return ThemeSpec(
            name=text(data["name"]),
            primary=text(data["primary"]),
            colors=texts(data["colors"]),
            dark=flag(data["dark"]),
            ansi=flag(data["ansi"]),
            roles=roles,
            variables=texts(data["variables"]),
            path=path,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
