"""Sample articles written for Newsdesk (``newsdesk --sample``, ``make run``).

Twelve short dumps in the styles the reader exists for: wire copy with photo credits,
briefs glued on with kickers and deks and cut off mid-sentence, Wikinews-style pages,
promos and related-article teasers, and one story (a tidal power plant) covered by two
outlets. All fictional, written for this project.
"""

from __future__ import annotations

from pathlib import Path


def sample_paths() -> list[str]:
    """The sample files, in name order."""
    return sorted(str(path) for path in Path(__file__).parent.glob("*.txt"))
