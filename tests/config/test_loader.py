"""load_config: the config it gives, and the text of each error it reports."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tui.config.bindings import BindingInfo
from tui.config.errors import ConfigError
from tui.config.loader import load_config
from tui.config.model import DEFAULT_VIEWS, ViewConfig, default_config
from tui.config.template import DEFAULT_CONFIG_TEXT
from tui.config.themes import ThemeSpec

THEMES = {
    "newsdesk-dark": ThemeSpec(name="newsdesk-dark", primary="#000000"),
    "paper": ThemeSpec(name="paper", primary="#ffffff", dark=False),
}
BINDINGS = [
    BindingInfo("quit", "q", "quit", "ReaderApp"),
    BindingInfo("help", "question_mark", "help", "ReaderApp"),
    BindingInfo("toggle-read", "r", "toggle_read", "ArticleList"),
    BindingInfo("star", "s", "star", "ArticleList"),
    BindingInfo("cursor-down", "j,down", "cursor_down", "ArticleList"),
    BindingInfo("next-paragraph", "j", "next_paragraph", "ArticleView"),
]


def load(tmp_path: Path, text: str, **kwargs):
    path = tmp_path / "config.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    kwargs.setdefault("themes", THEMES)
    kwargs.setdefault("bindings", BINDINGS)
    return load_config(path, **kwargs)


def messages(loaded) -> list[str]:
    return [str(error) for error in loaded.errors]


def test_missing_file_gives_defaults_and_no_error(tmp_path: Path) -> None:
    loaded = load_config(tmp_path / "nowhere.yaml", themes=THEMES)
    assert loaded.errors == []
    assert loaded.config == default_config()
    assert loaded.path == tmp_path / "nowhere.yaml"


def test_none_reads_the_configured_location(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "elsewhere.yaml"
    path.write_text("theme: paper\n", encoding="utf-8")
    monkeypatch.setenv("NEWSDESK_CONFIG", str(path))
    loaded = load_config(themes=THEMES)
    assert loaded.path == path
    assert loaded.config.theme == "paper"


def test_empty_file_gives_defaults(tmp_path: Path) -> None:
    loaded = load(tmp_path, "# nothing yet\n")
    assert loaded.errors == []
    assert loaded.config == default_config()


def test_the_init_template_is_exactly_the_defaults(tmp_path: Path) -> None:
    loaded = load(tmp_path, DEFAULT_CONFIG_TEXT, themes=None)
    assert loaded.errors == []
    assert loaded.config == default_config()


def test_a_full_config_is_read(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        """\
        theme: paper
        keymap:
          toggle-read: x, ctrl+x
          star: [S, f5]
        views:
          - name: Reuters
            query: "source:reuters"
            sort: source
            layout: [list: 1, article: 4]
            columns: [flags, title]
            key: "5"
          - name: Speakers
            layout: {quotes: 2, list: 1}
            speaker-index: true
        """,
    )
    assert loaded.errors == []
    config = loaded.config
    assert config.theme == "paper"
    assert config.keymap == {"toggle-read": "x,ctrl+x", "star": "S,f5"}
    assert config.views == (
        ViewConfig(
            name="Reuters",
            query="source:reuters",
            sort="source",
            layout=(("list", 1), ("article", 4)),
            columns=("flags", "title"),
            key="5",
        ),
        ViewConfig(name="Speakers", layout=(("quotes", 2), ("list", 1)), speaker_index=True),
    )


def test_a_layout_may_name_panes_without_sizes(tmp_path: Path) -> None:
    loaded = load(tmp_path, "views:\n  - name: A\n    layout: [list, article: 2]\n")
    assert loaded.config.views[0].layout == (("list", 1), ("article", 2))


def test_any_error_falls_back_to_the_defaults(tmp_path: Path) -> None:
    loaded = load(tmp_path, "theme: paper\nviews:\n  - name: A\n    sort: sideways\n")
    assert len(loaded.errors) == 1
    assert loaded.config == default_config()


def test_misspelt_top_level_key(tmp_path: Path) -> None:
    loaded = load(tmp_path, "theme: paper\nkeympa:\n  quit: x\n")
    assert messages(loaded) == [
        f"{tmp_path / 'config.yaml'}:2:1: unknown key 'keympa' in the config; expected "
        "'views', 'keymap', 'theme', 'mark_read_on_open', 'feeds', 'watch' or 'refresh_every';"
        " did you mean 'keymap'?"
    ]


def test_misspelt_view_key(tmp_path: Path) -> None:
    loaded = load(tmp_path, "views:\n  - name: Inbox\n    sorte: -date\n")
    (message,) = messages(loaded)
    assert message.startswith(
        f"{tmp_path / 'config.yaml'}:3:5: unknown key 'sorte' in view 'Inbox'"
    )
    assert "expected 'name', 'query', 'sort'" in message
    assert message.endswith("did you mean 'sort'?")


def test_misspelt_sort_value(tmp_path: Path) -> None:
    loaded = load(tmp_path, "views:\n  - name: Inbox\n    sort: -daet\n")
    (message,) = messages(loaded)
    assert message.startswith(f"{tmp_path / 'config.yaml'}:3:11: 'sort' of view 'Inbox' is '-daet'")
    assert "expected 'date', '-date', 'source'" in message
    assert message.endswith("did you mean '-date'?")


def test_misspelt_pane_and_bad_proportion(tmp_path: Path) -> None:
    loaded = load(
        tmp_path, "views:\n  - name: Inbox\n    layout: [list: 2, artcle: 3, quotes: 0]\n"
    )
    first, second = messages(loaded)
    assert ":3:23: 'layout' of view 'Inbox': pane is 'artcle'; expected 'list', 'article'" in first
    assert first.endswith("did you mean 'article'?")
    assert second.endswith(
        ":3:42: 'layout' of view 'Inbox': size of 'quotes' is 0; expected a whole number 1-12"
    )


def test_repeated_pane_and_layout_of_the_wrong_shape(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        "views:\n  - name: A\n    layout: [list, list]\n  - name: B\n    layout: list\n",
    )
    first, second = messages(loaded)
    assert first.endswith(
        ":3:20: 'layout' of view 'A': pane 'list' appears twice; expected it once"
    )
    assert second.endswith(
        ":5:13: 'layout' of view 'B' is 'list'; "
        "expected a list like [list: 2, article: 3, quotes: 1]"
    )


def test_misspelt_column(tmp_path: Path) -> None:
    loaded = load(tmp_path, "views:\n  - name: Inbox\n    columns: [flags, sorce]\n")
    (message,) = messages(loaded)
    assert ":3:22: 'columns' of view 'Inbox': column is 'sorce'; expected 'flags'" in message
    assert message.endswith("did you mean 'source'?")


def test_misspelt_theme(tmp_path: Path) -> None:
    loaded = load(tmp_path, "theme: newsdesk-drak\n")
    assert loaded.errors == [] and loaded.theme_fallback == "newsdesk-drak"
    (message,) = [str(warning) for warning in loaded.warnings]
    assert message.startswith(
        f"{tmp_path / 'config.yaml'}:1:8: the default theme 'newsdesk-dark' is used: "
        "unknown theme 'newsdesk-drak'; "
    )
    assert "expected 'newsdesk-dark' or 'paper'" in message
    assert message.endswith("did you mean 'newsdesk-dark'?")


@pytest.mark.parametrize("broken", [False, True], ids=["unknown", "broken-file"])
def test_an_unusable_theme_falls_back_to_the_default_keeping_the_rest(
    tmp_path: Path, broken: bool
) -> None:
    """A mistyped theme name (or a theme whose file has errors) threw the whole config
    away, views and keymap with it: now the default theme is used, the rest applies."""
    text = """\
        theme: mine
        mark_read_on_open: false
        keymap:
          star: x
        views:
          - name: Desk
            query: is:starred
        """
    error = ConfigError(tmp_path / "themes" / "mine.yaml", 1, 10, "'primary' is 'bleu'")
    loaded = load(tmp_path, text, theme_errors=[error] if broken else [])
    assert loaded.errors == []
    config = loaded.config
    assert config.theme == default_config().theme
    assert [view.name for view in config.views] == ["Desk"]
    assert config.keymap == {"star": "x"} and config.mark_read_on_open is False
    (warning,) = loaded.warnings
    assert (warning.line, warning.column) == (1, 8)
    said = "its file" if broken else "unknown theme 'mine'"
    assert (
        "the default theme 'newsdesk-dark' is used" in warning.message and said in warning.message
    )


def test_textual_themes_are_accepted(tmp_path: Path) -> None:
    assert load(tmp_path, "theme: nord\n").config.theme == "nord"


def test_misspelt_binding_id(tmp_path: Path) -> None:
    loaded = load(tmp_path, "keymap:\n  toggle-raed: x\n")
    (message,) = messages(loaded)
    assert message.startswith(f"{tmp_path / 'config.yaml'}:2:3: unknown binding id 'toggle-raed'")
    assert message.endswith("did you mean 'toggle-read'?")


def test_binding_ids_are_not_checked_without_the_apps_bindings(tmp_path: Path) -> None:
    loaded = load(tmp_path, "keymap:\n  anything: x\n", bindings=None)
    assert loaded.errors == []
    assert loaded.config.keymap == {"anything": "x"}


def test_misspelt_modifier_and_key_name(tmp_path: Path) -> None:
    loaded = load(tmp_path, "keymap:\n  quit: crtl+q\n  help: entr\n")
    first, second = messages(loaded)
    assert first == (
        f"{tmp_path / 'config.yaml'}:2:9: keymap 'quit': unknown modifier 'crtl' in 'crtl+q'; "
        "expected keys like 'r', 'ctrl+r', 'f5' or 'question_mark'; did you mean 'ctrl'?"
    )
    assert ":3:9: keymap 'help': unknown key name 'entr' in 'entr'" in second
    assert second.endswith("did you mean 'enter'?")


def test_rebinding_onto_a_key_taken_in_the_same_scope(tmp_path: Path) -> None:
    loaded = load(tmp_path, "keymap:\n  star: r\n")
    (message,) = messages(loaded)
    assert message == (
        f"{tmp_path / 'config.yaml'}:2:9: key 'r' is bound to both 'toggle-read' and 'star' "
        "in ArticleList; expected each key once per scope (change one of them)"
    )


def test_same_key_in_different_scopes_is_fine(tmp_path: Path) -> None:
    # j moves the list cursor and the article's paragraph: different widgets.
    loaded = load(tmp_path, "keymap:\n  next-paragraph: n, j\n")
    assert loaded.errors == []


def test_swapping_two_keys_is_fine(tmp_path: Path) -> None:
    loaded = load(tmp_path, "keymap:\n  star: r\n  toggle-read: s\n")
    assert loaded.errors == []


def test_question_mark_and_its_name_are_the_same_key(tmp_path: Path) -> None:
    loaded = load(tmp_path, "keymap:\n  quit: '?'\n")
    (message,) = messages(loaded)
    assert "key 'question_mark' is bound to both 'quit' and 'help' in ReaderApp" in message


def test_view_key_clashing_with_a_binding(tmp_path: Path) -> None:
    loaded = load(tmp_path, "views:\n  - name: Inbox\n    key: r\n")
    (message,) = messages(loaded)
    assert message == (
        f"{tmp_path / 'config.yaml'}:3:10: key 'r' of view 'Inbox' is also bound to "
        "'toggle-read' (ArticleList); expected a key no binding uses, or rebind "
        "'toggle-read' in 'keymap'"
    )


def test_view_key_freed_by_the_keymap_is_fine(tmp_path: Path) -> None:
    loaded = load(tmp_path, "keymap:\n  toggle-read: x\nviews:\n  - name: Inbox\n    key: r\n")
    assert loaded.errors == []


def test_two_views_on_one_key_and_one_name(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        "views:\n  - name: A\n    key: '5'\n  - name: B\n    key: '5'\n  - name: a\n",
    )
    first, second = messages(loaded)
    assert first.endswith(
        ":5:10: key '5' of view 'B' is already the key of view 'A'; expected a different key"
    )
    assert second.endswith(":6:5: view 'a' is named twice (first on line 2)")


def test_view_without_a_name(tmp_path: Path) -> None:
    loaded = load(tmp_path, "views:\n  - query: is:starred\n")
    (message,) = messages(loaded)
    assert message.endswith(":2:5: view 1 has no 'name'; expected 'name: <text>'")


def test_wrong_types_say_what_was_expected(tmp_path: Path) -> None:
    loaded = load(tmp_path, "views: Inbox\nkeymap: [quit]\n")
    first, second = messages(loaded)
    assert first.endswith(":1:8: 'views' is 'Inbox'; expected a list")
    assert second.endswith(":2:9: 'keymap' is a list; expected a mapping of 'key: value'")


def test_key_set_twice(tmp_path: Path) -> None:
    loaded = load(tmp_path, "theme: paper\ntheme: newsdesk-dark\n")
    (message,) = messages(loaded)
    assert message.endswith(":2:1: 'theme' is set twice in the config (first on line 1)")


def test_yaml_syntax_error_has_a_position(tmp_path: Path) -> None:
    loaded = load(tmp_path, "views:\n  - name: [unclosed\n")
    (message,) = messages(loaded)
    assert message.startswith(f"{tmp_path / 'config.yaml'}:3:1: YAML syntax: ")
    assert "expected ',' or ']'" in message


def test_an_unclosed_quote_met_at_the_end_says_where_it_opens(tmp_path: Path) -> None:
    """Found only at the end of the file, the error pointed there, not at the quote."""
    loaded = load(tmp_path, 'views:\n  - name: "Inbox\n    query: is:unread\n\n')
    (message,) = messages(loaded)
    assert message.startswith(f"{tmp_path / 'config.yaml'}:5:1: YAML syntax: ")
    assert message.endswith("while scanning a quoted scalar that starts at line 2, column 11")


def test_keys_are_kept_as_textual_spells_them(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        """\
        keymap:
          star: "Ctrl+S, F6, Esc, !"
        views:
          - name: Mine
            key: F7
        """,
    )
    assert messages(loaded) == []
    assert loaded.config.keymap["star"] == "ctrl+s,f6,escape,exclamation_mark"
    assert loaded.config.views[0].key == "f7"


def test_python_tags_are_refused_by_safe_loading(tmp_path: Path) -> None:
    loaded = load(tmp_path, "theme: !!python/object/apply:os.system ['true']\n")
    (message,) = messages(loaded)
    assert ":1:8: " in message
    assert "could not determine a constructor" in message or "expected text" in message


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    path.write_bytes(b"theme: paper\nviews: \xff\n")
    (message,) = [str(error) for error in load_config(path, themes=THEMES).errors]
    assert message == f"{path}:2:8: byte 0xff is not UTF-8; expected UTF-8 text"


def test_billion_laughs_is_refused_before_expansion(tmp_path: Path) -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]")
    path = tmp_path / "config.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = load_config(path, themes=THEMES)  # expanding it would need gigabytes
    (message,) = [str(error) for error in loaded.errors]
    assert message.startswith(f"{path}:2:8: aliases expand to more than ")
    assert "YAML bomb" in message
    assert loaded.config == default_config()


def test_small_aliases_are_fine(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        """\
        views:
          - name: A
            layout: &wide [list: 1, article: 4]
          - name: B
            layout: *wide
        """,
    )
    assert loaded.errors == []
    assert loaded.config.views[1].layout == (("list", 1), ("article", 4))


def test_a_50_megabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "config.yaml"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: cheap to make
    (message,) = [str(error) for error in load_config(path, themes=THEMES).errors]
    assert message == (
        f"{path}:1:1: file is 50.0 MB; expected a config of at most 1.0 MB "
        "(is this the right file?)"
    )


def test_deep_nesting_is_refused(tmp_path: Path) -> None:
    loaded = load(tmp_path, "views: " + "[" * 5000 + "]" * 5000 + "\n")
    (message,) = messages(loaded)
    assert message.endswith(":1:1: nested too deeply; expected a flat config")


def test_a_directory_is_refused(tmp_path: Path) -> None:
    (message,) = [str(e) for e in load_config(tmp_path, themes=THEMES).errors]
    assert message == f"{tmp_path}:1:1: is a directory; expected a YAML file"


def test_default_views_are_the_pinned_ones(tmp_path: Path) -> None:
    assert load(tmp_path, "theme: paper\n").config.views == DEFAULT_VIEWS


def test_query_errors_point_into_the_query(tmp_path: Path) -> None:
    pytest.importorskip("tui.search.query")
    from tui.search.query import QueryError, parse_query

    bad = 'title:"unclosed'
    with pytest.raises(QueryError) as caught:
        parse_query(bad)
    loaded = load(tmp_path, f"views:\n  - name: A\n    query: '{bad}'\n")
    (message,) = messages(loaded)
    column = 12 + caught.value.position + 1
    assert message.startswith(f"{tmp_path / 'config.yaml'}:3:{column}: 'query' of view 'A': ")
    assert "expected a query in the search language" in message


def test_a_view_key_clash_is_reported_with_the_views_other_errors(tmp_path: Path) -> None:
    """Both problems at once, not the clash only after the sort is fixed."""
    loaded = load(tmp_path, "views:\n  - name: Mine\n    key: s\n    sort: dat\n")
    first, second = messages(loaded)
    assert ":3:10: key 's' of view 'Mine' is also bound to 'star'" in first
    assert ":4:11: 'sort' of view 'Mine' is 'dat'" in second


def test_two_views_on_one_key_are_reported_when_one_has_other_errors(tmp_path: Path) -> None:
    loaded = load(
        tmp_path, "views:\n  - name: A\n    key: '5'\n    sort: dat\n  - name: B\n    key: '5'\n"
    )
    assert any("key '5' of view 'B' is already the key of view 'A'" in m for m in messages(loaded))


def test_a_view_groups_by_story_and_the_inbox_does_by_default(tmp_path: Path) -> None:
    loaded = load(
        tmp_path,
        """\
        views:
          - name: Wire
            group: story
          - name: Flat
            group: none
          - name: Plain
        """,
    )
    assert [v.group for v in loaded.config.views] == ["story", None, None]
    inbox = next(v for v in DEFAULT_VIEWS if v.name == "Inbox")
    assert inbox.group == "story"
    assert all(v.group is None for v in DEFAULT_VIEWS if v.name != "Inbox")


def test_an_unknown_group_is_reported_with_the_choices(tmp_path: Path) -> None:
    loaded = load(tmp_path, "views:\n  - name: Wire\n    group: stroy\n")
    [message] = messages(loaded)
    assert "'group' of view 'Wire' is 'stroy'; expected" in message and "story" in message


def test_pydantic_is_imported_only_when_there_is_a_config_file(tmp_path: Path) -> None:
    """The checker's import (~85 ms of CPU) is not paid by a start without a config."""
    import os
    import subprocess
    import sys

    probe = (
        "import sys; from tui.commands._app import load_settings; load_settings(None); "
        "print('pydantic' in sys.modules)"
    )
    (tmp_path / "config.yaml").write_text("theme: newsdesk-dark\n", encoding="utf-8")
    seen = {}
    for name in ("config.yaml", "none.yaml"):
        env = {**os.environ, "NEWSDESK_CONFIG": str(tmp_path / name)}
        done = subprocess.run(
            [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
        )
        seen[name] = done.stdout.split()[-1]
    assert seen == {"config.yaml": "True", "none.yaml": "False"}


def test_one_bad_key_of_a_keymap_entry_keeps_the_good_ones_and_says_so(tmp_path: Path) -> None:
    loaded = load(tmp_path, "theme: nord\nkeymap:\n  quit: ctrl+qq, q\n  help: entr, f1, f2\n")
    assert loaded.errors == [] and loaded.config.theme == "nord"  # the config applies
    assert loaded.config.keymap == {"quit": "q", "help": "f1,f2"}
    first, second = (str(warning) for warning in loaded.warnings)
    assert first == (
        f"{tmp_path / 'config.yaml'}:3:9: keymap 'quit': 'ctrl+qq' left out (unknown key name "
        "'qq'), 'q' kept; expected keys like 'r', 'ctrl+r', 'f5' or 'question_mark'"
    )
    assert "\n" not in first
    assert second.startswith(f"{tmp_path / 'config.yaml'}:4:9: keymap 'help': 'entr' left out")
    assert "'f1', 'f2' kept" in second
    assert second.endswith("did you mean 'enter'?")


def test_a_keymap_entry_with_no_good_key_is_still_an_error(tmp_path: Path) -> None:
    loaded = load(tmp_path, "keymap:\n  quit: crtl+q, entr\n")
    assert loaded.errors and loaded.warnings == [] and loaded.config.keymap == {}


#: The app's bindings (the palette's takes its key first on every screen) and a
#: dialog's, as the app hands them over.
LAYERED = [
    BindingInfo("quit", "q", "quit", "app"),
    BindingInfo("help", "question_mark", "help", "app"),
    BindingInfo("command-palette", "ctrl+p", "command_palette", "app", everywhere=True),
    BindingInfo("toggle-star", "s", "toggle_star", "app"),
    BindingInfo("story.close", "escape,q", "close", "StoryScreen"),
    BindingInfo("story.tag", "t", "tag", "StoryScreen"),
    BindingInfo("story.undo", "u", "undo", "StoryScreen"),
    BindingInfo("story.help", "question_mark", "help", "StoryScreen"),
]


def test_a_dialog_key_rebound_onto_the_palettes_key_names_both(tmp_path: Path) -> None:
    """The story screen's tag on ctrl+p: the palette takes the key first, tag would
    never run. One line naming both bindings, not one silently hiding the other."""
    loaded = load(tmp_path, "keymap:\n  story.tag: ctrl+p\n", bindings=LAYERED)
    (message,) = messages(loaded)
    assert message == (
        f"{tmp_path / 'config.yaml'}:2:14: key 'ctrl+p' is bound to both "
        "'story.tag' (StoryScreen) and 'command-palette' (every screen, first): in "
        "StoryScreen 'story.tag' would never run; expected each key once (change one of them)"
    )


def test_the_palette_rebound_onto_a_dialogs_key_names_both(tmp_path: Path) -> None:
    loaded = load(tmp_path, "keymap:\n  command-palette: u\n", bindings=LAYERED)
    (message,) = messages(loaded)
    assert "key 'u' is bound to both 'story.undo' (StoryScreen) and 'command-palette'" in message
    assert message.startswith(f"{tmp_path / 'config.yaml'}:2:20:")


def test_keys_the_app_ships_shared_on_purpose_and_keys_a_dialog_never_sees_are_fine(
    tmp_path: Path,
) -> None:
    """q closes the story screen rather than quitting, as shipped: kept when the keymap
    adds a key to either binding. The app's ? never reaches a dialog (its own ? does):
    a dialog's key on it is its own business."""
    text = "keymap:\n  story.close: escape, q, x\n  quit: q, ctrl+q\n  help: f1, '?'\n"
    assert load(tmp_path, text, bindings=LAYERED).errors == []
    clash = load(tmp_path, "keymap:\n  story.tag: '?'\n", bindings=LAYERED)
    assert "'story.tag' and 'story.help' in StoryScreen" in messages(clash)[0]
