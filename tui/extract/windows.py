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

from tui.model import Entity, Paragraph, Span

#: An article longer than this many characters is analysed in windows of about this size.
WINDOW = 1 << 18

#: A sentence end followed by the start of the next: where a long paragraph is cut.
_SENTENCE_END = re.compile(r"[.!?。][”’\"']?[ \t]+(?=[“\"‘A-Z0-9])")


def windows(paragraphs: Sequence[Paragraph], size: int | None = None) -> list[list[Paragraph]]:
    """``paragraphs`` in windows of about ``size`` (default :data:`WINDOW`) characters;
    one window when they fit."""
    size = size or WINDOW
    if sum(len(p.text) for p in paragraphs) <= size:
        return [list(paragraphs)]
    out: list[list[Paragraph]] = []
    current: list[Paragraph] = []
    filled = 0
    for paragraph in paragraphs:
        for piece in _pieces(paragraph, size):
            if current and filled + len(piece.text) > size:
                out.append(current)
                current, filled = [], 0
            current.append(piece)
            filled += len(piece.text)
    if current:
        out.append(current)
    return out


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


def merge_entities(parts: Iterable[Sequence[Entity]]) -> tuple[Entity, ...]:
    """The entities of several windows as one article's: the same name (and kind) is
    one entity with every window's mentions and aliases; ordered by first mention."""
    merged: dict[tuple[str, str], tuple[str, dict[str, None], list[Span], str | None]] = {}
    kinds: dict[tuple[str, str], Entity] = {}
    for entities in parts:
        for entity in entities:
            key = (entity.name, str(entity.kind))
            found = merged.get(key)
            if found is None:
                kinds[key] = entity
                merged[key] = (
                    entity.name,
                    dict.fromkeys(entity.aliases),
                    list(entity.mentions),
                    entity.role,
                )
                continue
            _name, aliases, mentions, role = found
            aliases.update(dict.fromkeys(entity.aliases))
            mentions.extend(entity.mentions)
            if role is None and entity.role is not None:
                merged[key] = (_name, aliases, mentions, entity.role)
    out = [
        Entity(name, kinds[key].kind, tuple(aliases), tuple(sorted(mentions, key=_at)), role)
        for key, (name, aliases, mentions, role) in merged.items()
    ]
    out.sort(key=lambda e: e.mentions[0].start if e.mentions else -1)
    return tuple(out)
