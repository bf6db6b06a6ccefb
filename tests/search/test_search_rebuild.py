"""An index rebuilt from the library with its documents made by worker processes
(tui.search.rebuild): the same index as one process makes, and a rebuild killed half
way repaired by the next command."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import tantivy

from tests.search.test_search_store import write
from tui.search import engine, rebuild, run_query
from tui.search.index import SearchIndex, index_path
from tui.search.library_state import index_for
from tui.store import Library

#: Articles with direct quotes, reported speech and a CJK alias: every field of a document.
STORIES = [
    [
        f"Harbour board {n} approves night ferries for the northern route.",
        f"“We will run the boats all night,” said Anna Berg, head of ferry line {n}.",
        f"The mayor said that the crossings would begin in spring {2000 + n}.",
        "Ren Zhengfei (任正非) was not involved, officials told reporters.",
    ]
    for n in range(9)
]

QUERIES = [
    *("harbour", "ferry night", "quote:crossings", "speaker:berg", "speaker:mayor"),
    *("任正非", "harbour !2004"),
]


@pytest.fixture
def library_file(tmp_path: Path) -> Path:
    db = tmp_path / "lib.db"
    files = [str(write(tmp_path / f"{n}.txt", lines)) for n, lines in enumerate(STORIES)]
    with Library.open(db) as library:
        library.import_paths(files, jobs=1)
    return db


def _documents(db: Path) -> list[tuple]:
    """Every article document of the index, in order: what it stores and its number."""
    searcher = SearchIndex(index_path(db)).index.searcher()
    articles = tantivy.Query.term_query(engine.SCHEMA, "kind", engine.ARTICLE)
    hits = searcher.search(articles, 1000, order_by_field="seq", order=tantivy.Order.Asc).hits
    found = []
    for _seq, address in hits:
        doc = searcher.doc(address)
        found.append(
            tuple(doc.get_first(name) for name in ("seq", "src", "heading", "layout", "text"))
        )
    return found


def _answers(db: Path) -> list[list[tuple[str, float, str]]]:
    with Library.open(db) as library:
        return [
            [(hit.article_id, round(hit.score, 4), hit.context) for hit in run_query(library, q)]
            for q in QUERIES
        ]


def _found(answers: list[list[tuple[str, float, str]]]) -> list[set[tuple[str, str]]]:
    """What each query found, with its context. An index written in several commits
    counts the documents it replaced (its record of itself) until they are merged away,
    so its scores differ a little from a one-commit index's, and ties may swap."""
    return [{(article_id, context) for article_id, _score, context in a} for a in answers]


def _rebuilt(db: Path) -> tuple[list[tuple], list[list[tuple[str, float, str]]]]:
    engine.remove_index(index_path(db))
    with Library.open(db) as library:
        index_for(library)
    return _documents(db), _answers(db)


@pytest.fixture
def pooled(monkeypatch) -> list[int]:
    """Worker processes for any rebuild of more than one article, three articles a
    task; the list records each pool started (its worker count)."""
    started: list[int] = []
    real = rebuild.WorkerDocuments.__init__

    def spy(self, library, ids, jobs):
        started.append(jobs)
        real(self, library, ids, jobs)

    monkeypatch.setattr(rebuild.WorkerDocuments, "__init__", spy)
    monkeypatch.setattr(rebuild, "POOL_MIN", 2)
    monkeypatch.setattr(rebuild, "CHUNK", 3)
    monkeypatch.setattr(rebuild, "JOBS", 2)
    return started


def test_a_rebuild_by_workers_makes_the_same_index_as_one_process(
    library_file: Path, pooled: list[int], monkeypatch
) -> None:
    monkeypatch.setattr(rebuild, "JOBS", 1)
    alone = _rebuilt(library_file)
    assert not pooled
    monkeypatch.setattr(rebuild, "JOBS", 2)
    by_workers = _rebuilt(library_file)
    assert pooled == [2]
    assert len(by_workers[0]) == len(STORIES)
    assert by_workers == alone
    assert all(answers for answers in by_workers[1])  # every query finds something


def test_a_rebuild_started_from_a_thread_has_its_workers_too(
    library_file: Path, pooled: list[int]
) -> None:
    # The app searches in a thread: with threads running, workers are not forked from
    # the process but started by a fork server (see tui.store.parallel._context).
    found: list[object] = []
    thread = threading.Thread(target=lambda: found.append(_rebuilt(library_file)))
    thread.start()
    thread.join()
    assert pooled == [2]
    assert found and len(found[0][0]) == len(STORIES)  # type: ignore[index]


def test_a_rebuild_whose_workers_die_is_finished_without_them(
    library_file: Path, pooled: list[int], monkeypatch
) -> None:
    monkeypatch.setattr(rebuild, "JOBS", 1)
    alone = _rebuilt(library_file)
    monkeypatch.setattr(rebuild, "JOBS", 2)
    monkeypatch.setattr(rebuild, "_make", _die)  # every worker dies at its first task
    assert _rebuilt(library_file) == alone
    assert pooled == [2]


def _die(ids: list[str]) -> list[object]:
    os._exit(1)


def test_a_long_catch_up_is_made_by_workers_too(tmp_path: Path, pooled: list[int]) -> None:
    db = tmp_path / "lib.db"
    files = [str(write(tmp_path / f"{n}.txt", lines)) for n, lines in enumerate(STORIES)]
    with Library.open(db) as library:
        library.import_paths(files[:1], jobs=1)
        index_for(library)  # one article: made here
        assert pooled == []
        library.import_paths(files[1:], jobs=1)  # an import the index did not follow
    with Library.open(db) as library:
        index = index_for(library)
        assert pooled == [2]
        assert index.count() == len(STORIES)
        assert index.meta()["store_seq"] == library.change_seq()
    documents, answers = _documents(db), _answers(db)
    rebuilt_documents, rebuilt_answers = _rebuilt(db)
    assert documents == rebuilt_documents
    assert _found(answers) == _found(rebuilt_answers)


