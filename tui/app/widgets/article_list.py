"""The article list: one row per article, drawn line by line (Textual's Line API).

A library may hold hundreds of thousands of articles, so the list is one
:class:`~textual.scroll_view.ScrollView` that draws only the rows on screen
(:meth:`render_line`), as toolong's ``LogLines`` does: no widget per row, so the first
frame costs the same for ten articles or a hundred thousand. What a row shows comes
from :mod:`tui.app.widgets.list_rows` (any type of row registered there: articles, and
whatever else a view lists).

A view's rows arrive a page at a time (:mod:`tui.search.views`): :meth:`set_rows` with
the first page, :meth:`append_rows` with the rest. Until the last page is in
(:attr:`complete`), the cursor moves within the rows there are (``j`` never jumps when a
page lands: pages only add rows below), and ``G`` waits for the true last row.

Three things are kept for speed, each because a measurement showed it (figures from
``benchmarks/bench_app.py`` at 100,000 articles, 160x48, key to frame in CPU ms of the
app's thread, on the shared machine under load; see docs/benchmarks.md):

- one cache of drawn rows (:class:`~textual.cache.LRUCache` of Strips), keyed on what
  changes a line: the row itself (its flags and tags are in it), the width, the columns,
  and whether it holds the cursor and the list the focus. ``j``/``k`` then draw two rows,
  not a screen (a row costs ~35 us to draw; the widget's style ~60 us to look up, so
  styles are worked out once per theme and role: :meth:`_style`);
- the scrollbar is redrawn only on the lines where its thumb changes (Textual redraws
  the whole bar when its position changes, ~5 ms at 45 lines: a third of a frame, paid
  at every row ``j`` scrolls, though at 100,000 rows the thumb moves once in ~2,000;
  without this, j cost 9.7 ms against 6.6 ms). The bar is drawn by Textual's own public
  renderer (``ScrollBarRender.render_bar``) at the old and new positions and the lines
  compared: no copy of its arithmetic. Each changed line is repainted alone: G from the
  top changes a line at each end, and repainting the span between them (the whole bar)
  cost G 49.4 M instructions from key to frame against 36.5 M (callgrind, 100,000
  rows; ``feb29cd``, before issue 19: 34.1 M);
- while the list rests after a scroll, it draws the pages the next keys show (one on,
  one back, the first, the last; one page per pause, :data:`DRAW_AHEAD_DELAY`). Without
  it PgDn cost 12.4 ms and G 12.6 ms against 7.7 and 9.5 ms with it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.strip import Strip
from textual.timer import Timer

from tui.app import messages
from tui.app.bindings import OPEN, PANE_MOVES, PaneMoves
from tui.app.component_style import component_style
from tui.app.widgets.list_rows import (
    MIN_TITLE_WIDTH,
    ROLE_CLASSES,
    ROW_RENDERERS,
    SOURCE_WIDTH,
    columns_for_width,
    fit_segments,
    placed_cells,
    row_flags,
    width_for_all,
)

__all__ = [
    "MIN_TITLE_WIDTH",
    "SOURCE_WIDTH",
    "ArticleList",
    "columns_for_width",
    "fit_segments",
    "row_flags",
]

#: Screens of drawn rows kept for reuse (PgUp after PgDn, g after G find theirs drawn).
CACHED_SCREENS = 6
#: Seconds after a scroll before the list draws ahead: after the frame the scroll causes
#: (Textual composes one at most every 1/60 s), so that frame does not wait for it.
DRAW_AHEAD_DELAY = 1 / 30


#: The first line of a view with no row.
NO_ROWS = "No articles in this view"


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

    # No repaint of the whole list when it moves: the watcher refreshes the two rows
    # whose state changed (and everything when the list scrolls).
    cursor: reactive[int] = reactive(0, always_update=True, init=False, repaint=False)

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
        #: Whether every row of the view is here (False while pages are still coming,
        #: and until the first rows are set: the first frame says ``Loading…``).
        self.complete = False
        #: What the first line says when the view has no row (the reader says more when
        #: the library itself is empty).
        self.empty_text = NO_ROWS
        self._bottom_wanted = False
        #: The article the cursor goes to when its page lands (see :meth:`set_rows`).
        self._wanted: str | None = None
        #: Where an article without a row of its own is shown (the story row standing
        #: for it): ``(rows, article id) -> position``; None: nowhere.
        self.stands_for: Callable[[Sequence[Any], str], int | None] | None = None
        self._positions: dict[str, int] = {}
        self._strips: LRUCache[tuple[Any, ...], Strip] = LRUCache(CACHED_SCREENS * 50)
        self._styles: dict[tuple[bool, bool, bool, str], Style] = {}
        #: The styles the drawn rows were drawn in, per focus state (see _check_styles).
        self._looks: dict[bool, tuple[Style, ...]] = {}
        self._styles_checked: set[bool] = set()
        self._ahead: list[int] = []
        self._ahead_timer: Timer | None = None
        #: The scrollbar's last drawing: (what it depends on, its lines); see _bar_lines.
        self._bar_drawn: tuple[tuple[float, ...], list[tuple[str, bool | None]]] | None = None
        #: What the lines of a drawing pass share (:meth:`render_lines`); None between.
        self._pass: tuple[int, int, bool] | None = None

    # -- data ------------------------------------------------------------------------

    def set_rows(self, rows: list[Any], *, keep: str | None = None, complete: bool = True) -> None:
        """Show ``rows`` (``complete``: all the view has; else more come through
        :meth:`append_rows`); the cursor on article ``keep`` if it is there, else the top.

        When ``keep`` is not among the rows yet but more are coming, the cursor waits at
        the top without announcing it (the open article stays open) and goes to ``keep``
        when its page lands; if no page holds it, the top row is announced once the last
        is in. A key that moves the cursor meanwhile ends the wait.
        """
        # The last view's rows are let go after the frame: freeing 100,000 of them takes
        # ~10-20 ms, which the new view's first frame need not wait for.
        self.call_after_refresh(_let_go, self.rows, self._positions)
        bottom = self._bottom_wanted  # G pressed while these rows were coming
        self.rows = rows
        self.complete = complete
        self._bottom_wanted = False
        self._positions = {}
        self._strips.clear()
        self._resize_virtual()
        position = self.place_of(keep)
        self._wanted = keep if position is None and not complete else None
        if self._wanted is not None:
            self.set_reactive(ArticleList.cursor, 0)
            self.scroll_to(y=0, animate=False, immediate=True)
        else:
            self.cursor = position if position is not None else 0
        if bottom:
            self.go_bottom()
        self.refresh()
        self._draw_ahead_later(down=True)

    def append_rows(self, rows: Sequence[Any], *, complete: bool) -> None:
        """The view's next page, below the rows there are: nothing on screen moves."""
        start = len(self.rows)
        self.rows.extend(rows)
        if self._positions:
            self._positions.update((row.id, start + i) for i, row in enumerate(rows))
        self.complete = complete
        self._resize_virtual()
        if start - int(self.scroll_offset.y) < self.size.height:
            self.refresh()  # the new rows fill the screen's empty lines
        if complete and self._bottom_wanted:
            self._bottom_wanted = False
            self.go_bottom()
        elif self._wanted is not None:
            position = self.place_of(self._wanted)
            if position is not None:
                self.cursor = position
            elif complete:  # not in this view: the top row it is
                self._wanted = None
                self.post_message(messages.ArticleHighlighted(self, self.current))

    def rows_coming(self) -> None:
        """Another view's rows are on their way: ``G`` pressed meanwhile waits for that
        view's last row (:meth:`set_rows` keeps the wish), not the rows shown now."""
        self.complete = False

    @property
    def waiting(self) -> bool:
        """Whether the list has no row yet and its first page is still coming: it then
        says ``Loading…`` (see :meth:`show_loading`)."""
        return not self.rows and not self.complete

    def show_loading(self) -> None:
        """No rows until the first page of what is loading arrives: ``Loading…`` on
        the first line (the last view's rows would stand under the new view's name)."""
        self.set_rows([], complete=False)

    @property
    def wanted(self) -> str | None:
        """The article the cursor waits for (its page not read yet), if any."""
        return self._wanted

    def _resize_virtual(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows))

    def place_of(self, article_id: str | None) -> int | None:
        """The row of ``article_id``, or the row standing for it (:attr:`stands_for`)."""
        position = self.index_of(article_id)
        if position is None and article_id is not None and self.stands_for is not None:
            position = self.stands_for(self.rows, article_id)
        return position

    def index_of(self, article_id: str | None) -> int | None:
        if article_id is None:
            return None
        if not self._positions and self.rows:
            self._positions = {row.id: i for i, row in enumerate(self.rows)}
        return self._positions.get(article_id)

    def update_rows(self, changed: Sequence[Any]) -> None:
        """Replace the rows of these articles (after a change), keeping positions."""
        for row in changed:
            position = self.index_of(row.id)
            if position is not None:
                self.rows[position] = row
                self._refresh_row(position)

    def set_columns(self, columns: Sequence[str]) -> None:
        self.columns = tuple(columns)
        self.refresh()

    def width_for_all_columns(self, border: int = 2) -> int:
        """The pane's width (cells) that shows all its columns with a readable title:
        the rows' (:func:`width_for_all`), the vertical scrollbar's (its gutter is
        always kept) and ``border`` cells of the pane's left and right edges."""
        return width_for_all(self.columns) + self.styles.scrollbar_size_vertical + border

    @property
    def current(self) -> Any | None:
        if 0 <= self.cursor < len(self.rows):
            return self.rows[self.cursor]
        return None

    # -- cursor ----------------------------------------------------------------------

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._wanted = None  # moved (by a key, or to the article waited for)
        self._refresh_row(old)
        self._refresh_row(new)
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True, immediate=True)
        self.post_message(messages.ArticleHighlighted(self, self.current))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        """As ScrollView's, but the scrollbar redraws only the lines its thumb changes
        (see the module docstring)."""
        if self.show_vertical_scrollbar:
            bar = self.vertical_scrollbar
            before = self._bar_lines(bar)
            bar.set_reactive(ScrollBar.position, bar.validate_position(new_value))
            after = self._bar_lines(bar)
            changed = [y for y, (a, b) in enumerate(zip(before, after, strict=False)) if a != b]
            if changed:  # (no regions would repaint all of it)
                bar.refresh(*(Region(0, y, bar.size.width, 1) for y in changed))
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)
            self._draw_ahead_later(down=new_value > old_value)

    def _bar_lines(self, bar: ScrollBar) -> list[tuple[str, bool | None]]:
        """The lines of the vertical scrollbar as it is now (see :func:`_thumb`); the
        last drawing is reused while the bar has not changed (one drawing per scroll,
        not two: ~0.15 ms each)."""
        state = (bar.size.height, bar.window_virtual_size, bar.window_size, bar.position)
        if self._bar_drawn is None or self._bar_drawn[0] != state:
            self._bar_drawn = (state, _thumb(bar))
        return self._bar_drawn[1]

    def _refresh_row(self, position: int) -> None:
        y = position - int(self.scroll_offset.y)
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def action_select(self) -> None:
        self.select()

    def move(self, delta: int) -> None:
        self._bottom_wanted = False
        self.cursor = self.cursor + delta

    def page(self, direction: int) -> None:
        self.move(direction * max(1, self.size.height - 1))

    def go_top(self) -> None:
        self.move(-self.cursor)

    def go_bottom(self) -> None:
        """The last row of the view: now, or once the last page is in (the cursor stays
        where it is meanwhile: the last row read so far is not the view's last)."""
        if self.complete:
            self.cursor = len(self.rows) - 1
        else:
            self._bottom_wanted = True

    def select(self) -> None:
        if self.current is not None:
            self.post_message(messages.ArticleSelected(self, self.current))

    def on_click(self, event: Any) -> None:
        y = event.y + int(self.scroll_offset.y)
        if 0 <= y < len(self.rows):
            self.move(y - self.cursor)

    def on_resize(self) -> None:
        """A new size keeps the drawn rows: each is keyed on its width, so a row drawn
        at another width is never shown at this one, and a layout switched back (the
        search pane closed, the terminal made wide again) finds its rows drawn. Clearing
        them made the frame after every layout switch draw the whole list again. The
        cache only grows (to the screens of the tallest list seen): shrinking Textual's
        LRU cache does not evict what is over the new size."""
        self._resize_virtual()
        self._strips.grow(CACHED_SCREENS * max(self.size.height, 10))
        # Made shorter (the focus left the list at 80x24): the cursor's row stays shown.
        if self.rows:
            self.scroll_to_region(
                Region(0, self.cursor, 1, 1), animate=False, force=True, immediate=True
            )

    def notify_style_update(self) -> None:
        """The styles may have changed: they are looked up again, and the rows drawn in
        the old ones are dropped at the next drawing if they differ (:meth:`_check_styles`).

        Textual calls this for a theme change, and for every focus change too (the
        ``:focus`` rules): clearing the drawn rows here made each focus change (``/``,
        ``Tab``, Escape) draw the whole list again, though rows are kept per focus state.
        """
        super().notify_style_update()
        self._styles = {}
        self._styles_checked = set()

    def _check_styles(self, focused: bool) -> None:
        """Keep the rows drawn in the ``focused`` state while the styles they were drawn
        in are the same (a focus change); drop every drawn row when not (a new theme)."""
        if focused in self._styles_checked:
            return
        self._styles_checked.add(focused)
        roles = [name for name in ROLE_CLASSES.values() if name]
        looks = (self.rich_style, *(component_style(self, n) for n in roles))
        looks += (component_style(self, "article-list--marked"),)
        looks += (component_style(self, "article-list--cursor"),)
        before = self._looks.get(focused)
        if before is not None and before != looks:
            self._strips.clear()
            self._looks = {}
        self._looks[focused] = looks

    # -- drawing ---------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        # What every line of a pass shares is looked up once a pass, not once a line: the
        # width (~6 us), the first row shown and the focus (reactives, ~2 us each). A whole
        # screen is drawn at every row j scrolls: per line they cost j 32.9 M instructions
        # from key to frame against 32.1 M (callgrind, 100,000 rows).
        self._pass = self._line_context()
        try:
            return super().render_lines(crop)
        finally:
            self._pass = None

    def _line_context(self) -> tuple[int, int, bool]:
        """(content width, first row shown, focused)."""
        focused = self.has_focus
        self._check_styles(focused)
        return (self.scrollable_content_region.width, round(self.scroll_y), focused)

    def render_line(self, y: int) -> Strip:
        width, top, focused = self._pass or self._line_context()
        position = y + top
        if position == 0 and not self.rows and width > 0:
            # No row: say why, rather than leave a blank pane (an Inbox all read).
            words = " Loading…" if not self.complete else f" {self.empty_text}"
            style = self._style(focused, False, False, "meta")
            return Strip(fit_segments([(words, style)], width, style), width)
        if position >= len(self.rows) or width <= 0:
            return Strip.blank(width, self._style(focused, False, False, "plain"))
        return self._row_strip(position, width, focused)

    def _row_strip(self, position: int, width: int, focused: bool) -> Strip:
        row = self.rows[position]
        key = (row, width, self.columns, position == self.cursor, focused)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._draw(row, width, *key[3:])
        return strip

    def _draw_ahead_later(self, *, down: bool) -> None:
        """Once the list rests, draw the rows the next keys are likely to show: a page on
        in the direction it moved, a page back, then the first and the last page, one
        page per pause (a key pressed meanwhile waits for one page at most, ~2 ms)."""
        top, height = int(self.scroll_offset.y), self.size.height
        step = height if down else -height
        self._ahead = [top + step, top - step, 0, len(self.rows) - height]
        if self._ahead_timer is None:
            self._ahead_timer = self.set_timer(DRAW_AHEAD_DELAY, self._draw_next_page)

    def _draw_next_page(self) -> None:
        self._ahead_timer = None
        if not self._ahead or not self.is_mounted:
            return
        start = max(0, self._ahead.pop(0))
        width, focused = self.scrollable_content_region.width, self.has_focus
        self._check_styles(focused)
        for position in range(start, min(start + self.size.height, len(self.rows))):
            self._row_strip(position, width, focused)
        if self._ahead:
            self._ahead_timer = self.set_timer(DRAW_AHEAD_DELAY, self._draw_next_page)

    def _draw(self, row: Any, width: int, is_cursor: bool, focused: bool) -> Strip:
        """One row, cut to ``width`` cells (CJK and other wide characters measured as the
        terminal draws them) with an ellipsis, or padded with spaces."""
        look = ROW_RENDERERS[type(row)](row, columns_for_width(self.columns, width))
        pieces = [
            (text, self._style(focused, is_cursor, look.marked, role))
            for text, role in placed_cells(look, width)
        ]
        line = self._style(focused, is_cursor, look.marked, "plain")
        return Strip(fit_segments(pieces, width, line), width)

    def _style(self, focused: bool, is_cursor: bool, marked: bool, role: str) -> Style:
        """The style of a role in a row, worked out once per theme and kind of row.

        The widget's own style (the row's "plain" role), then marked, then the role's
        component class, then the cursor's colours over all: muted source text on the
        cursor's background would be unreadable.
        """
        key = (focused, is_cursor, marked, role)
        style = self._styles.get(key)
        if style is None:
            if key == (focused, False, False, "plain"):
                style = self.rich_style
            else:
                style = self._style(focused, False, False, "plain")
                if marked:
                    style += component_style(self, "article-list--marked")
                if ROLE_CLASSES[role]:
                    style += component_style(self, ROLE_CLASSES[role])
                if is_cursor:
                    style += component_style(self, "article-list--cursor")
            self._styles[key] = style
        return style


def _let_go(*_objects: object) -> None:
    """Nothing: the objects passed are freed when this returns."""


def _thumb(bar: ScrollBar) -> list[tuple[str, bool | None]]:
    """A vertical scrollbar's lines, as Textual's renderer draws them (cut to the bar's
    height: a thumb at the end may draw a line more than the bar has).

    A line is told by its glyph and whether it is drawn reversed: that tells the back,
    the thumb and its two ends apart (the colours are the renderer's defaults in every
    drawing). Rich gives each Style with mouse meta (the bar's) an id of its own, so the
    segments of two drawings of the same bar never compare equal themselves.
    """
    height = bar.size.height
    virtual = bar.window_virtual_size
    window = bar.window_size if bar.window_size < virtual else 0
    drawn = ScrollBarRender.render_bar(
        size=height, virtual_size=virtual, window_size=window, position=bar.position
    )
    lines = drawn.segments[:height]
    return [(line.text, line.style.reverse if line.style else None) for line in lines]
