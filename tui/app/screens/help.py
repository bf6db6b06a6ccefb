"""The help screen: every key binding as it is now (after the user's keymap)."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
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
            if binding.system:
                continue
            label = binding.id or f"{type(node).__name__}.{binding.action}"
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
    """A scrollable table of keys; any of escape, q or ? closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 100; height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
    }
    """

    def compose(self) -> ComposeResult:
        table = Table(box=None, expand=True, show_header=True, header_style="bold")
        table.add_column("Keys", no_wrap=True)
        table.add_column("Does")
        table.add_column("Binding id (for keymap:)", style="dim", no_wrap=True)
        for keys, description, label in binding_rows(self.app):
            table.add_row(Text(keys), Text(description), Text(label))
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys (escape closes)"
            yield Static(table, id="help-table")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
