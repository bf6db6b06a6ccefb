"""``newsdesk watch DIR...``: import files as they are written into folders (foreground)."""

from __future__ import annotations

import argparse

from tui import exitcodes
from tui.commands._subscriptions import add_common, load_config_quietly, say

NAME = "watch"
HELP = "import files as they appear in folders (runs until Ctrl+C)"
ORDER = 37
DESCRIPTION = (
    "Follow folders and import each new or changed file once it is completely written\n"
    "(its size has stopped changing); hidden and temporary files (.part, .tmp, ~) are\n"
    "ignored. Files already there are imported first (unchanged ones are skipped).\n"
    "One line per file read (`in/a.txt: 1 new, 0 updated, 0 unchanged`; its articles\n"
    "already in the library from another file are counted too), and one for what is\n"
    "passed over (links to nothing or to folders, named pipes), paths as DIR was typed;\n"
    "new articles are searchable and join their stories at once, as on import.\n"
    "Without DIR, the config's 'watch:' folders. Runs until Ctrl+C.\n"
    "While a 'newsdesk import' of the library runs, a file waits for it (and says so).\n"
    "Uses the OS's change notification, polling where there is none\n"
    "(NEWSDESK_WATCH_POLL=1 or --poll forces polling, e.g. on network file systems)."
)
EPILOG = """\
examples:
  newsdesk watch /srv/scraper/out        a scraper's output folder
  newsdesk watch                         the config's watch: folders
  newsdesk watch in/ --poll              on NFS, where inotify sees nothing

exit codes: 0 stopped by Ctrl+C; 2 no folder, a folder that is not there, or a
library that cannot be written.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folders", nargs="*", metavar="DIR", help="folders to follow")
    add_common(parser, NAME)
    parser.add_argument("--poll", action="store_true", help="poll instead of OS notification")


def run(args: argparse.Namespace) -> int:
    import logging
    import os

    from tui.commands._library import open_library
    from tui.commands._progress import import_waiting, index_progress, stories_waiting
    from tui.errors import NewsdeskError
    from tui.subscribe.watch import follow

    prog = "newsdesk watch"
    folders = list(args.folders)
    if not folders:
        config = load_config_quietly(args, prog)
        if config is None:
            return exitcodes.USAGE
        folders = [os.path.expanduser(f) for f in config.watch]
    if not folders:
        say(prog, "no folder to watch; name one (newsdesk watch DIR) or set watch: in the config")
        return exitcodes.USAGE
    for folder in folders:
        if not os.path.isdir(folder):
            what = "a file, not a folder" if os.path.exists(folder) else "no such folder"
            say(prog, f"{folder}: {what}; name the folder to watch (newsdesk watch DIR)")
            return exitcodes.USAGE
    # watchfiles says "KeyboardInterrupt caught, stopping watch" through logging, which
    # with no handler set reaches stderr as a bare line: this command says it itself.
    logging.getLogger("watchfiles").addHandler(logging.NullHandler())
    try:
        with open_library(args.db, prog) as library:
            if library.readonly:
                say(prog, f"{library.notice}; nothing imported")
                return exitcodes.USAGE
            follow(
                library,
                folders,
                lambda imported: say(prog, imported.line()),
                poll=True if args.poll else None,
                # Said once watching has begun: a file written from then on is seen.
                on_ready=lambda: say(prog, f"watching {', '.join(folders)} (Ctrl+C stops)"),
                waiting=import_waiting(library.path, prog),
                stories_waiting=stories_waiting(prog),
                on_skipped=lambda line: say(prog, line),
                index_progress=index_progress(),
            )
    except NewsdeskError as exc:
        say(prog, str(exc))
        return exitcodes.USAGE
    except KeyboardInterrupt:
        pass
    say(prog, "stopped")
    return exitcodes.OK
