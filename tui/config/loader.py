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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.config.bindings import (
    VIEW_ACTION_PREFIX,
    BindingInfo,
    bound_to,
    clashes,
    view_binding_id,
    view_bindings,
)
from tui.config.errors import ConfigError, ConfigFileRefused
from tui.config.keys import key_problem, split_keys
from tui.config.model import DEFAULT_VIEWS, Config, ViewConfig, default_config
from tui.config.nodes import NodeReader, describe
from tui.config.subscriptions import KEYS as SUBSCRIPTION_KEYS
from tui.config.subscriptions import read_subscriptions
from tui.config.suggest import did_you_mean, one_of, shown
from tui.config.themes import TEXTUAL_THEMES, ThemeSpec, load_themes_with_errors
from tui.config.vocabulary import COLUMNS, GROUPS, MAX_PROPORTION, PANES, SORTS

TOP_KEYS = ("views", "keymap", "theme", "mark_read_on_open", *SUBSCRIPTION_KEYS)
VIEW_KEYS = ("name", "query", "sort", "layout", "columns", "key", "speaker_index", "group")


@dataclass
class LoadedConfig:
    """The config to use, the problems found, and the file they were found in."""

    config: Config
    errors: list[ConfigError]
    path: Path
    #: Valid themes by name (shipped and the user's), for the app to register.
    themes: dict[str, ThemeSpec] = field(default_factory=dict)
    #: Problems in theme files (those themes are left out; the config still applies).
    theme_errors: list[ConfigError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.theme_errors

    @property
    def all_errors(self) -> list[ConfigError]:
        return [*self.errors, *self.theme_errors]


def load_config(
    path: Path | None = None,
    *,
    bindings: Sequence[BindingInfo] | None = None,
    themes: dict[str, ThemeSpec] | None = None,
) -> LoadedConfig:
    """Read and validate the config at ``path`` (None: the usual location).

    ``bindings``: the app's bindings, to check keymap ids and clashes against.
    ``themes``: the themes to accept names of (None: load shipped and user themes).
    """
    from tui.paths import config_path

    path = config_path() if path is None else Path(path)
    theme_errors: list[ConfigError] = []
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
    validator = _Validator(path, bindings, [*themes, *TEXTUAL_THEMES])
    config = validator.config(root)
    loaded.errors.extend(validator.sorted_errors())
    if not loaded.errors:
        loaded.config = config
    return loaded


class _Validator(NodeReader):
    def __init__(
        self, path: Path, bindings: Sequence[BindingInfo] | None, theme_names: list[str]
    ) -> None:
        super().__init__(path)
        self.bindings = list(bindings) if bindings is not None else None
        self.view_rows: list[BindingInfo] = []
        self.theme_names = theme_names

    def config(self, root: Any) -> Config:
        if root is None:
            return default_config()
        items = self.mapping(root, "the config", TOP_KEYS)
        if items is None:
            return default_config()
        values: dict[str, Any] = {}
        keymap_nodes: dict[str, Any] = {}
        view_key_nodes: list[tuple[ViewConfig, Any]] = []
        nodes = {key: node for key, _key_node, node in items}
        if "theme" in nodes:
            values["theme"] = self.theme(nodes["theme"])
        if "mark_read_on_open" in nodes:
            values["mark_read_on_open"] = self.boolean(
                nodes["mark_read_on_open"], "'mark_read_on_open'"
            )
        if "views" in nodes:
            values["views"] = self.views(nodes["views"], view_key_nodes)
        self.use_views(values.get("views") or DEFAULT_VIEWS)
        if "keymap" in nodes:
            values["keymap"] = self.keymap(nodes["keymap"], keymap_nodes)
        keymap = values.get("keymap") or {}
        self.check_clashes(keymap, keymap_nodes, view_key_nodes)
        return Config(
            views=values.get("views") or DEFAULT_VIEWS,
            keymap=keymap,
            theme=values.get("theme") or default_config().theme,
            mark_read_on_open=values.get("mark_read_on_open") is not False,
            **read_subscriptions(self, nodes),
        )

    def use_views(self, views: Sequence[ViewConfig]) -> None:
        """The app binds each view's key (id ``view-<name>``): check against these views'."""
        if self.bindings is None:
            return
        others = [b for b in self.bindings if not b.action.startswith(VIEW_ACTION_PREFIX)]
        self.view_rows = view_bindings((view.name, view.key) for view in views)
        self.bindings = others + self.view_rows

    # -- theme -----------------------------------------------------------------------------

    def theme(self, node: Any) -> str | None:
        name = self.string(node, "'theme'", allow_empty=False)
        if name is None:
            return None
        name = name.strip()
        if name not in self.theme_names:
            ours = [theme for theme in self.theme_names if theme not in TEXTUAL_THEMES]
            self.error(
                node,
                f"unknown theme {shown(name)}; expected {one_of(sorted(ours))} (themes/ and your "
                "themes folder) or a Textual theme such as 'nord'"
                + did_you_mean(name, self.theme_names),
            )
            return None
        return name

    # -- keymap ----------------------------------------------------------------------------

    def keymap(self, node: Any, nodes: dict[str, Any]) -> dict[str, str]:
        keymap: dict[str, str] = {}
        known = sorted({b.id for b in self.bindings or () if b.id}) if self.bindings else None
        for binding_id, key_node, value in self.mapping(node, "'keymap'") or []:
            if known is not None and binding_id not in known:
                self.error(
                    key_node,
                    f"unknown binding id {shown(binding_id)} in 'keymap'; expected a binding id "
                    "(see 'newsdesk config bindings')" + did_you_mean(binding_id, known),
                )
                continue
            keys = self.keys(value, f"keymap {shown(binding_id)}")
            if keys is not None:
                keymap[binding_id] = keys
                nodes[binding_id] = value
        return keymap

    def keys(self, node: Any, what: str) -> str | None:
        """Comma-separated keys (or a list of keys), each checked; Textual's format out."""
        import yaml

        if isinstance(node, yaml.SequenceNode):
            parts = [self.string(item, what, allow_empty=False) for item in node.value]
            if any(part is None for part in parts):
                return None
            keys = [str(part).strip() for part in parts]
        else:
            text = self.string(node, what, allow_empty=False)
            if text is None:
                return None
            keys = split_keys(text)
        if not keys:
            self.error(node, f"{what} is empty; expected keys like 'r' or 'ctrl+r, f5'")
            return None
        ok = True
        for key in keys:
            problem = key_problem(key)
            if problem is not None:
                message, suggestion = problem
                hint = f"; did you mean {shown(suggestion)}?" if suggestion else ""
                self.error(
                    node,
                    f"{what}: {message} in {shown(key)}; expected keys like 'r', 'ctrl+r', 'f5' "
                    f"or 'question_mark'{hint}",
                )
                ok = False
        return ",".join(keys) if ok else None

    def check_clashes(
        self,
        keymap: dict[str, str],
        keymap_nodes: dict[str, Any],
        view_keys: list[tuple[ViewConfig, Any]],
    ) -> None:
        if self.bindings is None:
            return
        for clash in clashes(self.bindings, keymap):
            names = [binding.label for binding in clash.bindings]
            culprit = next(b.id for b in clash.bindings if b.id in keymap_nodes)
            self.error(
                keymap_nodes[culprit],
                f"key {shown(clash.key)} is bound to both {one_of(names).replace(' or ', ' and ')} "
                f"in {clash.scope}; expected each key once per scope (change one of them)",
            )
        others = [b for b in self.bindings if not b.action.startswith(VIEW_ACTION_PREFIX)]
        for view, node in view_keys:
            assert view.key is not None
            if view_binding_id(view.name) in keymap:
                continue  # its key comes from the keymap; clashes were checked above
            # A binding moved onto this key by the keymap was reported as a clash above.
            taken = [b for b in bound_to(others, keymap, view.key) if b.id not in keymap]
            if taken:
                self.error(
                    node,
                    f"key {shown(view.key)} of view {shown(view.name)} is also bound to "
                    f"{shown(taken[0].label)} ({taken[0].scope}); expected a key no binding uses, "
                    f"or rebind {shown(taken[0].label)} in 'keymap'",
                )

    # -- views -----------------------------------------------------------------------------

    def views(self, node: Any, key_nodes: list[tuple[ViewConfig, Any]]) -> tuple[ViewConfig, ...]:
        items = self.sequence(node, "'views'")
        if items is None:
            return ()
        if not items:
            self.error(node, "'views' is empty; expected at least one view")
            return ()
        views: list[ViewConfig] = []
        names: dict[str, Any] = {}
        keys: dict[str, Any] = {}
        for index, item in enumerate(items, start=1):
            view, whole = self.view(item, index)
            if view is None:
                continue
            folded = view.name.casefold()
            if folded in names:
                first = names[folded].start_mark.line + 1
                self.error(item, f"view {shown(view.name)} is named twice (first on line {first})")
                continue
            names[folded] = item
            if view.key is not None:
                key_node = self._view_key_node(item)
                if view.key in keys:
                    self.error(
                        key_node,
                        f"key {shown(view.key)} of view {shown(view.name)} is already the key "
                        f"of view {shown(keys[view.key])}; expected a different key",
                    )
                else:
                    keys[view.key] = view.name
                    key_nodes.append((view, key_node))
            if whole:
                views.append(view)
        return tuple(views)

    @staticmethod
    def _view_key_node(item: Any) -> Any:
        for key_node, value in item.value:
            if key_node.value == "key":
                return value
        return item

    def view(self, node: Any, index: int) -> tuple[ViewConfig | None, bool]:
        """(the view, whether it is whole). A view with errors still gives its name and
        key when those are right, so its key is checked against the others (a clash is
        reported with the other errors, not after they are fixed)."""
        before = len(self.errors)
        items = self.mapping(node, _view_label(node, index), VIEW_KEYS)
        if items is None:
            return None, False
        fields = {key: value for key, _key_node, value in items}
        name = None
        if "name" in fields:
            name = self.string(fields["name"], f"the name of view {index}", allow_empty=False)
        else:
            self.error(node, f"view {index} has no 'name'; expected 'name: <text>'")
        label = f"view {shown(name)}" if name else f"view {index}"
        values: dict[str, Any] = {}
        for key, value in fields.items():
            if key == "query":
                values["query"] = self.query(value, f"'query' of {label}")
            elif key == "sort":
                values["sort"] = self.choice(value, f"'sort' of {label}", SORTS)
            elif key == "layout":
                values["layout"] = self.layout(value, f"'layout' of {label}")
            elif key == "columns":
                values["columns"] = self.columns(value, f"'columns' of {label}")
            elif key == "key":
                values["key"] = self.view_key(value, f"'key' of {label}")
            elif key == "speaker_index":
                values["speaker_index"] = self.boolean(value, f"'speaker_index' of {label}")
            elif key == "group":
                group = self.choice(value, f"'group' of {label}", GROUPS)
                values["group"] = None if group == "none" else group
        if name is None:
            return None, False
        if len(self.errors) > before:
            return ViewConfig(name=name.strip(), key=values.get("key")), False
        return ViewConfig(name=name.strip(), **values), True

    def query(self, node: Any, what: str) -> str | None:
        text = self.string(node, what)
        if text is None:
            return None
        try:
            from tui.search.query import QueryError, parse_query
        except ImportError:  # the search layer is not there: accept the text as written
            return text
        try:
            parse_query(text)
        except QueryError as exc:
            quoted = 1 if getattr(node, "style", None) in ("'", '"') else 0
            offset = exc.position + quoted if "\n" not in text else 0
            self.error(
                node,
                f"{what}: {exc.message} (at character {exc.position + 1}); expected a query "
                "in the search language (see 'newsdesk search --help')",
                column_offset=offset,
            )
            return None
        return text

    def choice(self, node: Any, what: str, choices: Sequence[str]) -> str | None:
        text = self.string(node, what, allow_empty=False)
        if text is None:
            return None
        text = text.strip()
        if text not in choices:
            self.error(
                node,
                f"{what} is {shown(text)}; expected {one_of(choices)}"
                + did_you_mean(text, choices),
            )
            return None
        return text

    def layout(self, node: Any, what: str) -> tuple[tuple[str, int], ...] | None:
        """``[list: 2, article: 3]``, ``{list: 2, article: 3}`` or ``[list, article]``."""
        import yaml

        pairs: list[tuple[Any, Any | None]] = []
        if isinstance(node, yaml.MappingNode):
            pairs = [(key, value) for key, value in node.value]
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                if isinstance(item, yaml.MappingNode) and len(item.value) == 1:
                    pairs.append(item.value[0])
                elif isinstance(item, yaml.ScalarNode):
                    pairs.append((item, None))
                else:
                    self.error(
                        item,
                        f"{what}: an entry is {describe(item)}; expected 'pane: proportion' "
                        "like 'list: 2'",
                    )
                    return None
        else:
            self.error(
                node,
                f"{what} is {describe(node)}; expected a list like "
                "[list: 2, article: 3, quotes: 1]",
            )
            return None
        if not pairs:
            self.error(node, f"{what} is empty; expected at least one pane of {one_of(PANES)}")
            return None
        layout: list[tuple[str, int]] = []
        for pane_node, size_node in pairs:
            pane = self.choice(pane_node, f"{what}: pane", PANES)
            size = (
                1
                if size_node is None
                else self.integer(
                    size_node,
                    f"{what}: size of {shown(pane or 'pane')}",
                    low=1,
                    high=MAX_PROPORTION,
                )
            )
            if pane is None or size is None:
                continue
            if any(pane == seen for seen, _ in layout):
                self.error(pane_node, f"{what}: pane {shown(pane)} appears twice; expected it once")
                continue
            layout.append((pane, size))
        return tuple(layout)

    def columns(self, node: Any, what: str) -> tuple[str, ...] | None:
        items = self.sequence(node, what)
        if items is None:
            return None
        if not items:
            self.error(node, f"{what} is empty; expected some of {one_of(COLUMNS)}")
            return None
        columns: list[str] = []
        for item in items:
            column = self.choice(item, f"{what}: column", COLUMNS)
            if column is None:
                continue
            if column in columns:
                self.error(item, f"{what}: column {shown(column)} appears twice; expected it once")
                continue
            columns.append(column)
        return tuple(columns)

    def view_key(self, node: Any, what: str) -> str | None:
        text = self.string(node, what, allow_empty=False)
        if text is None:
            return None
        key = text.strip()
        if "," in key and key != ",":
            self.error(node, f"{what} is {shown(key)}; expected one key like '5' or 'f5'")
            return None
        problem = key_problem(key)
        if problem is not None:
            message, suggestion = problem
            hint = f"; did you mean {shown(suggestion)}?" if suggestion else ""
            self.error(node, f"{what}: {message}; expected one key like '5' or 'f5'{hint}")
            return None
        return key


def _view_label(node: Any, index: int) -> str:
    """``view 'Inbox'`` when the view's name can be read, else ``view 2``."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if getattr(key, "value", None) == "name" and isinstance(value, yaml.ScalarNode):
                return f"view {shown(value.value)}"
    return f"view {index}"
