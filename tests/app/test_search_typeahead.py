"""Keys typed straight after ``/`` land in the search box (reader-polish): the first
``/`` of a session mounts the search pane, and keys that came meanwhile were lost;
none of them may reach the triage keys (``a`` archives, ``s`` stars...)."""

from __future__ import annotations

import pytest
from textual import events

from tests.app.helpers import library_state, make_app, press, settle


async def test_keys_typed_while_search_first_opens_go_into_the_query(library_path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.reader.article_list.focus()
        await settle(pilot)
        row = app.reader.article_list.current
        assert row is not None
        before = library_state(library_path, row.id)
        for typed in ("huaweysa", "ren"):  # the first ``/`` mounts the pane, not the next
            for key, char in [("slash", "/"), *((c, c) for c in typed)]:
                app.post_message(events.Key(key, char))
            await settle(pilot)
            search = app.reader.search_pane
            assert search.input.value == typed
            assert search.input.has_focus
            search.input.value = ""
            await press(pilot, "escape")
            assert app.reader.article_list.has_focus
    # neither archived (a), starred (s), highlighted (h) nor read/unread (r)
    assert library_state(library_path, row.id) == before


def _prompt_text(screen) -> str:
    from textual.widgets import Input

    return screen.query_one("#prompt-input", Input).value


def _note_text(screen) -> str:
    from textual.widgets import TextArea

    return screen.query_one(TextArea).text


@pytest.mark.parametrize(
    ("opener", "typed", "text_of"),
    [("t", "energy", _prompt_text), ("c", "check", _note_text)],
    ids=["tag prompt", "note dialog"],
)
async def test_keys_typed_while_a_dialog_opens_go_into_it(
    library_path, opener, typed, text_of
) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.reader.article_list.focus()
        await settle(pilot)
        for key, char in [(opener, opener), *((c, c) for c in typed)]:
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert text_of(app.screen) == typed
