"""The status line: the view's name, its counts, the position, what the last key did,
pending modes, and the keys a newcomer needs (``? keys``, ``q quit``), at any width."""

from __future__ import annotations

import re
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
    #: The list's rows (None: as many as the articles shown). Fewer or more than the
    #: articles (a story row stands for its articles; an opened one lists them too), the
    #: position is of rows and says so (``row 3/174``), and the count says ``articles``.
    rows: int | None = None
    loading: bool = False
    pending_marked: bool = False
    #: What the last key did ("starred (u undoes)", "tags: #energy (u undoes)"), until
    #: the next move. A trailing ``(… undoes)`` is kept whole when the message is cut.
    message: str = ""
    #: What the feeds, the watched folders or another session brought ("3 new"); it
    #: stays until the next news.
    news: str = ""
    #: What waits while another program holds the library ("waiting to save": a change
    #: of the user's, kept; shown as made): it stays until the library is free.
    busy: str = ""
    #: The key that compares the story the cursor is on (``C``), None off a story: the
    #: story screen is hinted where a newcomer looks for keys.
    story_key: str | None = None


#: The hints, longest first: the widest that fits is shown; ``q quit`` always is.
_HINTS = (
    "   / search  ? keys  ^p commands  q quit",
    "  / search  ? keys  q quit",
    "  ? keys  q quit",
)

#: How much of the counts is shown, most first: they give way to a message (what the
#: last key did matters more, for a moment, than counts the next move brings back).
_COUNTS = ("full", "compact", "shown", "none")

#: What ``;`` left pending, and its short form for a narrow window.
_PENDING = ("   ; next action applies to the marked articles", "   ; applies to marked")

#: The undo hint at the end of a confirmation: kept whole when the message is cut.
_UNDO_HINT = re.compile(r" \([^()]*undoes[^()]*\)$")

#: Fewest cells of a message's body (its three spaces before and a character) shown
#: before its ``…``; with less room, news gives way, then the body goes whole.
_BODY_MIN = 4


def _attempts(info: StatusInfo) -> list[tuple[str, str]]:
    """(counts, hints) to try in turn: the full counts with the longest hints that fit,
    then shorter counts; on a story, its key is kept before the counts' detail is (the
    last try is always made, its message cut to the width)."""
    plain = [(counts, hints) for counts in _COUNTS for hints in _HINTS]
    if info.story_key is None:
        return plain
    story = f"{visible(info.story_key)} compare"
    with_story = (
        f"   {story}  / search  ? keys  ^p commands  q quit",
        f"  {story}  / search  ? keys  q quit",
        f"  {story}  ? keys  q quit",
    )
    return [(counts, hints) for counts in _COUNTS[:2] for hints in with_story] + plain


def grouped(info: StatusInfo) -> bool:
    """Whether the list's rows are not one per article (story rows): then the counts
    say ``articles`` and the position ``row``, so that the two are not read as one unit
    (``178 shown`` beside ``174/174`` at the last row looked like four were missing)."""
    return info.rows is not None and info.rows != info.shown


def position_text(info: StatusInfo) -> str:
    """``   3/178``, or ``   row 3/174`` when rows and articles differ (see :func:`grouped`)."""
    if grouped(info):
        return f"   row {info.position}/{info.rows}"
    return f"   {info.position}/{info.shown}"


def _counts(info: StatusInfo, level: str) -> str:
    if level == "none":
        return ""
    shown = f"  {info.shown} {'articles' if grouped(info) else 'shown'}"
    if info.loading:  # the rows read so far: the total, unread and starred come at the end
        return shown if level == "shown" else f"{shown} · loading…"
    if level == "shown":
        return shown
    if level == "compact":
        return f"{shown} · {info.unread} unread"
    return f"{shown} · {info.unread} unread · {info.starred} starred · {info.marked} marked"


def _message_parts(info: StatusInfo) -> tuple[str, str, str, str]:
    """(body, undo hint, busy, news) of what the status line says, each as drawn."""
    message, busy, news = visible(info.message), visible(info.busy), visible(info.news)
    found = _UNDO_HINT.search(message)
    hint = found.group(0) if found else ""
    body = message[: len(message) - len(hint)]
    return (
        (f"   {body}" if body else ""),
        hint,
        (f"   {busy}" if busy else ""),
        (f"   {news}" if news else ""),
    )


def fit_message(info: StatusInfo, room: int) -> str:
    """The message, busy and news in ``room`` cells: whole if they fit, else the body
    cut (``…``) before its undo hint, news then busy dropped when the body would be a
    stub, and last the whole cut at its end."""
    body, hint, busy, news = _message_parts(info)
    whole = body + hint + busy + news
    if cell_len(whole) <= room:
        return whole
    for extra in (busy + news, busy, ""):
        keep = cell_len(hint) + cell_len(extra) + 1  # the ``…``
        if body and room - keep >= _BODY_MIN:
            return _cut(body, room - keep) + "…" + hint + extra
    for extra in (busy, ""):  # the body gone: how to undo it, and what waits
        tail = ("  " + hint.lstrip() if hint else "") + extra
        if tail and cell_len(tail) <= room:
            return tail
    short = body + hint + busy
    return _cut(short, room - 1) + "…" if room > 4 else ""


def _cut(text: str, cells: int) -> str:
    """``text``'s first ``cells`` cells (a wide character that would not fit is left out)."""
    out = ""
    for char in text:
        if cell_len(out + char) > cells:
            break
        out += char
    return out.rstrip()


def status_text(info: StatusInfo, width: int = 1000) -> Text:
    """The line for ``info`` in ``width`` cells: the counts shorten (to none), then the
    message is cut in its middle, its undo hint kept, before the hints give way (a
    newcomer must always see how to quit)."""
    head = Text(end="", no_wrap=True, overflow="ellipsis")
    name = visible(info.view)
    # In a very narrow terminal the view's name gives way before the hints do.
    position = position_text(info)
    room = width - len(position) - cell_len(_HINTS[-1]) - 2
    if cell_len(name) > max(room, 4):
        name = name[: max(room, 4) - 1] + "…"
    head.append(f" {name} ", "bold reverse")
    message = "".join(_message_parts(info))
    pending = _PENDING[0] if info.pending_marked else ""
    for level, hints in _attempts(info):
        counts = _counts(info, level)
        fixed = cell_len(head.plain) + cell_len(counts) + cell_len(position)
        if fixed + cell_len(message) + cell_len(pending) + cell_len(hints) <= width:
            break
    if pending and fixed + cell_len(pending) + cell_len(hints) > width:
        pending = _PENDING[1]  # q quit stays
    text = head
    text.append(counts)
    text.append(position, "bold")
    room = width - fixed - cell_len(hints) - cell_len(pending)
    if message and room > 4:
        text.append(fit_message(info, room), "bold")
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
