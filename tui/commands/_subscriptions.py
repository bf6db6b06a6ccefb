"""What the feeds, refresh and watch commands share: the library, the config's feeds,
and one safe line per message."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tui.commands._library import db_help
from tui.commands._options import add_global_options
from tui.terminal_safe import terminal_safe

if TYPE_CHECKING:
    from tui.config.model import Config


def safe(text: object) -> str:
    """Feed names, URLs and messages come from outside: controls shown, never obeyed."""
    return terminal_safe(text)


def say(prog: str, text: str) -> None:
    print(f"{prog}: {safe(text)}", file=sys.stderr)


def add_common(parser: argparse.ArgumentParser, command: str) -> None:
    add_global_options(
        parser, command, db=db_help(), config="config file (its feeds: and watch: sections)"
    )


def load_config_quietly(args: argparse.Namespace, prog: str) -> Config | None:
    """The config (None, after saying why in one line, when it has errors)."""
    from tui.config.loader import load_config
    from tui.paths import config_path

    loaded = load_config(config_path(getattr(args, "config", None)))
    if loaded.errors:
        say(prog, f"{loaded.errors[0]} (see 'newsdesk config check')")
        return None
    return loaded.config
