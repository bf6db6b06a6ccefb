"""The reader follows the config's watch: folders and refreshes on refresh_every."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from pathlib import Path

from tests.app.helpers import make_app, settle
from tui.app.widgets.status_line import StatusLine
from tui.config.model import default_config
from tui.store import Library
from tui.store.feeds import Feed, add_feed

#: How long a test waits for what the app signals (seconds). Generous: a wait ends as
#: soon as the signal comes; under a whole team's test runs on two cores this test took
#: 9 s, and the old 10 s bound failed.
PATIENCE = 120


def watch_event(app, name: str) -> threading.Event:
    """An event set once the app's method ``name`` has run (it runs on the UI thread)."""
    done = threading.Event()
    original = getattr(app, name)

    def wrapped(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = original(*args, **kwargs)
        done.set()
        return result

    setattr(app, name, wrapped)
    return done


async def test_a_file_written_into_a_watched_folder_appears(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    config = replace(default_config(), watch=(str(folder),))
    app = make_app(tmp_path / "lib.db", config)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.reader.article_list.rows == []
        shown = watch_event(app.reader, "show_new")
        (folder / "story.txt").write_text(
            "Ferry timetable changes in spring\n\nThe ferry company said on Friday that its"
            " spring timetable would add two crossings a day.\n",
            encoding="utf-8",
        )
        assert await asyncio.to_thread(shown.wait, PATIENCE), "the file was never imported"
        await settle(pilot)
        assert [row.title for row in app.reader.article_list.rows] == [
            "Ferry timetable changes in spring"
        ]
        assert "1 new" in str(app.query_one(StatusLine).render())


async def test_refresh_every_refreshes_on_its_own(tmp_path: Path, feed_server) -> None:
    db = tmp_path / "lib.db"
    with Library.open(db) as library, library.write() as conn:
        add_feed(conn, Feed(feed_server.url("/rss.xml")))
    # The config refuses less than a minute; the app takes what it is given.
    config = replace(default_config(), refresh_every=0.2)
    app = make_app(db, config)
    async with app.run_test(size=(100, 30)) as pilot:
        refreshed = watch_event(app.reader, "_refreshed")
        assert await asyncio.to_thread(refreshed.wait, PATIENCE), "no refresh on the timer"
        await settle(pilot)
        assert {row.title for row in app.reader.article_list.rows} == {
            "Harbour reopens after storm",
            "Council votes on budget",
        }
