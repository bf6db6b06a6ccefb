"""Shipped and user themes (``tui.config.themes`` data) turned into Textual ``Theme``s.

Each reader role (quote, speaker, highlight, match, unread, caption) becomes three theme
variables, so TCSS can say ``color: $quote; background: $quote-background;
text-style: $quote-style;``.
Themes that do not set a role (Textual's own, or a user theme that leaves one out) get
values derived from their colours, so every theme can be picked at run time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from textual.app import App
from textual.color import Color, ColorParseError
from textual.filter import LineFilter, Monochrome, NoColor
from textual.theme import BUILTIN_THEMES, Theme

from tui.config.themes import ROLES, RoleStyle, ThemeSpec

#: The theme variables each role gives TCSS (``$quote``, ``$quote-background``, ...).
ROLE_VARIABLES = tuple(role + suffix for role in ROLES for suffix in ("", "-background", "-style"))

#: What a role looks like in a theme that does not say: (colour source, style, background).
_ROLE_FALLBACKS: dict[str, tuple[str, str, str | None]] = {
    "quote": ("accent", "italic", None),
    "speaker": ("primary", "bold", None),
    "highlight": ("background", "none", "warning"),
    "match": ("background", "bold", "success"),
    "unread": ("foreground", "bold", None),
    "caption": ("foreground", "dim italic", None),
}


def role_variables(role: str, style: RoleStyle, theme: Theme) -> dict[str, str]:
    """The ``$role``, ``$role-background`` and ``$role-style`` variables of one role."""
    source, default_style, default_background = _ROLE_FALLBACKS[role]
    color = style.color or _theme_color(theme, source)
    background = style.background or (
        f"{_theme_color(theme, default_background)} 70%" if default_background else "transparent"
    )
    if style.color is None and style.background is None and style.style:
        background = "transparent"  # a style-only role (monochrome themes) keeps it that way
        color = _theme_color(theme, "foreground")
    flags = " ".join(style.style) if style.style else default_style
    return {role: color, f"{role}-background": background, f"{role}-style": flags}


def roles_for(theme: Theme, roles: Mapping[str, RoleStyle] | None = None) -> dict[str, str]:
    """All role variables for ``theme``: its own roles where set, derived ones elsewhere."""
    variables: dict[str, str] = {}
    for role in ROLES:
        variables.update(role_variables(role, (roles or {}).get(role, RoleStyle()), theme))
    return variables


def theme_from_spec(spec: ThemeSpec) -> Theme:
    """A Textual Theme for a spec; raises ColorParseError if Textual rejects a colour."""
    for value in (spec.primary, *spec.colors.values()):
        Color.parse(value)
    colors: dict[str, Any] = dict(spec.colors)  # Theme's colour keywords, by name
    base = Theme(
        name=spec.name,
        primary=spec.primary,
        dark=spec.dark,
        ansi=spec.ansi,
        variables=dict(spec.variables),
        **colors,
    )
    # Textual's ANSI themes carry variables its ANSI colour system does not generate.
    ansi_defaults = (
        BUILTIN_THEMES["ansi-dark" if spec.dark else "ansi-light"].variables if spec.ansi else {}
    )
    variables = {**ansi_defaults, **roles_for(base, spec.roles), **spec.variables}
    for name in ROLES:
        for suffix in ("", "-background"):
            value = variables[name + suffix]
            Color.parse(value.removesuffix(" 70%"))
    return replace(base, variables=variables)


def register_themes(app: App, specs: Mapping[str, ThemeSpec]) -> list[str]:
    """Register every spec as a Textual theme, and give Textual's own themes the roles.

    Call it before the stylesheet is parsed (TCSS uses ``$quote``), or give the
    stylesheet the new variables after. Returns the names of the specs Textual refused
    (a colour it cannot parse); the others are registered, so one bad user theme never
    stops the app.
    """
    refused: list[str] = []
    for theme in list(app.available_themes.values()):
        if "quote" not in theme.variables:
            app.register_theme(replace(theme, variables={**roles_for(theme), **theme.variables}))
    for name, spec in specs.items():
        try:
            app.register_theme(theme_from_spec(spec))
        except ColorParseError:
            refused.append(name)
    return refused


def no_color_filters(app: App, filters: Sequence[LineFilter]) -> list[LineFilter]:
    """``filters`` with the NO_COLOR filter that suits the current theme.

    Textual picks its NO_COLOR filter once, from the theme the App starts with: greys
    (``Monochrome``) for a true-colour theme, no colour at all (``NoColor``) for an ANSI
    one. Newsdesk picks the theme later, and greys computed from the terminal's
    ``ansi_default`` come out black on black, so the filter follows the theme instead
    (the app's ``get_line_filters`` asks here on every use).
    """
    if not app.no_color:
        return list(filters)
    wanted = _NO_COLOR_FILTERS[NoColor if app.native_ansi_color else Monochrome]
    return [wanted if isinstance(f, (NoColor, Monochrome)) else f for f in filters]


#: One instance of each (filters keep caches of what they have converted).
_NO_COLOR_FILTERS: dict[type, LineFilter] = {NoColor: NoColor(), Monochrome: Monochrome()}


def role_variable_defaults(app: App) -> dict[str, str]:
    """Role variables for whatever theme is current: return it from the app's
    ``get_theme_variable_defaults`` so TCSS using ``$quote`` parses under any theme."""
    return roles_for(app.current_theme)


def _theme_color(theme: Theme, name: str) -> str:
    value = getattr(theme, name, None)
    if value:
        return value
    generated = theme.to_color_system().generate()
    return generated.get(name, "ansi_default")


def startup_themes(name: str) -> dict[str, ThemeSpec]:
    """The configured theme alone, when its file is named after it (the rest load after
    the first frame); else every theme. An unchanged file comes from the theme cache: no
    YAML before the first frame."""
    from tui.config.theme_cache import load_theme_file_cached
    from tui.config.themes import load_themes, theme_dirs

    found = None
    for directory in theme_dirs():  # later folders (the user's) override earlier ones
        for suffix in (".yaml", ".yml"):
            path = directory / f"{name}{suffix}"
            if path.is_file():
                found = path
    if found is not None:
        spec, errors = load_theme_file_cached(found)
        if spec is not None and not errors and spec.name == name:
            return {name: spec}
    return load_themes()
