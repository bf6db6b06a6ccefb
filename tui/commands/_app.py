"""``newsdesk [PATH...]``: open the reader. Filled in by the app issue."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tui import exitcodes


def main(argv: Sequence[str]) -> int:
    print("newsdesk: the reader is not built yet; try 'newsdesk --help'", file=sys.stderr)
    return exitcodes.USAGE
