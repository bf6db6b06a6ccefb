"""``newsdesk [PATH...]``: open the reader, importing PATHs into the library first.

Parses its own arguments (the batch commands have theirs): the app is what people get
when they type ``newsdesk`` with no command. Textual, the store and the config loader are
imported only here, when the app is really opened, so ``newsdesk --help`` stays fast.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui import __version__, exitcodes
from tui.terminal_safe import terminal_safe
from tui.text import count_of

if TYPE_CHECKING:
    from tui.config.model import Config
    from tui.config.themes import ThemeSpec

DESCRIPTION = """\
Open the Newsdesk reader on the library. PATHs (files or directories) are imported
first, with progress on stderr; files already imported and unchanged are skipped.
Keys: j/k move, Enter opens, / searches, ? lists every key, q quits. The reader
needs a terminal (standard input, output and error); pipes are for batch commands.

The library is --db, else NEWSDESK_DB, else library.db in the user data folder; a
--db that names no file is refused unless PATHs (or --sample) are imported into it.
The config is --config (a file that is there), else NEWSDESK_CONFIG, else config.yaml
in the user config folder, with themes in 'themes/' beside it; a config with errors is
replaced by the defaults and the first error is shown in the app."""

EPILOG = """\
examples:
  newsdesk                          read the library
  newsdesk dumps/                   import every file under dumps/, then read
  newsdesk --sample                 the bundled sample articles, in a separate sample library
  newsdesk a.txt --db work.db       import into and read another library
  newsdesk --config ~/nd.yaml       use another config file

