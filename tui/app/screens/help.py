"""The help screen: every key binding as it is now (after the user's keymap)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


def binding_rows(
    app: Any, screen_bindings: list[Binding] | None = None
) -> list[tuple[str, str, str]]:
    """(keys, description, id) for every binding of the main screen, keymap applied
    (or of ``screen_bindings``: a dialog's own, such as the story screen's).

    Read from the bindings the main screen is built from (:mod:`tui.app.bindings`, the
    config's view keys, the search pane's) with the app's keymap over
    them (the one given to ``App.set_keymap``): so a rebinding shows here, for every
    pane, not only the focused one.
    """
    from tui.app.bindings import MAIN_SCREEN_BINDINGS, view_bindings
    from tui.app.widgets.search_pane import SearchPane
    from tui.config.bindings import BindingInfo, effective_keys

    keymap = app.keymap
    if screen_bindings is not None:
        bindings = list(screen_bindings)
    else:
        bindings = [*MAIN_SCREEN_BINDINGS, *view_bindings(app.config.views)]
        # The search pane's keys, whether or not ``/`` has opened it yet (the README
        # lists them with the rest).
        bindings += [b for b in SearchPane.BINDINGS if isinstance(b, Binding)]
    rows: dict[str, tuple[list[str], str]] = {}
    for binding in bindings:
        if binding.id is None:  # only keys a keymap can rebind
            continue
        info = BindingInfo(binding.id, binding.key, binding.action, "app", binding.description)
        keys, _ = rows.setdefault(
            binding.id or binding.action, ([], binding.description or binding.action)
        )
        for key in effective_keys(info, keymap):
            shown = app.get_key_display(binding.with_key(key))
            if shown not in keys:
                keys.append(shown)
    return [(", ".join(keys), description, label) for label, (keys, description) in rows.items()]


class HelpScreen(ModalScreen[None]):
    """A table of keys under a header that stays; j/k/g/G (and the arrows, PgUp/PgDn)
    scroll it, any of escape, q or ? closes it."""

    BINDINGS: ClassVar = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll(1)", "Scroll down", id="help.down", show=False),
        Binding("k,up", "scroll(-1)", "Scroll up", id="help.up", show=False),
        Binding("pagedown,space", "page(1)", "Page down", id="help.page-down", show=False),
        Binding("pageup", "page(-1)", "Page up", id="help.page-up", show=False),
        Binding("g,home", "top", "Top", id="help.top", show=False),
        Binding("G,end", "bottom", "Bottom", id="help.bottom", show=False),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical {
        width: 90%; max-width: 100; height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    HelpScreen #help-header { height: 1; }
    HelpScreen VerticalScroll { height: 1fr; }
    """

    def __init__(self, screen_bindings: list[Binding] | None = None, title: str = "Keys") -> None:
        super().__init__()
        #: A dialog's own bindings to list (None: the main screen's).
        self.screen_bindings = screen_bindings
        self.title_words = title

    def compose(self) -> ComposeResult:
        self.key_rows = binding_rows(self.app, self.screen_bindings)
        self.natural_widths = [
            max([cell_len(header)] + [cell_len(row[column]) for row in self.key_rows]) + 2
            for column, header in enumerate(_HEADERS)
        ]
        with Vertical() as box:
            box.border_title = (
                f"{self.title_words} (escape closes; j/k/g/G scroll; "
                "rebind an id in the config's keymap)"
            )
            yield Static(_table(self.natural_widths, [], header=True), id="help-header")
            with VerticalScroll(id="help-scroll"):
                yield Static(
                    _table(self.natural_widths, self.key_rows, header=False), id="help-table"
                )

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """Columns fitted to the box: the descriptions wrap first, then the binding ids
        are cut, the keys last."""
        table = self.query_one("#help-table", Static)
        widths = fit_widths(self.natural_widths, table.content_region.width)
        self.query_one("#help-header", Static).update(_table(widths, [], header=True))
        table.update(_table(widths, self.key_rows, header=False))

    @property
    def scroller(self) -> VerticalScroll:
        return self.query_one("#help-scroll", VerticalScroll)

    def action_scroll(self, lines: int) -> None:
        self.scroller.scroll_relative(y=lines, animate=False)

    def action_page(self, direction: int) -> None:
        scroller = self.scroller
        scroller.scroll_relative(y=direction * max(1, scroller.size.height - 1), animate=False)

    def action_top(self) -> None:
        self.scroller.scroll_home(animate=False)

    def action_bottom(self) -> None:
        self.scroller.scroll_end(animate=False)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


_HEADERS = ("Keys", "Does", "Binding id")
#: How far each column gives way, in turn, when the box is narrow: the description
#: (it wraps, so nothing of it is lost) to a narrow column, the binding id (what goes
#: in ``keymap:``; at 80 columns it is whole) to a stub, the description further, the
#: keys last (at 80 columns a key read as ``shif…`` is no help at all).
_GIVE_WAY = ((1, 20), (2, 12), (1, 16), (0, 1))


def fit_widths(widths: list[int], room: int) -> list[int]:
    """``widths`` (keys, does, id) cut to ``room`` cells, in the order of :data:`_GIVE_WAY`."""
    fitted = list(widths)
    excess = sum(fitted) - room
    for column, floor in _GIVE_WAY:
        if excess <= 0:
            break
        cut = min(excess, max(0, fitted[column] - floor))
        fitted[column] -= cut
        excess -= cut
    return fitted


def _table(widths: list[int], rows: list[tuple[str, str, str]], *, header: bool) -> Table:
    """The header alone, or the rows alone, in columns of the same widths (so they line
    up while the rows scroll under the header). Each column keeps its last cell blank,
    so that a cell cut to its column (``view-quotes-by-spe…``) never runs into the
    next. Descriptions wrap onto more lines rather than being cut."""
    table = Table(
        box=None, expand=False, show_header=header, header_style="bold", padding=(0, 1, 0, 0)
    )
    for (title, width), style in zip(
        zip(_HEADERS, widths, strict=True), ("", "", "dim"), strict=True
    ):
        table.add_column(
            title, width=max(1, width - 1), no_wrap=title != "Does", style=style or None
        )
    for keys, description, label in rows:
        table.add_row(Text(keys), Text(description), Text(label))
    return table
