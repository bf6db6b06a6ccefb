"""The status line: the view's name, its counts, the position, and pending modes."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widget import Widget

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
    #: What a refresh or a watched folder brought (``3 new``, ``refreshing feeds 2/5…``).
    news: str = ""


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
    if info.news:
        text.append(f"   {visible(info.news)}", "bold")
    if info.pending_marked:
        text.append("   ; next action applies to the marked articles", "bold reverse")
    text.append("   / search  ? keys  ^p commands  q quit", "dim")
    return text


class StatusLine(Widget):
    """One line at the bottom of the main screen.

    A plain widget with a fixed height, repainted (never re-laid-out) when it changes:
    it changes on every cursor move, and a layout pass would repaint the whole screen.
    """

    DEFAULT_CSS = """
    StatusLine { height: 1; width: 1fr; background: $panel; color: $text; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.info: StatusInfo | None = None

    def show(self, info: StatusInfo) -> None:
        if info != self.info:
            self.info = info
            self.refresh()

    def render(self) -> Text:
        return status_text(self.info) if self.info is not None else Text("")
