"""What a person types at the tag prompt, read as tags to add and tags to remove.

Commas and spaces separate tags (``energy, norway`` is two tags); a tag holding a space
is typed in quotes (``"follow up"``); a leading ``-`` removes a tag (``-energy``,
``-"follow up"``). Names are normalised as the library stores them (:func:`tag_name`:
inner whitespace becomes ``-``), so what the app reports is what was stored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(r"""(-?)(?:"([^"]*)"?|“([^”]*)”?|'([^']*)'?|([^\s,"“']+))""")


def tag_name(text: str) -> str:
    """The stored form of a tag: whitespace folded into ``-`` ('' when nothing is left)."""
    return "-".join(text.split())


@dataclass(frozen=True, slots=True)
class TagEdit:
    """Tags to add and to remove, each once, in the order typed."""

    add: tuple[str, ...] = ()
    remove: tuple[str, ...] = ()


def parse_tag_input(text: str) -> TagEdit:
    """``energy, norway -old "follow up"`` -> add energy, norway, follow-up; remove old."""
    add: list[str] = []
    remove: list[str] = []
    for match in _TOKEN.finditer(text):
        minus, *names = match.groups()
        name = tag_name(next((n for n in names if n is not None), ""))
        if not name or name == "-":
            continue
        bucket = remove if minus else add
        if name not in bucket:
            bucket.append(name)
    return TagEdit(tuple(t for t in add if t not in remove), tuple(remove))
