"""Placeholder: people and organisations (foundation issue). The signature stays."""

from __future__ import annotations

from collections.abc import Sequence

from tui.model import Entity, Paragraph


def find_entities(text: str, paragraphs: Sequence[Paragraph]) -> tuple[Entity, ...]:
    """People and organisations named in ``paragraphs`` (spans index into ``text``)."""
    return ()
