"""Where Newsdesk keeps its files (platformdirs), and the overrides users have.

Library: ``--db`` > ``NEWSDESK_DB`` > user data dir ``library.db``.
Config: ``--config`` > ``NEWSDESK_CONFIG`` > user config dir ``config.yaml``.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "newsdesk"


def default_library_path() -> Path:
    """Where the library is when neither ``--db`` nor ``NEWSDESK_DB`` says otherwise."""
    return platformdirs.user_data_path(APP_NAME) / "library.db"


def library_path(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    if env := os.environ.get("NEWSDESK_DB"):
        return Path(env).expanduser()
    return default_library_path()


def config_path(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    if env := os.environ.get("NEWSDESK_CONFIG"):
        return Path(env).expanduser()
    return platformdirs.user_config_path(APP_NAME) / "config.yaml"


def user_themes_dir(config_file: str | os.PathLike[str] | None = None) -> Path:
    """Themes the user adds: ``themes/`` beside the config file (``config_file`` when
    given, as ``--config`` gives it, else the usual one)."""
    return config_path(config_file).parent / "themes"
