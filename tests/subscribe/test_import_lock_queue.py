"""``newsdesk watch`` and ``newsdesk refresh`` queue behind a ``newsdesk import`` of the
same library and say so, as a second import does (:mod:`tui.store.import_lock`): they
used to write beside it and fail with "the library is busy" when its grouping of stories
held the write lock past the busy timeout (a watched file was then left out)."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Any

from tests.command_process import start_command
from tui.cli import main
from tui.store import Library
from tui.store.import_lock import one_import

PATIENCE = 120  # seconds an event or a line is waited for (never reached when all is well)
STORY = (
    "Harbour reopens after storm\n\nThe harbour reopened on Monday after three days"
    " of storms, the port authority said.\n"
)


def test_watch_waits_for_an_import_says_so_then_imports(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")  # there before: imported first
    db = tmp_path / "lib.db"
    Library.open(db).close()
    with one_import(db):  # an import, running
        command = start_command(["watch", str(folder), "--db", str(db)])
        process, lines = command.process, command.lines
        try:
            said = lines.get(timeout=PATIENCE).rstrip("\n")
            assert said == (f"newsdesk watch: another import of {db} is running; waiting for it")
            with Library.open(db) as library:
                assert library.count() == 0  # nothing stored while it waits
        except BaseException:
            process.kill()
            raise
    try:
        imported = lines.get(timeout=PATIENCE)
        assert imported.rstrip().endswith("story.txt: 1 new, 0 updated, 0 unchanged"), imported
        assert lines.get(timeout=PATIENCE).startswith("newsdesk watch: watching ")
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=PATIENCE)
    assert code == 0
    assert command.rest(PATIENCE) == ["newsdesk watch: stopped"]  # no "busy", no second wait
    with Library.open(db) as library:
        assert library.count() == 1


def test_refresh_waits_for_an_import_says_so_then_stores(
    tmp_path: Path, feed_server, capsys, monkeypatch
) -> None:
    import tui.commands._progress as progress

    db = tmp_path / "lib.db"
    assert main(["feeds", "add", feed_server.url("/rss.xml"), "--db", str(db)]) == 0
    capsys.readouterr()
    waited = threading.Event()
    real = progress.import_waiting

    def import_waiting(*args: Any) -> Any:
        say = real(*args)
        return lambda: (say(), waited.set())

    monkeypatch.setattr(progress, "import_waiting", import_waiting)
    codes: list[int] = []
    with one_import(db):  # an import, running
        thread = threading.Thread(
            target=lambda: codes.append(main(["refresh", "--db", str(db), "--timeout", "5"]))
        )
        thread.start()
        assert waited.wait(PATIENCE), "refresh stored without waiting for the import"
        with Library.open(db) as library:
            assert library.count() == 0  # fetched, not stored, while it waits
    thread.join(PATIENCE)
    assert codes == [0]
    err = capsys.readouterr().err
    assert f"newsdesk refresh: another import of {db} is running; waiting for it\n" in err
    assert "Local Wire: 2 new" in err and "busy" not in err
    with Library.open(db) as library:
        assert library.count() == 2
