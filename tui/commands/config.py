"""``newsdesk config check|init|path|bindings|themes``: the YAML configuration file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tui import exitcodes
from tui.commands._options import add_global_options
from tui.terminal_safe import terminal_safe

if TYPE_CHECKING:
    from tui.config.bindings import BindingInfo
    from tui.config.model import Config

NAME = "config"
#: Everything this command prints is for people: the CLI shows it terminal-safe.
TEXT_OUTPUT = True
HELP = "check, create or locate the configuration file"
ORDER = 60
DESCRIPTION = (
    "Newsdesk reads views, key bindings and the theme from one YAML file. "
    "Without --config it is NEWSDESK_CONFIG, else config.yaml in the user config "
    "directory ('newsdesk config path' prints it). Themes are YAML files too: shipped "
    "ones, and yours in the 'themes' folder beside the config file."
)
EPILOG = """\
examples:
  newsdesk config path                 where the config file is (or would be)
  newsdesk config init                 write a commented default config there
  $EDITOR "$(newsdesk config path)"    edit it
  newsdesk config check                check it: prints file:line:col errors, exit 2 if any
  newsdesk config check --config ~/alt.yaml
  newsdesk config bindings             binding ids and keys, for the 'keymap' section
  newsdesk config themes               theme names and the files they come from

exit codes: 0 ok, 2 the config or a theme file has errors (or init found a file there)
"""


_CONFIG_HELP = "config file to use instead of NEWSDESK_CONFIG or the default location"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_global_options(parser, NAME, config=_CONFIG_HELP)
    actions = parser.add_subparsers(dest="config_action", metavar="ACTION", required=True)
    specs = [
        ("check", "check the config and theme files; exit 2 on errors"),
        ("init", "write a commented default config (never overwrites a file)"),
        ("path", "print where the config file is read from"),
        ("bindings", "list binding ids and their keys (for 'keymap')"),
        ("themes", "list the themes 'theme:' may name"),
    ]
    for name, help_text in specs:
        sub = actions.add_parser(name, help=help_text, description=help_text.capitalize())
        add_global_options(sub, f"{NAME} {name}", config=_CONFIG_HELP)


def run(args: argparse.Namespace) -> int:
    from tui.paths import config_path

    path = config_path(args.config)
    action = args.config_action
    if action == "path":
        print(terminal_safe(str(path)))
        return exitcodes.OK
    if action == "init":
        return _init(path)
    if action == "bindings":
        return _bindings(path)
    if action == "themes":
        return _themes(path)
    return _check(path)


def _app_bindings(config: Config | None = None) -> list[BindingInfo] | None:
    """The app's bindings (view keys from ``config``), or None if the app is not there."""
    try:
        from tui.app.binding_catalog import binding_catalog
    except ImportError:
        return None
    from tui.config.model import default_config

    return binding_catalog(config or default_config()) or None


def _check(path: Path) -> int:
    from tui.config.loader import load_config

    loaded = load_config(path, bindings=_app_bindings())
    for error in [*loaded.all_errors, *loaded.warnings]:
        print(error, file=sys.stderr)
    # A theme left out is a mistake in the file too, though the rest of it applies.
    fallback = loaded.theme_fallback is not None
    if not loaded.ok or fallback:
        count = len(loaded.all_errors) + fallback
        if loaded.errors:
            consequence = "the app would use the default config"
        elif fallback:
            consequence = "the app would use the default theme and the rest of the config"
        else:
            consequence = "the app would leave those themes out"
        plural = "s" if count != 1 else ""
        print(f"newsdesk config: {count} error{plural}; {consequence}", file=sys.stderr)
        return exitcodes.USAGE
    where = terminal_safe(str(path))
    where = where if path.exists() else f"{where} (not there: the defaults apply)"
    print(f"ok: {where}")
    return exitcodes.OK


def _init(path: Path) -> int:
    from tui.config.template import DEFAULT_CONFIG_TEXT

    try:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError as exc:  # a file where a folder should be: not the config
            raise NotADirectoryError(exc.errno, "a file is in the way of its folder") from exc
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite
            handle.write(DEFAULT_CONFIG_TEXT)
    except FileExistsError:
        print(
            f"newsdesk config: {terminal_safe(str(path))} already exists; not overwriting it "
            "(check it with 'newsdesk config check', or move it away first)",
            file=sys.stderr,
        )
        return exitcodes.USAGE
    except OSError as exc:
        print(
            f"newsdesk config: cannot write {terminal_safe(str(path))}: {exc.strerror or exc}; "
            "choose a place you can write with --config PATH",
            file=sys.stderr,
        )
        return exitcodes.USAGE
    print(terminal_safe(str(path)))
    return exitcodes.OK


def _bindings(path: Path) -> int:
    from tui.config.loader import load_config

    loaded = load_config(path)
    if loaded.errors:
        print(
            f"newsdesk config: {terminal_safe(str(path))} has errors, "
            "so these are the default bindings; "
            "run 'newsdesk config check' for them",
            file=sys.stderr,
        )
    for error in loaded.theme_errors:
        print(f"newsdesk config: theme skipped: {error}", file=sys.stderr)
    rows = _app_bindings(loaded.config)
    if rows is None:
        print(
            "newsdesk config: the reader is not built in this install; no bindings", file=sys.stderr
        )
        return exitcodes.USAGE
    from tui.commands._table import fit_line, table_width

    width = table_width()  # a terminal's: a long description cut, not wrapped
    seen: set[str] = set()
    for row in rows:
        if row.id and row.id not in seen:
            seen.add(row.id)
            print(fit_line(f"{row.id:26} {row.keys:24} {row.description or row.action}", width))
    return exitcodes.OK


def _themes(path: Path) -> int:
    from tui.config.themes import TEXTUAL_THEMES, load_themes_with_errors

    themes, errors = load_themes_with_errors(config_file=path)
    for name, spec in sorted(themes.items()):
        # A theme's name and file are the user's text: one line each, shown safely.
        print(f"{terminal_safe(name):28} {terminal_safe(str(spec.path))}")
    for name in TEXTUAL_THEMES:
        if name not in themes:
            print(f"{name:28} (Textual)")
    for error in errors:
        print(error, file=sys.stderr)
    return exitcodes.USAGE if errors else exitcodes.OK
