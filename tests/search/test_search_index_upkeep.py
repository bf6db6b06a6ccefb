"""The index beside the library: rebuilt when missing, old or damaged; an interrupted
import repaired by the next command; one writer at a time, the others wait or read."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.search.test_search_store import BAKERY, FERRY, write
from tui.errors import NewsdeskError
from tui.search import engine, run_query, update_index
from tui.search.index import SearchIndex, index_path
from tui.search.library_state import index_for
from tui.store import Library


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    db = tmp_path / "lib.db"
    with Library.open(db) as library:
        library.import_paths([str(write(tmp_path / "ferry.txt", FERRY))])
        update_index(library)
    return db


def test_the_index_is_a_folder_beside_the_library(library_file: Path) -> None:
    folder = index_path(library_file)
    assert folder == library_file.with_name("lib.db.search") and folder.is_dir()
    with Library.open(library_file) as library:
        assert len(run_query(library, "harbour")) == 1


def test_a_deleted_index_is_rebuilt(library_file: Path) -> None:
    engine.remove_index(index_path(library_file))
    with Library.open(library_file) as library:
        assert len(run_query(library, "harbour")) == 1


def test_a_damaged_index_is_rebuilt(library_file: Path) -> None:
    (index_path(library_file) / "meta.json").write_text("{ not json", encoding="utf-8")
    with Library.open(library_file) as library:
        assert len(run_query(library, "harbour")) == 1
        assert run_query(library, "harbour")[0].context.startswith("The harbour board")


def test_an_index_with_a_damaged_term_dictionary_is_rebuilt(library_file: Path) -> None:
    # tantivy opens such an index (a segment's term dictionary is read at its first
    # word): the next command used to stop on a traceback at every search for a word,
    # and never repaired it.
    with Library.open(library_file) as library:
        note = library.add_note(library.article_ids()[0], "kept")
    dictionaries = list(index_path(library_file).glob("*.term"))
    assert dictionaries
    for path in dictionaries:
        with path.open("r+b") as file:
            file.write(b"not a term dictionary" * 8)
    with Library.open(library_file) as library:
        hits = run_query(library, "harbour")
        assert len(hits) == 1 and hits[0].context.startswith("The harbour board")
        assert [a.id for a in library.annotations(hits[0].article_id)] == [note.id]
        assert len(run_query(library, "has:note harbour")) == 1


def test_damage_first_met_by_a_search_is_repaired_and_the_search_answered(
    library_file: Path, monkeypatch
) -> None:
    # Damage inside a dictionary (not at its start) shows only when a query reads there.
    real = SearchIndex.search
    failed: list[str] = []

    def damaged_once(self, query, **kwargs):
        if not failed:
            failed.append("x")
            raise ValueError("An IO error occurred: 'Fst data is corrupted: Fst(...)'")
        return real(self, query, **kwargs)

    with Library.open(library_file) as library:
        index_for(library)
        monkeypatch.setattr(SearchIndex, "search", damaged_once)
        hits = run_query(library, "harbour")
        assert failed and len(hits) == 1
        assert index_for(library).meta()["store_seq"] == library.change_seq()


def test_a_query_error_of_the_engine_is_not_taken_for_damage(
    library_file: Path, monkeypatch
) -> None:
    def refused(self, query, **kwargs):
        raise ValueError("Invalid regex: too big")

    with Library.open(library_file) as library:
        index = index_for(library)
        monkeypatch.setattr(SearchIndex, "search", refused)
        with pytest.raises(ValueError, match="regex"):
            run_query(library, "harbour")
        assert index_for(library) is index  # not rebuilt


def test_an_index_of_an_older_version_is_rebuilt(library_file: Path, monkeypatch) -> None:
    monkeypatch.setattr(engine, "INDEX_VERSION", engine.INDEX_VERSION + 1)
    with Library.open(library_file) as library:
        index = index_for(library)
        assert index.meta()["version"] == engine.INDEX_VERSION
        assert len(run_query(library, "harbour")) == 1


def test_an_import_the_index_did_not_follow_is_caught_up(library_file: Path) -> None:
    # What an import killed after storing but before indexing leaves: the library ahead.
    with Library.open(library_file) as library:
        library.import_paths([str(write(library_file.parent / "bakery.txt", BAKERY))])
    with Library.open(library_file) as library:
        before = index_for(library, wait=True)
        assert len(run_query(library, "flour")) == 1
        assert before.meta()["store_seq"] == library.change_seq()


def test_a_writer_killed_before_its_commit_leaves_a_usable_index(library_file: Path) -> None:
    folder = index_path(library_file)
    # A process that adds documents to the index and dies (kill -9) before committing.
    script = (
        "import os, sys, tantivy\n"
        "from pathlib import Path\n"
        "from tui.search import engine\n"
        "index = engine.open_index(Path(sys.argv[1]))\n"
        "writer = index.writer(engine.WRITER_HEAP, 1)\n"
        "for n in range(2000):\n"
        "    writer.add_document(tantivy.Document(kind=0, key=n, body='zebra crossing'))\n"
        "os._exit(9)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(folder)], check=False)
    assert done.returncode == 9
    with Library.open(library_file) as library:
        library.import_paths([str(write(library_file.parent / "bakery.txt", BAKERY))])
        assert len(run_query(library, "flour")) == 1  # the lock died with its holder
        assert run_query(library, "zebra") == []  # and its uncommitted documents too


def test_a_library_from_before_this_index_upgrades_itself_with_progress(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Library.open(db) as library:
        library.import_paths([str(write(tmp_path / "ferry.txt", FERRY))])
        library.import_paths([str(write(tmp_path / "bakery.txt", BAKERY))])
        # The previous version kept an FTS5 index in the library file.
        library.connection.execute("CREATE TABLE search_meta(key TEXT PRIMARY KEY, value TEXT)")
        library.connection.execute("CREATE TABLE search_docs(article INTEGER PRIMARY KEY)")
    assert not index_path(db).exists()
    seen: list[tuple[int, int | None]] = []
    with Library.open(db) as library:
        update_index(library, progress=lambda done, total: seen.append((done, total)))
        tables = {r[0] for r in library.connection.execute("SELECT name FROM sqlite_master")}
        assert not {"search_meta", "search_docs"} & tables
        assert len(run_query(library, "flour | harbour")) == 2
    assert seen[-1] == (2, 2)


def test_a_second_writer_waits_for_the_first(tmp_path: Path, make_article, monkeypatch) -> None:
    folder = tmp_path / "index"
    first, second = SearchIndex(folder), SearchIndex(folder)
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with engine.writing(first.index):
            holding.set()
            release.wait()

    holder = threading.Thread(target=hold)
    holder.start()
    holding.wait()
    waited: list[float] = []

    def sleep(seconds: float) -> None:  # the second writer found the lock taken
        waited.append(seconds)
        release.set()
        holder.join()

    monkeypatch.setattr(engine.time, "sleep", sleep)
    article, _ = make_article("a.txt", ["Harbour news.", "The ferry is late."])
    assert second.add([article]) == 1  # waited, then wrote: no lock error
    assert waited
    first.reload()
    assert [h.article_id for h in run_query(first, "ferry")] == [article.id]


def test_a_second_importer_waits_as_long_as_the_first_one_runs(tmp_path: Path, monkeypatch):
    """A 100k-article import holds the writer for many minutes: the second waits it out."""
    folder = tmp_path / "index"
    first, second = SearchIndex(folder), SearchIndex(folder)
    clock = [0.0]
    monkeypatch.setattr(engine.time, "monotonic", lambda: clock[0])
    with engine.writing(first.index):
        naps: list[float] = []

        def sleep(seconds: float) -> None:  # an hour passes at every nap
            naps.append(seconds)
            clock[0] += 3600.0
            if len(naps) == 3:
                raise KeyboardInterrupt  # still waiting after three hours: no lock error

        monkeypatch.setattr(engine.time, "sleep", sleep)
        with pytest.raises(KeyboardInterrupt):
            engine.open_writer(second.index)
    assert len(naps) == 3


def test_what_another_writer_added_meanwhile_is_not_added_twice(tmp_path: Path, make_article):
    folder = tmp_path / "index"
    first, second = SearchIndex(folder), SearchIndex(folder)
    article, _ = make_article("a.txt", ["Harbour news.", "The ferry is late."])
    assert second.count() == 0  # the second session looked before the first one wrote
    assert first.add([article]) == 1
    assert second.add([article]) == 0  # it is there now: not a second document
    first.reload()
    assert first.count() == 1
    assert [h.article_id for h in run_query(first, "ferry")] == [article.id]


def test_a_reader_searches_while_another_process_writes(library_file: Path) -> None:
    folder = index_path(library_file)
    other = SearchIndex(folder)
    with Library.open(library_file) as library:
        library.import_paths([str(write(library_file.parent / "bakery.txt", BAKERY))])
        with engine.writing(other.index):  # another process's import holds the writer
            assert len(run_query(library, "harbour")) == 1  # no lock error, no waiting
        assert len(run_query(library, "flour")) == 1  # caught up at a later query


def test_triage_filters_are_exact_at_once_whatever_their_size(tmp_path: Path, monkeypatch):
    import tui.search.index as index_module

    with Library.open(tmp_path / "lib.db") as library:
        library.import_paths([str(write(tmp_path / "f.txt", FERRY))])
        library.import_paths([str(write(tmp_path / "b.txt", BAKERY))])
        (bakery,) = run_query(library, "bread")
        (ferry,) = run_query(library, "harbour")
        for small_set in (2000, 0):  # in the engine's query, or filtering its ranked hits
            monkeypatch.setattr(index_module, "SMALL_SET", small_set)
            library.star(bakery.article_id)
            assert [h.article_id for h in run_query(library, "said is:starred")] == [
                bakery.article_id
            ]
            assert [h.article_id for h in run_query(library, "the !is:starred")] == [
                ferry.article_id
            ]
            library.star(bakery.article_id, False)
            assert run_query(library, "said is:starred") == []
            library.add_tag(ferry.article_id, "boats")
            assert [h.article_id for h in run_query(library, "the tag:boats")] == [ferry.article_id]
            library.remove_tag(ferry.article_id, "boats")
            assert run_query(library, "the tag:boats") == []


def test_newsdesk_import_leaves_the_index_up_to_date(tmp_path: Path) -> None:
    from tui.cli import main

    db = tmp_path / "lib.db"
    assert main(["import", str(write(tmp_path / "ferry.txt", FERRY)), "--db", str(db)]) == 0
    with Library.open(db) as library:
        index = SearchIndex(index_path(db))  # read as it is, without catching up
        assert index.meta()["store_seq"] == library.change_seq()
        assert index.count() == 1


def test_an_import_is_indexed_from_memory_as_it_goes(tmp_path: Path, monkeypatch) -> None:
    from tui.search.follow import indexing

    files = [
        write(tmp_path / f"{n}.txt", [f"Story {n} about the harbour.", FERRY[1]]) for n in (1, 2)
    ]
    with Library.open(tmp_path / "lib.db") as library:
        monkeypatch.setattr(library, "get_articles", lambda ids: pytest.fail("read back"))
        with indexing(library):
            library.import_paths([str(p) for p in files])
        index = SearchIndex(index_path(tmp_path / "lib.db"))
        assert index.count() == 2
        assert index.meta()["store_seq"] == library.change_seq()
        assert len(run_query(library, "harbour")) == 2


def test_the_import_writer_decodes_no_article_for_the_index(tmp_path: Path, monkeypatch) -> None:
    """The workers hand the index its documents ready: the writer never decodes a stored
    body again (it did, for every article, before)."""
    import tui.search.follow as follow
    import tui.store.importer as importer
    from tui.search.follow import indexing

    def no_decode(body: bytes) -> None:
        pytest.fail("decoded a stored article for the index")

    monkeypatch.setattr(importer, "decode_article", no_decode)
    monkeypatch.setattr(follow, "decode_article", no_decode, raising=False)
    files = [
        write(tmp_path / f"{n}.txt", [f"Story {n} about the harbour.", FERRY[1]]) for n in (1, 2)
    ]
    with Library.open(tmp_path / "lib.db") as library:
        with indexing(library):
            library.import_paths([str(p) for p in files], jobs=1)
        assert len(run_query(library, "harbour")) == 2
        assert library.on_prepare is None  # the hook is the import's alone


def test_what_the_import_was_not_told_of_is_reconciled(tmp_path: Path, make_article) -> None:
    from tui.search.follow import indexing

    db = tmp_path / "lib.db"
    with Library.open(db) as library, Library.open(db) as other:
        with indexing(library):
            # another process stores a file meanwhile; this one was told of an article
            # whose transaction was rolled back
            other.import_paths([str(write(tmp_path / "bakery.txt", BAKERY))])
            ghost, text = make_article("ghost.txt", ["A zebra story that never was."])
            library.stored([ghost], text, [])
            library.import_paths([str(write(tmp_path / "ferry.txt", FERRY))])
        assert len(run_query(library, "flour")) == 1
        assert len(run_query(library, "harbour")) == 1
        assert run_query(library, "zebra") == []


def test_an_import_killed_midway_is_repaired_by_the_next_command(tmp_path: Path) -> None:
    db = tmp_path / "lib.db"
    files = [
        write(tmp_path / f"{n}.txt", [f"Story {n} about the harbour.", FERRY[1]]) for n in range(6)
    ]
    # `newsdesk import`, killed (-9) right after its third file was stored.
    script = (
        "import os, sys\n"
        "from tui.search import index as index_module\n"
        "from tui.search.follow import indexing\n"
        "from tui.store import Library\n"
        "index_module.BATCH = 2\n"  # a checkpoint every two articles
        "import tui.store.importer as importer\n"
        "importer.BATCH_SECONDS = 0\n"  # the import commits after every file
        "library = Library.open(sys.argv[1])\n"
        "stored = []\n"
        "def kill(articles, text, removed):\n"
        "    stored.append(1)\n"
        "    if len(stored) == 3:\n"
        "        os._exit(9)\n"
        "with indexing(library):\n"
        "    library.on_stored.append(kill)\n"
        "    library.import_paths(sys.argv[2:])\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(db), *map(str, files)], check=False)
    assert done.returncode == 9
    with Library.open(db) as library:
        assert library.count() == 3
        index = SearchIndex(index_path(db))
        assert 0 < index.count() <= 3  # committed at a checkpoint, behind the library
        assert len(run_query(library, "harbour")) == 3  # the next command catches up
        assert index_for(library).meta()["store_seq"] == library.change_seq()


def test_the_reader_starts_while_another_session_imports(library_file: Path, monkeypatch) -> None:
    from tui.commands._app import import_first

    monkeypatch.setattr(engine, "WRITER_WAIT_S", 0.0)  # waiting would show as an error
    with Library.open(library_file) as library:
        library.import_paths([str(write(library_file.parent / "bakery.txt", BAKERY))])
    other = SearchIndex(index_path(library_file))
    with engine.writing(other.index):  # another session's import holds the writer
        assert import_first(library_file, []) == 0
    with Library.open(library_file) as library:
        assert len(run_query(library, "flour")) == 1


def test_an_import_killed_with_its_workers_running_is_repaired(tmp_path: Path, monkeypatch):
    """Forked parse workers share the import's open files, the index's writer lock among
    them: killed with the import, they must not live on holding it."""
    db = tmp_path / "lib.db"
    story = [f"Story line {n} about the harbour and the ferry." for n in range(5000)]
    files = [write(tmp_path / f"{n}.txt", [f"Harbour file {n}.", *story]) for n in range(6)]
    pids = tmp_path / "workers.txt"
    script = (
        "import multiprocessing, os, sys\n"
        "from tui.search.follow import indexing\n"
        "from tui.store import Library\n"
        "import tui.store.importer as importer\n"
        "importer.BATCH_SECONDS = 0\n"  # the import commits after every file
        "library = Library.open(sys.argv[1])\n"
        "def kill(articles, text, removed):\n"
        "    workers = [p.pid for p in multiprocessing.active_children()]\n"
        "    open(sys.argv[2], 'w').write(' '.join(map(str, workers)))\n"
        "    os._exit(9)\n"
        "with indexing(library):\n"
        "    library.on_stored.append(kill)\n"
        "    library.import_paths(sys.argv[3:], jobs=2)\n"
    )
    args = [sys.executable, "-c", script, str(db), str(pids), *map(str, files)]
    done = subprocess.run(args, check=False)
    assert done.returncode == 9
    workers = [int(pid) for pid in pids.read_text().split()]
    assert workers  # the import ran its workers
    monkeypatch.setattr(engine, "WRITER_WAIT_S", 30.0)
    try:
        with Library.open(db) as library:
            update_index(library)  # waits for the writer lock: a leftover worker holds it
            assert library.count() >= 1
            assert index_for(library).meta()["store_seq"] == library.change_seq()
            assert len(run_query(library, "harbour", limit=50)) == library.count()
    finally:
        for pid in workers:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)  # what is left of them, if the fix fails


def test_an_index_another_process_is_writing_is_never_deleted_by_a_reader(
    library_file: Path,
) -> None:
    """A reader that cannot open the index while another process writes it (its merges
    delete files under the reader) must not take it for corrupt and delete it: the
    writer's import was lost that way."""
    folder = index_path(library_file)
    writer = SearchIndex(folder)
    with engine.writing(writer.index):  # another process's import
        segments = sorted(p.name for p in folder.iterdir() if p.suffix == ".store")
        (folder / "meta.json").write_text("{ not json", encoding="utf-8")  # unreadable now
        with Library.open(library_file) as library, pytest.raises(NewsdeskError) as raised:
            run_query(library, "harbour")
        assert "another newsdesk process" in str(raised.value)  # one line, no traceback
        assert sorted(p.name for p in folder.iterdir() if p.suffix == ".store") == segments
    with Library.open(library_file) as library:  # the writer committed: readable again
        assert len(run_query(library, "harbour")) == 1


