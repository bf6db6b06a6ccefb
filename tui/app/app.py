"""The Newsdesk app: settings, themes, the library gateway, and the reader screen.

The app is a thin shell: every read and write goes to the store through
:class:`~tui.app.library_gateway.LibraryGateway` (one thread owning the SQLite
connection), searches go to :func:`tui.search.run_query`, and the settings (views,
keymap, theme) come in as a :class:`tui.config.model.Config`. What is on screen is the
:class:`~tui.app.screens.reader.ReaderScreen` (:meth:`NewsdeskApp.get_default_screen`,
posting's pattern); a worker that fails is reported in one line by
:mod:`tui.app.worker_errors`.
"""

from __future__ import annotations

import contextlib
import gc
import os
import weakref
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.filter import LineFilter
from textual.message import Message
from textual.reactive import Initialize, Reactive

from tui.app.bindings import APP_BINDINGS, view_bindings
from tui.app.library_gateway import LibraryGateway
from tui.app.screens.reader import ReaderScreen
from tui.app.theming import ROLE_VARIABLES, no_color_filters, startup_themes
from tui.app.worker_errors import ReportsWorkerErrors
from tui.config.model import Config, default_config
from tui.terminal_safe import terminal_safe

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.app.screens.prompt import ConfirmScreen
    from tui.config.errors import ConfigError
    from tui.config.themes import ThemeSpec
    from tui.store.library import Library


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


def _newsdesk_commands() -> Any:
    """The palette's provider, imported when the palette first opens (a quicker start)."""
    from tui.app.commands import NewsdeskCommands

    return NewsdeskCommands


def reader_screen_class(config: Config) -> type[ReaderScreen]:
    """:class:`ReaderScreen` with a binding for each view key of ``config``.

    Textual reads a node's bindings from its class's ``BINDINGS`` only, and the view
    keys come from the config: so the screen class gets them here, once per app.
    """
    bindings = [*ReaderScreen.BINDINGS, *view_bindings(config.views)]
    return type("ReaderScreen", (ReaderScreen,), {"BINDINGS": bindings})


def _warm_search(library: Library) -> None:
    """:func:`tui.search.warm`, imported in the library thread (not the UI's)."""
    from tui.search import warm

    warm(library)


class LibraryBusy(Message):
    """From the library thread: something met a busy library and waits (``waiting``),
    or went through after waiting; ``kind``: what waits (see
    :class:`~tui.app.library_gateway.LibraryGateway`)."""

    def __init__(self, waiting: bool, kind: str) -> None:
        super().__init__()
        self.waiting = waiting
        self.kind = kind


#: What the reader says while the library is held by another program, by what waits.
_BUSY_WAITING = {
    "change": "your change is kept and saved when it is free",
    "opening": "the articles show when it is free",
    "library": "the reader waits until it is free",
}
#: Seconds a busy notice stays (the status line says it until the library is free).
BUSY_NOTICE_SECONDS = 10


