"""A theme preview: every reader role and some chrome, for one snapshot per theme.

Kept apart from the real reader so a theme's snapshot changes only when the theme does.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Static

from tui.app.theming import register_themes
from tui.config.themes import ROLES, load_themes

ROLE_CSS = "\n".join(
    f".{role} {{ color: ${role}; background: ${role}-background; text-style: ${role}-style; }}"
    for role in ROLES
)


class ThemePreview(App):
    CSS = ROLE_CSS + "\n#list { height: 3; border: round $primary; background: $surface; }"
    BINDINGS: ClassVar = [
        Binding("s", "noop", "Star"),
        Binding("r", "noop", "Read"),
        Binding("question_mark", "noop", "Help"),
    ]

    def __init__(self, theme: str) -> None:
        super().__init__()
        register_themes(self, load_themes())
        self.theme = theme

    def compose(self) -> ComposeResult:
        yield Static("● Harbour plan approved        Reuters  2024-03-04", id="list")
        yield Static("“We will not be told what to do,” Ren said.", classes="quote")
        yield Static("Ren Zhengfei", classes="speaker")
        yield Static("a highlighted sentence", classes="highlight")
        yield Static("search match", classes="match")
        yield Static("An unread title", classes="unread")
        yield Static("Photo: Reuters", classes="caption")
        yield Footer()

    def action_noop(self) -> None:
        pass
