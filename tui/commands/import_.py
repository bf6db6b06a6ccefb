"""``newsdesk import PATH...``: parse files into the library, skipping unchanged ones."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from pathlib import Path
from typing import Any

from tui import exitcodes
from tui.commands._options import add_global_options
from tui.terminal_safe import json_text

NAME = "import"
HELP = "parse files into the library (unchanged files are skipped)"
ORDER = 30
DESCRIPTION = (
    "Parse dump files into the library, where the reader, search and export find them.\n"
    "Files whose content has not changed since the last import are skipped; a changed\n"
    "file is re-parsed and its articles keep their triage state and annotations (a\n"
    "highlight whose text moved is re-anchored; one whose text is gone is kept as\n"
    "orphaned and listed by 'newsdesk export --orphans').\n"
    "The library is --db, else NEWSDESK_DB, else library.db in the user data folder.\n"
    "\n"
    "Inputs: text dumps, CSV/TSV with a header row, JSON Lines or JSON arrays of\n"
    "article objects, saved HTML pages, RSS/Atom/JSON Feed files; the format is told by\n"
    "the content, else the extension. CSV/JSON fields are found by name: title|headline,\n"
    "text|body|content|maintext|article|paragraphs, date|published|date_publish|pubdate|\n"
    "publishedAt|datePublished, url|link, outlet|source|publisher|source_domain,\n"
    "author|byline|authors; --map overrides (a new --map reads unchanged files again).\n"
    "Files are parsed by --jobs worker processes (default: one per core); the first\n"
    "grouping of stories after it uses as many (one: all in this process)."
)
EPILOG = """\
examples:
  newsdesk import dumps/                  every file under dumps/, recursively
  newsdesk import a.txt b.txt --db x.db   into another library
  cat feed.txt | newsdesk import -        from standard input
  newsdesk import export.csv --map text=body,date=when   name the columns
  newsdesk import feeds/ pages/ --jobs 2  RSS/Atom files and saved pages, two processes
  newsdesk import dumps/ --json | jq .    the report as JSON on stdout

exit codes: 0 imported (a file that gives no article, empty or a CSV header alone, is
named on stderr: it was read); 1 some inputs or records were unreadable (each named on
stderr with its line or row, the rest imported), or the disk filled up (the line says
what was saved before it); 2 usage error, or the library cannot be used (corrupt,
newer, read-only).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories or -")
    from tui.commands._library import db_help

    add_global_options(parser, NAME, db=f"{db_help()}; created if missing")
    parser.add_argument(
        "--json", action="store_true", help="also print the report as JSON on stdout"
    )
    from tui.commands._inputs import add_map_option

    add_map_option(parser)
    parser.add_argument(
        "--jobs",
        type=int,
        metavar="N",
        help="parse with N worker processes (default: the number of cores)",
    )


def run(args: argparse.Namespace) -> int:
    from tui.commands._inputs import mapping_of, usage_error
    from tui.commands._library import open_library
    from tui.commands._progress import import_waiting
    from tui.errors import NewsdeskError
    from tui.store.errors import DiskFullError
    from tui.store.import_lock import one_import

    try:
        mapping = mapping_of(args)
    except ValueError as exc:
        return usage_error(NAME, exc)
    if args.jobs is not None and args.jobs < 1:
        print("newsdesk import: --jobs must be 1 or more", file=sys.stderr)
        return exitcodes.USAGE
    try:
        with open_library(args.db, "newsdesk import") as library:
            if library.readonly:
                print(f"newsdesk import: {library.notice}; nothing imported", file=sys.stderr)
                return exitcodes.USAGE
            with one_import(Path(library.path), waiting=import_waiting(library.path)):
                report = _import(library, args, mapping)
    except DiskFullError as exc:  # what was saved before it stays: said, exit 1
        print(f"newsdesk import: {exc}", file=sys.stderr)
        return exitcodes.SOME_INPUTS_UNREADABLE
    except NewsdeskError as exc:
        print(f"newsdesk import: {exc}", file=sys.stderr)
        return exitcodes.USAGE
    for error in report.errors:
        print(f"newsdesk import: {error}", file=sys.stderr)
    for note in report.empty:
        print(f"newsdesk import: {note}", file=sys.stderr)
    print(f"newsdesk import: {report.summary()}", file=sys.stderr)
    if args.json:
        data = {name: getattr(report, name) for name in report.COUNTS}
        data["errors"] = [str(e) for e in report.errors]
        data["empty"] = report.empty
        sys.stdout.write(json_text(data))
        sys.stdout.write("\n")
    return exitcodes.SOME_INPUTS_UNREADABLE if report.errors else exitcodes.OK


def _import(library: Any, args: argparse.Namespace, mapping: dict[str, str] | None) -> Any:
    """The import proper (the import lock held): the files stored and indexed as they
    go, the index caught up, the new articles' stories grouped; the import's report."""
    from tui.commands._progress import (
        features_progress,
        import_progress,
        index_progress,
        stories_progress,
        stories_waiting,
    )
    from tui.search import update_index
    from tui.search.follow import indexing
    from tui.store.errors import DiskFullError, after_import, is_disk_full
    from tui.store.parallel import default_jobs
    from tui.store.stories import update_stories

    progress = import_progress(args.paths)
    try:
        with indexing(library, index_progress()):  # the index grows with it
            report = library.import_paths(
                args.paths, progress=progress, jobs=args.jobs, mapping=mapping
            )
    finally:
        progress.finish()
    try:
        update_index(library, progress=index_progress())  # the first search is instant
        # New articles join their stories now, not at first look; a first grouping
        # uses the --jobs processes (an undated dump's one long day too).
        update_stories(
            library,
            workers=args.jobs or default_jobs(),
            progress=stories_progress(),
            features_progress=features_progress(),
            waiting=stories_waiting("newsdesk import"),
        )
    except sqlite3.DatabaseError as exc:
        if not is_disk_full(exc, library.path):
            raise
        raise DiskFullError(after_import(library.path, report.added + report.updated)) from None
    return report
