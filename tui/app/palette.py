"""Command palette providers for views and themes.

``ViewCommands`` lists the configured views ("View: Inbox"), each running the app's
``switch_view(name)`` action; ``ThemeCommands`` lists every registered theme ("Theme:
newsdesk-light") and applies it at once. Add both to the app's ``COMMANDS``. The app
tells the view provider its views through a ``config_views`` attribute (a tuple of
``ViewConfig``); without one, the provider offers nothing.
"""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.config.model import ViewConfig


def _views(app: object) -> tuple[ViewConfig, ...]:
    return tuple(getattr(app, "config_views", ()) or ())


class ViewCommands(Provider):
    """'View: <name>' for every configured view."""

    def _commands(self) -> list[tuple[str, str, object]]:
        commands = []
        for view in _views(self.app):
            key = f" (key {view.key})" if view.key else ""
            help_text = f"Show the {view.name} view{key}: {view.query or 'every article'}"
            action = partial(self.app.run_action, f"switch_view({view.name!r})")
            commands.append((f"View: {view.name}", help_text, action))
        return commands

    async def discover(self) -> Hits:
        for title, help_text, action in self._commands():
            yield DiscoveryHit(title, action, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), action, help=help_text)


class ThemeCommands(Provider):
    """'Theme: <name>' for every registered theme, applied when chosen."""

    def _commands(self) -> list[tuple[str, str, object]]:
        def use(name: str) -> None:
            self.app.theme = name

        return [
            (f"Theme: {name}", "Switch to this colour theme", partial(use, name))
            for name in sorted(self.app.available_themes)
        ]

    async def discover(self) -> Hits:
        for title, help_text, action in self._commands():
            if title.startswith("Theme: newsdesk-"):
                yield DiscoveryHit(title, action, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), action, help=help_text)
