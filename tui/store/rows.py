"""The plain records the library hands out: list rows, triage state, change sets, reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from tui.errors import InputError
from tui.terminal_safe import terminal_safe
from tui.text import count_of

FLAGS = ("read", "starred", "archived", "marked")

#: Bits of ``ListRow.flags`` (and of the ``articles.flags`` column).
FLAG_BITS = {"read": 1, "starred": 2, "archived": 4, "marked": 8}
TRUNCATED_BIT = 16
#: The reader split this article off on weak evidence (``Article.doubtful_split``).
DOUBTFUL_SPLIT_BIT = 32
#: The bits the parser sets (the others are the user's triage state).
PARSED_BITS = TRUNCATED_BIT | DOUBTFUL_SPLIT_BIT


TAG_SEP = "\x1f"


class ListRow(NamedTuple):
    """What the article list shows of one article; no body.

    Built straight from the database row with no Python per row (a library of 100,000
    articles opens in well under a second), so flags come as one bit field and tags as
    one string: ``read``, ``starred``, ``archived``, ``marked``, ``truncated`` and
    ``tags`` are properties that decode them.
    """

    id: str
    title: str
    source: str
    date: str | None
    kind: str
    flags: int
    tag_text: str
    n_notes: int
    n_highlights: int
    n_quotes: int

    def with_flag(self, flag: str, value: bool) -> ListRow:
        """This row with ``flag`` (read, starred, archived, marked) set or cleared: what
        a triage key shows at once, before the library has it."""
        bit = FLAG_BITS[flag]
        return self._replace(flags=self.flags | bit if value else self.flags & ~bit)

    @property
    def read(self) -> bool:
        return bool(self.flags & 1)

    @property
    def starred(self) -> bool:
        return bool(self.flags & 2)

    @property
    def archived(self) -> bool:
        return bool(self.flags & 4)

    @property
    def marked(self) -> bool:
        return bool(self.flags & 8)

    @property
    def truncated(self) -> bool:
        return bool(self.flags & TRUNCATED_BIT)

    @property
    def doubtful_split(self) -> bool:
        return bool(self.flags & DOUBTFUL_SPLIT_BIT)

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(self.tag_text.split(TAG_SEP)) if self.tag_text else ()

    @property
    def has_note(self) -> bool:
        return self.n_notes > 0

    @property
    def has_highlight(self) -> bool:
        return self.n_highlights > 0


@dataclass(frozen=True, slots=True)
class TriageState:
    read: bool = False
    starred: bool = False
    archived: bool = False
    marked: bool = False
    read_at: float | None = None
    starred_at: float | None = None
    archived_at: float | None = None
    marked_at: float | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Changes:
    """Articles changed since a sequence number: apply ``removed`` first, then ``updated``."""

    seq: int
    updated: list[str]
    removed: list[str]


@dataclass(slots=True)
class ImportReport:
    """What an import did. Articles: ``added`` (new), ``updated`` (text changed, the
    same article to the reader: it keeps its state and annotations), ``unchanged``,
    ``duplicates`` (same text as an article already in the library, left out) and
    ``removed`` (gone from a changed file with no successor)."""

    files: int = 0
    added: int = 0
    updated: int = 0
    unchanged_files: int = 0
    removed: int = 0
    orphaned: int = 0
    reparsed_files: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: str | None = None  # what the folder walk left out by name, said in a line
    errors: list[InputError] = field(default_factory=list)
    #: Inputs read whole that gave no article (an empty file, a CSV of a header alone),
    #: one line each: readable, so not errors (exit 0), but never passed over in silence.
    empty: list[str] = field(default_factory=list)

    COUNTS = (
        "files",
        "added",
        "updated",
        "unchanged",
        "duplicates",
        "removed",
        "unchanged_files",
        "reparsed_files",
        "orphaned",
    )

    def merge(self, other: ImportReport) -> None:
        for name in self.COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)
        self.empty.extend(other.empty)

    def note_empty(self, path: str, *, blank: bool) -> None:
        """Note that ``path`` gave no article: an ``empty file`` when it is ``blank``
        (no bytes, or white space alone), else ``no articles found``."""
        reason = "empty file" if blank else "no articles found"
        self.empty.append(f"{terminal_safe(path)}: {reason}, nothing imported")

    def summary(self) -> str:
        """One line for the end of an import."""
        files = count_of(self.files, "file")
        parts = [
            f"{self.added} new",
            f"{self.updated} updated",
            f"{self.unchanged} unchanged",
            f"{count_of(self.duplicates, 'duplicate')}"
            " (same text as an article already in the library)",
        ]
        if self.removed:
            parts.append(f"{self.removed} removed")
        if self.reparsed_files:
            parts.append(f"{count_of(self.reparsed_files, 'file')} re-parsed by the new parser")
        if self.orphaned:
            orphaned = count_of(self.orphaned, "annotation")
            parts.append(f"{orphaned} orphaned (see 'newsdesk export --orphans')")
        if self.errors:
            errors = len(self.errors)
            parts.append(
                "1 unreadable input or record"
                if errors == 1
                else f"{errors} unreadable inputs or records"
            )
        if self.skipped:
            parts.append(self.skipped)
        return f"imported {files}: " + ", ".join(parts)
