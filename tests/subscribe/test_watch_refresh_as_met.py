"""``newsdesk watch`` and ``newsdesk refresh`` as a user meets them: what they store is
searchable at once, every file read says so, what the folder walk passes over is said,
paths are shown as typed, and Ctrl+C stops a refresh while a feed hangs."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import threading
from pathlib import Path

import pytest

from tests.command_process import start_command
from tests.subscribe.watching import PATIENCE, watching
from tui.search.index import SearchIndex, index_path
from tui.search.query import parse_query
from tui.store import Library
from tui.store.feeds import Feed, add_feed
from tui.subscribe import all_feeds
from tui.subscribe.fetch import FetchResult
from tui.subscribe.refresh import refresh
from tui.subscribe.watch import follow

STORY = (
    "Harbour reopens after storm\n\nThe harbour reopened on Monday after three days"
    " of storms, the port authority said.\n"
)


def _watch_once(db: Path, folders: list[str], **kwargs) -> tuple[list[str], list[str]]:  # type: ignore[no-untyped-def]
    """What ``follow`` says of the files already in ``folders`` (it stops once watching
    has begun): the import lines and the skipped lines."""
    lines: list[str] = []
    skipped: list[str] = []
    stop = threading.Event()
    with Library.open(db) as library:
        follow(
            library,
            folders,
            lambda item: lines.append(item.line()),
            stop=stop,
            on_ready=stop.set,
            poll=True,
            on_skipped=skipped.append,
            **kwargs,
        )
    return lines, skipped


def _indexed_as_stored(db: Path, word: str) -> list[str]:
    """The ids the library's search index finds for ``word`` as it is on disk, after
    checking that it is up to date with the library (no catch-up needed to search)."""
    with Library.open(db) as library:
        seq = library.change_seq()
    index = SearchIndex(index_path(db))
    assert index.meta().get("store_seq") == seq, "the index is behind the library"
    return [hit.article_id for hit in index.search(parse_query(word))]


def test_a_watched_files_articles_are_searchable_with_no_catch_up(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    db = tmp_path / "lib.db"
    lines, _ = _watch_once(db, [str(folder)])
    assert len(lines) == 1
    with Library.open(db) as library:
        ids = library.article_ids()
    assert len(ids) == 1 and _indexed_as_stored(db, "harbour") == list(ids)


def test_a_refreshs_entries_are_searchable_with_no_catch_up(tmp_path: Path) -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        b"<item><title>Harbour reopens after storm</title><link>http://w.test/1</link>"
        b"<description>The harbour reopened on Monday after three days of storms, the"
        b" port authority said.</description></item></channel></rss>"
    )
    db = tmp_path / "lib.db"
    with Library.open(db) as library:
        with library.write() as conn:
            add_feed(conn, Feed("http://w.test/rss"))
        summary = refresh(
            library,
            all_feeds(library.connection),
            fetcher=lambda url, **_: FetchResult(url, body=body),
        )
        ids = library.article_ids()
    assert summary.new == 1 and len(ids) == 1
    assert _indexed_as_stored(db, "harbour") == list(ids)


def test_a_file_of_articles_already_in_the_library_gets_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page copied into the folder under another name: read, nothing new, said so."""
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    Path("page.txt").write_text(STORY, encoding="utf-8")
    with Library.open(tmp_path / "lib.db") as library:
        library.import_paths(["page.txt"])
    shutil.copy("page.txt", "in/copy.txt")
    lines, _ = _watch_once(tmp_path / "lib.db", ["in"])
    assert lines == ["in/copy.txt: 0 new, 0 updated, 0 unchanged, 1 already in the library"]
    # Started again: an unchanged file is not read, so not said again.
    assert _watch_once(tmp_path / "lib.db", ["in"]) == ([], [])


def test_what_the_walk_passes_over_is_said_with_paths_as_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    folder = Path("in")
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "story.txt").write_text(STORY, encoding="utf-8")
    (folder / "gone").symlink_to(tmp_path / "nowhere")
    (tmp_path / "other").mkdir()
    (folder / "elsewhere").symlink_to(tmp_path / "other")
    os.mkfifo(folder / "pipe")
    lines, skipped = _watch_once(tmp_path / "lib.db", ["in/"])
    assert lines == ["in/sub/story.txt: 1 new, 0 updated, 0 unchanged"]
    assert skipped == [
        "in/: skipped 1 link to nothing, 1 link to a folder (not followed)"
        " and 1 named pipe or device"
    ]


