"""How wide the panes are side by side: the view's proportions, the list's columns kept.

A view's layout gives each pane a share of the width (``list: 2, article: 3, quotes:
1``). The list also needs room for its columns (:func:`tui.app.widgets.list_rows.width_for_all`):
at 200x50 two sixths (66 cells) dropped its source column. What it needs beyond its
share comes from the widest other panes, cut down to one level, so that a narrow pane
keeps its share: spread over every pane, at 160x48 the quotes pane went from 27 cells
to 23 to give the list 15, where the article (80 cells) could give them all.
"""

from __future__ import annotations

from collections.abc import Sequence


def side_by_side(
    panes: Sequence[tuple[str, float]], width: int, list_width: int
) -> tuple[tuple[str, float], ...]:
    """``panes`` (pane, proportion) as they share ``width`` cells side by side: as
    given when the list's share is ``list_width`` cells or more; else (pane, cells),
    the list's ``list_width`` (cells as floats: they are used as ``fr`` units)."""
    total = sum(share for _, share in panes) or 1
    cells = {name: width * share / total for name, share in panes}
    short = list_width - cells.get("list", list_width)
    if short <= 0:
        return tuple(panes)
    others = sorted((c for name, c in cells.items() if name != "list"), reverse=True)
    # The level the widest panes are cut to: the k widest give ``short`` between them,
    # each down to the same width, none below the next one's.
    level = 0.0
    for k in range(1, len(others) + 1):
        level = (sum(others[:k]) - short) / k
        if k == len(others) or level >= others[k]:
            break
    level = max(level, 0.0)
    return tuple(
        (name, float(list_width) if name == "list" else min(c, level)) for name, c in cells.items()
    )
