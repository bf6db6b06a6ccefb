"""What a row of the article list shows: its cells as (text, role), cut to the pane.

The list widget (:mod:`tui.app.widgets.article_list`) draws any row through
:data:`ROW_RENDERERS`, a table from the row's type to a function giving its
:class:`RowLook`. An article's row is a :class:`~tui.store.rows.ListRow`; another kind of
row (a story heading that expands to its articles, say) is a hashable tuple type with an
``id`` field, registered with its own function::

    ROW_RENDERERS[StoryRow] = story_look   # (row, columns) -> RowLook

Roles, not styles, keep this free of Textual: the widget turns each role into the style
of its component class (:data:`ROLE_CLASSES`), worked out once per theme.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style

from tui.app.textsafe import visible
from tui.ingest.outlet import source_label
from tui.search.story_rows import MemberRow, StoryListRow
from tui.store.rows import ListRow

#: A row of the list: an article's, a story's, or an article's under its expanded story.
Row = ListRow | StoryListRow | MemberRow

#: Column widths (cells); the title takes what is left.
FLAG_WIDTH = 8
#: The source column: a short outlet or file label, at least 11 cells and a space...
SOURCE_WIDTH = 12
#: ...and up to 19 and a space, when the title would still have more than
#: :data:`ROOMY_TITLE` cells (a wide list: ``wikinews.org`` in full, not ``wikinews.o…``).
WIDE_SOURCE_WIDTH = 20
ROOMY_TITLE = 60
DATE_WIDTH = 11
QUOTES_WIDTH = 4

#: The title gets the room first: the fixed-width columns give way, least telling first
#: (source, then the quote count, then date), until it has this share of the row...
TITLE_SHARE = 0.5
#: ...or at least this many cells, whichever is less.
MIN_TITLE_WIDTH = 30
_FIXED_WIDTHS = {"flags": FLAG_WIDTH, "source": SOURCE_WIDTH, "date": DATE_WIDTH}
_GIVE_WAY = ("source", "quotes", "date")

#: Role -> the list's component class whose style it takes ("" : the row's own style).
ROLE_CLASSES = {
    "plain": "",
    "flags": "article-list--flags",
    "meta": "article-list--meta",
    "source": "article-list--meta",
    "title": "",
    "unread": "article-list--unread",
    "archived": "article-list--archived",
}


class RowLook(NamedTuple):
    """A row's cells as (text, role) in screen order, and whether the whole row is marked;
    ``title``: the slice of ``cells`` that is the title column (its tags included),
    which takes the room the other columns leave (:func:`placed_cells`)."""

    cells: list[tuple[str, str]]
    marked: bool = False
    title: tuple[int, int] | None = None


def row_flags(row: Any) -> str:
    """``+●★A✎#b…``: marked, unread, starred, archived, note, tags, brief (``?`` instead
    when the split before the article is doubtful: ``J`` joins it back), truncated
    (blank when off)."""
    return "".join(
        (
            "+" if row.marked else " ",
            "●" if not row.read else " ",
            "★" if row.starred else " ",
            "A" if row.archived else " ",
            "✎" if row.n_notes or row.n_highlights else " ",
            "#" if row.tags else " ",
            "?" if row.doubtful_split else "b" if row.kind == "brief" else " ",
            "…" if row.truncated else " ",
        )
    )


@lru_cache(maxsize=64)
def columns_for_width(columns: tuple[str, ...], width: int) -> tuple[str, ...]:
    """The columns drawn in a row ``width`` cells wide.

    With a title column, the fixed-width ones give way (source, then the quote count,
    then date) until the title has half the row or :data:`MIN_TITLE_WIDTH` cells,
    whichever is less: the title is what a reader picks an article by, and a title cut to
    a few words tells less than any of them. The date goes last: without it a narrow
    list read as if the flags (``b…``) or a story's ``2 outlets`` were its date, and a
    story row says its outlets before its title when the source column is gone. Each
    column is followed by one space.
    """
    if "title" not in columns:
        return columns
    shown = list(columns)
    wanted = min(MIN_TITLE_WIDTH, int(width * TITLE_SHARE))
    for column in _GIVE_WAY:
        fixed = sum(_FIXED_WIDTHS.get(c, QUOTES_WIDTH) + 1 for c in shown if c != "title")
        if width - fixed >= wanted:
            break
        if column in shown:
            shown.remove(column)
    return tuple(shown)


def width_for_all(columns: tuple[str, ...]) -> int:
    """Cells a row needs to show every one of ``columns`` with a title of at least
    :data:`MIN_TITLE_WIDTH` (:func:`columns_for_width` then drops none).

    The reader gives the list pane this much room when the panes sit side by side: at
    200x50 a list of two sixths of the width (62 cells) dropped the source column, which
    the 80x24 list (stacked, the full width) shows.
    """
    fixed = sum(_FIXED_WIDTHS.get(c, QUOTES_WIDTH) + 1 for c in columns if c != "title")
    return fixed + (MIN_TITLE_WIDTH if "title" in columns else 0)


def _fit(text: str, width: int) -> str:
    """``text`` padded or cut (with …) to exactly ``width - 1`` cells, then a space."""
    room = width - 1
    if cell_len(text) > room:
        text = set_cell_size(text, room - 1) + "…"
    return set_cell_size(text, room) + " "


def article_look(row: ListRow, columns: tuple[str, ...]) -> RowLook:
    """An article's row: flags, source, date, quote count and title (tags after it)."""
    title_role = "archived" if row.archived else ("title" if row.read else "unread")
    cells: list[tuple[str, str]] = []
    add = cells.append
    title: tuple[int, int] | None = None
    for column in columns:
        if column == "flags":
            add((row_flags(row), "flags"))
        elif column == "source":
            add((visible(source_label(row.source)), "source"))  # fitted: placed_cells
        elif column == "date":
            add((_fit(visible(row.date or ""), DATE_WIDTH), "meta"))
        elif column == "quotes":
            label = f"{row.n_quotes}q" if row.n_quotes else ""
            add((label.rjust(QUOTES_WIDTH - 1).ljust(QUOTES_WIDTH), "meta"))
        elif column == "title":
            start = len(cells)
            add((visible(row.title), title_role))
            if row.tags:
                add(("  " + " ".join("#" + visible(t) for t in row.tags), "meta"))
            title = (start, len(cells))
        add((" ", "plain"))
    return RowLook(cells, bool(row.marked), title)


