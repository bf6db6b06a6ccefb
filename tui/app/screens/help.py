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


def binding_rows(app: Any) -> list[tuple[str, str, str]]:
    """(keys, description, id) for every binding of the main screen, keymap applied.

    Read from the live bindings (``screen.active_bindings`` plus the app's own map, to
    include bindings of panes that are not focused), so a rebinding shows here.
    """
    seen: dict[str, list[str]] = {}
    describe: dict[str, str] = {}
    nodes = [app, app.screen_stack[0], *app.screen_stack[0].query("*")]
    keymap = getattr(app, "_keymap", {})
    for node in nodes:
        for key, binding in node._bindings:
            # Keys with an id only: those a keymap can rebind. Textual's own (ctrl+q,
            # a widget's scrolling keys) are shadowed by ours or only add noise.
            if binding.system or binding.id is None:
                continue
            label = binding.id
            if binding.id and binding.id in keymap:
                keys = [k.strip() for k in keymap[binding.id].split(",")]
            else:
                keys = [key]
            bucket = seen.setdefault(label, [])
            for k in keys:
                shown = app.get_key_display(binding.with_key(k))
                if shown not in bucket:
                    bucket.append(shown)
            describe.setdefault(label, binding.description or binding.action)
    return [(", ".join(keys), describe[label], label) for label, keys in seen.items()]


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

    def compose(self) -> ComposeResult:
        rows = binding_rows(self.app)
        widths = [
            max([cell_len(header)] + [cell_len(row[column]) for row in rows]) + 2
            for column, header in enumerate(_HEADERS)
        ]
        with Vertical() as box:
            box.border_title = "Keys (escape closes; j/k/g/G scroll)"
            yield Static(_table(widths, [], header=True), id="help-header")
            with VerticalScroll(id="help-scroll"):
                yield Static(_table(widths, rows, header=False), id="help-table")

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


_HEADERS = ("Keys", "Does", "Binding id (for keymap:)")


def _table(widths: list[int], rows: list[tuple[str, str, str]], *, header: bool) -> Table:
    """The header alone, or the rows alone, in columns of the same widths (so they line
    up while the rows scroll under the header)."""
    table = Table(box=None, expand=False, show_header=header, header_style="bold", padding=0)
    for (title, width), style in zip(
        zip(_HEADERS, widths, strict=True), ("", "", "dim"), strict=True
    ):
        table.add_column(title, width=width, no_wrap=True, style=style or None)
    for keys, description, label in rows:
        table.add_row(Text(keys), Text(description), Text(label))
    return table
