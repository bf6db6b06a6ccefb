"""The words a config may use for sorts, panes and columns (the app renders each)."""

from __future__ import annotations

from tui.config.model import PANES

#: Sort fields; ``-field`` sorts descending (``-date``: newest first).
SORT_FIELDS = ("date", "source", "title", "relevance")
SORTS = tuple(prefix + name for name in SORT_FIELDS for prefix in ("", "-"))
#: Columns of the article list.
COLUMNS = ("flags", "source", "date", "title", "quotes")
#: What a view's list may group its articles by (``none``: a row per article).
GROUPS = ("story", "none")
#: Largest proportion a pane may take in a layout.
MAX_PROPORTION = 12

__all__ = ["COLUMNS", "GROUPS", "MAX_PROPORTION", "PANES", "SORTS", "SORT_FIELDS"]
