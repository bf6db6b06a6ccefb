"""While a view's pages come in, the status line counts the rows so far and says
``loading…``, keeping the position and the hints a newcomer needs."""

from __future__ import annotations

from tui.app.widgets.status_line import StatusInfo, status_text


def test_loading_counts_the_rows_so_far_and_keeps_the_hints() -> None:
    info = StatusInfo("Inbox", shown=200, unread=0, starred=0, marked=0, position=3, loading=True)
    line = status_text(info, 100).plain
    assert "200 shown · loading…" in line and "3/200" in line and "q quit" in line
    assert "unread" not in line  # not known until the last page


def test_loaded_shows_the_counts() -> None:
    info = StatusInfo("Inbox", shown=900, unread=12, starred=1, marked=0, position=1)
    line = status_text(info, 120).plain
    assert "loading" not in line and "900 shown · 12 unread" in line
