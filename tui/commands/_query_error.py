"""How every command says a query it cannot read: the same three lines everywhere."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.search import QueryError


def say_query_error(prog: str, exc: QueryError) -> None:
    """``prog: bad query at character N:``, then the query with a caret under the
    character at fault, then what is wrong (``search`` showed the caret, ``export`` and
    ``stories`` did not: one function now, so they cannot drift apart again)."""
    print(f"{prog}: bad query at character {exc.position + 1}:", file=sys.stderr)
    print(exc.caret(), file=sys.stderr)
