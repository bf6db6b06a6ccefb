"""Entry point: ``newsdesk`` opens the app; ``newsdesk COMMAND`` runs a batch command.

Batch commands live in :mod:`tui.commands`, one module each, discovered at start-up.
Batch output goes to stdout (JSON for pipes); messages go to stderr as one line each.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from contextlib import nullcontext, suppress
from types import ModuleType

from tui import __version__, exitcodes
from tui import commands as commands_pkg
from tui.commands._options import GLOBAL_OPTIONS, add_global_options
from tui.terminal_safe import safe_stream

PROG = "newsdesk"


def _command_modules() -> list[ModuleType]:
    # The package's folder read directly: pkgutil.iter_modules imports inspect (and
    # dis, tokenize...) for this, a twentieth of what `newsdesk search` imports.
    names = {
        entry.name.removesuffix(".py")
        for folder in commands_pkg.__path__
        for entry in os.scandir(folder)
        if entry.name.endswith(".py") and not entry.name.startswith("_")
    }
    modules = [importlib.import_module(f"{commands_pkg.__name__}.{name}") for name in names]
    return sorted(modules, key=lambda m: (getattr(m, "ORDER", 100), m.NAME))


def command_names() -> list[str]:
    """The batch commands' names, in ``--help`` order."""
    return [module.NAME for module in _command_modules()]


_EPILOG = f"""\
examples:
  {PROG} dumps/                          import every file under dumps/, then read
  {PROG} quotes dump.txt --format table  who said what, without importing anything
  {PROG} import dumps/ --db work.db      into a library of its own
  {PROG} --db work.db search huawei      search it (--format table to read it)
  {PROG} export is:starred > notes.md    starred articles and their notes, Markdown

Run '{PROG} COMMAND --help' for a command's options and examples.
--db and --config go before or after the command."""


def build_parser(
    only: str | None = None,
) -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    """The parser, with every command's options; ``only`` a command's name: with that
    command alone; ``only`` empty: each command's name and one-line help, all that
    ``newsdesk --help`` shows of them.

    Building the eleven commands' options was most of a short command's own CPU time
    (``newsdesk search`` is a process scripts run over and over), so a run builds only
    the command it runs.
    """
    from tui.commands import _app

    parser = argparse.ArgumentParser(
        prog=PROG,
        usage=f"{_app.USAGE}\n       {PROG} COMMAND ...",
        description=(
            "A keyboard-driven terminal reader for dumps of news articles. "
            "Without a command, opens the reader on the library (importing PATHs first)."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    reader = parser.add_argument_group(
        f"the reader ({PROG} [PATH ...] [options])",
        f"PATH: {_app.PATHS_HELP}",
    )
    _app.add_reader_options(reader)
    # prog: without it a subcommand's usage repeats this parser's two-line usage.
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", prog=PROG)
    by_name: dict[str, ModuleType] = {}
    for module in _command_modules():
        if only is not None and only != module.NAME:
            if not only:
                sub.add_parser(module.NAME, help=module.HELP)
            continue
        by_name[module.NAME] = module
        command_parser = sub.add_parser(
            module.NAME,
            help=module.HELP,
            description=getattr(module, "DESCRIPTION", module.HELP),
            epilog=getattr(module, "EPILOG", None),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.add_arguments(command_parser)
        add_global_options(command_parser, module.NAME)  # those it does not use, if any
        by_name[module.NAME] = module
    return parser, by_name


def command_first(argv: list[str], commands: Iterable[str]) -> list[str]:
    """``argv`` with a command named after the reader's options moved to the front.

    ``newsdesk --db work.db import a.txt`` reads as ``newsdesk import --db work.db a.txt``
    (it used to answer "unknown command 'import'; did you mean 'import'?").
    """
    names = set(commands)
    index = 0
    while index < len(argv):
        word = argv[index]
        if word in GLOBAL_OPTIONS:
            index += 2
        elif word.startswith(tuple(f"{option}=" for option in GLOBAL_OPTIONS)):
            index += 1
        else:
            break
    if 0 < index < len(argv) and argv[index] in names:
        return [argv[index], *argv[:index], *argv[index + 1 :]]
    return argv


def _say_stdin_is_read(command: str) -> None:
    """``-`` with the terminal as standard input: the command reads what is typed, and
    without a word it looked hung (``newsdesk import -`` typed by mistake)."""
    with suppress(OSError, ValueError, AttributeError):
        if sys.stdin.isatty():
            print(
                f"{PROG} {command}: reading standard input from the terminal "
                "(paste or type the text, then Ctrl+D; Ctrl+C stops)",
                file=sys.stderr,
                flush=True,
            )


def main(argv: Sequence[str] | None = None) -> int:
    # Every message on stderr goes through the terminal-safe function, whoever writes it:
    # a file name or a config value cannot carry an escape sequence to the terminal.
    with safe_stream("stderr"):
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    names = command_names()
    argv = command_first(argv, names)
    if not argv or (argv[0] not in names and argv[0] not in ("-h", "--help", "--version")):
        # No command: the app. Its own parser handles PATHs and options.
        from tui.commands import _app

        return _app.main(argv)
    parser, by_name = build_parser(only=argv[0] if argv[0] in names else "")
    args = parser.parse_args(argv)
    module = by_name[args.command]
    if "-" in (getattr(args, "paths", None) or getattr(args, "inputs", None) or ()):
        _say_stdin_is_read(args.command)
    # A command whose stdout is only for people (no JSON) says so: shown safely too.
    text_only = safe_stream("stdout") if getattr(module, "TEXT_OUTPUT", False) else nullcontext()
    try:
        with text_only:
            return int(module.run(args))
    except sqlite3.DatabaseError as exc:
        # A damaged page or a full disk met half-way through a command: one line, the
        # library untouched (every write is a transaction that was rolled back).
        from tui.paths import library_path
        from tui.store.errors import database_problem

        where = library_path(getattr(args, "db", None))
        print(f"{PROG} {args.command}: {database_problem(where, exc)}", file=sys.stderr)
        return exitcodes.SOME_INPUTS_UNREADABLE
    except KeyboardInterrupt:
        return 130
    except (TypeError, ValueError, KeyError, IndexError, AttributeError) as exc:
        # Nonsense read from a damaged page SQLite did not notice: said as damage.
        from tui.paths import library_path
        from tui.store.errors import damage_found, database_problem

        db = getattr(args, "db", None)
        where = library_path(db)
        if "db" not in vars(args) or not where.is_file() or not (found := damage_found(where)):
            raise
        problem = sqlite3.DatabaseError(f"{type(exc).__name__}; check: {found}")
        print(f"{PROG} {args.command}: {database_problem(where, problem)}", file=sys.stderr)
        return exitcodes.SOME_INPUTS_UNREADABLE
    except BrokenPipeError:
        # The reader of our stdout went away (`| head`): not an error worth a traceback.
        # Point stdout at /dev/null so the interpreter's final flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return exitcodes.OK


if __name__ == "__main__":
    raise SystemExit(main())
