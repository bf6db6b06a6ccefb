"""Each binding's effect on what the library stores (or on what the screen shows)."""

from __future__ import annotations

from textual.widgets import Input, TextArea

from tests.app.helpers import library_state, make_app, press, settle
from tui.app.screens.help import HelpScreen


async def _ready(app, pilot):
    await settle(pilot)
    return app.reader.article_list


async def test_r_s_a_toggle_flags_in_the_library(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(app, pilot)
        await press(pilot, "3")  # All: every row stays (in the Inbox, r and a drop it)
        first = lst.current.id
        await press(pilot, "r", "s", "a")
        state = library_state(library_path, first)
        assert (state.read, state.starred, state.archived) == (True, True, True)
        await press(pilot, "r", "s")
        state = library_state(library_path, first)
        assert (state.read, state.starred) == (False, False)
        assert lst.current.archived  # the list row shows the stored state


async def test_j_k_g_G_move_the_cursor(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(app, pilot)
        await press(pilot, "j", "j")
        assert lst.cursor == 2
        await press(pilot, "k")
        assert lst.cursor == 1
        await press(pilot, "G")
        assert lst.cursor == len(lst.rows) - 1
        await press(pilot, "g")
        assert lst.cursor == 0
        await press(pilot, "pagedown")
        assert lst.cursor == len(lst.rows) - 1
        await press(pilot, "j")
        second = lst.current.id
        first = lst.rows[0].id
        await press(pilot, "g", "r")
        assert library_state(library_path, first).read
        assert not library_state(library_path, second).read
        assert first not in {row.id for row in lst.rows}  # read: out of the Inbox


async def test_m_marks_and_semicolon_applies_the_next_action_to_marked(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(app, pilot)
        ids = [row.id for row in lst.rows]
        await press(pilot, "m", "j", "j", "m")
        assert [library_state(library_path, i).marked for i in ids[:3]] == [True, False, True]
        await press(pilot, "semicolon", "s")
        starred = [library_state(library_path, i).starred for i in ids]
        assert starred == [True, False, True] + [False] * (len(ids) - 3)
        await press(pilot, "M")
        assert all(library_state(library_path, i).marked for i in ids)
        await press(pilot, "M")
        assert not any(library_state(library_path, i).marked for i in ids)


async def test_t_tags_through_the_modal(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(app, pilot)
        await press(pilot, "t")
        assert isinstance(app.focused, Input)
        await pilot.press(*"energy")
        await press(pilot, "enter")
        assert library_state(library_path, lst.current.id).tags == ("energy",)
        await press(pilot, "t")
        await pilot.press(*"-energy")
        await press(pilot, "enter")
        assert library_state(library_path, lst.current.id).tags == ()


async def test_u_undoes_and_ctrl_r_redoes(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(app, pilot)
        first = lst.current.id
        await press(pilot, "s")
        assert library_state(library_path, first).starred
        await press(pilot, "u")
        assert not library_state(library_path, first).starred
        assert not lst.current.starred
        await press(pilot, "ctrl+r")
        assert library_state(library_path, first).starred


async def test_R_asks_then_marks_all_read_and_u_undoes_it(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(app, pilot)
        ids = [row.id for row in lst.rows]
        await press(pilot, "R")
        await press(pilot, "n")  # declined: nothing changes
        assert not any(library_state(library_path, i).read for i in ids)
        await press(pilot, "R", "y")
        assert all(library_state(library_path, i).read for i in ids)
        await press(pilot, "u")  # one undo step for the whole batch
        assert not any(library_state(library_path, i).read for i in ids)


async def test_h_highlights_the_paragraph_or_quote_under_the_cursor(library_path):
    from tui.store import Library

    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(app, pilot)
        article = app.reader.current_article
        await press(pilot, "enter")  # to the article
        assert app.focused is app.reader.article_view
        await press(pilot, "right_square_bracket", "h")  # the first quote
        await press(pilot, "j", "h")  # the next paragraph: the photo caption
        with Library.open(library_path) as library:
            spans = [a.span for a in library.annotations(lst.current.id) if a.kind == "highlight"]
        quote = article.quotes[0]
        assert (quote.span.start, quote.span.end) in [(s.start, s.end) for s in spans]
        caption = article.captions[0]
        assert (caption.span.start, caption.span.end) in [(s.start, s.end) for s in spans]
        assert app.reader.article_view.highlights  # and the view shows them


async def test_c_writes_a_note(library_path):
    from tui.store import Library

    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(app, pilot)
        await press(pilot, "c")
        assert isinstance(app.focused, TextArea)
        await pilot.press(*"check the budget")
        await press(pilot, "ctrl+s")
        with Library.open(library_path) as library:
            notes = [a for a in library.annotations(lst.current.id) if a.kind == "note"]
        assert [n.note or n.anchor_text for n in notes] == ["check the budget"] or any(
            "check the budget" in (n.note or "") for n in notes
        )
        assert lst.current.n_notes == 1


async def test_y_copies_the_current_quote_with_attribution(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(app, pilot)
        await press(pilot, "enter", "right_square_bracket", "right_square_bracket", "y")
        assert app.clipboard == ("“Work starts in spring.” — Ada Lind, in “Harbour plan approved”")


async def test_slash_searches_and_enter_opens_at_the_match(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(app, pilot)
        await press(pilot, "slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"windows")
        await settle(pilot)
        assert app.reader.search_pane.hits
        await press(pilot, "enter")
        assert app.reader.current_article.title == "Museum reopens after renovation"
        paragraph = app.reader.article_view.paragraph
        assert paragraph is not None and "windows" in paragraph.text
        assert app.reader.article_view.matches  # the match is shown
        await press(pilot, "n")  # only one hit: n wraps to it again
        assert app.reader.current_article.title == "Museum reopens after renovation"


async def test_search_shows_a_first_page_then_the_rest(library_path, monkeypatch):
    """Hits past the first page arrive in a second step, with their contexts, and n
    steps onto them."""
    from tui.app.widgets import search_pane

    monkeypatch.setattr(search_pane, "FIRST_PAGE", 1)
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(app, pilot)
        await press(pilot, "slash")
        await pilot.press(*"said")
        await settle(pilot)
        hits = app.reader.search_pane.hits
        assert len(hits) >= 3
        assert app.reader.search_pane.hit_list.option_count == len(hits)
        assert all("said" in hit.context.casefold() for hit in hits)
        await press(pilot, "enter", "n", "n")
        assert app.reader.current_article.id == hits[2].article_id


async def test_tab_cycles_panes_and_enter_in_quotes_jumps(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(app, pilot)
        seen = []
        for _ in range(3):
            await press(pilot, "tab")
            seen.append(app.reader.focused_pane_name())
        assert seen == ["article", "quotes", "list"]
        await press(pilot, "tab", "tab", "j", "enter")
        assert app.focused is app.reader.article_view
        assert app.reader.article_view.quote == 1


async def test_i_lists_every_quote_of_the_view_by_speaker(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(app, pilot)
        await press(pilot, "i")
        refs = list(app.reader.quotes_pane.refs.values())
        speakers = {ref.quote.speaker for ref in refs}
        assert {"Ada Lind", "Ben Ortiz", "Cora Diaz"} <= speakers
        # Enter on Cora Diaz's quote opens the museum article at it.
        key = next(
            k for k, r in app.reader.quotes_pane.refs.items() if r.quote.speaker == "Cora Diaz"
        )
        app.reader.quotes_pane.focus()
        app.reader.quotes_pane.highlighted = app.reader.quotes_pane.get_option_index(key)
        await press(pilot, "enter")
        assert app.reader.current_article.title == "Museum reopens after renovation"
        assert app.reader.article_view.current_quote.speaker == "Cora Diaz"


async def test_view_keys_switch_views(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(app, pilot)
        await press(pilot, "s", "2")
        assert app.reader.view.name == "Starred"
        assert [row.id for row in lst.rows] == [lst.rows[0].id] and len(lst.rows) == 1
        await press(pilot, "3")
        assert app.reader.view.name == "All" and len(lst.rows) == 4


async def test_an_empty_view_titles_the_article_pane_without_a_dangling_dot(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(app, pilot)
        await press(pilot, "2")  # nothing is starred yet
        assert app.reader.view.name == "Starred" and not app.reader.article_list.rows
        title = app.reader.article_view.border_title
        assert str(getattr(title, "plain", title)) == "Article"


async def test_help_lists_live_bindings_and_rebinding_shows(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(app, pilot)
        app.set_keymap({"toggle-star": "x"})
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        from tui.app.screens.help import binding_rows

        rows = {label: keys for keys, _description, label in binding_rows(app)}
        assert rows["toggle-star"] == "x"
        await press(pilot, "escape")
        lst = app.reader.article_list
        await press(pilot, "x")
        assert library_state(library_path, lst.current.id).starred


async def test_help_at_80_columns_shows_every_key_whole(library_path):
    """At 80 columns every key, every binding id (what goes in ``keymap:``; it read
    ``view-quotes-by-spea…``) and every word of what it does is on the screen: the
    descriptions wrap instead of being cut."""
    from tests.app.helpers import region_text, screen_text
    from tui.app.screens.help import binding_rows

    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _ready(app, pilot)
        await press(pilot, "question_mark")
        await pilot.pause()
        screen = screen_text(app)
        shown = [keys for keys, _description, _label in binding_rows(app)[:10]]
        for keys in shown:
            assert keys in screen, keys
        seen = ""
        for _ in range(len(binding_rows(app)) // 5 + 1):  # every row, a screen at a time
            seen += region_text(app, app.screen.scroller) + "\n"
            await press(pilot, "pagedown")
        assert "…" not in seen
        words = set(seen.split())
        for _keys, description, label in binding_rows(app):
            assert label in words, label
            assert set(description.split()) <= words, description


def test_help_columns_give_way_descriptions_then_ids_then_keys():
    from tui.app.screens.help import fit_widths

    assert fit_widths([12, 52, 19], 100) == [12, 52, 19]
    assert fit_widths([12, 52, 19], 66) == [12, 35, 19]  # the longest descriptions wrap
    assert fit_widths([12, 52, 19], 50) == [12, 20, 18]
    assert fit_widths([12, 52, 19], 30) == [2, 16, 12]


async def test_q_quits(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(app, pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_search_match_inside_a_quote_opens_at_that_quote(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(app, pilot)
        await press(pilot, "slash")
        await pilot.press(*"delighted")
        await settle(pilot)
        await press(pilot, "enter")
        quote = app.reader.article_view.current_quote
        assert quote is not None and "delighted" in quote.text
        await press(pilot, "y")
        assert app.clipboard.startswith("“We are delighted with the result,” — Ada Lind")


async def test_parentheses_select_sentences_and_h_highlights_one(library_path):
    from tui.store import Library

    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(app, pilot)
        await press(pilot, "enter", "j", "right_parenthesis", "right_parenthesis")
        kind, _span, text = app.reader.article_view.target()
        assert (kind, text) == ("sentence", "“Work starts in spring.”")
        await press(pilot, "h")
        with Library.open(library_path) as library:
            anchors = [a.anchor_text for a in library.annotations(lst.current.id)]
        assert "“Work starts in spring.”" in anchors


async def test_the_cursor_stays_on_its_paragraph_when_a_note_is_added_above(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(app, pilot)
        await press(pilot, "enter", "j", "j")
        before = app.reader.article_view.paragraph
        await press(pilot, "c")
        await pilot.press(*"a note")
        await press(pilot, "ctrl+s")
        assert app.reader.article_view.notes == ("a note",)
        assert app.reader.article_view.paragraph == before


async def test_help_lists_the_search_panes_keys_before_it_is_opened(library_path):
    """The README's keys table lists Escape closing the search (``search.close``); ``?``
    listed it only once ``/`` had opened the pane."""
    from tui.app.screens.help import binding_rows

    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(app, pilot)
        assert app.reader.search_pane is None
        rows = {label: keys for keys, _description, label in binding_rows(app)}
        assert rows["search.close"] == "esc"
