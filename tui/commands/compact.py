"""``newsdesk compact``: give the space of deleted rows back to the disk (SQLite VACUUM)."""

from __future__ import annotations

import argparse
import sys

from tui import exitcodes
from tui.commands._library import db_help, missing_library
from tui.commands._options import add_global_options
from tui.terminal_safe import terminal_safe

NAME = "compact"
HELP = "rewrite the library file smaller (quit every other newsdesk first)"
ORDER = 55
DESCRIPTION = (
    "Rewrite the library file without the space its deleted rows left (re-parsed\n"
    "articles, regrouped stories): SQLite's VACUUM. A library made before 16 KB pages\n"
    "gets them (quicker reads of big libraries). It needs the library to itself: while\n"
    "a reader, an import, watch or refresh has it open, compact refuses and changes\n"
    "nothing. It takes about as long as reading the file once more (a minute for\n"
    "gigabytes) and as much free disk space again as the library; cut off (Ctrl+C, a\n"
    "full disk), the library is left as it was."
)
EPILOG = """\
examples:
  newsdesk compact                 the default library
  newsdesk compact --db x.db       another library

exit codes: 0 compacted; 1 the disk filled up (the library is as it was); 2 no library,
or another newsdesk is using it (quit it and run compact again).
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_global_options(parser, NAME, db=db_help())


def _mb(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"


def run(args: argparse.Namespace) -> int:
    from tui.commands._library import open_library
    from tui.errors import NewsdeskError
    from tui.store.compact import compact

    prog = f"newsdesk {NAME}"
    refusal = missing_library(args.db, NAME)
    if refusal is not None:
        print(refusal, file=sys.stderr)
        return exitcodes.USAGE
    try:
        with open_library(args.db, prog) as library:  # checked (ours, current) and upgraded
            if library.readonly:
                print(f"{prog}: {library.notice}; nothing compacted", file=sys.stderr)
                return exitcodes.USAGE
            path = library.path
        where = terminal_safe(str(path))

        def started() -> None:
            line = f"{prog}: compacting {where} (this can take a minute)"
            print(line, file=sys.stderr, flush=True)

        done = compact(path, started)
    except NewsdeskError as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return exitcodes.USAGE
    pages = (
        f"; pages {done.page_size_before // 1024} KB -> {done.page_size_after // 1024} KB"
        if done.page_size_before != done.page_size_after
        else ""
    )
    print(f"{prog}: {where}: {_mb(done.before)} -> {_mb(done.after)}{pages}", file=sys.stderr)
    return exitcodes.OK