def test_opening_an_index_tries_again_when_a_writer_deleted_a_file_under_it() -> None:
    answers: list[object] = [ValueError("Failed to open file for read: 'FileDoesNotExist(x)'"), 7]

    def read() -> object:
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    assert engine.reading(read) == 7
    with pytest.raises(ValueError, match="schema"):
        engine.reading(lambda: (_ for _ in ()).throw(ValueError("schema does not match")))


class _CountingWriter:
    """tantivy's writer, counting the deletes of an article's document it is asked for."""

    def __init__(self, writer: object) -> None:
        self.writer = writer
        self.deletes = 0

    def __getattr__(self, name: str) -> object:
        return getattr(self.writer, name)

    def delete_documents_by_term(self, field: str, value: object) -> int:
        self.deletes += field == "key"
        return self.writer.delete_documents_by_term(field, value)  # type: ignore[attr-defined]


@pytest.mark.parametrize("batch", [5000, 1])  # 1: a checkpoint after every document
def test_an_import_deletes_only_documents_the_index_may_hold(
    tmp_path: Path, monkeypatch, batch: int
) -> None:
    """New articles are written without a delete before them (tantivy keeps every delete
    in the writer's memory for the whole import: one per article was half its growth);
    an article written again (its file changed around it) still replaces its document,
    whether it was committed by an earlier import or earlier in this one."""
    import tui.search.follow as follow
    from tests.store.test_store_inputs import ROWS, _csv
    from tui.search import index as index_module

    monkeypatch.setattr(index_module, "BATCH", batch)
    writers: list[_CountingWriter] = []

    def counting(*args: object, **kwargs: object) -> _CountingWriter:
        writers.append(_CountingWriter(open_writer(*args, **kwargs)))
        return writers[-1]

    open_writer = engine.open_writer
    monkeypatch.setattr(follow.engine, "open_writer", counting)
    desk = tmp_path / "desk.csv"
    others = [
        write(tmp_path / f"{n}.txt", [f"Story {n} about the harbour.", FERRY[1]]) for n in (1, 2)
    ]
    with Library.open(tmp_path / "lib.db") as library:
        with indexing_of(library):
            library.import_paths([str(_csv(desk, ROWS)), *map(str, others)], jobs=1)
        assert writers[-1].deletes == 0  # four new articles
        with indexing_of(library):
            # The second row edited: the first is stored again with its id.
            _csv(desk, [ROWS[0], (ROWS[1][0], ROWS[1][1], ROWS[1][2] + " Or so.")])
            library.import_paths([str(desk)], jobs=1)
            # ... and again in this import, after what it wrote was committed (batch 1).
            _csv(desk, [ROWS[0], (ROWS[1][0], ROWS[1][1], ROWS[1][2] + " Or not.")])
            library.import_paths([str(desk)], jobs=1)
        assert len(run_query(library, "tram")) == 1
        assert len(run_query(library, "ferry")) == 1
        assert len(run_query(library, "harbour")) == 2
        assert SearchIndex(index_path(tmp_path / "lib.db")).count() == 4


