"""Batch subcommands, one module each.

A command module defines ``NAME``, ``HELP``, ``ORDER`` (position in ``--help``),
``add_arguments(parser)`` and ``run(args) -> int``. :mod:`tui.cli` finds them here, so
adding a command never means editing a shared list.
"""
