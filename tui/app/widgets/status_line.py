"""The status line: the view's name, its counts, the position, what the last key did,
pending modes, and the keys a newcomer needs (``? keys``, ``q quit``), at any width."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
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
    #: The list's rows, when they are fewer or more than the articles shown (a story row
    #: stands for its articles; an opened one lists them too): the position is of these.
    rows: int | None = None
    loading: bool = False
    pending_marked: bool = False
    #: What the last key did ("starred", "archived", "tags: #energy"), until the next move.
    message: str = ""
    #: The key that compares the story the cursor is on (``C``), None off a story: the
    #: story screen is hinted where a newcomer looks for keys.
    story_key: str | None = None


#: The hints, longest first: the widest that fits is shown; ``q quit`` always is.
_HINTS = (
    "   / search  ? keys  ^p commands  q quit",
    "  / search  ? keys  q quit",
    "  ? keys  q quit",
)


def _attempts(info: StatusInfo) -> list[tuple[bool, str]]:
    """(compact counts, hints) to try in turn: the full counts with the longest hints
    that fit, then the compact counts; on a story, its key is kept before the counts'
    detail is (the last try is always made, and cut to the width)."""
    plain = [(compact, hints) for compact in (False, True) for hints in _HINTS]
    if info.story_key is None:
        return plain
    story = f"{visible(info.story_key)} compare"
    with_story = (
        f"   {story}  / search  ? keys  ^p commands  q quit",
        f"  {story}  / search  ? keys  q quit",
        f"  {story}  ? keys  q quit",
    )
    return [(compact, hints) for compact in (False, True) for hints in with_story] + plain


def _counts(info: StatusInfo, compact: bool) -> str:
    if info.loading:  # the rows read so far: the total, unread and starred come at the end
        return f"  {info.shown} shown · loading…"
    if compact:
        return f"  {info.shown} shown · {info.unread} unread"
    return (
        f"  {info.shown} shown · {info.unread} unread · {info.starred} starred"
        f" · {info.marked} marked"
    )


def status_text(info: StatusInfo, width: int = 1000) -> Text:
    """The line for ``info`` in ``width`` cells: the counts shorten, then the message is
    cut, before the hints give way (a newcomer must always see how to quit)."""
    head = Text(end="", no_wrap=True, overflow="ellipsis")
    name = visible(info.view)
    # In a very narrow terminal the view's name gives way before the hints do.
    position = f"   {info.position}/{info.shown if info.rows is None else info.rows}"
    room = width - cell_len(_counts(info, True)) - len(position)
    room -= cell_len(_HINTS[-1]) + 2
    if cell_len(name) > max(room, 4):
        name = name[: max(room, 4) - 1] + "…"
    head.append(f" {name} ", "bold reverse")
    message = f"   {visible(info.message)}" if info.message else ""
    pending = "   ; next action applies to the marked articles" if info.pending_marked else ""
    for compact, hints in _attempts(info):
        counts = _counts(info, compact)
        fixed = cell_len(head.plain) + cell_len(counts) + cell_len(position)
        if fixed + cell_len(message) + cell_len(pending) + cell_len(hints) <= width:
            break
    text = head
    text.append(counts)
    text.append(position, "bold")
    room = width - fixed - cell_len(hints) - cell_len(pending)
    if message and room > 4:
        shown = message if cell_len(message) <= room else message[: room - 1] + "…"
        text.append(shown, "bold")
    if pending:
        text.append(pending, "bold reverse")
    used = cell_len(text.plain)
    if used + cell_len(hints) < width:
        text.append(" " * (width - used - cell_len(hints)))
    text.append(hints, "dim")
    text.truncate(width)
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
        if self.info is None:
            return Text("")
        return status_text(self.info, self.size.width or 1000)