def indexing_of(library: Library) -> contextlib.AbstractContextManager[None]:
    from tui.search.follow import indexing

    return indexing(library)


def test_a_panic_of_the_engine_is_taken_for_damage_and_the_search_answered(
    library_file: Path, monkeypatch
) -> None:
    """Garbage written over the files of an open index makes tantivy panic (a Rust
    assertion, raised by pyo3 as ``PanicException``, a ``BaseException``), not return
    an error: once it was printed over the reader and every search said 0 hits. It is
    damage: the index is rebuilt and the search answered. (The garbage itself does not
    make it panic every time: what tantivy holds in memory may answer instead.)"""

    class PanicException(BaseException):  # pyo3's name for it; not importable
        pass

    real = SearchIndex.search
    panicked: list[str] = []

    def panics_once(self, query, **kwargs):
        if not panicked:
            panicked.append("x")
            raise PanicException("assertion failed: 1 <= nbytes && nbytes <= out.len()")
        return real(self, query, **kwargs)

    with Library.open(library_file) as library:
        before = index_for(library)
        monkeypatch.setattr(SearchIndex, "search", panics_once)
        hits = run_query(library, "harbour")
        assert panicked and len(hits) == 1
        assert index_for(library) is not before  # rebuilt
        with pytest.raises(KeyboardInterrupt):  # other BaseExceptions pass through
            monkeypatch.setattr(SearchIndex, "search", _interrupted)
            run_query(library, "harbour")


def _interrupted(self, query, **kwargs):
    raise KeyboardInterrupt


def test_a_panic_is_told_apart_from_other_base_exceptions() -> None:
    class PanicException(BaseException):  # the name pyo3 gives it
        pass

    assert engine.is_panic(PanicException("assertion failed"))
    assert not engine.is_panic(KeyboardInterrupt())
    assert engine.is_damage(engine.panic_damage(PanicException("assertion failed")))
