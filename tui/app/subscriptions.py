"""The reader's side of subscriptions: F5 / the palette / ``refresh_every`` refresh the
feeds, and the config's ``watch:`` folders are followed while the app is open.

Both run in thread workers with a :class:`~tui.store.library.Library` connection of
their own (SQLite connections belong to their thread), so the UI and the library
gateway's thread never wait on the network or an import. Progress and results come back
through ``call_from_thread``. New articles are shown by reloading the view's rows with
the reader's place kept: the same row under the cursor, at the same height on screen,
the open article left open; the status line says ``3 new``.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING, Any

from textual import work

from tui.app.textsafe import visible

if TYPE_CHECKING:
    from tui.app.widgets.list_rows import Row
    from tui.subscribe.refresh import FeedOutcome, RefreshSummary
    from tui.subscribe.watch import Imported


class SubscriptionsMixin:
    """Mixed into :class:`~tui.app.screens.reader.ReaderScreen` (which provides what it uses)."""

    news: str = ""
    refreshing: bool = False
    watch_stop: threading.Event | None = None
    watch_thread: threading.Thread | None = None

    def start_subscriptions(self) -> None:
        """After the first frame: the refresh timer and the folder watcher, if configured."""
        config: Any = self.app.config  # type: ignore[attr-defined]
        if config.refresh_every:
            self.set_interval(config.refresh_every, self.action_refresh_feeds)  # type: ignore[attr-defined]
        if config.watch:
            # A plain daemon thread, not a worker: it runs as long as the app, and
            # waiting for the workers to finish (tests do) must not wait for it.
            self.watch_stop = threading.Event()
            self.watch_thread = threading.Thread(
                target=self.follow_folders,
                args=(list(config.watch),),
                name="watch",
                daemon=True,
            )
            self.watch_thread.start()

    def stop_subscriptions(self) -> None:
        if self.watch_stop is not None:
            self.watch_stop.set()
            if self.watch_thread is not None:
                self.watch_thread.join(timeout=2)

    def set_news(self, text: str) -> None:
        self.news = text
        self.update_status()  # type: ignore[attr-defined]

    # -- feeds ---------------------------------------------------------------------------

    def action_refresh_feeds(self) -> None:
        if self.refreshing:
            self.notify("a refresh is already running", markup=False)  # type: ignore[attr-defined]
            return
        self.refreshing = True
        self.set_news("refreshing feeds…")
        self.refresh_feeds()

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def refresh_feeds(self) -> None:
        from tui.errors import NewsdeskError
        from tui.store import Library
        from tui.subscribe import all_feeds
        from tui.subscribe.refresh import refresh

        app: Any = self.app  # type: ignore[attr-defined]
        try:
            with Library.open(app.gateway.path) as library:
                if library.readonly:
                    raise NewsdeskError(f"{library.notice}; feeds not refreshed")
                feeds = all_feeds(library.connection, app.config.feeds)
                if not feeds:
                    app.call_from_thread(self._refreshed, None, "no feeds to refresh")
                    return

                def on_feed(outcome: FeedOutcome, done: int, total: int) -> None:
                    app.call_from_thread(self.set_news, f"refreshing feeds {done}/{total}…")

                summary = refresh(library, feeds, on_feed=on_feed)
        except NewsdeskError as exc:
            app.call_from_thread(self._refreshed, None, str(exc))
            return
        except Exception as exc:  # one line, never a traceback over the reader
            app.call_from_thread(self._refreshed, None, f"refresh failed: {exc!r}")
            return
        app.call_from_thread(self._refreshed, summary, "")

    def _refreshed(self, summary: RefreshSummary | None, error: str) -> None:
        app: Any = self.app  # type: ignore[attr-defined]
        self.refreshing = False
        if summary is None:
            self.set_news("")
            app.notify(visible(error), severity="warning", markup=False)
            return
        failed = [o.line() for o in summary.outcomes if o.state == "error"]
        detail = ("\n" + "\n".join(visible(line) for line in failed[:5])) if failed else ""
        app.notify(
            visible(summary.line()) + detail,
            severity="warning" if failed else "information",
            markup=False,
            timeout=8,
        )
        self.show_new(summary.new, changed=any(o.updated for o in summary.outcomes))

    # -- watched folders -----------------------------------------------------------------

    def follow_folders(self, folders: list[str]) -> None:
        """The watch thread: imports as files settle, tells the UI thread each time."""
        import os

        from tui.store import Library
        from tui.subscribe.watch import follow

        app: Any = self.app  # type: ignore[attr-defined]

        def tell(function: Any, *args: Any, **kwargs: Any) -> None:
            """Run on the UI thread; nothing to tell once the app has closed."""
            with contextlib.suppress(RuntimeError):
                app.call_from_thread(function, *args, **kwargs)

        missing = [f for f in folders if not os.path.isdir(os.path.expanduser(f))]
        if missing:
            text = f"watch: {missing[0]} is not a folder; not followed"
            tell(app.notify, visible(text), severity="warning", markup=False)
        folders = [os.path.expanduser(f) for f in folders if f not in missing]
        if not folders:
            return

        def on_import(item: Imported) -> None:
            if item.report is None:  # refused: the error says why
                tell(app.notify, visible(item.line()), severity="warning", markup=False)
            else:  # a file of articles all in the library already: "nothing new"
                tell(self.show_new, item.report.added, changed=bool(item.report.updated))

        try:
            with Library.open(app.gateway.path) as library:
                follow(library, folders, on_import, stop=self.watch_stop)
        except Exception as exc:  # one line in a notice, never a traceback
            tell(app.notify, visible(f"watch stopped: {exc}"), severity="error", markup=False)

    # -- showing what came in ------------------------------------------------------------

    def show_new(self, new: int, *, changed: bool = False) -> None:
        """Say how many articles are new; show them (and ``changed`` ones) in the list."""
        self.set_news(f"{new} new" if new else "nothing new")
        if new or changed:
            self.reload_keeping_place()

    @work(exclusive=True, group="rows")
    async def reload_keeping_place(self, *, announce: bool = False) -> None:
        """The view's rows again, the reader's place kept (see the module doc);
        ``announce``: say how many rows are new to the view (``3 new``), if any."""
        from tui.errors import NewsdeskError
        from tui.search import QueryError

        reader: Any = self
        try:
            await reader.note_library_version()  # another session's change: read now
            rows = await reader.load_view_rows()
        except (NewsdeskError, QueryError):
            return  # the view's own reload says why
        lst = reader.article_list
        old_rows, old_cursor, old_scroll = lst.rows, lst.cursor, lst.scroll_y
        listed = {row.id for row in reader.listed_rows()}
        new = sum(1 for row in rows if row.id not in listed)
        under_cursor = old_rows[old_cursor].id if old_rows else None
        if not reader.grouping():  # a story row stays by its story, not by position
            rows = _keeping_row(rows, old_rows, old_cursor)
        reader.load_stories()  # new articles may have joined stories
        lst.set_rows(reader.display_rows(rows), keep=under_cursor or reader.current_id)
        lst.scroll_to(y=old_scroll + (lst.cursor - old_cursor), animate=False, immediate=True)
        reader.rows_loaded = True  # every row is here (a paged load it cut short included)
        reader.recount()
        if announce and new:
            self.set_news(f"{new} new")


def _keeping_row(rows: list[Row], old_rows: list[Row], cursor: int) -> list[Row]:
    """``rows`` with the row under the cursor kept where it was, if the view's query no
    longer matches it (the article being read was marked read, and the Inbox lists
    unread ones): it leaves when the reader reloads the view, not under their eyes."""
    if not old_rows:
        return rows
    current = old_rows[cursor]
    index = {row.id: i for i, row in enumerate(rows)}
    if current.id in index:
        return rows
    before = next((r.id for r in reversed(old_rows[:cursor]) if r.id in index), None)
    after = next((r.id for r in old_rows[cursor + 1 :] if r.id in index), None)
    at = index[before] + 1 if before else index[after] if after else len(rows)
    return [*rows[:at], current, *rows[at:]]
