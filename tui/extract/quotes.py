"""Placeholder: quotes and their speakers (quotes issue). The signature stays."""

from __future__ import annotations

from collections.abc import Sequence

from tui.model import Entity, Paragraph, Quote


def find_quotes(
    text: str, paragraphs: Sequence[Paragraph], entities: Sequence[Entity]
) -> tuple[Quote, ...]:
    """Quotes in ``paragraphs`` with speakers resolved against ``entities``."""
    return ()
