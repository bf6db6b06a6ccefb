"""The Newsdesk reader: list, article, quotes and search panes over the library.

The app is a thin shell: every read and write goes to the store through
:class:`~tui.app.library_gateway.LibraryGateway` (one thread owning the SQLite
connection), searches go to :func:`tui.search.run_query`, and the settings (views,
keymap, theme) come in as a :class:`tui.config.model.Config`. Slow work runs in workers;
the widgets only draw.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container
from textual.widget import Widget
from textual.widgets import OptionList

from tui.app.attribution import full_title, quote_with_attribution
from tui.app.binding_catalog import view_binding_id
from tui.app.bindings import APP_BINDINGS
from tui.app.library_gateway import LibraryGateway
from tui.app.subscriptions import SubscriptionsMixin
from tui.app.textsafe import visible
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.article_view import ArticleView
from tui.app.widgets.quotes_pane import QuotesPane, refs_of
from tui.app.widgets.status_line import StatusInfo, StatusLine
from tui.config.model import Config, ViewConfig, default_config
from tui.terminal_safe import terminal_safe

#: Below this width the panes stack (the focused one gets most of the height).
NARROW_WIDTH = 120
#: Seconds the list cursor must rest on a row before its article is loaded.
FOLLOW_DELAY = 0.06
#: At most this many articles feed the speaker index (it reads their bodies).
SPEAKER_INDEX_LIMIT = 2000
PANE_TITLES = {"list": "Articles", "article": "Article", "quotes": "Quotes", "search": "Search"}

#: Role colours used when the theme does not set them (themes override; see tui.config.themes).
ROLE_DEFAULTS = {
    "quote": "#e5c07b",
    "quote-background": "transparent",
    "quote-style": "italic",
    "speaker": "#7fb4ca",
    "speaker-background": "transparent",
    "speaker-style": "bold",
    "highlight": "#16191d",
    "highlight-background": "#d9b26f",
    "highlight-style": "none",
    "match": "#16191d",
    "match-background": "#8fbf7f",
    "match-style": "bold",
    "unread": "#ffffff",
    "unread-background": "transparent",
    "unread-style": "bold",
    "caption": "#8b929a",
    "caption-background": "transparent",
    "caption-style": "italic",
}


def _startup_themes(name: str) -> dict[str, Any]:
    """The configured theme alone, when its file is named after it (the rest load later);
    else every theme. An unchanged file comes from the theme cache: no YAML before the
    first frame."""
    from tui.config.theme_cache import load_theme_file_cached
    from tui.config.themes import load_themes, theme_dirs

    found = None
    for directory in theme_dirs():  # later folders (the user's) override earlier ones
        for suffix in (".yaml", ".yml"):
            path = directory / f"{name}{suffix}"
            if path.is_file():
                found = path
    if found is not None:
        spec, errors = load_theme_file_cached(found)
        if spec is not None and not errors and spec.name == name:
            return {name: spec}
    return load_themes()


def _freeze_import_time_objects() -> None:
    """Move every object alive now out of the cycle collector's sight, once per process.

    The imports leave a few hundred thousand long-lived objects (modules, classes,
    functions). Starting the reader allocates enough to trigger a full collection before
    the first frame, and a full collection walks all of them: about a twentieth of the
    first paint, to find no garbage. Frozen (``gc.freeze``), they are skipped by every
    later collection; the collector still runs as usual over everything made after.
    """
    global _gc_frozen
    if not _gc_frozen:
        _gc_frozen = True
        gc.freeze()


_gc_frozen = False


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


def _newsdesk_commands() -> Any:
    """The palette's provider, imported when the palette first opens (a quicker start)."""
    from tui.app.commands import NewsdeskCommands

    return NewsdeskCommands


def load_view_rows(library: Any, query: str, sort: str) -> list[Any]:
    """The list rows of a view, in its order (runs in the library thread)."""
    field = sort.lstrip("-")
    descending = sort.startswith("-")
    rows = library.list_rows(order="date" if field == "date" else "imported")
    if field == "date" and not descending:
        rows.reverse()
    if query.strip():
        from tui.search import run_query

        hits = run_query(library, query, limit=max(len(rows), 1))
        if field == "relevance":
            by_id = {row.id: row for row in rows}
            rows = [by_id[hit.article_id] for hit in hits if hit.article_id in by_id]
            if not descending:
                rows.reverse()
        else:
            wanted = {hit.article_id for hit in hits}
            rows = [row for row in rows if row.id in wanted]
    if field in ("title", "source"):
        rows.sort(key=lambda row: (getattr(row, field) or "").casefold(), reverse=descending)
    return rows


def load_article(library: Any, article_id: str) -> tuple[Any, list[Any]]:
    """The article and its annotations (runs in the library thread)."""
    return library.get_article(article_id), library.annotations(article_id)


def load_rows(library: Any, ids: Sequence[str]) -> list[Any]:
    return [row for row in (library.list_row(i) for i in ids) if row is not None]


