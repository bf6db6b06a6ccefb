"""``newsdesk [PATH...]``: open the reader, importing PATHs into the library first.

Parses its own arguments (the batch commands have theirs): the app is what people get
when they type ``newsdesk`` with no command. Textual, the store and the config loader are
imported only here, when the app is really opened, so ``newsdesk --help`` stays fast.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__, exitcodes

DESCRIPTION = """\
Open the Newsdesk reader on the library. PATHs (files, directories, or - for stdin)
are imported first, with progress on stderr; files already imported and unchanged are
skipped. Keys: j/k move, Enter opens, / searches, ? lists every key, q quits.

The library is --db, else NEWSDESK_DB, else library.db in the user data folder.
The config is --config, else NEWSDESK_CONFIG, else config.yaml in the user config folder;
a config with errors is replaced by the defaults and the first error is shown in the app."""

EPILOG = """\
examples:
  newsdesk                          read the library
  newsdesk dumps/                   import every file under dumps/, then read
  newsdesk --sample                 the bundled sample articles, in a separate sample library
  newsdesk a.txt --db work.db       import into and read another library
  newsdesk --config ~/nd.yaml       use another config file

batch commands (parse, quotes, import, export, search, config): newsdesk --help"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        usage="newsdesk [PATH ...] [--db PATH] [--config PATH] [--sample]\n"
        "       newsdesk COMMAND ... (see 'newsdesk --help')",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to import first")
    parser.add_argument(
        "--db", metavar="PATH", help="library file (default: NEWSDESK_DB or user data)"
    )
    parser.add_argument(
        "--config", metavar="PATH", help="config file (default: NEWSDESK_CONFIG or user config)"
    )
    parser.add_argument(
        "--sample",
        action="store_true",
        help="import the bundled sample articles and open them (in a sample library "
        "beside the cache, unless --db is given)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def sample_library_path() -> Path:
    """Where ``--sample`` keeps its library, so it never mixes with the user's own."""
    import platformdirs

    return platformdirs.user_cache_path("newsdesk") / "sample-library.db"


def import_first(db: str | Path | None, paths: Sequence[str]) -> int:
    """Import ``paths`` with a progress line; the exit code to use if the app cannot open.

    With no paths, articles cached by an older parser are re-parsed (a quick query finds
    none on an up-to-date library), so an upgrade shows its improvements at once.
    """
    from tui.commands._progress import ProgressLine
    from tui.errors import NewsdeskError
    from tui.store import Library

    status = exitcodes.OK
    try:
        with Library.open(db) as library:
            if library.readonly:
                if paths:
                    print(f"newsdesk: {library.notice}; nothing imported", file=sys.stderr)
                return status
            progress = ProgressLine("importing" if paths else "re-parsing")
            try:
                if paths:
                    report = library.import_paths(paths, progress=progress)
                else:
                    report = library.reparse_stale(progress=progress)
            finally:
                progress.finish()
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
            print(
                f"newsdesk: re-parsed {report.reparsed_files} file(s) with the new parser",
                file=sys.stderr,
            )
        return status
    for error in report.errors:
        print(f"newsdesk: {error}", file=sys.stderr)
        status = exitcodes.SOME_INPUTS_UNREADABLE
    print(f"newsdesk: {report.summary()}", file=sys.stderr)
    return status


def load_settings(config_file: str | None) -> tuple[object, list[str], dict | None]:
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

        from tui.app.binding_catalog import binding_catalog
        from tui.config.loader import load_config

        loaded = load_config(path, bindings=binding_catalog(default_config()))
    except Exception as exc:
        return default_config(), [f"config could not be read ({exc}); using the defaults"], None
    notices = []
    if loaded.errors:
        more = f" (and {len(loaded.errors) - 1} more)" if len(loaded.errors) > 1 else ""
        notices.append(
            f"config error, using the defaults: {loaded.errors[0]}{more}. "
            "Run 'newsdesk config check' for all of them."
        )
    for error in getattr(loaded, "theme_errors", []):
        notices.append(f"theme skipped: {error}")
    return loaded.config, notices, dict(getattr(loaded, "themes", {}) or {}) or None


def main(argv: Sequence[str]) -> int:
    args = build_parser().parse_args(list(argv))
    paths = list(args.paths)
    db = args.db
    if args.sample:
        from tui.samples import sample_paths

        paths = [*sample_paths(), *paths]
        if db is None:
            db = str(sample_library_path())
    status = import_first(db, paths)
    if status == exitcodes.USAGE:
        return status
    config, notices, themes = load_settings(args.config)

    from tui.app.app import NewsdeskApp

    app = NewsdeskApp(config, library_path=db, notices=notices, themes=themes)  # type: ignore[arg-type]
    try:
        app.run()
    except KeyboardInterrupt:
        return 130
    return status
