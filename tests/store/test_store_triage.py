"""Triage flags, tags, annotations and the undo log."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.model import Span
from tui.store import Library, LibraryError

from .conftest import store_lines


def _three(lib: Library) -> list[str]:
    return [
        store_lines(lib, [f"Story {n} about the harbour.", f"Body {n} text."], f"s{n}.txt").id
        for n in range(3)
    ]


def test_flags_have_timestamps_and_show_in_list_rows(library: Library) -> None:
    ids = _three(library)
    assert library.star(ids[0]) == 1
    assert library.star(ids[0]) == 0  # already starred: no change, no undo step
    library.archive(ids[1])
    library.mark(ids[2])
    state = library.state(ids[0])
    assert state.starred and state.starred_at is not None and not state.read
    rows = {r.id: r for r in library.list_rows()}
    assert (rows[ids[0]].starred, rows[ids[1]].archived, rows[ids[2]].marked) == (1, 1, 1)
    assert rows[ids[0]].read == rows[ids[1]].starred == 0
    with pytest.raises(ValueError):
        library.set_flag(ids, "loved")


def test_bulk_mark_read_is_one_undo_step(library: Library) -> None:
    ids = _three(library)
    library.star(ids[0])
    assert library.mark_read(ids) == 3
    assert all(r.read for r in library.list_rows())
    assert library.undo() == "read 3 articles"
    assert not any(r.read for r in library.list_rows())
    assert library.state(ids[0]).starred  # the step before is untouched
    assert library.redo() == "read 3 articles"
    assert all(r.read for r in library.list_rows())


def test_undo_and_redo_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with Library.open(path) as lib:
        ids = _three(lib)
        lib.add_tag(ids[:2], "ports")
        highlight = lib.add_highlight(ids[0], Span(0, 5), label="who")
        lib.star(ids[1])
    with Library.open(path) as lib:
        assert lib.can_undo() and not lib.can_redo()
        assert lib.undo() is not None  # the star
        assert lib.undo() is not None  # the highlight
        assert lib.annotation(highlight.id) is None
        assert not lib.state(ids[1]).starred
    with Library.open(path) as lib:
        assert lib.can_redo()
        lib.redo()
        restored = lib.annotation(highlight.id)
        assert restored is not None and restored.label == "who" and restored.anchor_text == "Story"
        assert lib.list_row(ids[0]).n_highlights == 1
        lib.redo()
        assert lib.state(ids[1]).starred
        assert lib.redo() is None


def test_a_new_change_after_undo_drops_redo(library: Library) -> None:
    ids = _three(library)
    library.star(ids[0])
    library.undo()
    assert library.can_redo()
    library.archive(ids[1])
    assert not library.can_redo()
    assert library.redo() is None
    assert not library.state(ids[0]).starred


def test_tags_are_annotations_listed_per_article(library: Library) -> None:
    ids = _three(library)
    assert library.add_tag(ids, "follow up") == 3  # whitespace becomes '-'
    assert library.add_tag(ids[0], "follow-up") == 0
    library.add_tag(ids[0], "ports")
    assert library.state(ids[0]).tags == ("follow-up", "ports")
    assert library.list_row(ids[1]).tags == ("follow-up",)
    assert library.tags() == [("follow-up", 3), ("ports", 1)]
    assert library.ids_with("tag", "PORTS") == {ids[0]}
    assert library.remove_tag(ids, "follow-up") == 3
    assert library.list_row(ids[1]).tags == ()
    library.undo()
    assert library.list_row(ids[1]).tags == ("follow-up",)
    with pytest.raises(LibraryError):
        library.add_tag(ids, "   ")


def test_highlight_keeps_its_text_and_notes(library: Library) -> None:
    lines = ["Ferries return to Valdora.", "The first ferry docks at noon on Friday."]
    article = store_lines(library, lines)
    start = ("\n".join(lines)).index("noon")
    h = library.add_highlight(article.id, Span(start, start + 4), label="time")
    assert h.anchor_text == "noon" and h.kind == "highlight" and not h.orphaned
    row = library.list_row(article.id)
    assert row.has_highlight and not row.has_note
    library.set_note(h.id, "Which Friday?")
    assert library.list_row(article.id).has_note
    note = library.add_note(article.id, "Call the port office")
    assert [a.kind for a in library.annotations(article.id)] == ["highlight", "note"]
    library.delete_annotation(note.id)
    library.delete_annotation(h.id)
    assert library.annotations(article.id) == []
    assert library.list_row(article.id).n_highlights == 0
    library.undo()
    back = library.annotation(h.id)
    assert back is not None and back.note == "Which Friday?" and back.span == h.span
    assert library.undo() == "delete note"
    assert library.annotation(note.id) is not None
    assert library.undo() == "note"  # adding the article note
    assert library.annotation(note.id) is None
    assert library.undo() == "edit note"
    assert library.annotation(h.id).note is None
    with pytest.raises(LibraryError):
        library.add_highlight(article.id, Span(0, 10_000))
    with pytest.raises(LibraryError):
        library.add_highlight("nosuchid", Span(0, 1))


def test_ids_with_answers_the_search_filters(library: Library) -> None:
    ids = _three(library)
    library.mark_read(ids[0])
    library.star(ids[1])
    library.add_note(ids[2], "n")
    library.add_highlight(ids[1], Span(0, 5))
    assert library.ids_with("is", "read") == {ids[0]}
    assert library.ids_with("is", "unread") == {ids[1], ids[2]}
    assert library.ids_with("is", "starred") == {ids[1]}
    assert library.ids_with("has", "note") == {ids[2]}
    assert library.ids_with("has", "highlight") == {ids[1]}
    assert library.ids_with("is", "archived") == set()


def test_get_articles_keeps_the_order_asked_and_skips_missing(library: Library) -> None:
    ids = _three(library)
    got = library.get_articles([ids[2], "missing", ids[0]])
    assert [a.id for a in got] == [ids[2], ids[0]]
    assert library.get_article("missing") is None


def test_list_rows_by_date(library: Library) -> None:
    a = store_lines(library, ["Old story here.", "x"], "a.txt", date="2019-01-01")
    b = store_lines(library, ["Undated story here.", "y"], "b.txt")
    c = store_lines(library, ["New story here.", "z"], "c.txt", date="2024-05-01")
    assert [r.id for r in library.list_rows(order="date")] == [c.id, a.id, b.id]
    assert [r.id for r in library.list_rows()] == [a.id, b.id, c.id]


def test_truncated_survives_flag_changes_and_undo(library: Library) -> None:
    cut = store_lines(library, ["A brief cut off mid", "sentence."], "t.txt", truncated=True)
    whole = store_lines(library, ["A whole story here.", "Done."], "w.txt")
    library.mark_read([cut.id, whole.id])
    library.star(cut.id)
    library.undo()
    row = library.list_row(cut.id)
    assert row.truncated and row.read and not row.starred
    assert not library.list_row(whole.id).truncated


def test_list_rows_for_reads_several_rows_by_id_as_list_row_does(library: Library) -> None:
    ids = _three(library)
    library.star(ids[1])
    library.add_tag(ids[2], "follow-up")
    found = library.list_rows_for([ids[2], "no-such-id", ids[1], ids[2]])
    assert set(found) == {ids[1], ids[2]}
    assert found[ids[1]] == library.list_row(ids[1]) and found[ids[1]].starred
    assert found[ids[2]] == library.list_row(ids[2]) and found[ids[2]].tags == ("follow-up",)
    assert library.list_rows_for([]) == {}


def test_a_step_of_several_tags_is_labelled_as_a_person_would_say_it(library: Library) -> None:
    """``undo: tag energy tag norway`` read like a stutter: one verb, the tags listed,
    counted as a flag's step is (``undo: starred 3 articles``)."""
    ids = _three(library)
    library.add_tag(ids[0], "old")
    library.edit_tags(ids[0], add=["energy", "norway"], remove=["old"])
    assert library.undo() == "tag #energy, #norway; untag #old on 1 article"
    assert library.redo() == "tag #energy, #norway; untag #old on 1 article"
    library.edit_tags(ids, add=["ports"])
    assert library.undo() == "tag #ports on 3 articles"
    library.edit_tags(ids[0], remove=["energy", "norway"])
    assert library.undo() == "untag #energy, #norway on 1 article"
    # What did not change is not said: "old" was not there to take off.
    library.edit_tags(ids[0], add=["harbour"], remove=["old"])
    assert library.undo() == "tag #harbour on 1 article"
    # Each verb its own count when they differ; an article counted once however many
    # of its tags changed.
    library.add_tag(ids[:2], "old")
    library.edit_tags(ids, add=["quay", "dock"], remove=["old"])
    assert library.undo() == "tag #quay, #dock on 3 articles; untag #old on 2 articles"
