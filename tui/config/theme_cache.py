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

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from tui.config.errors import ConfigError
from tui.config.themes import RoleStyle, ThemeSpec, load_theme_file

#: Bump when ThemeSpec or its validation changes: older entries are then ignored.
CACHE_VERSION = 1


def cache_file() -> Path:
    """``themes.json`` in the user cache folder (``XDG_CACHE_HOME`` on Linux)."""
    import platformdirs

    return platformdirs.user_cache_path("newsdesk") / "themes.json"


def load_theme_file_cached(path: Path) -> tuple[ThemeSpec | None, list[ConfigError]]:
    """:func:`tui.config.themes.load_theme_file`, answered from the cache when the file
    is unchanged since it was last read without errors."""
    stamp = _stamp(path)
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


def _stamp(path: Path) -> list[int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns]


def _read_entries() -> dict[str, Any]:
    try:
        data = json.loads(cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    entries = data.get("themes")
    return entries if isinstance(entries, dict) else {}


def _write_entries(entries: dict[str, Any]) -> None:
    target = cache_file()
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(
            json.dumps({"version": CACHE_VERSION, "themes": entries}), encoding="utf-8"
        )
        os.replace(partial, target)  # readers see the old file or the new one, never half
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)


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
            _text(role): RoleStyle(
                _text_or_none(color),
                _text_or_none(background),
                tuple(_text(flag) for flag in flags),
            )
            for role, (color, background, flags) in data["roles"].items()
        }
        return ThemeSpec(
            name=_text(data["name"]),
            primary=_text(data["primary"]),
            colors=_texts(data["colors"]),
            dark=_flag(data["dark"]),
            ansi=_flag(data["ansi"]),
            roles=roles,
            variables=_texts(data["variables"]),
            path=path,
        )
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _text(value: object) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"expected a string, got {value!r}")


def _text_or_none(value: object) -> str | None:
    return None if value is None else _text(value)


def _texts(values: object) -> dict[str, str]:
    if not isinstance(values, dict):
        raise TypeError(f"expected a mapping, got {values!r}")
    return {_text(key): _text(value) for key, value in values.items()}


def _flag(value: object) -> bool:
    if isinstance(value, bool):
        return value
    raise TypeError(f"expected true or false, got {value!r}")
