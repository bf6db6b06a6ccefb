"""Apply a loaded config to the running app: themes, theme, keymap, view keys, notices.

The app calls, in this order::

    loaded = load_app_config(config_path)       # before or in App.__init__
    install_config(self, loaded)                # in App.__init__ (TCSS needs the roles)
    ...
    announce_config_problems(self, loaded)      # in on_mount: a notice, never a traceback

``install_config`` registers the shipped and user themes, selects the configured theme,
applies the keymap with ``App.set_keymap`` and binds each view's key to the app's
``switch_view(name)`` action. A broken config has already fallen back to the defaults in
``load_config``; the notice names the first error and how to see them all.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from tui.app.theming import register_themes
from tui.config.loader import LoadedConfig, load_config
from tui.config.model import ViewConfig

#: Used when the configured theme cannot be registered (a colour Textual refuses).
FALLBACK_THEME = "newsdesk-dark"


def load_app_config(path: Path | None = None) -> LoadedConfig:
    """``load_config`` checked against the app's own bindings (ids and clashes)."""
    from tui.app.binding_catalog import app_bindings

    return load_config(path, bindings=app_bindings() or None)


def install_config(app: App, loaded: LoadedConfig) -> list[str]:
    """Themes, theme, keymap and view keys; returns the theme names Textual refused."""
    refused = register_themes(app, loaded.themes)
    theme = loaded.config.theme
    if theme not in app.available_themes:
        theme = FALLBACK_THEME if FALLBACK_THEME in app.available_themes else "textual-dark"
    app.theme = theme
    app.set_keymap(dict(loaded.config.keymap))
    bind_view_keys(app, loaded.config.views)
    return refused


def bind_view_keys(app: App, views: tuple[ViewConfig, ...]) -> None:
    """Each view's key runs ``app.switch_view(<name>)`` (the app implements the action)."""
    for view in views:
        if view.key:
            app.bind(view.key, f"switch_view({view.name!r})", description=view.name, show=False)


def config_problems(loaded: LoadedConfig, refused: list[str] | None = None) -> str | None:
    """One notice for the user, or None when the config and themes are fine."""
    lines: list[str] = []
    if loaded.errors:
        more = len(loaded.errors) - 1
        lines.append(
            f"Config error, using the defaults: {loaded.errors[0]}"
            + (f" (and {more} more)" if more else "")
        )
    if loaded.theme_errors:
        more = len(loaded.theme_errors) - 1
        lines.append(
            f"Theme skipped: {loaded.theme_errors[0]}" + (f" (and {more} more)" if more else "")
        )
    if refused:
        lines.append(f"Theme colours Textual cannot use: {', '.join(refused)}")
    if not lines:
        return None
    lines.append("Run 'newsdesk config check' to see every problem.")
    return "\n".join(lines)


def announce_config_problems(
    app: App, loaded: LoadedConfig, refused: list[str] | None = None
) -> None:
    """A notice naming the first error (plain text: paths and values are not markup)."""
    message = config_problems(loaded, refused)
    if message:
        app.notify(message, title="Configuration", severity="error", timeout=15, markup=False)