class NewsdeskApp(ReportsWorkerErrors, App[None]):
    """The reader. ``config`` shapes it; ``library_path`` None means the default library."""

    CSS_PATH = Path(__file__).with_name("newsdesk.tcss")
    TITLE = "Newsdesk"
    COMMANDS: ClassVar = App.COMMANDS | {_newsdesk_commands}
    BINDINGS: ClassVar[list[BindingType]] = list(APP_BINDINGS)

    #: The main screen, made by :meth:`get_default_screen`.
    reader: ReaderScreen

    def __init__(
        self,
        config: Config | None = None,
        *,
        library_path: Path | str | None = None,
        notices: Iterable[str] = (),
        themes: dict[str, ThemeSpec] | None = None,
    ) -> None:
        """``themes``: specs by name (None: the shipped and the user's themes)."""
        self._role_defaults: dict[str, dict[str, str]] = {}
        # Until the configured theme is chosen (end of __init__) no role is derived:
        # nothing parses TCSS before then, and deriving roles for Textual's default theme,
        # about to be replaced, costs a colour-system generation or four.
        self._roles_pending = True
        _freeze_import_time_objects()
        # Read by starting_theme, which Textual calls from its __init__.
        self.config = config or default_config()
        self.notices = list(notices)
        self._all_themes_loaded = themes is not None
        self._given_themes = themes
        super().__init__()
        self.gateway = LibraryGateway(library_path, on_busy=self._library_busy)
        #: What waits for a library another program holds ("change", "opening",
        #: "library"; None: nothing), as the status line says it.
        self.library_waiting: str | None = None
        #: The question "quit without the waiting change?" while it is on screen.
        self._quit_asked: ConfirmScreen | None = None
        #: The keymap in force (binding id -> keys), as given to :meth:`set_keymap`.
        self.keymap: dict[str, str] = {}
        #: Keys handed to a text box by :meth:`on_key` (one that came back is let be).
        self._handed_over: weakref.WeakSet[events.Key] = weakref.WeakSet()
        self._roles_pending = False
        # Roles derived for the theme now that it is known; the class Textual's theme
        # watcher gives a theme set later.
        self.stylesheet.set_variables(self.get_css_variables())
        self.add_class(f"-theme-{self.theme}")

    def _library_busy(self, waiting: bool, kind: str) -> None:
        """From the library thread: something met a busy library (kept, tried again
        until it is free: the notice stays until then), or went through after waiting.
        Posted, not called: the library thread never waits for the event loop (which
        may itself be waiting for the library thread, quitting)."""
        self.post_message(LibraryBusy(waiting, kind))

    def on_library_busy(self, message: LibraryBusy) -> None:
        """Say that something waits for the library (a notice, once for each thing that
        starts waiting, and the status line until it is free), then that it is free.
        No other notice is cleared: a worker's error or a skipped theme stays."""
        was = self.library_waiting
        if message.waiting:
            if was == message.kind or (was == "change" and message.kind == "library"):
                return  # said already (a second star waits behind the first)
            self.library_waiting = message.kind
            self.reader.update_status()
            self.notify(
                "the library is busy (another program is writing to it): "
                + _BUSY_WAITING[message.kind],
                severity="warning",
                timeout=BUSY_NOTICE_SECONDS,
                markup=False,
            )
            return
        self.library_waiting = None
        self.reader.update_status()
        saved = ": your change is saved" if message.kind == "change" else ""
        self.notify(f"the library is free again{saved}", markup=False)
        if self._quit_asked is not None:  # asked whether to quit without it: no need
            self._quit_asked.dismiss(None)  # (quits once the rest has run)

    async def action_quit(self) -> None:
        """Quit once the calls queued have run (a star just typed reaches the library).
        While something waits for a busy library: with a change of the user's among
        what waits, ask (y quits without it; n goes back, the change still kept; saved
        meanwhile, the app quits without asking further); without one, quit at once."""
        from tui.app.screens.prompt import ConfirmScreen

        gateway = self.gateway
        if gateway.waiting is None:
            self._quit_when_saved()
            return
        changes = gateway.changes_pending
        if not changes:
            gateway.abandon()  # nothing of the user's waits
            self.exit()
            return
        if self._quit_asked is not None:
            return
        what = "1 change is" if changes == 1 else f"{changes} changes are"
        question = (
            f"{what} waiting for the library (another program is writing to it). "
            "Quit without saving? (n goes back; saved when the library is free)"
        )

        def answered(yes: bool | None) -> None:
            self._quit_asked = None
            if yes is None:  # saved meanwhile
                self._quit_when_saved()
            elif yes:
                gateway.abandon()
                self.exit()
            else:  # stay: an earlier q waiting for the queue quits no more
                self.workers.cancel_group(self, "quit")

        self._quit_asked = ConfirmScreen(question)
        self.push_screen(self._quit_asked, answered)

    @work(group="quit", exclusive=True, exit_on_error=False)
    async def _quit_when_saved(self) -> None:
        """Exit once every call queued so far has run (at once, unless one meets a busy
        library: then its notice is up, and ``q`` again asks or quits)."""
        with contextlib.suppress(Exception):
            await self.gateway.call(lambda library: None)
        self.exit()

    def starting_theme(self) -> str:
        """The theme to start on: the configured one (``newsdesk-ansi`` with NO_COLOR),
        its themes registered first. Textual asks while building the App, before it first
        parses the stylesheet: so the stylesheet is parsed once, in the right colours."""
        no_color = os.environ.get("NO_COLOR") is not None  # Textual reads it just after
        wanted = "newsdesk-ansi" if no_color else self.config.theme
        given = self._given_themes
        self.theme_specs = given if given is not None else startup_themes(wanted)
        self._register_themes()
        return wanted if wanted in self.available_themes else "textual-dark"

    #: The configured theme from the first frame on (:meth:`starting_theme`); Textual's
    #: own watcher handles every change after.
    theme: Reactive[str] = Reactive(Initialize(starting_theme), init=False)

    def notify(self, message: str, **options: Any) -> None:
        """Every toast (whoever raises it) shows its text made visible: messages carry
        file names, tags, notes and config values, as untrusted as article text."""
        super().notify(terminal_safe(message, keep_newlines=True), **options)

    def get_default_screen(self) -> ReaderScreen:
        """The reader, with the view keys of the config."""
        self.reader = reader_screen_class(self.config)()
        return self.reader

    def set_keymap(self, keymap: Mapping[str, str]) -> None:
        """Textual's, remembering the keymap where the help screen can read it."""
        self.keymap = dict(keymap)
        super().set_keymap(self.keymap)

    def update_keymap(self, keymap: Mapping[str, str]) -> None:
        self.set_keymap({**self.keymap, **keymap})

    # -- themes ------------------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        from tui.app.theming import role_variable_defaults

        if self._roles_pending:
            return super().get_theme_variable_defaults()
        theme = self.current_theme
        cached = self._role_defaults.get(theme.name)
        if cached is None:
            if all(name in theme.variables for name in ROLE_VARIABLES):
                cached = {}  # the theme sets every role; its variables win anyway
            else:
                cached = role_variable_defaults(self)
            self._role_defaults[theme.name] = cached
        return {**super().get_theme_variable_defaults(), **cached}

    def get_line_filters(self) -> Sequence[LineFilter]:
        """Textual's filters, with the NO_COLOR one following the theme (see theming)."""
        return no_color_filters(self, super().get_line_filters())

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
            try:
                self.register_theme(theme_from_spec(spec))
            except ColorParseError:
                continue

    @property
    def theme_wanted(self) -> str:
        """The configured theme; with NO_COLOR set, the monochrome ``newsdesk-ansi``
        (every role has a text style there, so nothing relies on a colour)."""
        return "newsdesk-ansi" if self.no_color else self.config.theme

    def _apply_theme(self) -> None:
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

    @work(thread=True, group="themes")
    def load_other_themes(self) -> None:
        """Every shipped and user theme, for the palette's theme switcher (after first paint);
        a broken theme file is named in a notice, as when the config loader reads them."""
        from tui.config.themes import load_themes_with_errors

        specs, errors = load_themes_with_errors()
        self.call_from_thread(self._add_themes, specs, errors)

    def _add_themes(self, specs: dict[str, ThemeSpec], errors: Sequence[ConfigError] = ()) -> None:
        from tui.app.theming import register_themes
        from tui.config.suggest import shown

        self.theme_specs = {**specs, **self.theme_specs}
        self._all_themes_loaded = True
        refused = register_themes(self, self.theme_specs)
        self.stylesheet.set_variables(self.get_css_variables())
        from tui.config.errors import theme_errors_notice

        notices = [notice] if (notice := theme_errors_notice(errors)) else []
        notices += [
            f"theme {shown(name)} has a colour Textual cannot use; skipped" for name in refused
        ]
        for notice in notices:
            self.notify(notice, severity="error", timeout=12, markup=False)

    # -- running -----------------------------------------------------------------------

    def on_mount(self) -> None:
        self.set_keymap(dict(self.config.keymap))
        self._apply_theme()
        for notice in self.notices:
            self.notify(notice, severity="error", timeout=12, markup=False)

    def on_ready(self) -> None:
        """The first frame is on screen: now load the rows (in a worker, off the event loop)."""
        self.reader.start()
        self.show_library_notice()

    def first_screen_shown(self) -> None:
        """The reader's first rows are on screen (or there are none): now the other
        themes, for the palette's switcher. Read before, they took ~70 ms of CPU (under
        load) from the first screen, in a thread holding the interpreter's lock."""
        if not self._all_themes_loaded:
            self.load_other_themes()
        self.warm_search()

    def warm_search(self) -> None:
        """Open the search index in the library thread now, queued behind the rows'
        reads, so the first search does not pay for it (a failure is left to the first
        search to report)."""
        self.gateway.submit(_warm_search)

    @work(group="notice", exit_on_error=False)
    async def show_library_notice(self) -> None:
        """Say so when the library is read-only (browsing works, changes cannot be saved)."""
        notice = await self.gateway.call(lambda library: library.notice)
        if notice:
            self.notify(notice, severity="warning", markup=False, timeout=10)

    def on_unmount(self) -> None:
        self.gateway.close()

    def on_key(self, event: events.Key) -> None:
        """Hand a printable key typed ahead of a focus move to the widget that now takes
        text. ``/`` then ``huawei`` in one burst: the letters reached the list before
        ``/`` had moved the focus to the search box (the first ``/`` waits for the pane
        to mount), came back up here unhandled, and were dropped (the box's focus keeps
        them from the triage keys). A printable key only gets here past a focused text
        box when another widget had it, so it is the box's."""
        focused = self.focused
        if (
            event.is_printable
            and event not in self._handed_over
            and focused is not None
            and focused.check_consume_key(event.key, event.character)
        ):
            event.prevent_default()
            event.stop()
            handed = events.Key(event.key, event.character)
            self._handed_over.add(handed)
            focused.post_message(handed)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's, but "Keys" opens the reader's list of keys (``?``): Textual's own
        panel lists its widgets' bindings, a narrow column at 80x24, without ours."""
        for command in super().get_system_commands(screen):
            if command.title == "Keys":
                yield SystemCommand("Keys", "Every key and its binding id (?)", self.action_help)
            else:
                yield command

    def action_help(self) -> None:
        from tui.app.screens.help import HelpScreen

        self.push_screen(HelpScreen())
