"""The reader notices what another session (``newsdesk import`` in a second terminal,
a second reader) changed in the library, and shows it without losing the reader's
place: the cursor stays on its article, an open note editor and a typed search are
left as they are. Two connections: the app's, and the test's own ``Library``."""

from __future__ import annotations

from pathlib import Path

from tests.app.helpers import make_app, press, settle
from tui.app.screens.note_editor import NoteEditor

NEW_FILE = "# Lighthouse keeper retires\n@date 2024-03-05\nThe last keeper left on Friday.\n"


def _import_elsewhere(library_path: Path, name: str = "gamma.txt") -> None:
    """``newsdesk import`` in another terminal: a connection of its own."""
    from tui.store import Library

    dump = library_path.parent / "dumps" / name
    dump.write_text(NEW_FILE.replace("Lighthouse", name.split(".")[0]), encoding="utf-8")
    with Library.open(library_path) as library:
        assert library.import_paths([str(dump)]).added == 1


async def _tick(pilot) -> None:
    """What the poll timer does, run twice (a change is shown once it has settled)."""
    for _ in range(2):
        await pilot.app.reader.library_tick()
        await settle(pilot)


def _spy_reloads(reader, monkeypatch, each=lambda: None) -> list[int]:
    """The refreshes the reader starts (one entry each); ``each`` runs at every one."""
    reloads: list[int] = []
    real = reader.reload_keeping_place

    def counted(**kwargs):
        reloads.append(1)
        each()
        return real(**kwargs)

    monkeypatch.setattr(reader, "reload_keeping_place", counted)
    return reloads


def _titles(app) -> list[str]:
    return [row.title for row in app.reader.article_list.rows]


async def test_another_sessions_import_is_listed_the_cursor_kept(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        reader = app.reader
        await press(pilot, "j")
        kept = reader.article_list.current.id
        _import_elsewhere(library_path)
        await _tick(pilot)
        assert "gamma keeper retires" in _titles(app)
        assert reader.article_list.current.id == kept
        assert reader.current_id == kept
        assert "1 new" in reader.news


async def test_no_change_no_reload(library_path: Path, monkeypatch) -> None:
    """The timer reads one number; nothing changed, nothing is read again."""
    app = make_app(library_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        reloads = _spy_reloads(app.reader, monkeypatch)
        await _tick(pilot)
        await _tick(pilot)
        assert reloads == []
        _import_elsewhere(library_path)
        await _tick(pilot)
        assert reloads == [1]
        await _tick(pilot)
        assert reloads == [1]  # once per change


async def test_the_timer_is_running(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.reader.library_timer is not None


async def test_an_open_note_editor_is_left_alone_and_the_list_follows_after(
    library_path: Path,
) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        reader = app.reader
        await press(pilot, "c")
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"half written")
        await settle(pilot)
        _import_elsewhere(library_path)
        await _tick(pilot)
        assert isinstance(app.screen, NoteEditor)
        assert "half written" in app.screen.query_one("TextArea").text
        assert "gamma keeper retires" not in _titles(app)  # not under the editor
        await press(pilot, "ctrl+s")
        assert not isinstance(app.screen, NoteEditor)
        await _tick(pilot)
        assert "gamma keeper retires" in _titles(app)
        assert reader.news == "1 new"
        notes = [a.note for a in reader.current_annotations if a.kind == "note"]
        assert notes == ["half written"]


async def test_a_typed_search_is_kept(library_path: Path) -> None:
    app = make_app(library_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        reader = app.reader
        await press(pilot, "slash")
        await pilot.press(*"harbour")
        await settle(pilot)
        hits = len(reader.search_pane.hits)
        _import_elsewhere(library_path)
        await _tick(pilot)
        assert "gamma keeper retires" in _titles(app)
        search = reader.search_pane
        assert search.input.value == "harbour" and app.focused is search.input
        assert len(search.hits) == hits


async def test_a_slow_refresh_keeps_the_next_one_waiting(library_path: Path, monkeypatch) -> None:
    """A refresh that took a second (a view of 100,000 articles under load) is followed by the next
    no sooner than four seconds after it ended: during a long import the library thread
    stays mostly free for the reader's own reads."""
    from types import SimpleNamespace

    import tui.app.library_follow as library_follow

    clock = [1000.0]
    monkeypatch.setattr(library_follow, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    app = make_app(library_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        started: list[float] = []

        def slow() -> None:
            started.append(clock[0])
            clock[0] += 1.0  # the read took a second

        _spy_reloads(app.reader, monkeypatch, slow)
        _import_elsewhere(library_path, "gamma.txt")
        await _tick(pilot)
        assert started == [1000.0]
        _import_elsewhere(library_path, "delta.txt")
        clock[0] += 3.0  # 3 s after the refresh ended: not yet
        await _tick(pilot)
        assert started == [1000.0]
        clock[0] += 1.5
        await _tick(pilot)
        assert started == [1000.0, 1005.5]
        assert "delta keeper retires" in _titles(app)
