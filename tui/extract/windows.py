"""Analysis windows: a megabyte article is analysed a bounded piece at a time.

The extractors hold working copies and indexes of what they read (the text with its
quotations masked, every capitalised word, candidate speakers), and some of their
look-ups compare a quote with every name of the article. That is nothing for an article
of a few pages, but a file of 20 MB on one line is one paragraph of 20 million
characters: it would need hundreds of megabytes and time that grows faster than the
text. So an article longer than :data:`WINDOW` is analysed in windows of about that
many characters, cut between paragraphs, and inside a longer paragraph after a sentence
end; each window's entities and quotes are found as for an article of its own and put
together (:func:`merge_entities`). Articles as news sites write them are never cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from operator import attrgetter

from tui.model import Entity, Paragraph, Span

#: An article longer than this many characters is analysed in windows of about this size.
WINDOW = 1 << 18

#: A sentence end followed by the start of the next: where a long paragraph is cut.
_SENTENCE_END = re.compile(r"[.!?。][”’\"']?[ \t]+(?=[“\"‘A-Z0-9])")


def fits(paragraphs: Sequence[Paragraph], size: int | None = None) -> bool:
    """Whether ``paragraphs`` are one window (of ``size``, default :data:`WINDOW`)."""
    return sum(map(len, map(_TEXT, paragraphs))) <= (size or WINDOW)


_TEXT = attrgetter("text")


def windows(paragraphs: Sequence[Paragraph], size: int | None = None) -> Iterator[list[Paragraph]]:
    """``paragraphs`` in windows of about ``size`` (default :data:`WINDOW`) characters;
    one window when they fit. Made as they are asked for: a window's pieces of a long
    paragraph (copies of its text) exist only while it is analysed."""
    size = size or WINDOW
    if fits(paragraphs, size):
        yield list(paragraphs)
        return
    current: list[Paragraph] = []
    filled = 0
    for paragraph in paragraphs:
        for piece in _pieces(paragraph, size):
            if current and filled + len(piece.text) > size:
                yield current
                current, filled = [], 0
            current.append(piece)
            filled += len(piece.text)
    if current:
        yield current


def _pieces(paragraph: Paragraph, size: int) -> Iterator[Paragraph]:
    """``paragraph``, or for one longer than ``size`` its pieces, each cut after a
    sentence end in the second half of the window (else at a space, else anywhere)."""
    text = paragraph.text
    if len(text) <= size:
        yield paragraph
        return
    start = 0
    while len(text) - start > size:
        limit = start + size
        cut = None
        for match in _SENTENCE_END.finditer(text, start + size // 2, limit):
            cut = match.end()
        if cut is None:
            space = text.rfind(" ", start + size // 2, limit)
            cut = space + 1 if space > start else limit
        yield _piece(paragraph, start, cut)
        start = cut
    yield _piece(paragraph, start, len(text))


def _piece(paragraph: Paragraph, start: int, end: int) -> Paragraph:
    base = paragraph.span.start
    return Paragraph(paragraph.text[start:end], Span(base + start, base + end), paragraph.role)


def _at(span: Span) -> tuple[int, int]:
    return span.start, span.end


class EntityMerger:
    """The entities of several windows as one article's, folded in window by window
    (each window's own are let go): the same name (and kind) is one entity with every
    window's mentions and aliases; :meth:`entities` orders them by first mention."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str], tuple[Entity, dict[str, None], list[Span]]] = {}
        self._roles: dict[tuple[str, str], str | None] = {}

    def add(self, entities: Iterable[Entity]) -> None:
        for entity in entities:
            key = (entity.name, str(entity.kind))
            found = self._found.get(key)
            if found is None:
                self._found[key] = (entity, dict.fromkeys(entity.aliases), list(entity.mentions))
                self._roles[key] = entity.role
                continue
            found[1].update(dict.fromkeys(entity.aliases))
            found[2].extend(entity.mentions)
            if self._roles[key] is None:
                self._roles[key] = entity.role

    def entities(self) -> tuple[Entity, ...]:
        out = [
            Entity(
                first.name,
                first.kind,
                tuple(aliases),
                tuple(sorted(mentions, key=_at)),
                self._roles[key],
            )
            for key, (first, aliases, mentions) in self._found.items()
        ]
        out.sort(key=lambda e: e.mentions[0].start if e.mentions else -1)
        return tuple(out)


def merge_entities(parts: Iterable[Sequence[Entity]]) -> tuple[Entity, ...]:
    """The entities of several windows as one article's (see :class:`EntityMerger`)."""
    merger = EntityMerger()
    for entities in parts:
        merger.add(entities)
    return merger.entities()
