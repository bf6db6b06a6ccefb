"""The article list: one row per article, drawn line by line (Textual's Line API).

A library may hold hundreds of thousands of articles, so the list is a single
:class:`~textual.scroll_view.ScrollView` that renders only the rows on screen
(:meth:`render_line`) from plain :class:`~tui.store.rows.ListRow` tuples, keeping the
rendered :class:`~textual.strip.Strip` of recent rows in an LRU cache. There is no widget
per row, so the first paint costs the same for ten articles or a hundred thousand.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from math import ceil
from typing import Any, ClassVar, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip
from textual.timer import Timer

from tui.app.bindings import OPEN, PANE_MOVES, PaneMoves
from tui.app.component_style import component_style
from tui.app.textsafe import visible

#: Column widths (cells); the title takes what is left.
FLAG_WIDTH = 8
#: The source column: a short outlet or file label, at most 11 cells and a space.
SOURCE_WIDTH = 12
DATE_WIDTH = 11
QUOTES_WIDTH = 4

#: The title gets the room first: the fixed-width columns give way, least telling first
#: (date, then source, then the quote count), until it has this share of the row...
TITLE_SHARE = 0.5
#: ...or at least this many cells, whichever is less.
MIN_TITLE_WIDTH = 30
_FIXED_WIDTHS = {"flags": FLAG_WIDTH, "source": SOURCE_WIDTH, "date": DATE_WIDTH}
_GIVE_WAY = ("date", "source", "quotes")

#: Screens of drawn rows kept for reuse.
CACHED_SCREENS = 6
#: Seconds after a scroll before the list draws ahead: after the frame the scroll causes
#: (Textual composes one at most every 1/60 s), so that the frame does not wait for it.
DRAW_AHEAD_DELAY = 1 / 30


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

    With a title column, the fixed-width ones give way (date, then source, then the quote
    count) until the title has half the row or :data:`MIN_TITLE_WIDTH` cells, whichever
    is less: the title is what a reader picks an article by, and a title cut to a few
    words tells less than any of them. Each column is followed by one space.
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


#: Extensions a source label drops (an outlet such as ``example.org`` keeps its dot).
_FILE_EXTENSIONS = frozenset(
    [
        "txt",
        "text",
        "csv",
        "tsv",
        "json",
        "jsonl",
        "ndjson",
        "html",
        "htm",
        "xml",
        "rss",
        "atom",
        "md",
    ]
)


def source_label(source: str) -> str:
    """The outlet, or the file name without folder and extension: what tells sources
    apart at a glance."""
    name = os.path.basename(source) or source
    stem, _dot, ext = name.rpartition(".")
    return stem if stem and ext.lower() in _FILE_EXTENSIONS else name


class ArticleList(PaneMoves, ScrollView, can_focus=True, inherit_bindings=False):
    """Rows of articles with a cursor, moved by the keys every pane shares (one keymap
    id rebinds them in all)."""

    BINDINGS: ClassVar = [*PANE_MOVES, OPEN]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--marked",
        "article-list--meta",
        "article-list--flags",
        "article-list--archived",
    }

    DEFAULT_CSS = """
    ArticleList { background: $surface; overflow-x: hidden; scrollbar-gutter: stable; }
    ArticleList > .article-list--cursor {
        background: $block-cursor-blurred-background;
        text-style: $block-cursor-blurred-text-style;
    }
    ArticleList:focus > .article-list--cursor {
        background: $block-cursor-background; color: $block-cursor-foreground;
        text-style: $block-cursor-text-style;
    }
    ArticleList > .article-list--unread { color: $unread; text-style: $unread-style; }
    ArticleList > .article-list--marked { background: $accent 25%; }
    ArticleList > .article-list--meta { color: $text-muted; }
    ArticleList > .article-list--flags { color: $accent; }
    ArticleList > .article-list--archived { color: $text-disabled; }
    """

    # No repaint of the whole list when it moves: the two rows whose state changed are
    # refreshed by the watcher (and everything when the list scrolls).
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

    class Highlighted(Message):
        """The cursor moved to another article."""

        def __init__(self, article_list: ArticleList, row: Any | None) -> None:
            super().__init__()
            self.article_list = article_list
            self.row = row

        @property
        def control(self) -> ArticleList:
            return self.article_list

    class Selected(Message):
        """Enter on an article: open it."""

        def __init__(self, article_list: ArticleList, row: Any) -> None:
            super().__init__()
            self.article_list = article_list
            self.row = row

        @property
        def control(self) -> ArticleList:
            return self.article_list

    def __init__(
        self,
        columns: Sequence[str] = ("flags", "source", "date", "title"),
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.rows: list[Any] = []
        self.columns = tuple(columns)
        self._index: dict[str, int] = {}
        # Drawn rows, a few screens' worth (see on_resize): enough for j/k, PgUp after
        # PgDn and g after G to find them; kept small because each Strip and what Textual
        # derives from it (~25 objects) is walked by every full cycle collection.
        self._cache: LRUCache[tuple[Any, ...], Strip] = LRUCache(CACHED_SCREENS * 50)
        self._generation = 0
        # The widget's own Rich style walks every ancestor's CSS (about 0.15 ms): worked
        # out once per focus state and style change, not once per row drawn.
        self._base_styles: dict[bool, Style] = {}
        self._row_style_cache: dict[tuple[bool, bool, bool, str], _RowStyles] = {}
        self._pass: tuple[int, int, bool] | None = None
        self._ahead_queue: list[int] = []
        self._ahead_timer: Timer | None = None

    # -- data ------------------------------------------------------------------------

    def set_rows(self, rows: list[Any], *, keep: str | None = None) -> None:
        """Show ``rows``; put the cursor on article ``keep`` if it is there, else the top."""
        self.rows = rows
        self._index = {}
        self._generation += 1
        self._cache.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        position = self.index_of(keep) if keep else None
        self.cursor = position if position is not None else 0
        self.refresh()
        self._schedule_drawing_ahead()

    def index_of(self, article_id: str | None) -> int | None:
        if article_id is None:
            return None
        if not self._index and self.rows:
            self._index = {row.id: i for i, row in enumerate(self.rows)}
        return self._index.get(article_id)

    def update_rows(self, changed: Sequence[Any]) -> None:
        """Replace the rows of these articles (after a change), keeping positions."""
        for row in changed:
            position = self.index_of(row.id)
            if position is not None:
                self.rows[position] = row
        self._generation += 1
        self._cache.clear()
        self.refresh()

    def set_columns(self, columns: Sequence[str]) -> None:
        self.columns = tuple(columns)
        self._cache.clear()
        self.refresh()

    @property
    def current(self) -> Any | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    # -- cursor ----------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._refresh_row(old)
        self._refresh_row(new)
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True, immediate=True)
        self.post_message(self.Highlighted(self, self.current))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """As ScrollView's, but the scrollbar redraws only the lines its thumb leaves and
        lands on, and nothing while its thumb stays in place.

        With 100,000 rows one row is 1/2,000 of a 45-line bar: redrawing the whole bar
        (every line of it, ~5 ms) for each row scrolled would be a third of a frame spent
        drawing the same picture; a jump (G, g) changes a few lines at each end.
        """
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            before, after = _thumb_cells(bar, bar.position), _thumb_cells(bar, new_value)
            bar.set_reactive(ScrollBar.position, bar.validate_position(new_value))
            if before != after:
                if before is None or after is None:
                    bar.refresh()
                else:
                    bar.refresh(*(_thumb_lines(bar, cells) for cells in (before, after)))
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)
            self._schedule_drawing_ahead(down=new_value >= old_value)

    def _refresh_row(self, position: int) -> None:
        y = position - int(self.scroll_offset.y)
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def action_select(self) -> None:
        self.select()

    def move(self, delta: int) -> None:
        self.cursor = self.cursor + delta

    def page(self, direction: int) -> None:
        self.cursor = self.cursor + direction * max(1, self.size.height - 1)

    def go_top(self) -> None:
        self.cursor = 0

    def go_bottom(self) -> None:
        self.cursor = len(self.rows) - 1

    def select(self) -> None:
        if self.current is not None:
            self.post_message(self.Selected(self, self.current))

    def on_click(self, event: Any) -> None:
        y = event.y + int(self.scroll_offset.y)
        if 0 <= y < len(self.rows):
            self.cursor = y

    def notify_style_update(self) -> None:
        """A theme or CSS change: every row is drawn again, in the new colours."""
        super().notify_style_update()
        self._base_styles = {}
        self._row_style_cache = {}
        self._generation += 1
        self._cache.clear()

    def _base_style(self, focused: bool | None = None) -> Style:
        if focused is None:
            focused = self.has_focus
        style = self._base_styles.get(focused)
        if style is None:
            style = self._base_styles[focused] = self.rich_style
        return style

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))
        self._cache.clear()
        self._cache.maxsize = CACHED_SCREENS * max(self.size.height, 10)
        self._schedule_drawing_ahead()

    # -- drawing ---------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # What every line of a pass shares, looked up once (each is a walk through
        # Textual's properties) rather than once per line.
        self._pass = self._line_context()
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def _line_context(self) -> tuple[int, int, bool]:
        """(content width, first row shown, focused)."""
        return (self.scrollable_content_region.width, int(self.scroll_offset.y), self.has_focus)

    def render_line(self, y: int) -> Strip:
        width, top, focused = self._pass or self._line_context()
        position = y + top
        if position >= len(self.rows) or width <= 0:
            return Strip.blank(width, self._base_style(focused))
        return self._row_strip(position, width, focused)

    def _row_strip(self, position: int, width: int, focused: bool) -> Strip:
        """Row ``position`` drawn, from the cache when it has been drawn before."""
        row = self.rows[position]
        is_cursor = position == self.cursor
        key = (position, row, width, is_cursor, focused, self._generation)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_row(row, width, is_cursor, focused)
            self._cache[key] = strip
        return strip

    # -- drawing ahead ---------------------------------------------------------------

    def _schedule_drawing_ahead(self, *, down: bool = True) -> None:
        """Draw, while the app is idle, the rows the next keys are likely to show.

        A page down, a page up, the first and the last page (in that order, the way the
        list last moved first), one page per idle moment. PgDn, PgUp, g and G then find
        their rows drawn and the frame they cause is only Textual's share; a key pressed
        meanwhile waits for at most one page of rows (~2-3 ms), not for all of them.
        """
        if not self.is_mounted:
            return
        height = self.size.height
        if height <= 0 or not self.rows:
            return
        top = int(self.scroll_offset.y)
        ahead, behind = (top + height, top - height) if down else (top - height, top + height)
        starts = [ahead, behind, 0, len(self.rows) - height]
        self._ahead_queue = [max(0, start) for start in starts]
        if self._ahead_timer is None:
            self._ahead_timer = self.set_timer(DRAW_AHEAD_DELAY, self._draw_next_page_ahead)

    def _draw_next_page_ahead(self) -> None:
        self._ahead_timer = None
        if self._ahead_queue:
            self._draw_ahead(self._ahead_queue.pop(0))
        if self._ahead_queue:
            self._ahead_timer = self.set_timer(DRAW_AHEAD_DELAY, self._draw_next_page_ahead)

    def draw_ahead_now(self) -> None:
        """Draw every page waiting to be drawn ahead, now (tests call this to skip the wait)."""
        if self._ahead_timer is not None:
            self._ahead_timer.stop()
            self._ahead_timer = None
        while self._ahead_queue:
            self._draw_ahead(self._ahead_queue.pop(0))

    def _draw_ahead(self, start: int) -> None:
        """Rows ``start`` to a screen below it into the cache, as the next frame would draw them."""
        width, _top, focused = self._line_context()
        if width > 0:
            for position in range(start, min(start + self.size.height, len(self.rows))):
                self._row_strip(position, width, focused)

    def _row_styles(self, focused: bool, is_cursor: bool, marked: bool, title: str) -> _RowStyles:
        """The styles of one kind of row, combined once per style change, not once per row.

        ``title`` is "read", "unread" or "archived". The cursor's colours win over the
        columns' own (muted source on the cursor's background would be unreadable); its
        background alone when it sets no colour.
        """
        key = (focused, is_cursor, marked, title)
        styles = self._row_style_cache.get(key)
        if styles is not None:
            return styles
        line = self._base_style(focused)
        if marked:
            line += component_style(self, "article-list--marked")
        cursor = component_style(self, "article-list--cursor") if is_cursor else None
        if cursor is not None:
            line += cursor

        def over(style: Style) -> Style:
            if not style:
                return line
            combined = line + style
            return combined + cursor if cursor is not None else combined

        title_style = Style()
        if title == "unread":
            title_style = component_style(self, "article-list--unread")
        elif title == "archived":
            title_style = component_style(self, "article-list--archived")
        styles = _RowStyles(
            line=line,
            flags=over(component_style(self, "article-list--flags")),
            meta=over(component_style(self, "article-list--meta")),
            title=over(title_style),
        )
        self._row_style_cache[key] = styles
        return styles

    def _render_row(self, row: Any, width: int, is_cursor: bool, focused: bool) -> Strip:
        """One row as Segments: the columns' text in styles worked out beforehand.

        Cut to ``width`` cells with an ellipsis (cell widths, so CJK and other wide
        characters are measured as the terminal draws them), padded with spaces.
        """
        title_state = "archived" if row.archived else ("read" if row.read else "unread")
        styles = self._row_styles(focused, is_cursor, bool(row.marked), title_state)
        line = styles.line
        pieces: list[tuple[str, Style]] = []
        add = pieces.append
        for column in columns_for_width(self.columns, width):
            if column == "flags":
                add((row_flags(row), styles.flags))
            elif column == "source":
                add((_source_cell(row.source), styles.meta))
            elif column == "date":
                add((_date_cell(row.date), styles.meta))
            elif column == "quotes":
                label = f"{row.n_quotes}q" if row.n_quotes else ""
                add((label.rjust(QUOTES_WIDTH - 1).ljust(QUOTES_WIDTH), styles.meta))
            elif column == "title":
                add((visible(row.title), styles.title))
                if row.tags:
                    add(("  " + " ".join("#" + visible(t) for t in row.tags), styles.meta))
            add((" ", line))
        return Strip(fit_segments(pieces, width, line), width)


def _thumb_cells(bar: ScrollBar, position: float) -> tuple[int, int] | None:
    """Where a vertical scrollbar draws its thumb at ``position``, in eighths of a cell.

    The arithmetic of Textual's ``ScrollBarRender.render_bar``: two positions giving the
    same answer draw the same bar. None when the bar draws no thumb.
    """
    eighths = len(bar.renderer.VERTICAL_BARS)
    size = bar.size.height
    virtual = ceil(bar.window_virtual_size)
    window = ceil(bar.window_size if bar.window_size < bar.window_virtual_size else 0)
    if not (window and size and virtual and size != virtual and virtual != window):
        return None
    position = bar.validate_position(position)
    thumb = max(1, window / (virtual / size))
    offset = (size - thumb) * (position / (virtual - window))
    start = int(offset * eighths)
    return start, start + ceil(thumb * eighths)


def _thumb_lines(bar: ScrollBar, cells: tuple[int, int]) -> Region:
    """The lines of a vertical scrollbar a thumb spans, from :func:`_thumb_cells`."""
    eighths = len(bar.renderer.VERTICAL_BARS)
    first, last = cells[0] // eighths, (cells[1] - 1) // eighths
    return Region(0, first, bar.size.width, last - first + 1)


class _RowStyles(NamedTuple):
    """The styles of a row's parts, each already laid over the row's own style."""

    line: Style
    flags: Style
    meta: Style
    title: Style


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
            add(set_cell_size(last.text, cell_len(last.text) - 1) + "…", last.style)
        return segments
    if room:
        add(" " * room, line)
    return segments


@lru_cache(maxsize=4096)
def _source_cell(source: str) -> str:
    """The source column's text (sources repeat: one file holds many articles)."""
    return _fit(visible(source_label(source)), SOURCE_WIDTH)


@lru_cache(maxsize=4096)
def _date_cell(date: str | None) -> str:
    return _fit(visible(date or ""), DATE_WIDTH)


def _fit(text: str, width: int) -> str:
    """``text`` padded or cut (with …) to exactly ``width - 1`` cells, then a space."""
    room = width - 1
    if cell_len(text) > room:
        text = set_cell_size(text, room - 1) + "…"
    return set_cell_size(text, room) + " "