@pytest.mark.parametrize("poll", [False, True], ids=["notify", "polling"])
def test_a_link_to_nothing_written_while_watching_is_said(tmp_path: Path, poll: bool) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    heard = threading.Event()
    skipped: list[str] = []

    def on_skipped(line: str) -> None:
        skipped.append(line)
        heard.set()

    hooks = {"on_import": lambda item: None, "on_skipped": on_skipped}
    with watching(tmp_path / "lib.db", folder, poll=poll, **hooks) as errors:
        (folder / "late").symlink_to(tmp_path / "nowhere")
        assert heard.wait(PATIENCE), f"nothing said: {errors}"
    assert skipped == [f"{folder / 'late'}: a link to nothing; skipped"]


def test_ctrl_c_stops_a_refresh_at_once_while_a_feed_hangs(tmp_path: Path, feed_server) -> None:  # type: ignore[no-untyped-def]
    """A server that accepts and never answers; the fetch's timeout is far away. Ctrl+C
    ends the command (130, one line) with the feed stored before it kept and found."""
    hanging = socket.socket()
    hanging.bind(("127.0.0.1", 0))
    hanging.listen()
    db = tmp_path / "lib.db"
    with Library.open(db) as library, library.write() as conn:
        add_feed(conn, Feed(feed_server.url("/atom.xml")))
        add_feed(conn, Feed(f"http://127.0.0.1:{hanging.getsockname()[1]}/feed"))
    command = start_command(["refresh", "--db", str(db), "--timeout", "3600"])
    process, lines = command.process, command.lines
    try:
        accepted, _ = hanging.accept()  # the hanging feed is being fetched
        first = lines.get(timeout=PATIENCE)  # the other one is stored
        assert "[1/2]" in first and "1 new" in first, first
    finally:
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=PATIENCE)
        hanging.close()
    accepted.close()
    assert code == 130
    assert command.rest(PATIENCE) == [
        "newsdesk refresh: stopped (Ctrl+C); 1 of 2 feeds stored, the rest not"
    ]
    with Library.open(db) as library:
        assert library.connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        ids = library.article_ids()
    assert len(ids) == 1 and _indexed_as_stored(db, "library") == list(ids)


def test_an_imports_wait_for_anothers_grouping_is_said_with_its_own_prefix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from filelock import FileLock

    import tui.commands._progress as progress
    from tui.cli import main

    db = tmp_path / "lib.db"
    (tmp_path / "story.txt").write_text(STORY, encoding="utf-8")
    other = FileLock(f"{db}.stories.lock", thread_local=False)  # another newsdesk grouping
    other.acquire()
    real = progress.stories_waiting

    def waiting(*args, **kwargs):  # type: ignore[no-untyped-def]
        say = real(*args, **kwargs)
        return lambda: (say(), other.release())  # said: the other one is done

    monkeypatch.setattr(progress, "stories_waiting", waiting)
    assert main(["import", str(tmp_path / "story.txt"), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "newsdesk import: another newsdesk is grouping this library's stories" in err


def test_a_regroup_that_reads_features_first_reports_the_two_steps_apart(
    tmp_path: Path,
) -> None:
    """An older library (no story features kept): reading them and grouping are two
    steps, each heard by its own progress (a display labels them), not one bar twice."""
    from tui.samples import __file__ as samples_init
    from tui.store import story_features
    from tui.store.stories import regroup

    samples = sorted(str(p) for p in Path(samples_init).parent.glob("*.txt"))
    with Library.open(tmp_path / "lib.db") as library:
        library.import_paths(samples)
        total = library.count()
        library.connection.execute(f"DELETE FROM {story_features.TABLE}")
        grouped: list[tuple[int, int]] = []
        read: list[tuple[int, int]] = []
        regroup(
            library,
            workers=1,
            progress=lambda d, t: grouped.append((d, t)),
            features_progress=lambda d, t: read.append((d, t)),
        )
    assert read and read[-1] == (total, total)
    assert grouped and grouped[-1] == (total, total)
    assert all(done <= total for done, _ in grouped)
    assert sorted(grouped) == grouped  # one run, not two
