"""The command palette's provider: every action of the reader and every view."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

#: (name, what runs it, help text): one palette entry.
Command = tuple[str, Callable[[], Any], str]


class NewsdeskCommands(Provider):
    """``View: <name>`` entries, then the actions of the keys active where the palette
    was opened (``Screen.active_bindings``: the focused pane's, the screen's, the app's),
    each with its key as the user's keymap has it."""

    def commands(self) -> list[Command]:
        app: Any = self.app
        run = app.run_action
        commands: list[Command] = []
        for number, view in enumerate(app.config.views):
            key = f" (key {view.key})" if view.key else ""
            action = partial(run, f"view({number})", app.reader)
            commands.append((f"View: {view.name}", action, f"switch to this view{key}"))
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.system or binding.action in seen or binding.action == "command_palette":
                continue
            if binding.action.startswith("view("):
                continue
            seen.add(binding.action)
            keys = app.get_key_display(binding)
            action = partial(run, binding.action, active.node)
            commands.append((binding.description or binding.action, action, f"key {keys}"))
        return commands

    async def discover(self) -> Hits:
        for name, action, help_text in self.commands():
            yield DiscoveryHit(name, action, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), action, help=help_text)
