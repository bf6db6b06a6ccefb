"""Importing files: skipping unchanged ones, re-parsing changed ones, re-anchoring."""

from __future__ import annotations

from pathlib import Path

import tui.extract.pipeline as pipeline
import tui.extract.version as version
from tui.model import Span
from tui.store import Library

from .conftest import STORY, write_story


def _span_of(lib: Library, article_id: str, needle: str) -> Span:
    text = lib.article_text(article_id)
    assert text is not None
    start = text.index(needle)
    return Span(start, start + len(needle))


def test_import_stores_articles_and_skips_an_unchanged_file(
    library: Library, story_file: Path
) -> None:
    first = library.import_paths([str(story_file)])
    assert (first.files, first.added, first.unchanged_files) == (1, 1, 0)
    rows = library.list_rows()
    assert len(rows) == 1 and rows[0].title.startswith("Harbour officials")
    seq = library.change_seq()
    again = library.import_paths([str(story_file)])
    assert (again.files, again.added, again.updated, again.unchanged_files) == (1, 0, 0, 1)
    assert library.change_seq() == seq  # nothing was rewritten


def test_progress_is_reported_per_file(library: Library, tmp_path: Path) -> None:
    folder = tmp_path / "dumps"
    folder.mkdir()
    write_story(folder / "a.txt", STORY)
    write_story(folder / "b.txt", ["Another story about ferries in Valdora.", "It is short."])
    calls: list[tuple[int, int, str]] = []
    library.import_paths([str(folder)], progress=lambda d, t, s: calls.append((d, t, s)))
    assert [(d, t) for d, t, _s in calls] == [(1, 2), (2, 2)]
    assert library.count() == 2


def test_unreadable_inputs_are_collected_not_raised(library: Library, tmp_path: Path) -> None:
    good = write_story(tmp_path / "good.txt", STORY)
    report = library.import_paths([str(tmp_path / "missing.txt"), str(good)])
    assert len(report.errors) == 1 and "missing.txt" in str(report.errors[0])
    assert library.count() == 1


def test_edited_file_reanchors_a_highlight_and_orphans_one_whose_text_is_gone(
    library: Library, story_file: Path
) -> None:
    library.import_paths([str(story_file)])
    (row,) = library.list_rows()
    moving = library.add_highlight(
        row.id, _span_of(library, row.id, "handle its first ships"), note="check"
    )
    doomed = library.add_highlight(row.id, _span_of(library, row.id, "a shortage of cranes"))
    library.star(row.id)

    edited = list(STORY)
    edited[1] = "A new paragraph about the weather in the harbour this spring."
    edited.insert(2, "Shipping lines were told of the new date last week.")
    write_story(story_file, edited)
    report = library.import_paths([str(story_file)])
    assert report.unchanged_files == 0 and report.orphaned == 1

    (new_row,) = library.list_rows()
    assert new_row.id != row.id  # the text changed, so did the content-based id
    assert new_row.starred  # triage state followed the article
    moved = library.annotation(moving.id)
    assert moved is not None and not moved.orphaned and moved.article_id == new_row.id
    text = library.article_text(new_row.id)
    assert moved.span is not None and moved.span.of(text) == "handle its first ships"
    assert moved.span != moving.span and moved.note == "check"

    orphan = library.annotation(doomed.id)
    assert orphan is not None and orphan.orphaned
    assert orphan.anchor_text == "a shortage of cranes"
    assert [a.id for a, _title in library.orphans()] == [doomed.id]
    assert new_row.n_highlights == 1  # the orphan is kept but not counted as shown


def test_highlight_prefers_the_occurrence_with_matching_context(
    library: Library, tmp_path: Path
) -> None:
    lines = [
        "The mayor of Valdora said the bridge would reopen soon.",
        "Engineers said the bridge would reopen after the inspection.",
    ]
    path = write_story(tmp_path / "bridge.txt", lines)
    library.import_paths([str(path)])
    (row,) = library.list_rows()
    text = library.article_text(row.id)
    second = text.index("the bridge would reopen", text.index("Engineers"))
    highlight = library.add_highlight(row.id, Span(second, second + len("the bridge would reopen")))
    write_story(path, ["Update:", *lines])
    library.import_paths([str(path)])
    (new_row,) = library.list_rows()
    moved = library.annotation(highlight.id)
    new_text = library.article_text(new_row.id)
    assert moved.span.start == new_text.index(
        "the bridge would reopen", new_text.index("Engineers")
    )


def test_orphaned_when_the_article_left_the_file(library: Library, tmp_path: Path) -> None:
    path = write_story(tmp_path / "x.txt", STORY)
    library.import_paths([str(path)])
    (row,) = library.list_rows()
    note = library.add_note(row.id, "keep me")
    path.write_text("", encoding="utf-8")
    report = library.import_paths([str(path)])
    assert report.removed == 1 and library.count() == 0
    orphans = library.orphans()
    assert [a.id for a, _t in orphans] == [note.id] and orphans[0][0].note == "keep me"
    assert orphans[0][1].startswith("Harbour officials")


