"""The reader screen: the article list, the article, its quotes and the search pane.

The app's default screen (:meth:`~tui.app.app.NewsdeskApp.get_default_screen`). It holds
what is being read (the view, the rows, the open article) and lays the panes out; each
pane handles its own moving keys (``BINDINGS`` in its widget), the keys here
(:data:`~tui.app.bindings.READER_BINDINGS`) act on the reader whichever pane has the
focus. Triage and notes are in :mod:`tui.app.screens.reader_triage` and
:mod:`tui.app.screens.reader_notes`; feeds and watched folders in
:mod:`tui.app.subscriptions`.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Container
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from tui.app import messages
from tui.app.bindings import READER_BINDINGS
from tui.app.library_calls import (
    library_is_empty,
    load_article,
    load_view_rows,
    next_view_page,
    open_view_pages,
    view_lists,
)
from tui.app.library_follow import FollowsLibrary
from tui.app.pane_widths import side_by_side
from tui.app.screens.reader_notes import NotesActions
from tui.app.screens.reader_stories import StoryRowsMixin
from tui.app.screens.reader_triage import TriageActions
from tui.app.subscriptions import SubscriptionsMixin
from tui.app.textsafe import visible
from tui.app.widgets.article_list import NO_ROWS, ArticleList
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.quotes_pane import QuotesPane
from tui.app.widgets.status_line import StatusInfo, StatusLine
from tui.app.worker_errors import ReportsWorkerErrors
from tui.config.model import ViewConfig
from tui.search.story_rows import StoryListRow, position_of

if TYPE_CHECKING:
    from tui.app.app import NewsdeskApp
    from tui.app.widgets.search_pane import SearchPane
    from tui.model import Annotation, Article

#: What the list and the article pane say in an empty library (a first run).
EMPTY_LIBRARY = "The library is empty: import files with  newsdesk PATH..."
EMPTY_LIBRARY_ARTICLE = "Nothing here yet: q, then  newsdesk PATH...  (or newsdesk --sample)"
#: Beside a view that lists nothing (Starred before a star): no list to pick from.
EMPTY_VIEW_ARTICLE = "No article in this view: another view (ctrl+p lists them), or / to search."
#: Below this width the panes stack (the focused one gets most of the height)...
NARROW_WIDTH = 120
#: ...and below the width at which the list, side by side, would need more than this
#: share of the screen to show all its columns (:meth:`ArticleList.width_for_all_columns`):
#: at 120x40 a list of two sixths (36 cells of rows) showed titles alone, where the
#: 80x24 list, stacked, shows outlet and date too. A wider screen never shows less.
LIST_SHARE_BESIDE = 0.5
#: Seconds the list cursor must rest on a row before its article is loaded.
FOLLOW_DELAY = 0.06
#: Seconds a view switch waits for its first page before the list says it is loading
#: (a fast view's rows come well within it: no flash of an empty list).
LOADING_DELAY = 0.15
#: What the status line says while another program holds the library, by what waits
#: (the app's ``library_waiting``), until it is free; short, to stay whole at 80
#: columns beside a confirmation and its undo hint (a notice says it at length).
BUSY_STATUS = {"change": "waiting to save", "opening": "library busy", "library": "library busy"}
PANE_TITLES = {"list": "Articles", "article": "Article", "quotes": "Quotes", "search": "Search"}


@dataclass(frozen=True)
class PaneLayout:
    """What the panes look like: which, in what order and proportion, stacked or not."""

    #: (pane, proportion) in screen order: the view's layout, plus search when open
    #: (side by side, cells where the list needed more than its share: pane_widths).
    panes: tuple[tuple[str, float], ...]
    narrow: bool = False
    #: The focused pane when stacked (it gets most of the height); None when side by side.
    focused: str | None = None
    #: The list pane's least width side by side (cells): room for all its columns.
    list_width: int = 0


#: Heights of the stacked panes (``fr``): the focused pane's, the others'...
FOCUSED_WEIGHT, OTHER_WEIGHT = 5, 2
#: ...and the list's and the article's while the list has the focus: the list is where
#: one picks what to read, and at 80x24 the article under it showed a line or two of
#: its text (the title and dateline take three); now half the room each, about 8 rows.
BROWSING_WEIGHT = 4


#: Rows the article pane keeps when stacked, however many panes share the height: its
#: border, the title, dateline and blank line, and three lines of the text. At 80x24
#: with search open (four panes) it showed the header alone.
ARTICLE_MIN_ROWS = 7


def stacked_weight(pane: str, layout: PaneLayout) -> int:
    """The height share of ``pane`` when the panes are stacked."""
    shown = {name for name, _ in layout.panes}
    if layout.focused == "list" and "article" in shown and pane in ("list", "article"):
        return BROWSING_WEIGHT
    return FOCUSED_WEIGHT if pane == layout.focused else OTHER_WEIGHT


def _freeze_rows() -> None:
    """Move the view's rows (and everything else alive now) out of the cycle collector's sight.

    A view of 100,000 articles is 100,000 row tuples that live until the view is reloaded;
    while the collector tracks them, each full collection walks them all (~100-200 ms),
    and one would fall, every few dozen keys, inside a key press's frame. Rows hold only
    strings and numbers, no cycles: reference counting frees them when the view is
    reloaded, frozen or not. The young generations are collected first (well under a
    millisecond), so that garbage cycles made since the last collection are freed rather
    than frozen with the rest.
    """
    gc.collect(1)
    gc.freeze()


def _excerpt(text: str, limit: int = 40) -> str:
    """The start of an annotated passage, on one line, cut with ``…``."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class ReaderScreen(
    TriageActions,
    NotesActions,
    StoryRowsMixin,
    SubscriptionsMixin,
    FollowsLibrary,
    ReportsWorkerErrors,
    Screen[None],
):
    """The main screen. View keys are added per config by :func:`reader_screen_class`."""

    BINDINGS: ClassVar[list[BindingType]] = list(READER_BINDINGS)

    #: The panes as shown; :meth:`watch_pane_layout` applies a change to the widgets.
    pane_layout: reactive[PaneLayout | None] = reactive(None, init=False)

    app: NewsdeskApp

    def __init__(self) -> None:
        super().__init__()
        self.view_index = 0
        self.current_id: str | None = None
        self.current_article: Article | None = None
        self.current_annotations: list[Annotation] = []
        self.pending_marked = False
        #: What the last key did, shown in the status line until the cursor moves on.
        self.status_message = ""
        #: Whether the next cursor move keeps it (a row it is about left the view).
        self.keep_message = False
        #: The row the list's cursor was last announced on (a second announcement of it
        #: is no move: see ``_on_list_highlighted``).
        self._announced: str | None = None
        self.rows_loaded = False
        self.search_open = False
        #: A view switch whose look (columns, quotes pane, layout) waits for its first page.
        self._look_due = False
        self._counts = (0, 0, 0, 0)
        self._follow_timer: Any = None
        #: The timer that shows the list loading after a view switch (see reload_rows).
        self._loading_timer: Any = None
        self.init_story_rows()

    @property
    def view(self) -> ViewConfig:
        return self.app.config.views[self.view_index]

    # -- panes -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        # The search pane is mounted on first use (/): a quicker first paint.
        with Container(id="panes"):
            yield ArticleList(self.view.columns, id="list", classes="pane")
            yield ArticleView(id="article", classes="pane")
            yield QuotesPane(id="quotes", classes="pane")
        yield StatusLine(id="status")

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def quotes_pane(self) -> QuotesPane:
        return self.query_one(QuotesPane)

    @property
    def search_pane(self) -> SearchPane | None:
        """The search pane once ``/`` has mounted it (None before)."""
        from tui.app.widgets.search_pane import SearchPane

        found = self.query(SearchPane)
        return found.first() if found else None

    def on_mount(self) -> None:
        for pane_id in ("list", "article", "quotes"):
            self.query_one(f"#{pane_id}").border_title = PANE_TITLES[pane_id]
        self.article_list.stands_for = position_of  # a story row, for its articles
        self.switch_view(0, load=False)
        self.focus_widget(self.article_list)

    def start(self) -> None:
        """The first frame is on screen: load the rows (in a worker), follow the feeds
        and other sessions' changes."""
        self.reload_rows()
        self.start_subscriptions()
        self.follow_library()

    def on_unmount(self) -> None:
        self.stop_subscriptions()

    def _pane_widgets(self) -> dict[str, Widget]:
        panes: dict[str, Widget] = {
            "list": self.article_list,
            "article": self.article_view,
            "quotes": self.quotes_pane,
        }
        search = self.search_pane
        if search is not None:  # once mounted, hidden when closed (never moved away)
            panes["search"] = search
        return panes

    def visible_panes(self) -> list[tuple[str, int]]:
        """(pane, proportion) in screen order: the view's layout, plus search when open."""
        layout = [(pane, max(1, int(n))) for pane, n in self.view.layout if pane in PANE_TITLES]
        names = [pane for pane, _ in layout]
        if self.search_open and "search" not in names:
            layout.insert(0, ("search", 2))
        if not self.search_open:
            layout = [(pane, n) for pane, n in layout if pane != "search"]
        return layout or [("list", 1)]

    def update_layout(self) -> None:
        """Work out the layout from the view, the search pane, the width and the focus."""
        width = self.app.size.width  # (the screen has no size until laid out)
        panes: tuple[tuple[str, float], ...] = tuple(self.visible_panes())
        list_width = self.article_list.width_for_all_columns() if len(panes) > 1 else 0
        narrow = width < NARROW_WIDTH or list_width > width * LIST_SHARE_BESIDE
        focused = self.focused_pane_name() if narrow else None
        if not narrow:  # the list's room for its columns, from the widest other panes
            panes = side_by_side(panes, width, list_width)
        self.pane_layout = PaneLayout(panes, narrow, focused, 0 if narrow else list_width)

    def watch_pane_layout(self, layout: PaneLayout | None) -> None:
        """Show the layout's panes in its order and proportions; stack them when narrow."""
        if layout is None:
            return
        panes = self._pane_widgets()
        container = self.query_one("#panes")
        container.set_class(layout.narrow, "-narrow")
        shown = {name for name, _ in layout.panes}
        for name, widget in panes.items():
            widget.display = name in shown
        for name, proportion in layout.panes:
            widget = panes[name]
            if layout.narrow:
                widget.styles.height = f"{stacked_weight(name, layout)}fr"
                widget.styles.width = "1fr"
                widget.styles.min_height = ARTICLE_MIN_ROWS if name == "article" else None
            else:
                widget.styles.width = f"{proportion}fr"
                widget.styles.height = "1fr"
                widget.styles.min_height = None
            # Side by side the list keeps room for all its columns (its share at least).
            widget.styles.min_width = (layout.list_width or None) if name == "list" else None
        # Keep the DOM order equal to the layout order (moving only when it differs).
        wanted = [panes[name] for name, _ in layout.panes]
        current = [child for child in container.children if child in wanted]
        if current != wanted:
            for order, widget in enumerate(wanted):
                if order == 0:
                    container.move_child(widget, before=0)
                else:
                    container.move_child(widget, after=wanted[order - 1])

    def on_resize(self) -> None:
        self.update_layout()

    def on_descendant_focus(self) -> None:
        self.update_layout()

    def focused_pane_name(self) -> str | None:
        """The pane holding the focus (the search pane when its input has it)."""
        panes = self._pane_widgets()
        node = self.focused
        while node is not None:
            for name, widget in panes.items():
                if node is widget:
                    return name
            node = node.parent
        return None

    def action_cycle_pane(self, step: int) -> None:
        names = [name for name, _ in self.visible_panes()]
        current = self.focused_pane_name()
        position = names.index(current) if current in names else -1
        self.focus_pane(names[(position + step) % len(names)])

    def focus_pane(self, name: str) -> None:
        """Focus a pane by name (the search pane's input for ``search``)."""
        widget = self._pane_widgets()[name]
        search = self.search_pane
        self.focus_widget(search.input if name == "search" and search else widget)

    def focus_widget(self, widget: Widget) -> None:
        """Focus at once (not on the next tick), so keys typed right after go to it."""
        self.set_focus(widget)

    # -- views -------------------------------------------------------------------------

    def action_view(self, number: int) -> None:
        self.switch_view(number)

    def switch_view(self, number: int, *, load: bool = True) -> None:
        if not 0 <= number < len(self.app.config.views):
            return
        self.view_index = number
        self.rows_loaded = False
        self.update_status()
        if load:
            # The panes take the view's look with its first page (in reload_rows): one
            # relayout and one frame, rather than one for the look, one for the panes
            # rewrapped to their new widths and one for the rows (at 100k, ~40 ms each).
            self._look_due = True
            self.article_list.rows_coming()
            self.reload_rows()
        else:
            self.show_view_look()

    def show_view_look(self) -> None:
        """Give the panes the current view's look: the list's columns, the quotes pane's
        mode (an article's quotes or the view's speaker index) and the layout."""
        self._look_due = False
        view = self.view
        self.article_list.set_columns(view.columns)
        pane = self.quotes_pane
        was_index, pane.speaker_index = pane.speaker_index, view.speaker_index
        pane.border_title = "Quotes by speaker" if view.speaker_index else "Quotes"
        if was_index and not view.speaker_index:
            pane.show_article(self.current_article)  # not the last view's index
        self.update_layout()

    async def load_view_rows(self, query: str | None = None) -> list[Any]:
        """The current view's rows, in its order (``query`` in place of the view's own).

        The one place the reader asks for a view's rows.
        """
        view = self.view
        return await self.app.gateway.call(
            load_view_rows, view.query if query is None else query, view.sort
        )

    @work(exclusive=True, group="rows", exit_on_error=False)
    async def reload_rows(self, keep: str | Sequence[str] | None = None) -> None:
        """Load the current view's rows a page at a time (:mod:`tui.search.views`).

        The first page is shown at once (at 100,000 articles, a few milliseconds instead
        of a second), the rest lands below it page by page while every key works; the
        status line says ``loading…`` until the last page is in. The cursor goes to
        ``keep`` (pages are read until it is found before any is shown; of several,
        the first the view lists), else to the open article if the first page holds
        it, else to the top. With no article open
        yet, the first row's is read before the next page, so that it is drawn in the
        same frame as the rows (not one page read later).
        """
        gateway = self.app.gateway
        self.rows_loaded = False
        if self._loading_timer is not None:  # a switch this load replaces
            self._loading_timer.stop()
        loading = None
        if self._look_due and LOADING_DELAY > 0:
            loading = self.set_timer(LOADING_DELAY, self._show_loading)
        elif self._look_due:  # no wait at all (the tests' slow views)
            self._show_loading()
        self._loading_timer = loading
        try:
            await self.note_library_version()
            pages = await self._open_pages()
            keeps = (keep,) if isinstance(keep, str) else tuple(keep or ())
            rows = await self._first_rows(pages, keeps)
            keep = next((row.id for row in rows if row.id in keeps), keeps[0] if keeps else None)
            self._end_loading(loading)
            if self._look_due:  # a view switch: the look with the rows, in the same frame
                self.show_view_look()
            self.load_stories()  # in the background; the view shows grouped when they are in
            shown = self.display_rows(rows)
            wanted = await self._wanted_in(pages, shown, keep or self.current_id)
            self.article_list.set_rows(shown, keep=wanted, complete=pages.done)
            self._count_so_far()
            if not rows:
                self.current_id = None
                self.show_article(None, [])
                await self._say_why_empty()
            self.call_after_refresh(self.app.first_screen_shown)
            index_due = self.quotes_pane.speaker_index
            while True:
                if index_due and self._speaker_index_ready(pages.done):
                    index_due = False
                    self.load_speaker_index()
                if pages.done:
                    break
                page = await gateway.call(next_view_page, pages)
                self.append_plain(page, complete=pages.done)
                self._count_so_far()
        except Exception:
            self._end_loading(loading)
            if self.article_list.waiting:  # no Loading… for a load that failed
                self.article_list.set_rows([])
            self.article_list.complete = True  # no more rows are coming (G: the last here)
            if self._look_due:
                self.show_view_look()
            self.rows_loaded = True  # said by the worker-error handler; not loading any more
            self.app.first_screen_shown()
            raise
        self.rows_loaded = True
        _freeze_rows()
        self.recount()

    async def _wanted_in(self, pages: Any, shown: list[Any], wanted: str | None) -> str | None:
        """``wanted``, unless the view does not list it: the cursor would wait at the
        top for it, the last view's article open beside rows that do not hold it, until
        the last page is read (seconds at 100,000 articles). A view of triage state
        (Inbox, Starred, All) is asked about the one article (SQL, ~0.1 ms); for others
        the wait stays (finding out would cost as much as reading the view)."""
        if wanted is None or pages.done or position_of(shown, wanted) is not None:
            return wanted
        listed = await self.app.gateway.call(view_lists, self.view.query, wanted)
        return None if listed is False else wanted

    async def _say_why_empty(self) -> None:
        """A view with no row: in an empty library (a first run), say how to fill it
        rather than "No articles in this view" and "Pick one in the list"."""
        empty = await self.app.gateway.call(library_is_empty)
        self.article_list.empty_text = EMPTY_LIBRARY if empty else NO_ROWS
        self.article_view.empty_text = EMPTY_LIBRARY_ARTICLE if empty else EMPTY_VIEW_ARTICLE
        self.article_list.refresh()
        self.article_view.refresh()

    def _show_loading(self) -> None:
        """A view switch still waits for its first page (a whole query at 100,000
        articles): the list says so, rather than show the last view's rows under the
        new view's name (and let a key act on them)."""
        self.article_list.show_loading()
        self._counts = (0, 0, 0, 0)  # not the last view's
        self.update_status()

    def _end_loading(self, timer: Any) -> None:
        """The first page is in (or the load failed): no ``Loading…`` to come, unless a
        later view switch has started its own (the rows shown replace it)."""
        if timer is not self._loading_timer:
            return
        if timer is not None:
            timer.stop()
        self._loading_timer = None

    async def _open_pages(self) -> Any:
        """The current view's pages (every article's, when its query cannot be read)."""
        from tui.search import QueryError

        view, gateway = self.view, self.app.gateway
        try:
            return await gateway.call(open_view_pages, view.query, view.sort)
        except QueryError as exc:
            self.notify(
                f"view {view.name!r}: query {view.query!r} cannot be read ({exc}); showing all",
                severity="error",
                markup=False,
            )
            return await gateway.call(open_view_pages, "", view.sort)

    async def _first_rows(self, pages: Any, keep: Sequence[str]) -> list[Any]:
        """The first page (more, until one of ``keep`` is among them); with no article
        open yet, the first row's article is read and shown too, to be drawn with the
        rows."""
        gateway = self.app.gateway
        rows = await gateway.call(next_view_page, pages)
        while keep and not pages.done and all(row.id not in keep for row in rows):
            rows += await gateway.call(next_view_page, pages)
        if rows and not keep and self.current_id is None:
            first = rows[0].id
            article, annotations = await gateway.call(load_article, first, reported=False)
            self.current_id = first
            self.show_article(article, annotations)
            self.call_after_refresh(self.add_reported, first)
        return rows

    @work(group="reported", exit_on_error=False)
    async def add_reported(self, article_id: str) -> None:
        """The first article's reported speech, once the first screen is drawn.

        The first article is shown without it (:func:`~tui.app.library_calls.load_article`
        says why); it joins the quotes a moment later, the article pane kept where it is
        (on the same quote, if one is chosen). Dropped if another article is open by then.
        """
        article, annotations = await self.app.gateway.call(load_article, article_id)
        shown = self.current_article
        if article is None or shown is None or shown.id != article_id:
            return
        if self.current_id == article_id and len(article.quotes) != len(shown.quotes):
            self.show_article(article, annotations, keep_place=True)

    def _speaker_index_ready(self, done: bool) -> bool:
        """Whether the rows there are give the speaker index all it takes (it is built
        once per load: it reads every article it lists)."""
        from tui.search.views import SPEAKER_INDEX_LIMIT, speaker_index_ids

        return done or len(speaker_index_ids(self.listed_rows())) >= SPEAKER_INDEX_LIMIT

    def _count_so_far(self) -> None:
        """While pages come in: the rows so far (the other counts come with the last)."""
        self._counts = (len(self.listed_rows()), 0, 0, 0)
        self.update_status()

    def recount(self) -> None:
        """Count the rows' unread, starred and marked for the status line (articles,
        not story rows)."""
        rows = self.listed_rows()
        unread = starred = marked = 0
        for row in rows:
            unread += not row.read
            starred += row.starred
            marked += row.marked
        self._counts = (len(rows), unread, starred, marked)
        self.update_status()

    def update_status(self) -> None:
        status_lines = list(self.query(StatusLine))  # none once the app is closing
        if not status_lines:
            return
        shown, unread, starred, marked = self._counts
        info = StatusInfo(
            view=self.view.name,
            shown=shown,
            unread=unread,
            starred=starred,
            marked=marked,
            position=(self.article_list.cursor + 1) if shown else 0,
            rows=len(self.article_list.rows) if self.grouping() else None,
            loading=not self.rows_loaded,
            pending_marked=self.pending_marked,
            message=self.status_message,
            news=self.news,
            busy=BUSY_STATUS.get(self.app.library_waiting or "", ""),
            story_key=self.story_key_hint(),
        )
        for status_line in status_lines:
            status_line.show(info)

    def undo_key(self) -> str:
        """The undo key as the keymap has it (``u``; "" when unbound)."""
        from tui.app.bindings import READER_BINDINGS

        binding = next(b for b in READER_BINDINGS if b.id == "undo")
        key = self.app.keymap.get("undo", binding.key).split(",")[0].strip()
        return str(self.app.get_key_display(binding.with_key(key))) if key else ""

    def undoes(self) -> str:
        """``(u undoes)``, the undo key as the keymap has it: the end of every
        confirmation of a change (kept whole by the status line at any width)."""
        key = self.undo_key()
        return f"({key} undoes)" if key else ""

    def say(self, message: str) -> None:
        """Confirm what a key did, in the status line (until the cursor moves on)."""
        self.status_message = message.rstrip()  # no undo hint with undo unbound
        self.update_status()

    # -- the current article -------------------------------------------------------------

    @on(messages.ArticleHighlighted)
    def _on_list_highlighted(self, event: messages.ArticleHighlighted) -> None:
        """Follow the list's cursor, once it rests: holding j scrolls without loading each.

        The status line's position follows in the frame after the list's: drawn in the
        same frame, it would make Textual compose every pane between the list's rows and
        the status line (the whole screen) for each key instead of the list's rows alone.
        """
        moved_on = event.row is not None and not self._stands_for_current(event.row)
        # The same row announced again (the list read again, then grouped again) is no
        # move: a message kept for it stays until the cursor leaves it.
        again = event.row is not None and event.row.id == self._announced
        if moved_on and not self.keep_message and not again:
            self.status_message = ""  # it was about the article the cursor left
        self.keep_message = False
        self._announced = event.row.id if event.row is not None else None
        self.call_after_refresh(self.update_status)
        if self._follow_timer is not None:
            self._follow_timer.stop()
            self._follow_timer = None
        if event.row is not None and moved_on:
            article_id = event.row.id
            if self.current_article is None or FOLLOW_DELAY <= 0:  # nothing to keep: now
                self.open_article(article_id)
            else:
                self._follow_timer = self.set_timer(FOLLOW_DELAY, self._follow_cursor)

    def _stands_for_current(self, row: Any) -> bool:
        """Whether ``row`` is the open article's, or the story row standing for it (the
        cursor put there after a view switch keeps the article open)."""
        if row.id == self.current_id:
            return True
        return isinstance(row, StoryListRow) and self.current_id in row.shown

    def _follow_cursor(self) -> None:
        """Load the article the list cursor has rested on."""
        self._follow_timer = None
        row = self.article_list.current
        if row is not None and not self._stands_for_current(row):
            self.open_article(row.id)

    @on(messages.ArticleSelected)
    def _on_list_selected(self, event: messages.ArticleSelected) -> None:
        if isinstance(event.row, StoryListRow):  # Enter on a story row opens or folds it
            if event.row.expanded:
                self.action_story_collapse()
            else:
                self.action_story_expand()
            return
        if event.row.id != self.current_id:
            self.open_article(event.row.id)
        self.opened(event.row.id)
        if "article" in {name for name, _ in self.visible_panes()}:
            self.focus_widget(self.article_view)

    @work(exclusive=True, group="article", exit_on_error=False)
    async def open_article(
        self,
        article_id: str,
        *,
        at_quote: int | None = None,
        at_offset: int | None = None,
        matches: Sequence[Any] = (),
        keep_place: bool = False,
    ) -> None:
        """Load and show an article, optionally at a quote or a source offset."""
        self.current_id = article_id
        article, annotations = await self.app.gateway.call(load_article, article_id)
        if self.current_id != article_id:
            return
        if at_offset is not None and at_quote is None and article is not None:
            # A match inside a quote puts the cursor on that quote (y copies it, h marks it).
            for number, quote in enumerate(article.quotes):
                if quote.span.start <= at_offset < quote.span.end:
                    at_quote, at_offset = number, None
                    break
        self.show_article(
            article,
            annotations,
            at_quote=at_quote,
            at_offset=at_offset,
            matches=matches,
            keep_place=keep_place,
        )

    def show_article(self, article: Any, annotations: Sequence[Any], **where: Any) -> None:
        self.current_article = article
        self.current_annotations = list(annotations)
        highlights = [
            a.span for a in annotations if a.kind == "highlight" and a.span and not a.orphaned
        ]
        notes = [a.note or "" for a in annotations if a.kind == "note" and (a.note or "").strip()]
        notes += [
            f"on “{_excerpt(a.anchor_text)}”: {a.note}"
            for a in annotations
            if a.kind == "highlight" and (a.note or "").strip()
        ]
        orphans = [a.anchor_text for a in annotations if a.kind == "highlight" and a.orphaned]
        tags = sorted(a.label for a in annotations if a.kind == "tag" and a.label)
        self.article_view.show(
            article, highlights=highlights, notes=notes, orphans=orphans, tags=tags, **where
        )
        heading = f"Article · {visible(article.title)}" if article is not None else "Article"
        self.article_view.border_title = Text(heading[:200], no_wrap=True)
        self.quotes_pane.show_article(article)
        if where.get("at_quote") is not None:
            self.quotes_pane.select_quote(where["at_quote"])

    def go_to_article(self, article_id: str, **where: Any) -> None:
        """Put the list's cursor on ``article_id`` (if listed, or on the story row standing
        for it: a search hit in a story stayed beside the last row), open it, focus the
        article."""
        position = self.article_list.place_of(article_id)
        self.current_id = article_id  # the cursor's move announces it: not to open another
        if position is not None:
            self.article_list.cursor = position
        self.open_article(article_id, **where)
        self.opened(article_id)
        self.focus_widget(self.article_view)

    @on(messages.ArticleTargetChanged)
    def _on_target_changed(self, event: messages.ArticleTargetChanged) -> None:
        if event.quote is not None:
            self.quotes_pane.select_quote(event.quote)

    @on(messages.QuoteChosen)
    def _on_quote_chosen(self, event: messages.QuoteChosen) -> None:
        ref = event.ref
        if ref.article_id == self.current_id and self.current_article is not None:
            self.article_view.go_to_quote(ref.index)
            self.focus_widget(self.article_view)
        else:
            self.go_to_article(ref.article_id, at_quote=ref.index)

    def action_quote(self, step: int) -> None:
        self.article_view.move_quote(step)

    def action_sentence(self, step: int) -> None:
        self.article_view.move_sentence(step)

    def action_toggle_related(self) -> None:
        self.article_view.toggle_related()

    # -- search --------------------------------------------------------------------------

    async def action_search(self) -> None:
        search = self.search_pane
        if search is None:
            from tui.app.widgets.search_pane import SearchPane

            search = SearchPane(id="search", classes="pane")
            search.border_title = PANE_TITLES["search"]
            await self.query_one("#panes").mount(search, before=0)
        self.search_open = True
        self.update_layout()
        self.focus_widget(search.input)

    @on(messages.SearchClosed)
    def _on_search_closed(self) -> None:
        self.search_open = False
        self.update_layout()
        self.focus_widget(self.article_list)

    @on(messages.SearchHitChosen)
    def _on_search_hit_chosen(self, event: messages.SearchHitChosen) -> None:
        """Open the hit's article at the match."""
        hit = event.hit
        at_offset = None
        if hit.target != "title":
            if hit.highlights:
                at_offset = hit.highlights[0].start
            elif hit.context_span is not None:
                at_offset = hit.context_span.start
        self.go_to_article(hit.article_id, at_offset=at_offset, matches=hit.highlights)

    def action_match(self, step: int) -> None:
        search = self.search_pane
        if search is None or not search.step(step):
            self.notify("No search results: press / to search", markup=False)
