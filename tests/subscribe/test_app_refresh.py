"""F5 in the app: feeds refreshed in a worker, new articles shown, the reader's place kept."""

from __future__ import annotations

import json
from pathlib import Path

from tests.app.helpers import make_app, settle
from tui.app.widgets.status_line import StatusLine
from tui.store import Library
from tui.store.feeds import Feed, add_feed


def seed_library(path: Path, feed_url: str) -> None:
    lines = [
        json.dumps(
            {
                "title": f"Older story number {n}",
                "date": f"2024-11-{1 + n % 28:02d}",
                "text": f"Story {n} is about the harbour and the council, told at length"
                " so that the reader takes it for an article of its own.",
            }
        )
        for n in range(60)
    ]
    dump = path.parent / "older.jsonl"
    dump.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Library.open(path) as library:
        library.import_paths([str(dump)], jobs=1)
        with library.write() as conn:
            add_feed(conn, Feed(feed_url, "Desk"))


def status(app) -> str:
    return str(app.query_one(StatusLine).render())


async def test_f5_refreshes_and_keeps_the_place(tmp_path: Path, feed_server) -> None:
    db = tmp_path / "lib.db"
    seed_library(db, feed_server.url("/atom.xml"))
    app = make_app(db)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        lst = app.reader.article_list
        assert len(lst.rows) == 60
        for _ in range(12):
            await pilot.press("j")
        await pilot.press("enter")
        await settle(pilot)
        before_id = lst.rows[lst.cursor].id
        before_offset = lst.cursor - lst.scroll_y
        open_id = app.reader.current_id
        assert open_id == before_id

        notices: list[str] = []
        notify = app.notify
        app.notify = lambda message, **kw: (notices.append(str(message)), notify(message, **kw))
        await pilot.press("f5")
        await settle(pilot)
        await settle(pilot)

        assert len(lst.rows) == 61
        assert lst.rows[0].title == "Library extends opening hours"  # newest first
        assert lst.rows[lst.cursor].id == before_id  # the same row under the cursor
        assert lst.cursor - lst.scroll_y == before_offset  # at the same height
        assert app.reader.current_id == open_id  # the open article stays open
        assert "1 new" in status(app)
        assert notices == ["1 feed, 1 new"]


async def test_refresh_is_a_palette_command_and_rebindable(tmp_path: Path) -> None:
    from tui.app.binding_catalog import binding_catalog
    from tui.config.model import default_config

    ids = {row.id: row for row in binding_catalog(default_config())}
    assert ids["refresh-feeds"].keys == "f5"
    app = make_app(tmp_path / "lib.db")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        from tui.app.commands import NewsdeskCommands

        provider = NewsdeskCommands(app.screen)
        names = [name for name, _action, _help in provider.commands()]
        assert "Refresh feeds" in names


async def test_hostile_entry_shows_as_typed_and_quits_nothing(tmp_path: Path, feed_server) -> None:
    from tests.app.helpers import screen_text

    db = tmp_path / "lib.db"
    with Library.open(db) as library, library.write() as conn:
        add_feed(conn, Feed(feed_server.url("/hostile.xml")))
    app = make_app(db)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("f5")
        await settle(pilot)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        shown = screen_text(app)
        assert "[@click=app.quit]Click me[/]" in shown
        assert "[@click=app.quit]quit[/] and [b]bold[/b]" in shown
        assert "Hostile [b]Feed[/b]" in shown
        assert "\x1b" not in shown
        await pilot.click("ArticleView", offset=(4, 1))  # on the title: no action runs
        await settle(pilot)
        assert app.is_running
