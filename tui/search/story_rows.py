"""A view's rows grouped by story: what the article list shows under ``group: story``.

A person triaging 500 articles a day reads a story once, not once per outlet, so a view
that groups shows one **story row** where the story's first article would be (title of
its earliest article, ``3 outlets``, newest date), standing for all its articles in the
view; expanded, the story row is followed by every one of those articles, indented,
oldest first. Articles whose
story has no other article in the view stay plain rows: a story row for one article
would only hide it behind a second key press.

Pure functions, no Textual, no library access: the list widget's row source (and its
tests) call :func:`group_rows` with the view's rows in view order (anything with an
article ``id``, such as :class:`tui.store.rows.ListRow`), the library's stories
(:func:`tui.store.stories.stories`) and the set of expanded story ids. Story rows and
member rows are hashable tuples with an ``id``, the shape the list's row renderers take.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

if TYPE_CHECKING:  # the stories store (its process pool) is not imported before the first frame
    from tui.store.stories import StoryRow

__all__ = [
    "MemberRow",
    "PageGrouper",
    "StoryListRow",
    "group_rows",
    "outlets_label",
    "position_of",
    "story_row",
    "story_size_label",
]


class HasId(Protocol):
    @property
    def id(self) -> str: ...


R = TypeVar("R", bound=HasId)


class StoryListRow(NamedTuple):
    """A story row: one line for the story's articles in the view.

    Its ``id`` is its **lead** article's (the first of the story in the view): the
    cursor on the story row previews that article, and a list keyed by article id finds
    the row; expanded, each of the story's articles in the view follows as a
    :class:`MemberRow`, the lead's too.
    ``article_ids`` are all the story's articles in the library (what triage on the row
    changes: the story is read once, all its reports are read); ``shown`` are those of
    them in this view, in view order. The flags say whether *every* shown article has
    it (so ``r`` on a story row marks it all read, or all unread again when it was).
    """

    id: str
    story: int
    title: str
    outlets: int
    newest: str | None
    article_ids: tuple[str, ...]
    shown: tuple[str, ...]
    expanded: bool
    read: bool = False
    starred: bool = False
    archived: bool = False
    marked: bool = False
    #: The tags every shown article has (a story tagged with ``t`` on its row shows them).
    shared_tags: tuple[str, ...] = ()

    # What an article row has that a story row shows blank.
    @property
    def kind(self) -> str:
        return "story"

    @property
    def n_notes(self) -> int:
        return 0

    @property
    def n_highlights(self) -> int:
        return 0

    @property
    def n_quotes(self) -> int:
        return 0

    @property
    def tags(self) -> tuple[str, ...]:
        return self.shared_tags

    @property
    def doubtful_split(self) -> bool:
        return False

    @property
    def truncated(self) -> bool:
        return False

    @property
    def date(self) -> str | None:
        return self.newest

    @property
    def source(self) -> str:
        return outlets_label(self)


class MemberRow(NamedTuple):
    """An article's row shown under its expanded story row (drawn indented); reads as
    the article's own row (``read``, ``title``...)."""

    id: str
    row: Any
    story: int

    def __getattr__(self, name: str) -> Any:
        return getattr(self.row, name)


def group_rows(
    rows: Sequence[R], stories: Iterable[StoryRow], expanded: Collection[int] = ()
) -> list[R | StoryListRow | MemberRow]:
    """The rows to display for a view whose rows (articles, with an ``id``) are ``rows``.

    Each story with two or more articles in the view becomes one story row at the
    place of its first article in the view (its lead); its other articles leave their
    places (the view's order still decides which story comes first). A story in
    ``expanded`` is followed by every one of its articles in the view, one row each,
    oldest first (:func:`by_date`). Every other row is passed through as it is.
    """
    story_of: dict[str, StoryRow] = {}
    for each in stories:
        if len(each.article_ids) > 1:
            for article_id in each.article_ids:
                story_of[article_id] = each
    shown: dict[int, list[R]] = {}
    for row in rows:
        found = story_of.get(row.id)
        if found is not None:
            shown.setdefault(found.id, []).append(row)
    out: list[R | StoryListRow | MemberRow] = []
    placed: set[int] = set()
    for row in rows:
        story = story_of.get(row.id)
        members = shown.get(story.id, []) if story is not None else []
        if story is None or len(members) < 2:
            out.append(row)
            continue
        if story.id in placed:
            continue
        placed.add(story.id)
        is_open = story.id in expanded
        out.append(story_row(story, members, is_open))
        if is_open:
            out.extend(MemberRow(member.id, member, story.id) for member in by_date(members))
    return out


def by_date(members: Sequence[R]) -> list[R]:
    """An expanded story's articles, oldest first (how the story unfolded), undated ones
    last, ties in view order: every one of them gets its row under the story row,
    the lead's too (the story row is the story's, not the lead article's)."""
    return sorted(members, key=lambda member: _date_key(getattr(member, "date", None)))


