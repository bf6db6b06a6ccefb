"""Helpers for driving the app in tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.config.model import Config, default_config


def make_app(library_path: Path, config: Config | None = None, **kwargs: Any):
    from tui.app.app import NewsdeskApp

    return NewsdeskApp(config or default_config(), library_path=library_path, **kwargs)


async def settle(pilot: Any) -> None:
    """Wait until the app has no work in flight (workers, library calls, messages)."""
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def long_list(pilot: Any, rows: int = 700) -> Any:
    """The app's list showing ``rows`` copies of its first row (ids ``row0``..., titles
    ``Title 0``...), focused and settled: enough rows to page through."""
    await settle(pilot)
    lst = pilot.app.reader.article_list
    first = lst.rows[0]
    lst.set_rows([first._replace(id=f"row{i}", title=f"Title {i}") for i in range(rows)])
    lst.focus()
    await settle(pilot)
    return lst


async def all_articles(pilot: Any) -> Any:
    """The app settled on the All view (``3``: one row per article, no story rows), its
    list focused; the list."""
    await settle(pilot)
    await press(pilot, "3")
    lst = pilot.app.reader.article_list
    lst.focus()
    return lst


async def press(pilot: Any, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def library_state(library_path: Path, article_id: str):
    from tui.store import Library

    with Library.open(library_path) as library:
        return library.state(article_id)


def titles_in_order(library_path: Path) -> list[tuple[str, str]]:
    from tui.store import Library

    with Library.open(library_path) as library:
        return [(row.id, row.title) for row in library.list_rows(order="date")]


def screen_strips(app: Any) -> list[Any]:
    """The screen as Textual composes it for the terminal: one ``Strip`` per row."""
    # Textual has no public way to read the composed screen (``export_screenshot`` gives
    # SVG); the compositor's strips are what it sends to the terminal.
    return app.screen._compositor.render_strips()  # noqa: SLF001


def screen_text(app: Any) -> str:
    """The screen as plain text, one line per row (what a person would read)."""
    strips = screen_strips(app)
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


def region_text(app: Any, widget: Any) -> str:
    """The text shown inside ``widget``'s region of the screen."""
    region = widget.region
    lines = screen_text(app).splitlines()[region.y : region.bottom]
    return "\n".join(line[region.x : region.right] for line in lines)


def busy_events(app: Any) -> tuple[Any, Any]:
    """Events set (in the library thread) when something waits for a busy library, and
    when it went through; the app hears it as before."""
    import threading

    waiting, over = threading.Event(), threading.Event()
    told = app.gateway.on_busy

    def on_busy(now_waiting: bool, kind: str) -> None:
        (waiting if now_waiting else over).set()
        told(now_waiting, kind)

    app.gateway.on_busy = on_busy
    return waiting, over


def notice_texts(app: Any) -> list[str]:
    """The notices (toasts) on screen, as text."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]