def source_width(look: RowLook, width: int) -> int:
    """The source column's width in a row ``width`` cells wide: :data:`SOURCE_WIDTH`,
    and the room a title would have beyond :data:`ROOMY_TITLE` cells, up to
    :data:`WIDE_SOURCE_WIDTH` (the same for every row: the other columns' widths are
    fixed)."""
    if look.title is None:
        return SOURCE_WIDTH
    start, end = look.title
    fixed = sum(
        cell_len(text)
        for at, (text, role) in enumerate(look.cells)
        if role != "source" and not start <= at < end
    )
    spare = width - fixed - SOURCE_WIDTH - ROOMY_TITLE
    return SOURCE_WIDTH + max(0, min(spare, WIDE_SOURCE_WIDTH - SOURCE_WIDTH))


def _source_fitted(look: RowLook, width: int) -> list[tuple[str, str]]:
    """``look``'s cells with the source cut or padded to :func:`source_width`."""
    at = next((at for at, (_, role) in enumerate(look.cells) if role == "source"), None)
    if at is None:
        return look.cells
    cells = list(look.cells)
    cells[at] = (_fit(cells[at][0], source_width(look, width)), "source")
    return cells


def placed_cells(look: RowLook, width: int) -> list[tuple[str, str]]:
    """``look``'s cells for a row ``width`` cells wide, each column in its place: the
    source as wide as :func:`source_width` gives it.

    The title (and its tags) has no width of its own: last in the row, the row's end
    cuts it (:func:`fit_segments`); with columns after it (a view's ``columns: [title,
    date]``), it is cut with ``…`` or padded to the room they leave, so the date is a
    column under the dates of the other rows and a long title cannot push it off.
    """
    cells, title = _source_fitted(look, width), look.title
    if title is None or all(text == " " for text, _ in cells[title[1] :]):
        return cells
    start, end = title
    others = sum(cell_len(text) for text, _ in cells[:start] + cells[end:])
    room = max(0, width - others)
    fitted: list[tuple[str, str]] = []
    for text, role in cells[start:end]:
        size = cell_len(text)
        if size > room:
            if room:
                fitted.append((set_cell_size(text, room - 1) + "…", role))
            room = 0
            break
        fitted.append((text, role))
        room -= size
    if room:
        fitted.append((" " * room, "plain"))
    return cells[:start] + fitted + cells[end:]


def story_look(row: StoryListRow, columns: tuple[str, ...]) -> RowLook:
    """A story row (``group: story``): its flags, ``3 outlets`` for a source (before the
    title when the list is too narrow for the source column), the newest date and the
    story's title behind ``▸`` (folded) or ``▾`` (expanded)."""
    marker = "▾ " if row.expanded else "▸ "
    if "source" not in columns:  # a narrow list: the outlets' count leads the title
        marker += row.source + " · "
    return article_look(row._replace(title=marker + row.title), columns)  # type: ignore[arg-type]


def member_look(row: MemberRow, columns: tuple[str, ...]) -> RowLook:
    """An article under its expanded story row: its own row, the title indented."""
    return article_look(row.row._replace(title="  └ " + row.row.title), columns)


#: How each type of row looks (see the module docstring to add one).
ROW_RENDERERS: dict[type, Callable[[Any, tuple[str, ...]], RowLook]] = {
    ListRow: article_look,
    StoryListRow: story_look,
    MemberRow: member_look,
}


def fit_segments(pieces: list[tuple[str, Style]], width: int, line: Style) -> list[Segment]:
    """``pieces`` as Segments exactly ``width`` cells long.

    Longer: cut at ``width - 1`` cells and end with ``…`` in the style of the piece it
    cuts (a wide character split by the cut becomes a space). Shorter: padded with
    spaces in the row's style.
    """
    segments: list[Segment] = []

    def add(text: str, style: Style | None) -> None:
        # Neighbours in the same style make one segment (fewer for the compositor).
        if segments and segments[-1].style is style:
            segments[-1] = Segment(segments[-1].text + text, style)
        else:
            segments.append(Segment(text, style))

    room = width
    for text, style in pieces:
        if not text:
            continue
        size = cell_len(text)
        if size <= room:
            room -= size
            add(text, style)
            continue
        # Too long: everything from here is cut. ``room`` cells are left, and the last
        # one is the ellipsis, which belongs to the piece holding that cell.
        if room:
            add(set_cell_size(text, room - 1) + "…", style)
        else:  # the pieces before filled the row exactly: their last cell becomes the …
            last = segments.pop()
            add(set_cell_size(last.text, cell_len(last.text) - 1) + "…", last.style or line)
        return segments
    if room:
        add(" " * room, line)
    return segments