class NewsdeskApp(SubscriptionsMixin, App[None]):
    """The reader. ``config`` shapes it; ``library_path`` None means the default library."""

    CSS_PATH = Path(__file__).with_name("newsdesk.tcss")
    TITLE = "Newsdesk"
    COMMANDS: ClassVar = App.COMMANDS | {_newsdesk_commands}
    BINDINGS: ClassVar[list[BindingType]] = list(APP_BINDINGS)

    def notify(self, message: str, **options: Any) -> None:
        """Every toast (whoever raises it) shows its text made visible: messages carry
        file names, tags, notes and config values, as untrusted as article text."""
        super().notify(terminal_safe(message, keep_newlines=True), **options)

    def __init__(
        self,
        config: Config | None = None,
        *,
        library_path: Path | str | None = None,
        notices: Iterable[str] = (),
        themes: dict[str, Any] | None = None,
    ) -> None:
        """``themes``: specs by name (None: the shipped and the user's themes)."""
        self._role_defaults: dict[str, dict[str, str]] = {}
        # Until the configured theme is chosen (end of __init__), Textual's default theme
        # gets the fixed role defaults: deriving roles for a theme about to be replaced
        # costs a colour-system generation or four.
        self._roles_pending = True
        _freeze_import_time_objects()
        super().__init__()
        self.config = config or default_config()
        self.gateway = LibraryGateway(library_path)
        self.notices = list(notices)
        self._all_themes_loaded = themes is not None
        self.theme_specs = themes if themes is not None else _startup_themes(self.theme_wanted)
        self.view_index = 0
        self.current_id: str | None = None
        self.current_article: Any = None
        self.current_annotations: list[Any] = []
        self.pending_marked = False
        #: What the last key did, shown in the status line until the cursor moves on.
        self.status_message = ""
        self.rows_loaded = False
        self._counts = (0, 0, 0, 0)
        self._follow_timer: Any = None
        self._follow_pending: str | None = None
        self._add_view_bindings()
        self._register_themes()
        self._roles_pending = False
        self._preselect_theme()

    # -- configuration hooks (issue 7 applies settings through these) ----------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        from tui.app.theming import role_variable_defaults

        if self._roles_pending:
            return {**super().get_theme_variable_defaults(), **ROLE_DEFAULTS}
        theme = self.current_theme
        cached = self._role_defaults.get(theme.name)
        if cached is None:
            if all(name in theme.variables for name in ROLE_DEFAULTS):
                cached = ROLE_DEFAULTS  # the theme sets every role; its variables win anyway
            else:
                cached = {**ROLE_DEFAULTS, **role_variable_defaults(self)}
            self._role_defaults[theme.name] = cached
        return {**super().get_theme_variable_defaults(), **cached}

    def _add_view_bindings(self) -> None:
        for number, view in enumerate(self.config.views):
            if view.key:
                self._bindings._add_binding(
                    Binding(
                        view.key,
                        f"view({number})",
                        f"View: {view.name}",
                        show=False,
                        id=view_binding_id(view),
                    )
                )

    def apply_config(self, config: Config) -> None:
        """Use ``config`` from now on: views, their keys, the keymap and the theme."""
        self.config = config
        for key in list(self._bindings.key_to_bindings):
            self._bindings.key_to_bindings[key] = [
                b for b in self._bindings.key_to_bindings[key] if not b.action.startswith("view(")
            ]
        self._add_view_bindings()
        self.set_keymap(dict(config.keymap))
        self._apply_theme()
        self.view_index = min(self.view_index, len(config.views) - 1)
        # App.is_mounted is a method: always true here (apply_config is dead; screen removes it).
        if self.is_mounted:  # type: ignore[truthy-function]
            self.switch_view(self.view_index)

    def _register_themes(self) -> None:
        """Shipped and user themes as Textual themes, every theme with the reader's roles.

        In ``__init__``: the stylesheet (which uses ``$quote`` & co.) is parsed before mount.
        """
        from textual.color import ColorParseError

        from tui.app.theming import register_themes, theme_from_spec
        from tui.config.suggest import shown

        if self._all_themes_loaded:
            refused = register_themes(self, self.theme_specs)
            for name in refused:
                self.notices.append(f"theme {shown(name)} has a colour Textual cannot use; skipped")
            return
        # Only the configured theme before the first frame; the rest after it (on_ready).
        for spec in self.theme_specs.values():
            with contextlib.suppress(ColorParseError):
                self.register_theme(theme_from_spec(spec))

    def _preselect_theme(self) -> None:
        """Start on the configured theme, before the stylesheet is first parsed.

        Setting ``App.theme`` once the app runs (as :meth:`_apply_theme` does) makes Textual
        re-parse every stylesheet and restyle every widget: about a sixth of the first
        paint. Chosen here, the CSS is parsed once, with the right colours; the
        ``theme`` assignment in ``on_mount`` then changes nothing. What Textual's theme
        watcher would do, minus the re-parse: the classes, the ANSI colour mapping and
        the stylesheet's variables.
        """
        name = self.theme_wanted
        # An unknown name keeps Textual's default (on_mount's _apply_theme says so).
        if name and name != self.theme and name in self.available_themes:
            self.set_reactive(App.theme, name)
            dark = self.current_theme.dark
            classes = {c: False for c in self.classes if c.startswith("-theme-")}
            self.update_classes(
                {**classes, f"-theme-{name}": True, "-dark-mode": dark, "-light-mode": not dark},
                update=False,
            )
            self._refresh_truecolor_filter(self.ansi_theme)
        self.stylesheet.set_variables(self.get_css_variables())

    def _apply_theme(self) -> None:
        from tui.app.theming import follow_no_color

        if self.theme_wanted in self.available_themes:
            self.theme = self.theme_wanted
        elif self.config.theme in self.available_themes:
            self.theme = self.config.theme
        elif self.config.theme:
            self.notify(
                f"theme {self.config.theme!r} is not available; using {self.theme!r}",
                severity="warning",
                markup=False,
            )
        follow_no_color(self)

    @property
    def theme_wanted(self) -> str:
        """The configured theme; with NO_COLOR set, the monochrome ``newsdesk-ansi``
        (every role has a text style there, so nothing relies on a colour)."""
        return "newsdesk-ansi" if self.no_color else self.config.theme

    @property
    def view(self) -> ViewConfig:
        return self.config.views[self.view_index]

    # -- layout ----------------------------------------------------------------------

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
    def search_pane(self) -> Any:
        """The search pane (a SearchPane), mounted on first use: a quicker first paint."""
        found = self.query("#search")
        if found:
            return found.first()
        from tui.app.widgets.search_pane import SearchPane

        pane = SearchPane(id="search", classes="pane")
        pane.border_title = PANE_TITLES["search"]
        self._search_mounting = self.query_one("#panes").mount(pane, before=0)
        return pane

    def on_mount(self) -> None:
        self.set_keymap(dict(self.config.keymap))
        self._apply_theme()
        for notice in self.notices:
            self.notify(notice, severity="error", timeout=12, markup=False)
        for pane_id in ("list", "article", "quotes"):
            self.query_one(f"#{pane_id}").border_title = PANE_TITLES[pane_id]
        self.switch_view(0, load=False)
        self._focus(self.article_list)

    def on_ready(self) -> None:
        """The first frame is on screen: now load the rows (in a worker, off the event loop)."""
        self.reload_rows()
        self.show_library_notice()
        self.start_subscriptions()
        if not self._all_themes_loaded:
            self.load_other_themes()

    @work(thread=True, group="themes")
    def load_other_themes(self) -> None:
        """Every shipped and user theme, for the palette's theme switcher (after first paint);
        a broken theme file is named in a notice, as when the config loader reads them."""
        from tui.config.themes import load_themes_with_errors

        specs, errors = load_themes_with_errors()
        self.call_from_thread(self._add_themes, specs, errors)

    def _add_themes(self, specs: dict[str, Any], errors: Sequence[Any] = ()) -> None:
        from tui.app.theming import register_themes
        from tui.config.suggest import shown

        self.theme_specs = {**specs, **self.theme_specs}
        self._all_themes_loaded = True
        refused = register_themes(self, self.theme_specs)
        notices = [f"theme skipped: {error}" for error in errors]
        notices += [
            f"theme {shown(name)} has a colour Textual cannot use; skipped" for name in refused
        ]
        for notice in notices:
            self.notify(notice, severity="error", timeout=12, markup=False)

    @work(group="notice")
    async def show_library_notice(self) -> None:
        """Say so when the library is read-only (browsing works, changes cannot be saved)."""
        from tui.errors import NewsdeskError

        try:
            notice = await self.gateway.call(lambda library: library.notice)
        except NewsdeskError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=15)
            return
        if notice:
            self.notify(notice, severity="warning", markup=False, timeout=10)

    def on_unmount(self) -> None:
        self.stop_subscriptions()
        self.gateway.close()

    def _pane_widgets(self) -> dict[str, Widget]:
        panes: dict[str, Widget] = {
            "list": self.article_list,
            "article": self.article_view,
            "quotes": self.quotes_pane,
        }
        # Once mounted, the search pane stays in the map even when closed, so that
        # apply_layout hides it (and never moves it) rather than leaving it on screen.
        if (
            self.search_open
            or self.query("#search")
            or any(p == "search" for p, _ in self.view.layout)
        ):
            panes["search"] = self.search_pane
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

    @property
    def search_open(self) -> bool:
        return bool(getattr(self, "_search_open", False))

    def apply_layout(self) -> None:
        """Show the view's panes in its order and proportions; stack them when narrow."""
        panes = self._pane_widgets()
        container = self.query_one("#panes")
        narrow = self.size.width < NARROW_WIDTH
        container.set_class(narrow, "-narrow")
        layout = self.visible_panes()
        focused_name = self.focused_pane_name()
        shown = {name for name, _ in layout}
        for name, widget in panes.items():
            widget.display = name in shown
        for name, proportion in layout:
            widget = panes[name]
            if narrow:
                weight = 5 if name == focused_name else 2
                widget.styles.height = f"{weight}fr"
                widget.styles.width = "1fr"
            else:
                widget.styles.width = f"{proportion}fr"
                widget.styles.height = "1fr"
        # Keep the DOM order equal to the layout order (moving only when it differs).
        wanted = [panes[name] for name, _ in layout]
        current = [child for child in container.children if child in wanted]
        if current != wanted:
            for order, widget in enumerate(wanted):
                if order == 0:
                    container.move_child(widget, before=0)
                else:
                    container.move_child(widget, after=wanted[order - 1])

    def on_resize(self) -> None:
        self.apply_layout()

    def focused_pane_name(self) -> str | None:
        node = self.focused
        while node is not None:
            for name, widget in self._pane_widgets().items():
                if node is widget:
                    return name
            node = node.parent  # type: ignore[assignment]
        return None

    def on_descendant_focus(self) -> None:
        if self.size.width < NARROW_WIDTH:
            self.apply_layout()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Pane keys act on the main screen only; in a dialog, Tab moves within it."""
        return not (action == "cycle_pane" and len(self.screen_stack) > 1)

    def action_cycle_pane(self, step: int) -> None:
        names = [name for name, _ in self.visible_panes()]
        current = self.focused_pane_name()
        position = names.index(current) if current in names else -1
        target = names[(position + step) % len(names)]
        self._focus_pane(target)

    def _focus_pane(self, name: str) -> None:
        """Focus at once (not on the next tick), so two quick Tabs move two panes."""
        widget = self._pane_widgets()[name]
        target = self.search_pane.input if name == "search" else widget
        self._focus(target)

    def _focus(self, widget: Widget) -> None:
        """Focus a widget of the main screen now, so keys typed right after go to it."""
        self.screen_stack[0].set_focus(widget)

    # -- views -----------------------------------------------------------------------

    def action_view(self, number: int) -> None:
        self.switch_view(number)

    def switch_view(self, number: int, *, load: bool = True) -> None:
        if not 0 <= number < len(self.config.views):
            return
        self.view_index = number
        view = self.view
        self.article_list.set_columns(view.columns)
        pane = self.quotes_pane
        was_index, pane.speaker_index = pane.speaker_index, view.speaker_index
        pane.border_title = "Quotes by speaker" if view.speaker_index else "Quotes"
        if was_index and not view.speaker_index:
            pane.show_article(self.current_article)  # not the last view's index
        self.apply_layout()
        self.rows_loaded = False
        self.update_status()
        if load:
            self.reload_rows()

    @work(exclusive=True, group="rows")
    async def reload_rows(self, keep: str | None = None) -> None:
        """Load the current view's rows (keeping the cursor on ``keep`` when given)."""
        view = self.view
        from tui.errors import NewsdeskError
        from tui.search import QueryError

        try:
            rows = await self.gateway.call(load_view_rows, view.query, view.sort)
        except NewsdeskError as exc:
            self.notify(str(exc), severity="error", markup=False, timeout=20)
            self.rows_loaded = True
            return
        except QueryError as exc:
            self.notify(
                f"view {view.name!r}: query {view.query!r} cannot be read ({exc}); showing all",
                severity="error",
                markup=False,
            )
            rows = await self.gateway.call(load_view_rows, "", view.sort)
        self.article_list.set_rows(rows, keep=keep or self.current_id)
        _freeze_rows()
        self.rows_loaded = True
        self._recount()
        if self.quotes_pane.speaker_index:
            self.load_speaker_index()
        if not rows:
            self.current_id = None
            self.show_article(None, [])

    def _recount(self) -> None:
        rows = self.article_list.rows
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
            loading=not self.rows_loaded,
            pending_marked=self.pending_marked,
            message="   ".join(m for m in (self.status_message, self.news) if m),
        )
        for status_line in status_lines:
            status_line.show(info)

    # -- the current article -----------------------------------------------------------

    @on(ArticleList.Highlighted)
    def _on_list_highlighted(self, event: ArticleList.Highlighted) -> None:
        """Follow the list's cursor, once it rests: holding j scrolls without loading each.

        The status line's position follows in the frame after the list's: drawn in the
        same frame, it would make Textual compose every pane between the list's rows and
        the status line (the whole screen) for each key instead of the list's rows alone.
        """
        if event.row is not None and event.row.id != self.current_id:
            self.status_message = ""  # it was about the article the cursor left
        self.call_after_refresh(self.update_status)
        if self._follow_timer is not None:
            self._follow_timer.stop()
            self._follow_timer = None
        if event.row is not None and event.row.id != self.current_id:
            article_id = event.row.id
            if self.current_article is None:
                self.open_article(article_id)
            else:
                self._follow_pending = article_id
                self._follow_timer = self.set_timer(FOLLOW_DELAY, self.follow_now)

    def follow_now(self) -> None:
        """Load the article the list cursor rests on now (tests call this to skip the wait)."""
        if self._follow_timer is not None:
            self._follow_timer.stop()
            self._follow_timer = None
        article_id, self._follow_pending = self._follow_pending, None
        if article_id is not None and article_id != self.current_id:
            self.open_article(article_id)

    @on(ArticleList.Selected)
    def _on_list_selected(self, event: ArticleList.Selected) -> None:
        if event.row.id != self.current_id:
            self.open_article(event.row.id)
        self.opened(event.row.id)
        if "article" in {name for name, _ in self.visible_panes()}:
            self._focus(self.article_view)

    @work(exclusive=True, group="article")
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
        from tui.errors import NewsdeskError

        self.current_id = article_id
        try:
            article, annotations = await self.gateway.call(load_article, article_id)
        except NewsdeskError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
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
        title = visible(article.title) if article is not None else ""
        self.article_view.border_title = Text(f"Article · {title}"[:200], no_wrap=True)
        self.quotes_pane.show_article(article)
        if where.get("at_quote") is not None:
            self.quotes_pane.select_quote(where["at_quote"])

    @on(ArticleView.TargetChanged)
    def _on_target_changed(self, event: ArticleView.TargetChanged) -> None:
        if event.article_view.quote is not None:
            self.quotes_pane.select_quote(event.article_view.quote)

    @on(QuotesPane.QuoteChosen)
    def _on_quote_chosen(self, event: QuotesPane.QuoteChosen) -> None:
        ref = event.ref
        if ref.article_id == self.current_id and self.current_article is not None:
            self.article_view.go_to_quote(ref.index)
        else:
            position = self.article_list.index_of(ref.article_id)
            if position is not None:
                self.article_list.cursor = position
            self.open_article(ref.article_id, at_quote=ref.index)
            self.opened(ref.article_id)
        self._focus(self.article_view)

    # -- search ----------------------------------------------------------------------

    async def action_search(self) -> None:
        self._search_open = True
        if not self.query("#search"):
            _ = self.search_pane
            await self._search_mounting
        self.apply_layout()
        self._focus(self.search_pane.input)

    def on_search_pane_closed(self) -> None:
        """Escape in the search pane (SearchPane.Closed)."""
        self._search_open = False
        self.apply_layout()
        self._focus(self.article_list)

    def on_search_pane_hit_chosen(self, event: Any) -> None:
        """Enter on a hit (SearchPane.HitChosen): open its article at the match."""
        hit = event.hit
        position = self.article_list.index_of(hit.article_id)
        if position is not None:
            self.article_list.cursor = position
        at_offset = None
        if hit.target != "title":
            if hit.highlights:
                at_offset = hit.highlights[0].start
            elif hit.context_span is not None:
                at_offset = hit.context_span.start
        self.open_article(hit.article_id, at_offset=at_offset, matches=hit.highlights)
        self.opened(hit.article_id)
        self._focus(self.article_view)

    def action_match(self, step: int) -> None:
        if not self.query("#search") or not self.search_pane.step(step):
            self.notify("No search results: press / to search", markup=False)

    # -- moving (the focused pane decides what a move means) -----------------------------

    def _focused_kind(self) -> str | None:
        focused = self.focused
        if isinstance(focused, (ArticleList, ArticleView, QuotesPane)):
            return {ArticleList: "list", ArticleView: "article", QuotesPane: "quotes"}[
                type(focused)
            ]
        if isinstance(focused, OptionList):
            return "hits"
        return None

    def _move(self, how: str, step: int = 1) -> None:
        kind = self._focused_kind()
        focused = self.focused
        if kind == "list":
            lst = self.article_list
            {
                "line": lambda: lst.move(step),
                "page": lambda: lst.page(step),
                "top": lst.go_top,
                "bottom": lst.go_bottom,
            }[how]()
        elif kind == "article":
            view = self.article_view
            {
                "line": lambda: view.move_paragraph(step),
                "page": lambda: view.page(step),
                "top": view.go_top,
                "bottom": view.go_bottom,
            }[how]()
        elif isinstance(focused, OptionList):
            actions = {
                ("line", 1): focused.action_cursor_down,
                ("line", -1): focused.action_cursor_up,
                ("page", 1): focused.action_page_down,
                ("page", -1): focused.action_page_up,
                ("top", 1): focused.action_first,
                ("bottom", 1): focused.action_last,
            }
            actions[(how, step if how in ("line", "page") else 1)]()

    def action_cursor_down(self) -> None:
        self._move("line", 1)

    def action_cursor_up(self) -> None:
        self._move("line", -1)

    def action_page_down(self) -> None:
        self._move("page", 1)

    def action_page_up(self) -> None:
        self._move("page", -1)

    def action_go_top(self) -> None:
        self._move("top")

    def action_go_bottom(self) -> None:
        self._move("bottom")

    def action_open(self) -> None:
        kind = self._focused_kind()
        if kind == "list":
            self.article_list.select()
        elif kind == "quotes":
            self.quotes_pane.choose()
        elif kind == "hits":
            self.search_pane.choose(self.search_pane.hit_list.highlighted or 0)

    def action_quote(self, step: int) -> None:
        self.article_view.move_quote(step)

    def action_sentence(self, step: int) -> None:
        self.article_view.move_sentence(step)

    def action_toggle_related(self) -> None:
        self.article_view.toggle_related()

    # -- triage (every change goes through the store; each is one undo step) -------------

    def say(self, message: str) -> None:
        """Confirm what a key did, in the status line (until the cursor moves on)."""
        self.status_message = message
        self.update_status()

    def opened(self, article_id: str) -> None:
        """An article was opened on purpose (Enter, a hit, a quote): mark it read, as
        newsboat does, unless the config says ``mark_read_on_open: false``. The list
        following its cursor only previews, and marks nothing."""
        if not self.config.mark_read_on_open:
            return
        position = self.article_list.index_of(article_id)
        row = self.article_list.rows[position] if position is not None else None
        if row is None or not row.read:
            self.change(_set_flag, [article_id], "read", True)

    def _target_ids(self) -> list[str]:
        """The marked articles after ``;``, else the current one."""
        if self.pending_marked:
            self.pending_marked = False
            ids = [row.id for row in self.article_list.rows if row.marked]
            self.update_status()
            if not ids:
                self.notify("No marked articles (m marks one, M marks all shown)", markup=False)
            return ids
        row = self.article_list.current
        return [row.id] if row is not None else []

    def _rows_for(self, ids: Sequence[str]) -> list[Any]:
        wanted = set(ids)
        return [row for row in self.article_list.rows if row.id in wanted]

    @work(group="writes")
    async def change(self, function: Any, ids: Sequence[str], *args: Any, done: str = "") -> None:
        """Run a store change in the library thread, then refresh the rows it touched."""
        from tui.errors import NewsdeskError

        if not ids:
            return
        try:
            await self.gateway.call(function, list(ids), *args)
        except NewsdeskError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        await self.refresh_rows(ids)
        if done:
            self.say(done)

    async def refresh_rows(self, ids: Sequence[str]) -> None:
        rows = await self.gateway.call(load_rows, list(ids))
        self.article_list.update_rows(rows)
        self._recount()

    def _toggle(self, flag: str) -> None:
        ids = self._target_ids()
        rows = self._rows_for(ids)
        value = not all(getattr(row, flag) for row in rows) if rows else True
        self.change(_set_flag, ids, flag, value, done=_flag_done(flag, value, len(ids)))

    def action_toggle_read(self) -> None:
        self._toggle("read")

    def action_toggle_star(self) -> None:
        self._toggle("starred")

    def action_toggle_archive(self) -> None:
        self._toggle("archived")

    def action_toggle_mark(self) -> None:
        ids = [self.article_list.current.id] if self.article_list.current else []
        self._toggle_marked(ids)

    def _toggle_marked(self, ids: list[str]) -> None:
        rows = self._rows_for(ids)
        value = not all(row.marked for row in rows) if rows else True
        self.change(_set_flag, ids, "marked", value, done=_flag_done("marked", value, len(ids)))

    def action_mark_all_shown(self) -> None:
        self._toggle_marked([row.id for row in self.article_list.rows])

    def action_apply_to_marked(self) -> None:
        self.pending_marked = not self.pending_marked
        self.update_status()

    def action_mark_all_read(self) -> None:
        if self.pending_marked:
            ids = self._target_ids()
        else:
            ids = [row.id for row in self.article_list.rows if not row.read]
        if not ids:
            self.notify("Nothing unread here", markup=False)
            return

        from tui.app.screens.prompt import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.change(_set_flag, ids, "read", True, done=f"{len(ids)} marked read (u undoes)")

        self.push_screen(ConfirmScreen(f"Mark {len(ids)} articles read? (u undoes it)"), answered)

    def action_tag(self) -> None:
        ids = self._target_ids()
        if not ids:
            return
        from tui.app.screens.prompt import PromptScreen
        from tui.store.tags import parse_tag_input

        def answered(typed: str | None) -> None:
            edit = parse_tag_input(typed or "")
            if edit.add or edit.remove:
                self.edit_tags(ids, edit)

        what = "this article" if len(ids) == 1 else f"{len(ids)} marked articles"
        self.push_screen(
            PromptScreen(
                f'Tag {what}: commas or spaces between tags, "a b" for a space, -tag removes',
                placeholder="energy, norway",
            ),
            answered,
        )

    @work(group="writes")
    async def edit_tags(self, ids: Sequence[str], edit: Any) -> None:
        """Add and remove tags (one undo step each), then say what was stored."""
        from tui.errors import NewsdeskError

        def apply(library: Any) -> list[str]:
            said = []
            for tag in edit.add:
                changed = library.add_tag(ids, tag)
                said.append(f"#{tag}" if changed else f"#{tag} (already there)")
            for tag in edit.remove:
                changed = library.remove_tag(ids, tag)
                said.append(f"-#{tag}" if changed else f"-#{tag} (was not there)")
            return said

        try:
            said = await self.gateway.call(apply)
        except NewsdeskError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        await self.refresh_rows(ids)
        where = "" if len(ids) == 1 else f" on {len(ids)} articles"
        self.say(f"tags: {', '.join(said)}{where} (u undoes)")
        if self.current_id in ids:
            self.open_article(self.current_id, keep_place=True)

    @work(group="writes")
    async def action_undo(self) -> None:
        await self._undo_redo("undo")

    @work(group="writes")
    async def action_redo(self) -> None:
        await self._undo_redo("redo")

    async def _undo_redo(self, which: str) -> None:
        from tui.errors import NewsdeskError

        try:
            label = await self.gateway.call(lambda library: getattr(library, which)())
        except NewsdeskError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if label is None:
            self.say(f"nothing to {which}")
            return
        self.say(f"{which}: {label}")
        if label in ("join", "split"):  # the file's articles changed: list them again
            self.reload_rows()
            return
        rows = await self.gateway.call(load_rows, [row.id for row in self.article_list.rows])
        self.article_list.update_rows(rows)
        self._recount()
        if self.current_id:
            self.open_article(self.current_id, keep_place=True)

    # -- joins and splits -------------------------------------------------------------

    @work(group="writes")
    async def action_join_next(self) -> None:
        """Join the open article with the next one of its file (the reader split wrongly)."""
        article_id = self.current_id
        if article_id is None:
            return
        await self._segment_edit(lambda library: library.join_next(article_id), "joined")

    @work(group="writes")
    async def action_split_here(self) -> None:
        """Split the open article where the paragraph under the cursor begins."""
        paragraph = self.article_view.paragraph
        article_id = self.current_id
        if article_id is None or paragraph is None:
            self.notify("Open an article and move to the paragraph to split at", markup=False)
            return
        offset = paragraph.span.start
        await self._segment_edit(lambda library: library.split_at(article_id, offset), "split")

    async def _segment_edit(self, edit: Any, done: str) -> None:
        """Run a join or split, then show the list and the article it made."""
        from tui.errors import NewsdeskError

        try:
            new_id = await self.gateway.call(edit)
        except NewsdeskError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.notify(f"{done} (u undoes)", markup=False, timeout=3)
        self.reload_rows(keep=new_id)
        if new_id is not None:
            self.open_article(new_id)

    # -- annotations -------------------------------------------------------------------

    @work(group="writes")
    async def action_highlight(self) -> None:
        """Highlight what the cursor is on; on a highlight, remove it (u brings it back)."""
        from tui.app.annotating import highlight_at

        target = self.article_view.target()
        if target is None or self.current_id is None:
            self.notify("Open an article and move to a paragraph or quote first", markup=False)
            return
        kind, span, _text = target
        article_id = self.current_id
        existing = highlight_at(self.current_annotations, span)
        if existing is not None:
            await self.write_annotation(
                article_id,
                f"highlight on the {kind} removed (u undoes)",
                lambda library: library.delete_annotation(existing.id),
            )
        else:
            await self.write_annotation(
                article_id,
                f"highlighted the {kind} (u undoes)",
                lambda library: library.add_highlight(article_id, span),
            )

    def _note_context(self) -> tuple[str, Any, str, str] | None:
        """(article id, annotation edited or None, its text, what the dialog says it is on)."""
        if self.current_id is None or self.current_article is None:
            return None
        from tui.app.annotating import note_target

        target = self.article_view.target()
        annotation, text = note_target(self.current_annotations, target[1] if target else None)
        about = f"On: {visible(self.current_article.title)}"
        if annotation is not None and annotation.kind == "highlight":
            quoted = visible(annotation.anchor_text).replace("\n", " ")
            about = f"On the highlight: {quoted}"
        return self.current_id, annotation, text, about

    def _save_note_later(self, article_id: str, annotation: Any) -> Any:
        def answered(text: str | None) -> None:
            if text is not None:
                self.save_note(article_id, annotation, text)

        return answered

    def action_note(self) -> None:
        """Write the note of the highlight under the cursor, else the article's note
        (the one there is, to edit; emptied, it is removed)."""
        context = self._note_context()
        if context is None:
            return
        from tui.app.screens.note_editor import NoteEditor

        article_id, annotation, text, about = context
        self.push_screen(NoteEditor(about, text), self._save_note_later(article_id, annotation))

    def action_note_in_editor(self) -> None:
        """As ``c``, in $EDITOR; if the editor fails, the note dialog opens with what
        there is, and one line says which editor failed and why."""
        context = self._note_context()
        if context is None:
            return
        from tui.app.screens.note_editor import NoteEditor, run_editor

        article_id, annotation, text, about = context
        outcome = run_editor(self, text)
        self.refresh(layout=True)
        if outcome.problem is None:
            if outcome.text is not None:
                self.save_note(article_id, annotation, outcome.text)
            return
        self.notify(
            f"{outcome.problem}; write the note here instead", severity="error", markup=False
        )
        kept = outcome.text if outcome.text and outcome.text.strip() else text
        self.push_screen(NoteEditor(about, kept), self._save_note_later(article_id, annotation))

    @work(group="writes")
    async def save_note(self, article_id: str, annotation: Any, text: str) -> None:
        from tui.app.annotating import note_change

        change = note_change(article_id, annotation, text)
        if change is not None:
            words, call = change
            await self.write_annotation(article_id, f"{words} (u undoes)", call)

    async def write_annotation(self, article_id: str, done: str, call: Any) -> None:
        """Run one annotation change in the library thread, then show it."""
        from tui.errors import NewsdeskError

        try:
            await self.gateway.call(call)
        except NewsdeskError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.say(done)
        await self.refresh_rows([article_id])
        if article_id == self.current_id:
            self.open_article(article_id, keep_place=True)

    # -- quotes --------------------------------------------------------------------------

    def current_quote_ref(self) -> tuple[Any, Any] | None:
        """(quote, article title/source info) for ``y``: the quotes pane's or the article's."""
        if self._focused_kind() == "quotes" and self.quotes_pane.current_ref is not None:
            ref = self.quotes_pane.current_ref
            if ref.article_id == self.current_id and self.current_article is not None:
                return ref.quote, full_title(self.current_article)
            return ref.quote, ref.title
        quote = self.article_view.current_quote
        article = self.current_article
        if quote is None and article is not None and article.quotes:
            quote = article.quotes[0]
        if quote is None:
            return None
        return quote, full_title(article) if article is not None else ""

    def action_copy_quote(self) -> None:
        found = self.current_quote_ref()
        if found is None:
            self.notify("No quote here to copy", markup=False)
            return
        quote, title = found
        text = quote_with_attribution(quote, title)
        self.copy_to_clipboard(text)
        self.say(f"copied: {text}")

    def action_toggle_speaker_index(self) -> None:
        pane = self.quotes_pane
        pane.speaker_index = not pane.speaker_index
        pane.border_title = "Quotes by speaker" if pane.speaker_index else "Quotes"
        if pane.speaker_index:
            self.load_speaker_index()
        else:
            pane.show_article(self.current_article)

    @work(exclusive=True, group="speakers")
    async def load_speaker_index(self) -> None:
        from tui.errors import NewsdeskError

        ids = [row.id for row in self.article_list.rows if row.n_quotes][:SPEAKER_INDEX_LIMIT]
        try:
            articles = await self.gateway.call(lambda library: library.get_articles(ids))
        except NewsdeskError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.quotes_pane.show_index(refs_of(articles))

    # -- stories (tui.app.screens.story) -------------------------------------------------

    async def action_story(self) -> None:
        """Compare the outlets of the current article's story."""
        from tui.app.screens.story import StoryScreen, load_story_view
        from tui.errors import NewsdeskError

        row = self.article_list.current
        if row is None:
            return
        try:
            view = await self.gateway.call(load_story_view, row.id)
        except NewsdeskError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        if view is None:
            self.notify("No other outlet has reported this story", markup=False)
            return

        def jumped(jump: Any) -> None:
            if jump is None:
                return
            position = self.article_list.index_of(jump.article_id)
            if position is not None:
                self.article_list.cursor = position
            self.open_article(jump.article_id, at_offset=jump.offset)
            self._focus(self.article_view)

        self.push_screen(StoryScreen(view, self.story_triage), jumped)

    def story_triage(self, ids: list[str], flag: str) -> None:
        """Read, star, archive or mark every article of a story: one undo step."""
        rows = self._rows_for(ids)
        value = not all(getattr(row, flag) for row in rows) if len(rows) == len(ids) else True
        state = flag if value else f"not {flag}"
        self.change(_set_flag, ids, flag, value, done=f"Story: {len(ids)} articles {state}")

    # -- the rest ------------------------------------------------------------------------

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen

        self.push_screen(HelpScreen())


def _excerpt(text: str, limit: int = 40) -> str:
    """The start of an annotated passage, on one line, cut with ``…``."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


#: What a flag change is called in the status line: (set, cleared).
_FLAG_WORDS = {
    "read": ("marked read", "marked unread"),
    "starred": ("starred", "unstarred"),
    "archived": ("archived", "unarchived"),
    "marked": ("marked", "unmarked"),
}


def _flag_done(flag: str, value: bool, count: int) -> str:
    """``archived (a again undoes it)``, ``3 articles starred``: the triage confirmation."""
    word = _FLAG_WORDS[flag][0 if value else 1]
    who = f"{count} articles " if count != 1 else ""
    return f"{who}{word} (u undoes)"


def _set_flag(library: Any, ids: list[str], flag: str, value: bool) -> int:
    return library.set_flag(ids, flag, value)
