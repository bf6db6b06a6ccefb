"""The command palette's provider: every action of the reader and every view."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class NewsdeskCommands(Provider):
    """Actions (from the live bindings, with their keys) and ``View: <name>`` entries."""

    def _commands(self) -> list[tuple[str, str, str]]:
        app = self.app
        commands: list[tuple[str, str, str]] = []
        for number, view in enumerate(app.config.views):  # type: ignore[attr-defined]
            key = f" (key {view.key})" if view.key else ""
            commands.append((f"View: {view.name}", f"view({number})", f"switch to this view{key}"))
        seen: set[str] = set()
        for _key, binding in app._bindings:
            if binding.system or binding.action in seen or binding.action == "command_palette":
                continue
            if binding.action.startswith("view("):
                continue
            seen.add(binding.action)
            keys = app.get_key_display(binding)
            commands.append((binding.description or binding.action, binding.action, f"key {keys}"))
        return commands

    async def discover(self) -> Hits:
        for name, action, help_text in self._commands():
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(name),
                    partial(self.app.run_action, action),
                    help=help_text,
                )
