"""A tiny reader-shaped App for testing config effects before/independently of the real app.

It has bindings with ids in two scopes, a ``switch_view`` action and role-styled widgets,
and wires the config exactly as ``tui.app.config_bridge`` tells the real app to.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static

from tui.app.config_bridge import announce_config_problems, install_config
from tui.app.palette import ThemeCommands, ViewCommands
from tui.config.loader import LoadedConfig

ROLE_CSS = "\n".join(
    f".{role} {{ color: ${role}; background: ${role}-background; text-style: ${role}-style; }}"
    for role in ("quote", "speaker", "highlight", "match", "unread", "caption")
)


class ArticleList(Static, can_focus=True):
    BINDINGS: ClassVar = [
        Binding("s", "star", "Star", id="star"),
        Binding("r", "toggle_read", "Read", id="toggle-read"),
    ]

    def action_star(self) -> None:
        self.app.starred += 1

    def action_toggle_read(self) -> None:
        self.app.read_toggles += 1


class StubReader(App):
    COMMANDS = App.COMMANDS | {ViewCommands, ThemeCommands}
    CSS = ROLE_CSS + "\nArticleList { height: 3; border: round $primary; }"
    BINDINGS: ClassVar = [Binding("question_mark", "help", "Help", id="help")]

    def __init__(self, loaded: LoadedConfig) -> None:
        super().__init__()
        self.loaded = loaded
        self.config_views = loaded.config.views
        self.current_view = loaded.config.views[0].name
        self.starred = 0
        self.read_toggles = 0
        self.refused = install_config(self, loaded)

    def compose(self) -> ComposeResult:
        yield ArticleList("The article list")
        yield Static("“We will not be told what to do,” Ren said.", classes="quote")
        yield Static("Ren Zhengfei", classes="speaker")
        yield Static("a highlighted sentence", classes="highlight")
        yield Static("search match", classes="match")
        yield Static("An unread title", classes="unread")
        yield Static("Photo: Reuters", classes="caption")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ArticleList).focus()
        announce_config_problems(self, self.loaded, self.refused)

    def action_switch_view(self, name: str) -> None:
        self.current_view = name

    def action_help(self) -> None:
        self.notify("help")
