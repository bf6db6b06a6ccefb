"""``newsdesk import PATH...``: parse files into the library, skipping unchanged ones."""

from __future__ import annotations

import argparse
import json
import sys

from tui import exitcodes

NAME = "import"
HELP = "parse files into the library (unchanged files are skipped)"
ORDER = 30
DESCRIPTION = (
    "Parse dump files into the library, where the reader, search and export find them.\n"
    "Files whose content has not changed since the last import are skipped; a changed\n"
    "file is re-parsed and its articles keep their triage state and annotations (a\n"
    "highlight whose text moved is re-anchored; one whose text is gone is kept as\n"
    "orphaned and listed by 'newsdesk export --orphans').\n"
    "The library is --db, else NEWSDESK_DB, else library.db in the user data folder."
)
EPILOG = """\
examples:
  newsdesk import dumps/                  every file under dumps/, recursively
  newsdesk import a.txt b.txt --db x.db   into another library
  cat feed.txt | newsdesk import -        from standard input
  newsdesk import dumps/ --json | jq .    the report as JSON on stdout

exit codes: 0 imported; 1 some inputs were unreadable (each named on stderr, the rest
imported); 2 usage error, or the library cannot be used (corrupt, newer, read-only).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files, directories or -")
    from tui.commands._library import db_help

    parser.add_argument("--db", metavar="PATH", help=f"{db_help()}; created if missing")
    parser.add_argument(
        "--json", action="store_true", help="also print the report as JSON on stdout"
    )


def run(args: argparse.Namespace) -> int:
    from tui.commands._progress import ProgressLine, index_progress
    from tui.errors import NewsdeskError
    from tui.search import update_index
    from tui.search.follow import indexing
    from tui.store import Library

    progress = ProgressLine("importing")
    try:
        with Library.open(args.db) as library:
            if library.readonly:
                print(f"newsdesk: {library.notice}; nothing imported", file=sys.stderr)
                return exitcodes.USAGE
            try:
                with indexing(library, index_progress()):  # the index grows with it
                    report = library.import_paths(args.paths, progress=progress)
            finally:
                progress.finish()
            update_index(library, progress=index_progress())  # the first search is instant
            from tui.store.stories import update_stories

            # New articles join their stories now, not at first look.
            update_stories(library, workers=2)
    except NewsdeskError as exc:
        print(f"newsdesk: {exc}", file=sys.stderr)
        return exitcodes.USAGE
    for error in report.errors:
        print(f"newsdesk: {error}", file=sys.stderr)
    print(f"newsdesk: {report.summary()}", file=sys.stderr)
    if args.json:
        data = {
            name: getattr(report, name)
            for name in (
                "files",
                "added",
                "updated",
                "removed",
                "unchanged_files",
                "reparsed_files",
                "orphaned",
            )
        }
        data["errors"] = [str(e) for e in report.errors]
        json.dump(data, sys.stdout)
        sys.stdout.write("\n")
    return exitcodes.SOME_INPUTS_UNREADABLE if report.errors else exitcodes.OK