def _date_key(date: str | None) -> tuple[bool, str]:
    return (not date, date or "")


def story_row(story: StoryRow, members: Sequence[Any], expanded: bool) -> StoryListRow:
    """The row of ``story`` whose articles in the view are ``members`` (view order)."""

    def every(flag: str) -> bool:
        return all(getattr(member, flag, False) for member in members)

    return StoryListRow(
        id=members[0].id,
        story=story.id,
        title=story.title,
        outlets=len(story.outlets),
        newest=story.newest,
        article_ids=story.article_ids,
        shown=tuple(member.id for member in members),
        expanded=expanded,
        read=every("read"),
        starred=every("starred"),
        archived=every("archived"),
        marked=every("marked"),
        shared_tags=tuple(
            tag
            for tag in getattr(members[0], "tags", ())
            if all(tag in getattr(member, "tags", ()) for member in members[1:])
        ),
    )


class PageGrouper:
    """:func:`group_rows` a page at a time, for a view whose rows arrive in pages.

    Grouping the whole view again at each page costs its length each time (at 100,000
    articles, 20 pages of ~100 ms on the app's thread, keys waiting); pages only add
    rows below, so each page changes only the rows it brings and the rows of stories
    it adds to (a story row stays where its lead is: nothing on screen moves). A story
    shown expanded would gain rows in the middle: then :meth:`add` says so and the
    caller groups the whole view again.
    """

    def __init__(self, stories: Iterable[StoryRow], expanded: Collection[int] = ()) -> None:
        self.story_of: dict[str, StoryRow] = {}
        for each in stories:
            if len(each.article_ids) > 1:
                for article_id in each.article_ids:
                    self.story_of[article_id] = each
        self.expanded = expanded
        #: What the list shows, as grouped so far.
        self.rows: list[Any] = []
        self._members: dict[int, list[Any]] = {}
        self._lead_at: dict[int, int] = {}

    def add(self, page: Sequence[Any]) -> tuple[list[Any], list[Any]] | None:
        """Group the next ``page``: (rows to show below, rows that replace the row of
        the same id above), or None when only grouping everything again is right."""
        start = len(self.rows)
        replaced: dict[int, Any] = {}
        for row in page:
            story = self.story_of.get(row.id)
            if story is None:
                self.rows.append(row)
                continue
            members = self._members.setdefault(story.id, [])
            members.append(row)
            if len(members) == 1:  # alone in the view so far: a plain row
                self._lead_at[story.id] = len(self.rows)
                self.rows.append(row)
            elif story.id in self.expanded:
                return None
            else:
                at = self._lead_at[story.id]
                self.rows[at] = replaced[at] = story_row(story, members, False)
        return self.rows[start:], [row for at, row in replaced.items() if at < start]

    def update(self, changed: Sequence[Any]) -> list[Any] | None:
        """Rows of the view read again (a triage key: new flags, same articles): the
        rows that replace the list's rows of the same id (an article's own row, or the
        story row it is a member of), or None when only grouping everything again is
        right (a story shown expanded)."""
        out: dict[str, Any] = {}
        for row in changed:
            story = self.story_of.get(row.id)
            members = self._members.get(story.id, []) if story is not None else []
            place = next((n for n, member in enumerate(members) if member.id == row.id), None)
            if story is None or place is None:
                out[row.id] = row  # not in a story, or not among the rows grouped yet
                continue
            members[place] = row
            if len(members) == 1:
                out[row.id] = self.rows[self._lead_at[story.id]] = row
            elif story.id in self.expanded:
                return None
            else:
                lead = story_row(story, members, False)
                out[lead.id] = self.rows[self._lead_at[story.id]] = lead
        return list(out.values())


def outlets_label(row: StoryListRow) -> str:
    """What the story row says instead of a source (see :func:`story_size_label`)."""
    return story_size_label(row.outlets, len(row.article_ids))


def story_size_label(outlets: int, articles: int) -> str:
    """``3 outlets`` for a story several outlets reported; ``2 articles`` for one
    outlet's (a follow-up on the same development, from one site or one file); a single
    article is ``1 article``. ``1 outlet`` read as if the story had lost its other
    reports: a story is the same news, from one outlet or several (docs/stories.md)."""
    if outlets > 1:
        return f"{outlets} outlets"
    return f"{articles} article{'' if articles == 1 else 's'}"


def position_of(rows: Sequence[Any], article_id: str) -> int | None:
    """Where ``article_id`` is in ``rows``: its own row (a story row is its lead's), else
    the story row standing for it (collapsed), else None. Keeps the cursor on the same
    news across a regrouping."""
    for n, row in enumerate(rows):
        if row.id == article_id:
            return n
    for n, row in enumerate(rows):
        if isinstance(row, StoryListRow) and article_id in row.shown:
            return n
    return None
