"""What loading the config gives: the config to use and the problems found.

Its own module so that a start answered from :mod:`tui.config.config_cache` returns it
without importing the loader (which imports PyYAML).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.config.errors import ConfigError
from tui.config.model import Config
from tui.config.themes import ThemeSpec


@dataclass
class LoadedConfig:
    """The config to use, the problems found, and the file they were found in."""

    config: Config
    errors: list[ConfigError]
    path: Path
    #: Valid themes by name (shipped and the user's), for the app to register.
    themes: dict[str, ThemeSpec] = field(default_factory=dict)
    #: Problems in theme files (those themes are left out; the config still applies).
    theme_errors: list[ConfigError] = field(default_factory=list)
    #: What was left out of a config that applies (a bad key of a keymap entry whose
    #: other keys work): said, but the config is used.
    warnings: list[ConfigError] = field(default_factory=list)
    #: The config's ``theme:`` when it was unknown or its file broken, so the default
    #: theme is used (a warning says so), else None. The app leaves that theme file's
    #: own errors out of its notices: one problem, one notice.
    theme_fallback: str | None = None

    @property
    def ok(self) -> bool:
        return not self.errors and not self.theme_errors

    @property
    def all_errors(self) -> list[ConfigError]:
        return [*self.errors, *self.theme_errors]