def test_a_megabyte_article_is_made_by_the_writer_in_windows(
    library_file: Path, pooled: list[int], monkeypatch
) -> None:
    # What a worker sends back for an article too big to send: its id.
    monkeypatch.setattr(rebuild, "is_big", lambda article: "Harbour board 4" in article.title)
    monkeypatch.setattr(rebuild, "JOBS", 1)
    alone = _rebuilt(library_file)
    monkeypatch.setattr(rebuild, "JOBS", 2)
    assert _rebuilt(library_file) == alone
    assert pooled == [2]


def test_a_rebuild_killed_midway_is_repaired_by_the_next_command(library_file: Path) -> None:
    expected = _rebuilt(library_file)  # one process, from scratch
    engine.remove_index(index_path(library_file))
    # A rebuild by workers, killed (-9) after its fifth document was written: two
    # commits (every two articles) are on disk, and no record of the library's counter.
    script = (
        "import os, sys\n"
        "from tui.search import index as index_module, rebuild\n"
        "from tui.search.library_state import index_for\n"
        "from tui.store import Library\n"
        "index_module.BATCH = 2\n"
        "rebuild.POOL_MIN, rebuild.CHUNK, rebuild.JOBS = 2, 3, 2\n"
        "write_fields = index_module.write_fields\n"
        "written = []\n"
        "def kill(writer, fields, seq):\n"
        "    write_fields(writer, fields, seq)\n"
        "    written.append(seq)\n"
        "    if len(written) == 5:\n"
        "        os._exit(9)\n"
        "index_module.write_fields = kill\n"
        "with Library.open(sys.argv[1]) as library:\n"
        "    index_for(library)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(library_file)], check=False)
    assert done.returncode == 9
    folder = index_path(library_file)
    assert not engine.writer_busy(folder)  # its workers died with it: the lock is free
    assert 0 < SearchIndex(folder).count() < len(STORIES)
    assert "store_seq" not in SearchIndex(folder).meta()
    with Library.open(library_file) as library:
        assert index_for(library).meta()["store_seq"] == library.change_seq()
    documents, answers = _documents(library_file), _answers(library_file)
    assert [doc[1:] for doc in documents] == [doc[1:] for doc in expected[0]]
    assert _found(answers) == _found(expected[1])


def test_a_few_articles_are_made_without_workers(library_file: Path, monkeypatch) -> None:
    monkeypatch.setattr(rebuild, "JOBS", 2)
    started: list[int] = []
    monkeypatch.setattr(rebuild.WorkerDocuments, "__init__", lambda *a: started.append(1))
    assert len(STORIES) < rebuild.POOL_MIN
    _rebuilt(library_file)
    assert not started


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc (Linux)")
def test_a_forked_worker_does_not_keep_a_lock_of_the_index(library_file: Path) -> None:
    # tantivy's own threads (a reader reloading on another's commit, a writer collecting
    # files) hold the index's meta lock for moments. An flock belongs to the open file,
    # which a fork shares: a worker forked in such a moment kept it for its life, and
    # the writer's next reload or commit, which takes that lock and waits, waited for
    # it forever (test_a_megabyte_article_is_made_by_the_writer_in_windows hung so).
    folder = index_path(library_file)
    with Library.open(library_file) as library:
        index_for(library)
        assert threading.active_count() == 1  # so the workers are forked from here
        held = os.open(folder / ".tantivy-meta.lock", os.O_RDWR | os.O_CREAT)
        fcntl.flock(held, fcntl.LOCK_EX)  # as tantivy's thread holds it, at the fork
        workers = rebuild.WorkerDocuments(library, list(library.article_ids()), 1)
        try:
            next(iter(workers))  # the one worker has started and made its first chunk
            os.close(held)  # tantivy's thread lets go
            probe = os.open(folder / ".tantivy-meta.lock", os.O_RDWR)
            try:
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free: no one holds it
            finally:
                os.close(probe)
        finally:
            workers.close()


def test_a_rebuild_in_the_reader_starts_its_workers(library_file: Path) -> None:
    """The reader (Textual) replaces ``sys.stderr`` with an object whose ``fileno()``
    is -1; multiprocessing's resource tracker, started with the first pool of a fork
    server, passed that -1 on and failed ("bad value(s) in fds_to_keep"), which ended
    the reader when a search met a damaged index of 20,000 articles. A fresh
    interpreter: the tracker must not be running already."""
    script = (
        "import sys, threading\n"
        "from pathlib import Path\n"
        "from tui.search import engine, rebuild\n"
        "from tui.search.index import index_path\n"
        "from tui.search.library_state import index_for\n"
        "from tui.store import Library\n"
        "rebuild.POOL_MIN, rebuild.CHUNK, rebuild.JOBS = 2, 3, 2\n"
        "class Captured:\n"  # as Textual's _PrintCapture
        "    def write(self, text): return len(text)\n"
        "    def flush(self): pass\n"
        "    def fileno(self): return -1\n"
        "sys.stderr = Captured()\n"
        "engine.remove_index(index_path(Path(sys.argv[1])))\n"
        "done = []\n"
        "def run():\n"  # in a thread, as the reader's library thread: a fork server
        "    with Library.open(sys.argv[1]) as library:\n"
        "        done.append(index_for(library).count())\n"
        "thread = threading.Thread(target=run)\n"
        "thread.start(); thread.join()\n"
        "print(done)\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script, str(library_file)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ran.stdout.strip() == f"[{len(STORIES)}]", ran.stdout + ran.stderr
