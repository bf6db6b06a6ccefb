"""A megabyte article gives back what each phase of its import freed (issue 17: a 20 MB
line imported in <= 200 MB), and ordinary articles pay nothing for it."""

from __future__ import annotations

import platform
from pathlib import Path
from typing import Any

import pytest

import tui.extract.windows as windows
import tui.free_memory as free_memory
import tui.store.split as split
from tui.extract.pipeline import parse_document
from tui.search.follow import indexing
from tui.store import Library
from tui.store.codec import PreparedArticle
from tui.store.importer import INDEX

WINDOW = 2000
#: One line of ~40 windows of WINDOW characters, with a quote now and then.
LINE = " ".join(
    f"word{n}" + (' Ines Soranmi said "the ferry will run" today.' if n % 50 == 49 else "")
    for n in range(12_000)
)


@pytest.fixture
def releases(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Each call of :func:`release_free_memory`, counted (and done)."""
    calls: list[int] = []
    release = free_memory.release_free_memory

    def counting() -> bool:
        calls.append(1)
        return release()

    monkeypatch.setattr(free_memory, "release_free_memory", counting)
    return calls


def _import(tmp_path: Path, text: str) -> Library:
    path = tmp_path / "in.txt"
    path.write_text(text, encoding="utf-8")
    lib = Library.open(tmp_path / "lib.db")
    with indexing(lib):
        report = lib.import_paths([str(path)], jobs=1)
    assert report.added >= 1 and not report.errors
    return lib


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_memory_is_given_back_with_glibc() -> None:
    assert free_memory.release_free_memory() is True


def test_a_megabyte_article_gives_memory_back_after_each_phase_and_window(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, releases: list[int]
) -> None:
    """Read a part at a time here: after its analysis, its stored form and its story
    features and search document, then after each window's search document is written."""
    monkeypatch.setattr(windows, "WINDOW", WINDOW)
    monkeypatch.setattr(split, "SPLIT_BYTES", 1000)  # the one-line path, as a 20 MB line
    (article,) = parse_document(LINE + "\n", "in.txt")
    documents = len(list(windows.windows(article.paragraphs)))
    assert documents > 20
    with _import(tmp_path, LINE + "\n"):
        pass
    assert len(releases) == 3 + documents


def test_ordinary_articles_never_call_it(tmp_path: Path, releases: list[int]) -> None:
    text = "\n\n".join(f"Title {n}\n\nThe council met on day {n} and agreed." for n in range(30))
    with _import(tmp_path, text):
        pass
    assert releases == []


def test_listeners_hear_no_body_when_the_worker_made_their_document(tmp_path: Path) -> None:
    """The index, given the document a worker made, never reads the body: it is not
    held for it until the whole file is stored (a 20 MB line's body is 6 MB)."""
    heard: list[Any] = []
    path = tmp_path / "in.txt"
    path.write_text("Harbour reopens\n\nThe ferry will run again.\n", encoding="utf-8")
    with Library.open(tmp_path / "lib.db") as lib:
        lib.on_prepare = lambda article, text, offset=0, reported=None: {"made": article.id}
        lib.on_stored.append(lambda articles, text, removed: heard.extend(articles))
        lib.import_paths([str(path)], jobs=1)
    assert heard and all(isinstance(a, PreparedArticle) for a in heard)
    assert all(a.extra[INDEX] is not None and a.body == b"" for a in heard)


def test_listeners_keep_the_body_when_no_document_was_made(tmp_path: Path) -> None:
    heard: list[Any] = []
    path = tmp_path / "in.txt"
    path.write_text("Harbour reopens\n\nThe ferry will run again.\n", encoding="utf-8")
    with Library.open(tmp_path / "lib.db") as lib:
        lib.on_stored.append(lambda articles, text, removed: heard.extend(articles))
        lib.import_paths([str(path)], jobs=1)
    assert heard and all(a.body for a in heard)