def test_new_parser_version_reparses_cached_articles(
    library: Library, story_file: Path, monkeypatch
) -> None:
    library.import_paths([str(story_file)])
    (row,) = library.list_rows()
    highlight = library.add_highlight(row.id, _span_of(library, row.id, "a shortage of cranes"))
    seq = library.change_seq()
    calls: list[str] = []
    real = pipeline.parse_document

    def counting(text: str, source: str):
        calls.append(source)
        return real(text, source)

    monkeypatch.setattr(version, "PARSER_VERSION", version.PARSER_VERSION + 1)
    monkeypatch.setattr(pipeline, "parse_document", counting)
    story_file.unlink()  # re-parsed from the stored text: the file is not needed
    report = library.import_paths([])
    assert report.reparsed_files == 1 and len(calls) == 1
    assert library.changes_since(seq).updated == [row.id]
    assert not library.annotation(highlight.id).orphaned


def test_changes_since_lists_updates_and_removals(library: Library, tmp_path: Path) -> None:
    path = write_story(tmp_path / "x.txt", STORY)
    start = library.change_seq()
    library.import_paths([str(path)])
    (row,) = library.list_rows()
    changes = library.changes_since(start)
    assert changes.updated == [row.id] and changes.removed == []
    write_story(path, ["A completely different story about trams.", "Trams are green."])
    library.import_paths([str(path)])
    later = library.changes_since(changes.seq)
    (new_row,) = library.list_rows()
    assert later.removed == [row.id] and later.updated == [new_row.id]
    assert library.changes_since(later.seq) == type(later)(later.seq, [], [])


def test_shared_seeds_import_and_reopen(shared_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        report = lib.import_paths([str(shared_dir / "seeds")])
        assert report.files == 2 and not report.errors and report.added >= 2
        ids = lib.article_ids()
    with Library.open(path) as lib:
        assert lib.article_ids() == ids
        for article in lib.get_articles(ids):
            assert article.paragraphs and article.source.endswith(".txt")


def test_opening_the_app_reparses_what_an_older_parser_stored(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    """`newsdesk` with no PATHs brings a library cached by an older parser up to date."""
    from tui.commands._app import import_first

    db = tmp_path / "lib.db"
    story = write_story(tmp_path / "story.txt", STORY)
    assert import_first(db, [str(story)]) == 0
    with Library.open(db) as lib:
        seq = lib.change_seq()
    monkeypatch.setattr(version, "PARSER_VERSION", version.PARSER_VERSION + 1)
    capsys.readouterr()
    assert import_first(db, []) == 0
    assert "re-parsed 1 file with the new parser" in capsys.readouterr().err
    with Library.open(db) as lib:
        assert len(lib.changes_since(seq).updated) == 1
    assert import_first(db, []) == 0  # up to date now: nothing to do, nothing said
    assert capsys.readouterr().err == ""


def test_the_start_up_check_does_not_import_the_parser(tmp_path: Path) -> None:
    """Asking whether anything is stale, at every start, must stay cheap."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from tui.commands._app import import_first\n"
        f"import_first({str(tmp_path / 'lib.db')!r}, [])\n"
        "print(sorted(m for m in sys.modules if m.startswith('tui.extract')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "['tui.extract', 'tui.extract.version']"


def test_a_reparse_commits_as_it_goes_and_lets_the_reader_write(
    tmp_path: Path, monkeypatch
) -> None:
    """A parser upgrade re-parses every document at the next start or import; a big one
    was stored in one transaction (its reported speech found meanwhile), holding the
    write lock past the reader's busy timeout. Now in transactions of BATCH_SECONDS (0
    here: one per article), between which the reader's write gets in (held there by an
    event, the reader waiting 50 ms at most)."""
    import threading

    from tui.store import importer

    samples = Path(__file__).resolve().parents[2] / "tui" / "samples"
    db = tmp_path / "lib.db"
    with Library.open(db) as lib:
        lib.import_paths([str(samples / "001_harbour_tidal_plant.txt")])
        ids = lib.article_ids()
    assert len(ids) > 1
    monkeypatch.setattr(version, "PARSER_VERSION", version.PARSER_VERSION + 1)
    monkeypatch.setattr(importer, "BATCH_SECONDS", 0.0)
    in_pause, go_on = threading.Event(), threading.Event()

    def pause(lib: Library) -> None:
        in_pause.set()
        assert go_on.wait(60)

    monkeypatch.setattr(Library, "let_writers_in", pause)
    out: list[object] = []

    def reparse() -> None:
        try:
            with Library.open(db) as lib:
                out.append(lib.reparse_stale().reparsed_files)
        except BaseException as exc:  # handed to the test
            out.append(exc)

    thread = threading.Thread(target=reparse, daemon=True)
    thread.start()
    try:
        assert in_pause.wait(60), f"the reparse never let go of the lock: {out}"
        with Library.open(db) as reader:
            reader.connection.execute("PRAGMA busy_timeout = 50")
            reader.star(ids[0])
            reader.add_note(ids[0], "check the turbine figures")
    finally:
        go_on.set()
        thread.join(60)
    assert out == [1]
    with Library.open(db) as lib:
        assert lib.state(ids[0]).starred
        assert [a.note for a in lib.annotations(ids[0])] == ["check the turbine figures"]
        assert lib.reparse_stale().reparsed_files == 0  # done
