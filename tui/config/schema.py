"""The shape of ``config.yaml`` as pydantic models: what each key takes, checked by pydantic.

The loader turns the YAML node tree into plain data (:func:`tui.config.nodes.to_data`) and
validates it here; each error pydantic reports carries the path of the value it is about,
which the loader turns back into ``file:line:col`` through the node tree. The checks that
are ours (key names, themes, queries, choices with did-you-mean) raise :func:`problem`
errors whose text is already the message; pydantic's own errors (wrong type, unknown or
missing key) are worded by the loader.

This module imports pydantic (about 85 ms of CPU), so it is imported only when a config
file exists: a start without one never pays for it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Annotated

from pydantic import (
    AfterValidator,
    AliasChoices,
    AliasGenerator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from tui.config.keys import key_problem, normalize_key, split_keys
from tui.config.model import DEFAULT_VIEWS, Config, FeedConfig, ViewConfig, default_config
from tui.config.nodes import BOOL_TAG, INT_TAG, Loc, Scalar
from tui.config.subscriptions import MIN_REFRESH_SECONDS, duration_seconds
from tui.config.suggest import did_you_mean, one_of, shown
from tui.config.themes import TEXTUAL_THEMES
from tui.config.vocabulary import COLUMNS, GROUPS, MAX_PROPORTION, PANES, SORTS

#: The error type of our own checks; their context holds the message.
PROBLEM = "newsdesk"
KEY_EXAMPLES = "expected keys like 'r', 'ctrl+r', 'f5' or 'question_mark'"


def problem(
    says: str = "", *, expected: str = "", whole: bool = False, **extra: object
) -> PydanticCustomError:
    """An error whose message the loader builds from ``says`` (after the value's label,
    or alone when ``whole``) or from ``expected`` ("<label> is <value>; expected ...")."""
    context = {"says": says, "expected": expected, "whole": whole, **extra}
    return PydanticCustomError(PROBLEM, "{says}", context)


def problems(errors: Sequence[tuple[Loc, PydanticCustomError]], value: object) -> ValidationError:
    """Several errors at once, each at a path below the value being checked."""
    details = [InitErrorDetails(type=error, loc=loc, input=value) for loc, error in errors]
    return ValidationError.from_exception_data("config", details)


# -- scalars ----------------------------------------------------------------------------------


def _yaml_bool(value: object) -> bool:
    if isinstance(value, Scalar) and value.tag == BOOL_TAG:
        return value.lower() in ("true", "yes", "on", "y")
    raise problem(expected="true or false")


def _proportion(value: object) -> int:
    if isinstance(value, Scalar) and value.tag == INT_TAG:
        try:
            number = int(value.replace("_", ""), 0)
        except ValueError:
            number = 0
        if 1 <= number <= MAX_PROPORTION:
            return number
    raise problem(expected=f"a whole number 1-{MAX_PROPORTION}")


def _null_is_empty(value: object) -> object:
    return "" if value is None else value


def _filled(text: str) -> str:
    if not text.strip():
        raise problem(" is empty; expected text")
    return text.strip()


YamlBool = Annotated[bool, BeforeValidator(_yaml_bool)]
#: Any scalar as the text written (``1`` is ``"1"``); nothing written is ``""``.
Text = Annotated[str, BeforeValidator(_null_is_empty)]
#: Text with something in it, stripped.
Filled = Annotated[Text, AfterValidator(_filled)]


def choice(choices: Sequence[str]) -> Callable[[str], str]:
    """A check that the text is one of ``choices``, suggesting the closest when not."""

    def check(text: str) -> str:
        if text not in choices:
            hint = did_you_mean(text, choices)
            raise problem(f" is {shown(text)}; expected {one_of(choices)}{hint}")
        return text

    return check


def _list_of_one(value: object) -> object:
    """A scalar where a list is expected stands for a list of one (``watch: ~/in``)."""
    return [value] if isinstance(value, str) else value


def _twice(values: Sequence[str], below: Loc = ()) -> list[tuple[Loc, PydanticCustomError]]:
    """An error at each value that repeats an earlier one (``below``: the path from the
    item to the value, as in a layout's (pane, size) pairs)."""
    errors = []
    for index, value in enumerate(values):
        if value in values[:index]:
            says = f" {shown(value)} appears twice; expected it once"
            errors.append(((index, *below), problem(says)))
    return errors


def _unique_columns(columns: tuple[str, ...]) -> tuple[str, ...]:
    errors = _twice(columns)
    if errors:
        raise problems(errors, columns)
    return columns


def _unique_panes(pairs: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    errors = _twice([pane for pane, _size in pairs], below=(0,))
    if errors:
        raise problems(errors, pairs)
    return pairs


def _not_empty(expected: str) -> Callable[[tuple[object, ...]], tuple[object, ...]]:
    def check(values: tuple[object, ...]) -> tuple[object, ...]:
        if not values:
            raise problem(f" is empty; expected {expected}")
        return values

    return check


# -- the theme and the keymap ---------------------------------------------------------------


def theme_problem(name: str, themes: Sequence[str], broken: Mapping[str, str]) -> str | None:
    """Why ``theme: name`` cannot be used, or None: ``themes`` the valid theme files'
    names, ``broken`` the files left out for their errors, by name."""
    names = [*themes, *TEXTUAL_THEMES]
    if name in names:
        return None
    if name in broken:
        return (
            f"theme {shown(name)} is left out: its file {shown(broken[name])} has errors"
            "; mend them, or choose another theme"
        )
    ours = sorted(theme for theme in names if theme not in TEXTUAL_THEMES)
    return (
        f"unknown theme {shown(name)}; expected {one_of(ours)} (themes/ and your themes "
        "folder) or a Textual theme such as 'nord'" + did_you_mean(name, names)
    )


def _theme(name: str, info: ValidationInfo) -> str:
    context = info.context or {}
    wrong = theme_problem(name, context.get("themes", ()), context.get("broken_themes", {}))
    if wrong is not None:
        raise problem(wrong, whole=True)
    return name


def _binding_id(binding_id: str, info: ValidationInfo) -> str:
    known: list[str] | None = (info.context or {}).get("binding_ids")
    if known is not None and binding_id not in known:
        raise problem(
            f"unknown binding id {shown(binding_id)} in 'keymap'; expected a binding id "
            "(see 'newsdesk config bindings')" + did_you_mean(binding_id, known),
            whole=True,
        )
    return binding_id


def keys_problems(keys: list[str]) -> list[str]:
    """What is wrong with each key of a keymap entry (nothing: they all work)."""
    if not keys or keys == [""]:
        return [" is empty; expected keys like 'r' or 'ctrl+r, f5'"]
    found = []
    for key in keys:
        wrong = key_problem(key)
        if wrong is not None:
            message, suggestion = wrong
            hint = f"; did you mean {shown(suggestion)}?" if suggestion else ""
            found.append(f": {message} in {shown(key)}; {KEY_EXAMPLES}{hint}")
    return found


def keys_of(value: object) -> list[str] | None:
    """The keys of a keymap entry written as text or as a list (None: neither)."""
    value = _null_is_empty(value)
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value]
    return split_keys(value) if isinstance(value, str) else None


def _keys(value: object) -> str:
    """Comma-separated keys (or a list of keys), each checked; Textual's format out."""
    if isinstance(value, list):
        wrong = [i for i, item in enumerate(value) if not isinstance(item, str)]
        if wrong:
            raise problems([((i,), problem(expected="text")) for i in wrong], value)
    keys = keys_of(value)
    if keys is None:
        raise problem(expected="text")
    found = keys_problems(keys)
    if found:
        raise problems([((), problem(says)) for says in found], value)
    return ",".join(normalize_key(key) for key in keys)  # as Textual spells key events


def view_key_problem(key: str) -> str | None:
    """What is wrong with a view's ``key:`` (already stripped), or None."""
    if "," in key and key != ",":
        return f" is {shown(key)}; expected one key like '5' or 'f5'"
    wrong = key_problem(key)
    if wrong is None:
        return None
    message, suggestion = wrong
    hint = f"; did you mean {shown(suggestion)}?" if suggestion else ""
    return f": {message}; expected one key like '5' or 'f5'{hint}"


def _view_key(key: str) -> str:
    says = view_key_problem(key)
    if says is not None:
        raise problem(says)
    return normalize_key(key)  # `F7` as Textual spells the key event: `f7`


def _query(text: str) -> str:
    from tui.search.query import QueryError, parse_query

    try:
        parse_query(text)
    except QueryError as exc:
        raise problem(
            f": {exc.message} (at character {exc.position + 1}); expected a query in the "
            "search language (see 'newsdesk search --help')",
            query_position=exc.position,
        ) from None
    return text


def _pairs(value: object) -> object:
    """``{list: 2}``, ``[list: 2, article]``: (pane, size) pairs; anything else is an error."""
    if isinstance(value, dict):
        return list(value.items())
    if not isinstance(value, list):
        raise problem(expected="a list like [list: 2, article: 3, quotes: 1]")
    pairs: list[object] = []
    for index, item in enumerate(value):
        if isinstance(item, dict) and len(item) == 1:
            pairs.append(next(iter(item.items())))
        elif isinstance(item, str):
            pairs.append((item, Scalar("1", INT_TAG)))
        else:
            expected = "'pane: proportion' like 'list: 2'"
            raise problems([((index,), problem(expected=expected, part=": an entry"))], value)
    return pairs


def _feed_url_alone(value: object) -> object:
    return {"url": value} if isinstance(value, str) else value


def _duration(value: object) -> int:
    seconds = duration_seconds(value) if isinstance(value, str) else None
    if seconds is None or seconds < MIN_REFRESH_SECONDS:
        raise problem(expected="a duration of at least 1m, like 30m, 2h or 1h30m")
    return seconds


Pane = Annotated[Filled, AfterValidator(choice(PANES))]
Layout = Annotated[
    tuple[tuple[Pane, Annotated[int, BeforeValidator(_proportion)]], ...],
    BeforeValidator(_pairs),
    AfterValidator(_not_empty(f"at least one pane of {one_of(PANES)}")),
    AfterValidator(_unique_panes),
]
Columns = Annotated[
    tuple[Annotated[Filled, AfterValidator(choice(COLUMNS))], ...],
    AfterValidator(_not_empty(f"some of {one_of(COLUMNS)}")),
    AfterValidator(_unique_columns),
]
Texts = Annotated[tuple[Filled, ...], BeforeValidator(_list_of_one)]
BindingId = Annotated[str, AfterValidator(_binding_id)]
Keys = Annotated[str, BeforeValidator(_keys)]

# -- the models -------------------------------------------------------------------------------


class _Strict(BaseModel):
    """Unknown keys are errors; ``speaker-index`` may be written for ``speaker_index``."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        alias_generator=AliasGenerator(
            validation_alias=lambda name: AliasChoices(name, name.replace("_", "-"))
        ),
    )


class ViewModel(_Strict):
    name: Filled = Field(examples=["<text>"])
    query: Annotated[Text, AfterValidator(_query)] = ""
    sort: Annotated[Filled, AfterValidator(choice(SORTS))] = "-date"
    layout: Layout = ()
    columns: Columns = ()
    key: Annotated[Filled, AfterValidator(_view_key)] = ""
    speaker_index: YamlBool = False
    group: Annotated[Filled, AfterValidator(choice(GROUPS))] = "none"

    def view(self) -> ViewConfig:
        given = {name: getattr(self, name) for name in self.model_fields_set}
        if given.get("group") == "none":
            given["group"] = None
        return ViewConfig(**given)


class FeedModel(_Strict):
    url: Filled = Field(examples=["https://..."])
    name: Text = ""
    tags: Texts = ()
    fetch_full_text: YamlBool = False

    def feed(self) -> FeedConfig:
        return FeedConfig(self.url, self.name.strip() or None, self.tags, self.fetch_full_text)


class ConfigModel(_Strict):
    """``config.yaml``; the field order is the order unknown-key messages list them in."""

    views: Annotated[tuple[ViewModel, ...], AfterValidator(_not_empty("at least one view"))] = ()
    keymap: dict[BindingId, Keys] = Field(default_factory=dict)
    theme: Annotated[Filled, AfterValidator(_theme)] = ""
    mark_read_on_open: YamlBool = True
    feeds: tuple[Annotated[FeedModel, BeforeValidator(_feed_url_alone)], ...] = ()
    watch: Texts = ()
    refresh_every: Annotated[int | None, BeforeValidator(_duration)] = None

    def config(self) -> Config:
        """The app's config: what the file sets, the defaults for the rest."""
        given = self.model_fields_set
        return Config(
            views=tuple(view.view() for view in self.views) if "views" in given else DEFAULT_VIEWS,
            keymap=dict(self.keymap),
            theme=self.theme or default_config().theme,
            mark_read_on_open=self.mark_read_on_open,
            feeds=tuple(feed.feed() for feed in self.feeds),
            watch=self.watch,
            refresh_every=self.refresh_every,
        )
