"""The status line: the view's name, its counts, the position, and pending modes."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import Static

from tui.app.textsafe import visible


@dataclass(frozen=True, slots=True)
class StatusInfo:
    view: str
    shown: int
    unread: int
    starred: int
    marked: int
    position: int  # 1-based; 0 when the list is empty
    loading: bool = False
    pending_marked: bool = False


def status_text(info: StatusInfo) -> Text:
    text = Text(end="", no_wrap=True, overflow="ellipsis")
    text.append(f" {visible(info.view)} ", "bold reverse")
    if info.loading:
        text.append("  loading…")
        return text
    text.append(
        f"  {info.shown} shown · {info.unread} unread · {info.starred} starred"
        f" · {info.marked} marked"
    )
    text.append(f"   {info.position}/{info.shown}", "bold")
    if info.pending_marked:
        text.append("   ; next action applies to the marked articles", "bold reverse")
    text.append("   ? help", "dim")
    return text


class StatusLine(Static):
    """One line at the bottom of the main screen."""

    DEFAULT_CSS = """
    StatusLine { height: 1; background: $panel; color: $text; }
    """

    def show(self, info: StatusInfo) -> None:
        self.info = info
        self.update(status_text(info))