batch commands (parse, quotes, import, export, search, config): newsdesk --help"""


USAGE = "newsdesk [PATH ...] [--db PATH] [--config PATH] [--sample]"
PATHS_HELP = "files or folders to import first"


def add_reader_options(parser: argparse.ArgumentParser | argparse._ArgumentGroup) -> None:
    """The reader's options, for its own parser and for ``newsdesk --help``."""
    from tui.commands._library import db_help

    parser.add_argument("--db", metavar="PATH", help=db_help())
    parser.add_argument(
        "--config",
        metavar="PATH",
        help="config file (default: $NEWSDESK_CONFIG if set, else config.yaml in the user "
        "config folder: 'newsdesk config path'); themes come from 'themes/' beside it",
    )
    parser.add_argument(
        "--sample",
        action="store_true",
        help="import the bundled sample articles and open them (in a sample library "
        "beside the cache, unless --db is given)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        usage=f"{USAGE}\n       newsdesk COMMAND ... (see 'newsdesk --help')",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help=PATHS_HELP)
    add_reader_options(parser)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def terminal_problem() -> str | None:
    """Why the reader cannot run here (a standard stream is not a terminal), or None.

    Textual reads keys from standard input and draws on standard error; without a
    terminal there it spins (100% CPU, never exiting) and writes escape codes into a
    pipe or file. Standard output is checked too: ``newsdesk | cat`` and ``newsdesk >
    file`` are batch use, which the batch commands serve.
    """
    for name, stream in (
        ("standard input", sys.stdin),
        ("standard output", sys.stdout),
        ("standard error", sys.stderr),
    ):
        try:
            is_terminal = stream is not None and stream.isatty()
        except (ValueError, OSError):  # closed or detached
            is_terminal = False
        if not is_terminal:
            return (
                f"newsdesk: the reader needs a terminal and {name} is not one; "
                "for pipes and files use a batch command (newsdesk --help)"
            )
    return None


def unknown_command(first: str) -> str | None:
    """The refusal when the first PATH is really a mistyped command, else None.

    ``newsdesk pars file.txt`` used to import ``pars`` as a path and open the reader.
    A word that names no file or folder is taken for a command when it is close to
    one, or when it looks like no file name (no ``/`` and no ``.``).
    """
    if first == "-" or os.path.lexists(first):
        return None
    from tui.cli import command_names
    from tui.config.suggest import closest, shown

    names = command_names()
    if first in names:
        # Only --sample keeps a command from being run (--db and --config go with any
        # command): `newsdesk --sample search x` said "did you mean 'search'?".
        return (
            f"newsdesk: --sample opens the reader and does not go with the command "
            f"{first!r}; leave it out: newsdesk {first} ..."
        )
    match = closest(first, names)
    if match is not None:
        return f"newsdesk: unknown command {shown(first)}; did you mean {match!r}?"
    if os.sep not in first and "/" not in first and "." not in first:
        return (
            f"newsdesk: unknown command {shown(first)}, and no file or folder of that name; "
            f"commands: {', '.join(names)} (newsdesk --help)"
        )
    return None


def sample_library_path() -> Path:
    """Where ``--sample`` keeps its library, so it never mixes with the user's own."""
    import platformdirs

    return platformdirs.user_cache_path("newsdesk") / "sample-library.db"


def import_first(
    db: str | Path | None, paths: Sequence[str], unreadable: list[str] | None = None
) -> int:
    """Import ``paths`` with a progress line; the exit code to use if the app cannot open.

    With no paths, articles cached by an older parser are re-parsed (a quick query finds
    none on an up-to-date library), so an upgrade shows its improvements at once. The
    inputs that could not be read are named on stderr and added to ``unreadable``.
    """
    from tui.commands._library import open_library
    from tui.commands._progress import Progress, import_waiting, index_progress
    from tui.errors import NewsdeskError
    from tui.search import update_index
    from tui.search.follow import indexing
    from tui.store.import_lock import one_import

    status = exitcodes.OK
    try:
        with open_library(db, "newsdesk") as library:
            if library.readonly:
                if paths:
                    print(f"newsdesk: {library.notice}; nothing imported", file=sys.stderr)
                return status
            progress = Progress("importing" if paths else "re-parsing")
            try:
                if paths:
                    waiting = import_waiting(library.path, "newsdesk")
                    queued = one_import(Path(library.path), waiting)
                    with queued, indexing(library, index_progress()):  # the index grows with it
                        report = library.import_paths(paths, progress=progress)
                else:
                    report = library.reparse_stale(progress=progress)
            finally:
                progress.finish()
            # Build or catch up the search index here, with a progress bar (a library
            # from before it, or one an interrupted import left behind), not at the
            # first search inside the app. Not waiting for another session's import.
            update_index(library, progress=index_progress(), wait=False)
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return exitcodes.USAGE
    except sqlite3.DatabaseError as exc:  # a damaged page or a full disk, met mid-import
        from tui.paths import library_path
        from tui.store.errors import database_problem

        print(f"newsdesk: {database_problem(library_path(db), exc)}", file=sys.stderr)
        return exitcodes.USAGE
    if not paths:
        if report.reparsed_files:
            files = count_of(report.reparsed_files, "file")
            print(f"newsdesk: re-parsed {files} with the new parser", file=sys.stderr)
        return status
    for error in report.errors:
        print(f"newsdesk: {error}", file=sys.stderr)
        status = exitcodes.SOME_INPUTS_UNREADABLE
        if unreadable is not None:
            unreadable.append(str(error))
    for note in report.empty:
        print(f"newsdesk: {note}", file=sys.stderr)
    print(f"newsdesk: {report.summary()}", file=sys.stderr)
    return status


def load_settings(
    config_file: str | None,
) -> tuple[Config, list[str], dict[str, ThemeSpec] | None]:
    """(Config, notices, themes): the defaults and a notice when the file has errors.

    Without a config file there is nothing to check, so neither YAML nor the bindings of
    every dialog are loaded before the first frame: themes None lets the app read its
    own theme from the theme cache and every other theme (and its errors) right after.
    """
    from tui.config.model import default_config

    try:
        from tui.paths import config_path

        path = config_path(Path(config_file).expanduser() if config_file else None)
        if not path.exists() and not path.is_symlink():
            return default_config(), [], None

        from tui.app.binding_catalog import binding_catalog, binding_sources
        from tui.config.config_cache import load_config_cached

        loaded = load_config_cached(
            path, lambda: binding_catalog(default_config()), binding_sources
        )
    except Exception as exc:
        return default_config(), [f"config could not be read ({exc}); using the defaults"], None
    notices = []
    if loaded.errors:
        more = f" (and {len(loaded.errors) - 1} more)" if len(loaded.errors) > 1 else ""
        notices.append(
            f"config error, using the defaults: {loaded.errors[0]}{more}. "
            "Run 'newsdesk config check' for all of them."
        )
    for warning in loaded.warnings:
        notices.append(f"config: {warning}")
    from tui.config.errors import theme_errors_notice

    left_out = getattr(loaded, "theme_fallback", None)  # its warning says it, once
    theme_errors = [e for e in getattr(loaded, "theme_errors", []) if e.path.stem != left_out]
    if themes_notice := theme_errors_notice(theme_errors):
        notices.append(themes_notice)
    return loaded.config, notices, dict(getattr(loaded, "themes", {}) or {}) or None


def refusal(args: argparse.Namespace, paths: Sequence[str]) -> str | None:
    """Why the reader will not open with these arguments here, or None.

    A ``--db`` that names no file is a typo unless PATHs are being imported into it (a
    new library then); the default library is created on first use, as users expect.
    A ``--config`` that names no file is a typo too (NEWSDESK_CONFIG and the default
    place may be empty: the defaults apply).
    """
    problem = unknown_command(args.paths[0]) if args.paths else None
    if problem is None and "-" in args.paths:
        problem = (
            "newsdesk: the reader cannot import standard input (it reads your keys from "
            "it); import it first with 'newsdesk import -', then run 'newsdesk'"
        )
    if problem is None and args.db and not paths:
        from tui.commands._library import missing_library

        problem = missing_library(args.db, "")
    if problem is None and args.config and not os.path.lexists(Path(args.config).expanduser()):
        quoted = shlex.quote(args.config)
        problem = (
            f"newsdesk: no config file at {args.config} (--config); check the path, or "
            f"write the defaults there first: newsdesk config init --config {quoted}"
        )
    # One line, whatever the paths typed hold (a line break, an escape sequence).
    return terminal_safe(problem) if problem else terminal_problem()


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    paths = list(args.paths)
    db = args.db
    if args.sample:
        from tui.samples import sample_paths

        paths = [*sample_paths(), *paths]
        if db is None:
            db = str(sample_library_path())
    problem = refusal(args, paths)
    if problem is not None:
        print(problem, file=sys.stderr)
        return exitcodes.USAGE
    if args.config:
        # The app reads themes (and the config, when it reloads) from the configured
        # place: --config is NEWSDESK_CONFIG for this run, themes/ beside it included.
        os.environ["NEWSDESK_CONFIG"] = str(Path(args.config).expanduser())
    unreadable: list[str] = []
    try:
        status = import_first(db, paths, unreadable)
    except KeyboardInterrupt:  # Ctrl+C while importing or waiting: as `newsdesk import`
        return 130
    if status == exitcodes.USAGE:
        return status
    config, notices, themes = load_settings(args.config)
    if unreadable:
        # The reader covers the lines on stderr at once: say so where it can be seen.
        more = f" and {len(unreadable) - 1} more" if len(unreadable) > 1 else ""
        notices.append(f"not imported: {unreadable[0]}{more} (listed on the terminal after q)")

    from tui.app.app import NewsdeskApp
    from tui.commands._native_stderr import native_stderr_aside

    try:
        # Native code's stderr (a tantivy panic) is not printed over the screen.
        with native_stderr_aside():
            app = NewsdeskApp(config, library_path=db, notices=notices, themes=themes)
            app.run()
    except KeyboardInterrupt:
        return 130
    return status
