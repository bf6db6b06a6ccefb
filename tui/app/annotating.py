"""Which annotation a key acts on, and what a note edit does to the library.

``h`` toggles: on a span already highlighted it removes that highlight. ``c`` and ``E``
edit the note of the highlight under the cursor, else the article's own note, and add
one only when there is none; emptying a note removes it. Every change is one undo step
in the store, so nothing here asks "are you sure?". Plain functions over the model: the
app calls them, tests read them without a terminal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.model import Annotation, Span
    from tui.store.library import Library


def highlight_at(annotations: Sequence[Annotation], span: Span) -> Annotation | None:
    """The (anchored) highlight covering exactly ``span``, if there is one."""
    for annotation in annotations:
        if annotation.kind == "highlight" and not annotation.orphaned and annotation.span == span:
            return annotation
    return None


def note_target(
    annotations: Sequence[Annotation], span: Span | None
) -> tuple[Annotation | None, str]:
    """(the annotation whose note ``c`` edits, its note now). None: a new article note.

    The highlight under the cursor when there is one (its note, maybe empty), else the
    article's first note.
    """
    if span is not None:
        highlight = highlight_at(annotations, span)
        if highlight is not None:
            return highlight, highlight.note or ""
    for annotation in annotations:
        if annotation.kind == "note":
            return annotation, annotation.note or ""
    return None, ""


def note_change(
    article_id: str, annotation: Annotation | None, text: str
) -> tuple[str, Callable[[Library], object]] | None:
    """What saving ``text`` does, as (words for the status line, a library call).

    None when nothing changes. An emptied article note is deleted; an emptied highlight
    note is cleared (the highlight stays).
    """
    text = text if text.strip() else ""
    if annotation is None:
        if not text:
            return None
        return "note saved", lambda library: library.add_note(article_id, text)
    if text == (annotation.note or ""):
        return None
    if annotation.kind == "highlight":
        words = "note on the highlight saved" if text else "note on the highlight removed"
        return words, lambda library: library.set_note(annotation.id, text or None)
    if not text:
        return "note removed", lambda library: library.delete_annotation(annotation.id)
    return "note saved", lambda library: library.set_note(annotation.id, text)
