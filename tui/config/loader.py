"""Load ``config.yaml`` into a :class:`~tui.config.model.Config`, with errors that point.

    loaded = load_config()            # tui.paths.config_path(): --config / NEWSDESK_CONFIG
    for error in loaded.errors:       # str(error) == "file:line:col: message"
        print(error)
    loaded.config                     # the defaults when there were errors

A missing file means the defaults and no error. Any error in the file means the whole
config falls back to the defaults (so a half-applied config never surprises anyone),
and the app shows a notice naming the first error. Theme files are checked too; a broken
theme is skipped and reported in ``theme_errors`` without discarding the config.

Keymap ids and clashes are checked against the app's bindings when the caller passes
them (``bindings=``: the app and ``newsdesk config check`` do); without them only the
key syntax is checked.

How: the YAML node tree becomes plain data (:mod:`tui.config.nodes`), pydantic checks it
against :mod:`tui.config.schema`, :mod:`tui.config.cross_checks` checks entries against
each other, and :class:`_Where` words each error and finds its line and column.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.config.bindings import BindingInfo
from tui.config.cross_checks import clashes, view_name, views_twice, with_view_keys
from tui.config.errors import ConfigError, ConfigFileRefused
from tui.config.loaded import LoadedConfig
from tui.config.model import Config, default_config
from tui.config.nodes import Data, Loc, Scalar, canonical_key, describe, node_at, to_data
from tui.config.suggest import did_you_mean, one_of, shown
from tui.config.themes import ThemeSpec, load_themes_with_errors

__all__ = ["LoadedConfig", "load_config"]

if TYPE_CHECKING:
    from pydantic import BaseModel
    from pydantic_core import ErrorDetails
    from yaml.nodes import Node


def load_config(
    path: Path | None = None,
    *,
    bindings: Sequence[BindingInfo] | None = None,
    themes: dict[str, ThemeSpec] | None = None,
    theme_errors: Sequence[ConfigError] = (),
) -> LoadedConfig:
    """Read and validate the config at ``path`` (None: the usual location).

    ``bindings``: the app's bindings, to check keymap ids and clashes against.
    ``themes``: the themes to accept names of (None: load shipped and user themes), and
    ``theme_errors`` the errors of the theme files left out of them (so ``theme:`` naming
    a broken file says so, not "unknown theme").
    """
    from tui.paths import config_path

    path = config_path() if path is None else Path(path)
    theme_errors = list(theme_errors)
    if themes is None:
        themes, theme_errors = load_themes_with_errors(config_file=path)
    loaded = LoadedConfig(default_config(), [], path, themes, theme_errors)
    if not path.exists() and not path.is_symlink():
        return loaded
    from tui.config.yamlsafe import read_yaml

    try:
        root = read_yaml(path)
    except ConfigFileRefused as exc:
        loaded.errors.append(exc.error)
        return loaded
    if root is None:  # nothing but comments
        return loaded
    broken = {e.path.stem: str(e.path) for e in theme_errors if e.path.stem not in themes}
    config, errors, warnings, theme_left_out = _validate(path, root, bindings, list(themes), broken)
    loaded.errors.extend(errors)
    if not errors:
        loaded.config = config
        loaded.warnings.extend(warnings)
        if theme_left_out is not None:
            loaded.theme_fallback, warning = theme_left_out
            loaded.warnings.append(warning)
    return loaded


def _validate(
    path: Path,
    root: Node,
    bindings: Sequence[BindingInfo] | None,
    themes: list[str],
    broken_themes: dict[str, str],
) -> tuple[Config, list[ConfigError], list[ConfigError], tuple[str, ConfigError] | None]:
    """The config in ``root`` (the defaults when it has errors), its errors in file
    order, its warnings (what was left out of a config that applies), and the theme
    left out for the default with the warning that says so, if it was.
    ``broken_themes``: the theme files left out for their errors, by name."""
    from pydantic import ValidationError

    from tui.config.schema import ConfigModel

    data, structural = to_data(root)
    where = _Where(path, root, data)
    errors = [where.error((), words(where.label(loc)), node) for loc, node, words in structural]
    warnings = _drop_bad_keys(data, where)
    theme_left_out = _drop_unusable_theme(data, where, themes, broken_themes)
    if bindings is not None:
        bindings = with_view_keys(bindings, data)
    known = sorted({b.id for b in bindings if b.id}) if bindings is not None else None
    context = {"themes": themes, "broken_themes": broken_themes, "binding_ids": known}
    model = None
    try:
        model = ConfigModel.model_validate(data, context=context)
    except ValidationError as exc:
        errors += [where.translate(error) for error in exc.errors(include_url=False)]
    if bindings is not None:
        errors += [where.error(loc, message) for loc, message in clashes(data, bindings)]
    errors += [where.error(loc, message) for loc, message in views_twice(data, where.line)]
    if errors and theme_left_out is not None:  # the defaults apply anyway: said with the rest
        errors.append(theme_left_out[1])
    errors.sort(key=lambda error: (error.line, error.column))
    if errors or model is None:
        return default_config(), errors, [], None
    return model.config(), [], warnings, theme_left_out


def _drop_bad_keys(data: Data, where: _Where) -> list[ConfigError]:
    """Keymap entries with good keys and bad ones keep the good ones (in ``data``); a
    warning names each key left out. An entry with no good key stays as written, and
    is an error: its binding would have no key at all.

    One mistyped key (``ctrl+qq, q``) once dropped the whole config for the defaults,
    the user's views and theme with it, for a binding that still had a key that works.
    """
    from tui.config.keys import key_problem
    from tui.config.schema import KEY_EXAMPLES, keys_of

    keymap = data.get("keymap") if isinstance(data, dict) else None
    if not isinstance(keymap, dict):
        return []
    warnings = []
    for binding_id, value in keymap.items():
        keys = keys_of(value)
        if not keys:
            continue
        problems = {key: key_problem(key) for key in keys}
        good = [key for key, wrong in problems.items() if wrong is None]
        if not good or len(good) == len(keys):
            continue
        keymap[binding_id] = Scalar(",".join(good), "tag:yaml.org,2002:str")
        loc = ("keymap", str(binding_id))
        kept = ", ".join(shown(key) for key in good)
        for key, wrong in problems.items():
            if wrong is not None:
                message, suggestion = wrong
                hint = f"; did you mean {shown(suggestion)}?" if suggestion else ""
                warnings.append(
                    where.error(
                        loc,
                        f"{where.label(loc)}: {shown(key)} left out ({message}), {kept} "
                        f"kept; {KEY_EXAMPLES}{hint}",
                    )
                )
    return warnings


def _drop_unusable_theme(
    data: Data, where: _Where, themes: list[str], broken: dict[str, str]
) -> tuple[str, ConfigError] | None:
    """An unknown theme, or one whose file has errors, is left out (of ``data``): the
    default theme is used and the rest of the config applies. Returns the name left out
    and the warning that says so.

    A mistyped theme name once dropped the whole config for the defaults, the user's
    views and keymap with it, even under NO_COLOR, where the theme is not used at all.
    """
    from tui.config.schema import theme_problem

    if not isinstance(data, dict):
        return None
    name = data.get("theme")
    if not isinstance(name, str) or not name.strip():
        return None  # not text, or empty: an error of the file, said as one
    wrong = theme_problem(name, themes, broken)
    if wrong is None:
        return None
    default = shown(default_config().theme)
    warning = where.error(("theme",), f"the default theme {default} is used: {wrong}")
    del data["theme"]
    return str(name), warning


class _Where:
    """Names and places for error paths: ``'sort' of view 'Inbox'`` at ``file:3:11``."""

    def __init__(self, path: Path, root: Node, data: Data) -> None:
        self.path, self.root, self.data = path, root, data

    def error(
        self, loc: Loc, message: str, node: Node | None = None, column_offset: int = 0
    ) -> ConfigError:
        mark = (node if node is not None else node_at(self.root, loc)).start_mark
        return ConfigError(self.path, mark.line + 1, mark.column + 1 + column_offset, message)

    def line(self, loc: Loc) -> int:
        """The line (1-based) of the value at ``loc``."""
        return int(node_at(self.root, loc).start_mark.line) + 1

    def translate(self, error: ErrorDetails) -> ConfigError:
        """One error pydantic reported, worded as ours (see :mod:`tui.config.schema`)."""
        from tui.config.schema import PROBLEM

        loc, kind, context = error["loc"], error["type"], error.get("ctx") or {}
        if kind == "extra_forbidden":
            fields, key = _fields(loc[:-1]), str(loc[-1])
            message = (
                f"unknown key {shown(key)} in {self.label(loc[:-1])}; expected {one_of(fields)}"
                + did_you_mean(canonical_key(key), fields)
            )
            return self.error(loc, message, node_at(self.root, (*loc, "[key]")))
        if kind == "missing":
            field = str(loc[-1])
            example = (_model(loc[:-1]).model_fields[field].examples or ["..."])[0]
            message = f"{self.label(loc[:-1])} has no {shown(field)}; expected '{field}: {example}'"
            return self.error(loc, message)
        node, what = node_at(self.root, loc), self.label(loc)
        if kind != PROBLEM:
            expected = _EXPECTED.get(kind, error["msg"].lower())
            return self.error(loc, f"{what} is {describe(node)}; expected {expected}")
        if context["whole"]:
            return self.error(loc, context["says"])
        if context["expected"]:
            part, expected = context.get("part", ""), context["expected"]
            return self.error(loc, f"{what}{part} is {describe(node)}; expected {expected}")
        return self.error(loc, what + context["says"], None, self._into(node, context))

    @staticmethod
    def _into(node: Node, context: dict[str, Any]) -> int:
        """Columns from a query's first character to the one its error is at."""
        if "query_position" not in context or "\n" in node.value:
            return 0
        quoted = 1 if getattr(node, "style", None) in ("'", '"') else 0
        return int(context["query_position"]) + quoted

    def label(self, loc: Loc) -> str:
        """What the value at ``loc`` is called in messages."""
        if not loc:
            return "the config"
        head, rest = canonical_key(str(loc[0])), loc[1:]
        if head == "views" and rest and isinstance(rest[0], int):
            return self._view_part(rest[0], rest[1:])
        if head == "keymap" and rest:
            return f"keymap {shown(rest[0])}"
        if head == "feeds" and rest and isinstance(rest[0], int):
            item = f"feeds item {rest[0] + 1}"
            return f"{item} {shown(canonical_key(str(rest[1])))}" if len(rest) > 1 else item
        return shown(head)

    def _view_part(self, index: int, rest: Loc) -> str:
        name = view_name(self.data, index)
        view = f"view {shown(name)}" if name is not None else f"view {index + 1}"
        if not rest:
            return view
        field = canonical_key(str(rest[0]))
        what = f"{shown(field)} of {view}"
        if field == "name":
            return f"the name of view {index + 1}"
        if field == "layout" and len(rest) >= 3:
            pane = node_at(self.root, ("views", index, rest[0], rest[1], 0)).value
            return what + (": pane" if rest[2] == 0 else f": size of {shown(pane)}")
        return what + ": column" if field == "columns" and len(rest) >= 2 else what


_MAPPING = "a mapping of 'key: value'"
#: What each of pydantic's type errors expected, in our words.
_EXPECTED = {
    "string_type": "text",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": _MAPPING,
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
}


def _model(loc: Loc) -> type[BaseModel]:
    """The model of the mapping at ``loc`` (the config, a view or a feed)."""
    from tui.config.schema import ConfigModel, FeedModel, ViewModel

    if loc and loc[0] == "views":
        return ViewModel
    return FeedModel if loc and loc[0] == "feeds" else ConfigModel


def _fields(loc: Loc) -> list[str]:
    return list(_model(loc).model_fields)
