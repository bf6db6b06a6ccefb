"""What the feeds, refresh and watch commands share: the library, the config's feeds,
and one safe line per message."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.config.model import Config

_CONTROLS = {code: chr(0x2400 + code) for code in range(0x20)}
_CONTROLS[0x7F] = "\u2421"
_CONTROLS.update({code: "\ufffd" for code in range(0x80, 0xA0)})
_CONTROLS.update({code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))})


def safe(text: object) -> str:
    """Feed names, URLs and messages come from outside: controls shown, never obeyed."""
    return str(text).translate(_CONTROLS)


def say(prog: str, text: str) -> None:
    print(f"{prog}: {safe(text)}", file=sys.stderr)


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", metavar="PATH", help="library file (default: NEWSDESK_DB or ...)")
    parser.add_argument(
        "--config", metavar="PATH", help="config file (its feeds: and watch: sections)"
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
