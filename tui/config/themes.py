"""Themes: small YAML files turned into data the app makes Textual themes of.

A theme file sets Textual's theme colours and the reader's own *roles* (how quotes,
speakers, highlights, search matches, unread rows and captions look)::

    name: newsdesk-dark          # optional; defaults to the file name
    dark: true
    ansi: false                  # true: use the terminal's own 16 colours
    primary: "#4ea1d3"
    background: "#1b1f24"
    ...                          # secondary surface panel foreground accent warning error success
    roles:
      quote: "italic #e5c07b"    # style words, a colour, "on <colour>" for a background
      match: "bold black on #98c379"
    variables:                   # optional: any other Textual theme variable
      footer-key-foreground: "#4ea1d3"

Shipped themes live in ``themes/`` at the top of a checkout (``tui/_themes`` inside a
wheel); the user's in :func:`tui.paths.user_themes_dir`. A user theme with the name of a
shipped one replaces it. This module is data only: no Textual here (see
``tui.app.theming``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.config.colors import ROLE_TOKENS, STYLE_FLAGS, is_color, variable_problem
from tui.config.errors import ConfigError, ConfigFileRefused
from tui.config.suggest import closest, did_you_mean, one_of, shown

if TYPE_CHECKING:
    from yaml.nodes import Node

    from tui.config.nodes import NodeReader

#: Textual theme colours a file may set (``primary`` is required).
THEME_COLORS = (
    "primary",
    "secondary",
    "background",
    "surface",
    "panel",
    "foreground",
    "accent",
    "warning",
    "error",
    "success",
    "boost",
)
#: The reader's roles, each available to TCSS as ``$<role>``, ``$<role>-background``
#: and ``$<role>-style``.
ROLES = ("quote", "speaker", "highlight", "match", "unread", "caption")
THEME_KEYS = ("name", "dark", "ansi", *THEME_COLORS, "roles", "variables")

#: Textual's own themes, also valid names for ``theme:`` in the config.
TEXTUAL_THEMES = (
    "textual-dark",
    "textual-light",
    "nord",
    "gruvbox",
    "catppuccin-mocha",
    "dracula",
    "tokyo-night",
    "monokai",
    "flexoki",
    "catppuccin-latte",
    "catppuccin-frappe",
    "catppuccin-macchiato",
    "solarized-light",
    "solarized-dark",
    "rose-pine",
    "rose-pine-moon",
    "rose-pine-dawn",
    "atom-one-dark",
    "atom-one-light",
    "ansi-dark",
    "ansi-light",
)


@dataclass(frozen=True, slots=True)
class RoleStyle:
    """How one role looks: foreground, background (None = inherit) and text-style flags."""

    color: str | None = None
    background: str | None = None
    style: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ThemeSpec:
    name: str
    primary: str
    colors: dict[str, str] = field(default_factory=dict)
    dark: bool = True
    ansi: bool = False
    roles: dict[str, RoleStyle] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    path: Path | None = None


def shipped_themes_dir() -> Path:
    """``themes/`` of a checkout or editable install, else ``tui/_themes`` in a wheel."""
    package = Path(__file__).resolve().parent.parent  # tui/
    for candidate in (package / "_themes", package.parent / "themes"):
        if candidate.is_dir():
            return candidate
    return package / "_themes"


def theme_dirs(config_file: Path | None = None) -> list[Path]:
    """Where themes are read from, later directories overriding earlier ones: the user's
    are beside ``config_file`` (None: the usual config file)."""
    from tui.paths import user_themes_dir

    return [shipped_themes_dir(), user_themes_dir(config_file)]


def load_themes_with_errors(
    dirs: list[Path] | None = None,
    *,
    config_file: Path | None = None,
    read: Callable[[Path], tuple[ThemeSpec | None, list[ConfigError]]] | None = None,
) -> tuple[dict[str, ThemeSpec], list[ConfigError]]:
    """Every valid theme by name, and the errors of the files that are not.

    ``dirs`` None: :func:`theme_dirs` of ``config_file``. ``read``: how a file is read
    (:func:`load_theme_file`, or the theme cache's)."""
    read = read or load_theme_file
    themes: dict[str, ThemeSpec] = {}
    errors: list[ConfigError] = []
    for directory in theme_dirs(config_file) if dirs is None else dirs:
        if not directory.is_dir():
            continue
        files = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
        for path in files:
            spec, file_errors = read(path)
            errors.extend(file_errors)
            if spec is not None:
                themes[spec.name] = spec
    return themes, errors


def load_themes(dirs: list[Path] | None = None) -> dict[str, ThemeSpec]:
    """Every valid theme by name (files with errors are skipped; see ``config check``)."""
    return load_themes_with_errors(dirs)[0]


def load_theme_file(path: Path) -> tuple[ThemeSpec | None, list[ConfigError]]:
    """One theme file: its spec, or None and the reasons it is broken."""
    from tui.config.nodes import NodeReader
    from tui.config.yamlsafe import read_yaml

    try:
        root = read_yaml(path)
    except ConfigFileRefused as exc:
        return None, [exc.error]
    reader = NodeReader(path)
    if root is None:
        reader.error(None, "theme file is empty; expected at least 'primary: <colour>'")
        return None, reader.errors
    items = reader.mapping(root, "the theme", THEME_KEYS)
    if items is None:
        return None, reader.errors
    values: dict[str, Any] = {"name": path.stem, "colors": {}, "roles": {}, "variables": {}}
    primary_seen = False
    for key, _key_node, node in items:
        if key == "name":
            name = reader.string(node, "'name'", allow_empty=False)
            if name is not None:
                values["name"] = name.strip()
        elif key in ("dark", "ansi"):
            flag = reader.boolean(node, f"{shown(key)}")
            if flag is not None:
                values[key] = flag
        elif key in THEME_COLORS:
            primary_seen = primary_seen or key == "primary"
            colour = _colour(reader, node, f"{shown(key)}")
            if colour is not None:
                values["colors"][key] = colour
        elif key == "roles":
            values["roles"] = _roles(reader, node)
        elif key == "variables":
            values["variables"] = _variables(reader, node)
    if not primary_seen:
        reader.error(root, "the theme has no 'primary'; expected 'primary: <colour>'")
    if reader.errors:
        return None, reader.sorted_errors()
    colors = values.pop("colors")
    primary = colors.pop("primary")
    return ThemeSpec(primary=primary, colors=colors, path=path, **values), []


def _colour(reader: NodeReader, node: Node, what: str) -> str | None:
    from tui.config.colors import COLOR_NAMES

    text: str | None = reader.string(node, what, allow_empty=False)
    if text is None:
        return None
    text = text.strip()
    if not is_color(text):
        reader.error(
            node,
            f"{what} is {shown(text)}; expected a colour like '#1e90ff', 'rgb(30,144,255)', "
            "'dodgerblue' or 'ansi_blue'" + did_you_mean(text.lower(), COLOR_NAMES),
        )
        return None
    return text


def _roles(reader: NodeReader, node: Node) -> dict[str, RoleStyle]:
    roles: dict[str, RoleStyle] = {}
    for role, _key_node, value in reader.mapping(node, "'roles'", ROLES) or []:
        text = reader.string(value, f"role {shown(role)}", allow_empty=False)
        if text is not None:
            style = parse_role(text)
            if isinstance(style, str):
                reader.error(value, f"role {shown(role)}: {style}")
            else:
                roles[role] = style
    return roles


def parse_role(text: str) -> RoleStyle | str:
    """``"bold #e5c07b on black"`` -> RoleStyle; a message saying what is wrong otherwise."""
    words = ROLE_TOKENS.findall(text)
    color = background = None
    flags: list[str] = []
    index = 0
    while index < len(words):
        word = words[index]
        lowered = word.lower()
        if lowered == "on":
            if index + 1 >= len(words) or not is_color(words[index + 1]):
                return "'on' must be followed by a background colour"
            background = words[index + 1]
            index += 2
            continue
        if lowered in STYLE_FLAGS:
            flags.append(lowered)
        elif is_color(word):
            if color is not None:
                return (
                    f"two colours ({shown(color)}, {shown(word)}); "
                    "expected one, then 'on <background>'"
                )
            color = word
        else:
            return (
                f"{shown(word)} is neither a colour nor a style; expected words like "
                f"{one_of(STYLE_FLAGS)}, a colour and 'on <colour>'" + _word_hint(lowered)
            )
        index += 1
    return RoleStyle(color=color, background=background, style=tuple(flags))


#: Text styles Textual has that a role does not take (a role's are STYLE_FLAGS).
_STYLES_NOT_FOR_ROLES = ("blink", "overline")


def _word_hint(word: str) -> str:
    """A did-you-mean for a role's word that is neither a colour nor a style: a style
    word for what looks like one, else a colour. Both lists at once suggested 'linen'
    for 'blinking'."""
    if style := closest(word, STYLE_FLAGS):
        return f"; did you mean {shown(style)}?"
    for other in _STYLES_NOT_FOR_ROLES:
        if word.startswith(other):
            return f"; {shown(other)} is not among a role's styles"
    from tui.config.colors import COLOR_NAMES

    return did_you_mean(word, COLOR_NAMES)


def _variables(reader: NodeReader, node: Node) -> dict[str, str]:
    variables: dict[str, str] = {}
    for name, _key_node, value in reader.mapping(node, "'variables'") or []:
        text = reader.string(value, f"variable {shown(name)}", allow_empty=False)
        if text is None:
            continue
        problem = variable_problem(name, text.strip())
        if problem:
            reader.error(value, f"variable {shown(name)} is {shown(text.strip())}; {problem}")
        else:
            variables[name] = text.strip()
    return variables
