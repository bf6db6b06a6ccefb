"""``python -m tui``: the ``newsdesk`` command.

Guarded: worker processes started with the spawn or forkserver method import the
main module again, and must not run the command a second time."""

from tui.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
