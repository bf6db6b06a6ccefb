"""The options every command takes, typed before or after the command's name.

``newsdesk --db x.db quotes f.txt`` and ``newsdesk quotes f.txt --db x.db`` mean the
same; the first used to fail with "unrecognized arguments: --db" under the top-level
usage. Each command's parser lists ``--db`` and ``--config`` in its ``--help``.

They are added with no default of their own (``argparse.SUPPRESS``): the top-level
parser holds the defaults (None), so a value typed before the command, or before a
``feeds``/``config`` action, is never overwritten by a later parser's default.
"""

from __future__ import annotations

import argparse

#: The options that may go anywhere on the command line, and take a value.
GLOBAL_OPTIONS = ("--db", "--config")

_GROUP = "global options (before or after the command)"


def add_global_options(
    parser: argparse.ArgumentParser,
    command: str,
    *,
    db: str | None = None,
    config: str | None = None,
) -> None:
    """``--db`` and ``--config`` on ``command``'s parser, with ``db``/``config`` as help.

    An option the command does not use (its help left None) is still accepted, and its
    help says so rather than promise a library or a config the command never opens. An
    option the parser already has is left as it is: :mod:`tui.cli` calls this for every
    command after the command added its own.
    """
    unused = f"not used by '{command}'"
    group = parser.add_argument_group(_GROUP)
    for flag, help_text in (("--db", db), ("--config", config)):
        try:
            group.add_argument(
                flag, metavar="PATH", default=argparse.SUPPRESS, help=help_text or unused
            )
        except argparse.ArgumentError:  # the command added it itself, with its own help
            continue
