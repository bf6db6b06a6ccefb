"""What a new user hits in the first hour (issue 14): each item's behaviour, driven
through the real app with Pilot."""

from __future__ import annotations

from tests.app.helpers import make_app, press, settle


async def _ready(pilot):
    await settle(pilot)
    return pilot.app.reader.article_list


async def test_escape_closes_the_search_pane_and_view_keys_keep_it_closed(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(pilot)
        await press(pilot, "slash")
        await pilot.press(*"harbour")
        await settle(pilot)
        assert app.reader.search_pane.display
        await press(pilot, "escape")
        assert not app.reader.search_pane.display
        assert app.focused is app.reader.article_list
        await press(pilot, "4", "3")
        assert not app.reader.search_pane.display
        widths = [
            w.size.width
            for w in (app.reader.article_list, app.reader.article_view, app.reader.quotes_pane)
        ]
        assert sum(widths) >= 150  # the three panes share the whole width again


async def test_leaving_the_speaker_index_view_shows_the_articles_quotes(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(pilot)
        await press(pilot, "4")
        assert app.reader.quotes_pane.border_title == "Quotes by speaker"
        await press(pilot, "1")
        pane = app.reader.quotes_pane
        assert pane.border_title == "Quotes"
        article = app.reader.current_article
        assert {ref.article_id for ref in pane.refs.values()} <= {article.id}
        assert len(pane.refs) == len(article.quotes)


async def test_the_selected_sentence_is_underlined(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(pilot)
        await press(pilot, "enter", "j", "right_parenthesis", "right_parenthesis")
        view = app.reader.article_view
        kind, span, text = view.target()
        assert (kind, text) == ("sentence", "“Work starts in spring.”")
        block = view.document.blocks[view.block]
        a, b = block.display_offset(span.start), block.display_offset(span.end)
        underlined = [
            (max(a, s.start), min(b, s.end))
            for s in block.text.spans
            if s.style and getattr(s.style, "underline", False) and s.start < b and s.end > a
        ]
        assert underlined and underlined[0][0] == a and underlined[-1][1] == b


async def test_paragraphs_are_parted_by_a_blank_line(library_path):
    from tests.app.helpers import region_text

    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(pilot)
        lines = region_text(app, app.reader.article_view).splitlines()
        first = next(i for i, line in enumerate(lines) if "council approved" in line)
        # The paragraph (one line or wrapped onto more), one blank line, the next.
        blank = next(i for i in range(first, len(lines)) if lines[i].strip(" │▌") == "")
        assert "delighted" in lines[blank + 1]
        assert "delighted" not in "".join(lines[first:blank])


async def test_the_tag_prompt_says_its_help_whole_at_80_columns(library_path):
    """It was cut to ``…, "a b" f`` (a label as wide as its text, clipped by the box)."""
    from tests.app.helpers import screen_text

    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _ready(pilot)
        await press(pilot, "t")
        shown = " ".join(line.strip(" │╭╮╰╯─") for line in screen_text(app).splitlines())
        assert "-tag removes" in shown, shown


async def test_the_tag_prompt_takes_several_tags_and_says_what_it_stored(library_path):
    from tests.app.helpers import library_state

    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(pilot)
        await press(pilot, "t")
        await pilot.press(*'energy, norway "follow up"')
        await press(pilot, "enter")
        assert library_state(library_path, lst.current.id).tags == (
            "energy",
            "follow-up",
            "norway",
        )
        said = app.reader.status_message
        assert "#energy" in said and "#norway" in said and "#follow-up" in said
        await press(pilot, "t")
        await pilot.press(*"-norway, energy")
        await press(pilot, "enter")
        assert library_state(library_path, lst.current.id).tags == ("energy", "follow-up")
        said = app.reader.status_message
        assert "-#norway" in said and "#energy (already there)" in said


async def test_opening_an_article_marks_it_read(library_path):
    from tests.app.helpers import library_state

    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(pilot)
        await press(pilot, "j")  # the list follows its cursor: a preview, still unread
        second = lst.current.id
        assert not library_state(library_path, second).read
        await press(pilot, "tab", "tab", "tab", "enter")  # back to the list, Enter opens
        assert library_state(library_path, second).read
        assert lst.current.read


async def test_mark_read_on_open_false_keeps_it_unread(library_path):
    from dataclasses import replace

    from tests.app.helpers import library_state
    from tui.config.model import default_config

    app = make_app(library_path, replace(default_config(), mark_read_on_open=False))
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(pilot)
        await press(pilot, "enter")
        assert not library_state(library_path, lst.current.id).read


def test_mark_read_on_open_is_read_from_the_config(tmp_path):
    from tui.config.loader import load_config

    path = tmp_path / "config.yaml"
    path.write_text("mark_read_on_open: false\n", encoding="utf-8")
    loaded = load_config(path)
    assert not loaded.errors and loaded.config.mark_read_on_open is False


async def test_every_triage_key_confirms_in_the_status_line(library_path):
    from tests.app.helpers import region_text

    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(pilot)
        await press(pilot, "3")  # All: the row stays (read or archived, it leaves the Inbox)
        for key, said in [
            ("r", "marked read"),
            ("r", "marked unread"),
            ("s", "starred"),
            ("a", "archived"),
            ("a", "unarchived"),
            ("m", "marked"),
            ("u", "undo: "),
        ]:
            await press(pilot, key)
            assert said in region_text(app, app.query_one("#status")), key
        await press(pilot, "a")
        assert "A" in region_text(app, lst).splitlines()[1][:12]  # the archived flag


async def test_titles_get_the_room_first_and_tags_show(library_path):
    from tests.app.helpers import screen_text
    from tui.app.widgets.article_list import SOURCE_WIDTH

    assert SOURCE_WIDTH <= 12
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(pilot)
        await press(pilot, "t")
        await pilot.press(*"ports")
        await press(pilot, "enter")
        screen = screen_text(app)
        assert "Harbour plan approved  #po" in screen  # the whole title, then the tag
        assert "alpha.txt · 2024-03-04 · #ports" in screen  # the article header
        await press(pilot, "j")
        assert "Museum reopens after renov" in screen_text(app)


async def test_a_theme_switch_restyles_the_open_article_at_once(library_path):
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(pilot)
        view = app.reader.article_view

        def quote_colour():
            block = next(
                b for b in view.document.blocks if b.kind == "body" and "“" in b.text.plain
            )
            return next(s.style.color for s in block.text.spans if s.style and s.style.italic)

        before = quote_colour()
        app.theme = "newsdesk-light"
        await settle(pilot)
        after = quote_colour()
        assert after != before
        assert after == view.get_component_rich_style("article-view--quote").color


async def test_light_theme_unfocused_borders_stand_out_from_the_background(library_path):
    from textual.color import Color

    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await _ready(pilot)
        app.theme = "newsdesk-light"
        await settle(pilot)
        pane = app.reader.quotes_pane  # not focused
        _kind, color = pane.styles.border_top
        background = Color.parse(app.current_theme.surface or "#ffffff")
        contrast = abs(color.brightness - background.brightness)
        assert contrast > 0.15, (color, background)


async def test_no_color_picks_the_monochrome_theme_and_the_cursor_row_always_shows(
    library_path, monkeypatch
):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(library_path)
    async with app.run_test(size=(160, 48)) as pilot:
        lst = await _ready(pilot)
        assert app.theme == "newsdesk-ansi"
        for focus in ("list", "article", "quotes"):
            app.reader.focus_pane(focus)
            await settle(pilot)
            strip = lst.render_line(lst.cursor - int(lst.scroll_offset.y))
            other = lst.render_line(lst.cursor + 1 - int(lst.scroll_offset.y))
            style = next(s.style for s in strip if s.text.strip())
            assert style.reverse or (style.bold and style.underline), focus
            plain = next(s.style for s in other if s.text.strip())
            assert not plain.underline and not plain.reverse, focus


async def test_help_shows_binding_ids_only_scrolls_with_j_k_g_G_and_keeps_its_header(
    library_path,
):
    from tests.app.helpers import screen_text

    app = make_app(library_path)
    async with app.run_test(size=(100, 24)) as pilot:
        await _ready(pilot)
        await press(pilot, "question_mark")
        assert "NewsdeskApp" not in screen_text(app)
        scroller = app.screen.query_one("#help-scroll")
        assert scroller.max_scroll_y > 0
        await press(pilot, "j", "j")
        assert scroller.scroll_y == 2
        await press(pilot, "G")
        assert scroller.scroll_y == scroller.max_scroll_y
        assert "Binding id" in screen_text(app)  # the header stays
        assert "view-quotes-by-speaker" in screen_text(app)
        await press(pilot, "k", "g")
        assert scroller.scroll_y == 0
        assert app.reader.article_list.cursor == 0  # the keys scrolled the help, not the list


async def test_the_speaker_index_in_a_narrow_pane_is_a_line_per_quote_and_its_footer_fits(
    library_path,
):
    from dataclasses import replace

    from tests.app.helpers import screen_text
    from tui.config.model import DEFAULT_VIEWS, Config

    index = replace(DEFAULT_VIEWS[3], layout=(("list", 3), ("quotes", 1), ("article", 3)))
    app = make_app(library_path, Config(views=(*DEFAULT_VIEWS[:3], index)))
    # 160 columns: at 130 the list's columns need more than half the width (stacked).
    async with app.run_test(size=(160, 30)) as pilot:
        await _ready(pilot)
        await press(pilot, "4")
        pane = app.reader.quotes_pane
        assert pane.size.width < 25
        subtitle = str(pane.border_subtitle)
        assert len(subtitle) <= pane.outer_size.width - 4, subtitle
        lines = screen_text(app).splitlines()
        region = pane.region
        inside = [line[region.x : region.right] for line in lines[region.y + 1 : region.bottom]]
        # A quotation's line opens with “, reported speech's (found when shown) with ≈.
        quote_lines = [line for line in inside if "“" in line or line.startswith("│ ≈")]
        assert len(quote_lines) == len(pane.refs)  # one line each, none wrapped
        assert all(line.rstrip(" │▁▂▃▄▅▆▇█").endswith("…") for line in quote_lines), quote_lines


async def test_at_80x24_a_search_with_no_hits_says_so_and_q_quit_stays(library_path):
    from tests.app.helpers import screen_text

    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _ready(pilot)
        await press(pilot, "slash")
        await pilot.press(*"zzyzx")
        await settle(pilot)
        screen = screen_text(app)
        assert "0 hits" in screen
        assert screen.splitlines()[-1].rstrip().endswith("q quit")


async def test_one_search_hit_is_counted_in_the_singular(library_path):
    from tests.app.helpers import screen_text

    app = make_app(library_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _ready(pilot)
        await press(pilot, "slash")
        await pilot.press(*"museum")
        await settle(pilot)
        screen = screen_text(app)
        assert "1 hit" in screen and "1 hits" not in screen


async def test_y_copies_the_whole_inferred_title(tmp_path, monkeypatch):
    """Through the app: an article whose title was inferred (and trimmed) is named whole."""
    from dataclasses import replace

    import tui.extract.pipeline as pipeline
    from tests.app.conftest import FILES, fixture_parse
    from tests.app.helpers import make_app, press, settle
    from tui.model import Article
    from tui.store import Library

    def inferred(text: str, source: str) -> list[Article]:
        return [
            replace(a, title="The city museum reopened…", title_inferred=True)
            if a.title.startswith("Museum")
            else a
            for a in fixture_parse(text, source)
        ]

    monkeypatch.setattr(pipeline, "parse_document", inferred)
    (tmp_path / "beta.txt").write_text(FILES["beta.txt"], encoding="utf-8")
    with Library.open(tmp_path / "library.db") as library:
        library.import_paths([str(tmp_path / "beta.txt")])
    app = make_app(tmp_path / "library.db")
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "right_square_bracket", "y")
        assert app.clipboard == (
            "“Our best pieces finally have windows,” — Cora Diaz, "
            "in “The city museum reopened on Tuesday after five years of work”"
        )


async def test_an_empty_library_says_how_to_fill_it(tmp_path):
    """A first run: "No articles in this view" and "Pick one in the list" told nothing
    about what to do; the panes name the command that imports."""
    from tests.app.helpers import region_text
    from tui.store import Library

    path = tmp_path / "empty.db"
    Library.open(path).close()
    app = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "The library is empty" in region_text(app, app.reader.article_list)
        assert "newsdesk --sample" in region_text(app, app.reader.article_view)
