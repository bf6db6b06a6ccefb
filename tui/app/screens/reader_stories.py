"""Story rows in the reader's list: a view with ``group: story`` (the Inbox by default)
shows one row per story, which expands to its articles (one row each, oldest first).

The view's own rows (one per article, as :mod:`tui.search.views` gives them) are kept
as they are; what the list shows is :func:`tui.search.story_rows.group_rows` of them,
worked out again when they change, when the stories arrive (read in the background:
the list never waits for them) or when a story is expanded or folded. Triage on a story
row changes every article of the story, as one undo step (one store change).

Mixed into :class:`~tui.app.screens.reader.ReaderScreen`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import work

from tui.search.story_rows import (
    MemberRow,
    PageGrouper,
    StoryListRow,
    group_rows,
    position_of,
)

#: More articles to place than this and the reader leaves the grouping to ``newsdesk
#: stories`` (minutes at 100,000, with a progress bar and two processes): the library
#: thread it would hold is the one every article is read through.
MAX_PLACED_IN_READER = 5000


def list_stories(library: Any) -> list[Any] | None:
    """The library's stories of two or more articles (grouping what is new first), or
    None when too many articles wait to be grouped (see :data:`MAX_PLACED_IN_READER`).
    An import grouping the library meanwhile is not waited for (the library thread
    would be held for minutes): its stories show at the next look."""
    from tui.store.stories import stories, ungrouped

    if not library.readonly and ungrouped(library) > MAX_PLACED_IN_READER:
        return None
    return stories(library, wait=False)


class StoryRowsMixin:
    """The story rows of the reader's list (see the module doc)."""

    # Provided by ReaderScreen.
    app: Any
    article_list: Any
    view: Any
    recount: Any

    _plain_rows: list[Any]
    _stories: list[Any] | None
    _grouper: PageGrouper | None
    expanded_stories: set[int]
    _told_to_group: bool
    notify: Any

    def init_story_rows(self) -> None:
        self._plain_rows = []
        self._stories = None
        self._grouper = None
        self.expanded_stories = set()
        self._told_to_group = False

    def grouping(self) -> bool:
        """Whether the list shows story rows now (the view groups; stories are read)."""
        return self.view.group == "story" and bool(self._stories)

    def listed_rows(self) -> list[Any]:
        """One row per article of the view (what counts, marks and ``R`` work on)."""
        return self._plain_rows if self.grouping() else self.article_list.rows

    def display_rows(self, rows: Sequence[Any]) -> list[Any]:
        """What the list shows for the view's ``rows`` (kept as the view's rows)."""
        self._plain_rows = list(rows)
        self._grouper = None
        if not self.grouping():
            return list(rows)
        grouper = PageGrouper(self._stories or (), self.expanded_stories)
        if grouper.add(self._plain_rows) is not None:
            self._grouper = grouper  # the next pages are grouped a page at a time
            return list(grouper.rows)
        return group_rows(self._plain_rows, self._stories or (), self.expanded_stories)

    def append_plain(self, page: Sequence[Any], *, complete: bool) -> None:
        """The view's next page: below the list's rows, grouped with the rest (only
        its own rows and the story rows it adds to change; see
        :class:`~tui.search.story_rows.PageGrouper`)."""
        self._plain_rows.extend(page)
        lst = self.article_list
        if not self.grouping():
            lst.append_rows(page, complete=complete)
            return
        added = self._grouper.add(page) if self._grouper is not None else None
        if added is None:
            self.show_grouped(complete=complete)
            return
        below, replaced = added
        lst.update_rows(replaced)
        lst.append_rows(below, complete=complete)

    def show_grouped(self, keep: str | None = None, *, complete: bool | None = None) -> None:
        """Group the view's rows again and show them, the cursor kept on the same news."""
        lst = self.article_list
        if keep is None:
            current = lst.current
            keep = lst.wanted or (current.id if current is not None else None)
        rows = self.display_rows(self._plain_rows)
        lst.set_rows(rows, keep=keep, complete=lst.complete if complete is None else complete)
        position = position_of(rows, keep) if keep is not None else None
        if position is not None:
            lst.cursor = position

    def update_plain(self, changed: Sequence[Any]) -> None:
        """Rows read again after a change: into the view's rows, then shown."""
        if not self.grouping():
            self.article_list.update_rows(changed)
            return
        by_id = {row.id: row for row in changed}
        self._plain_rows = [by_id.get(row.id, row) for row in self._plain_rows]
        shown = self._grouper.update(changed) if self._grouper is not None else None
        if shown is None:
            self.show_grouped()
        else:  # the rows that changed, in place (no regrouping of the whole view)
            self.article_list.update_rows(shown)

    @work(exclusive=True, group="stories", exit_on_error=False)
    async def load_stories(self) -> None:
        """Read the stories (in the library thread), then show the view grouped."""
        if self.view.group != "story":
            return
        found = await self.app.gateway.call(list_stories)
        if found is None:
            if not self._told_to_group:
                self._told_to_group = True
                self.notify(
                    "Stories are not grouped yet: run 'newsdesk stories' once "
                    "(minutes for a big library); the list shows articles until then",
                    markup=False,
                )
            return
        self._stories = found
        if self.view.group == "story" and self._stories:
            self.show_grouped()
            self.recount()

    def story_key_hint(self) -> str | None:
        """The key that compares the story under the cursor (as the keymap has it), for
        the status line; None off a story row and its open articles."""
        if not isinstance(self.article_list.current, (StoryListRow, MemberRow)):
            return None
        from tui.app.bindings import READER_BINDINGS

        binding = next(b for b in READER_BINDINGS if b.id == "story")
        keys = self.app.keymap.get("story", binding.key).split(",")[0].strip()
        return str(self.app.get_key_display(binding.with_key(keys))) if keys else None

    def story_ids_of(self, row: Any) -> list[str]:
        """The articles a triage key on ``row`` changes: a story row's are the story's."""
        return list(row.article_ids) if isinstance(row, StoryListRow) else [row.id]

    def action_story_expand(self) -> None:
        """Show the articles of the story row under the cursor."""
        row = self.article_list.current
        if isinstance(row, StoryListRow) and not row.expanded:
            self.expanded_stories.add(row.story)
            self.show_grouped(row.id)

    def action_story_collapse(self) -> None:
        """Fold the story under the cursor (on its row or one of its articles)."""
        row = self.article_list.current
        story = row.story if isinstance(row, (StoryListRow, MemberRow)) else None
        if story is not None and story in self.expanded_stories:
            self.expanded_stories.discard(story)
            self.show_grouped(row.id)

    def fold_open_story(self) -> bool:
        """``h`` in the list (the highlight key): fold the open story the cursor is in
        and say True; False with the focus elsewhere or no open story here (then ``h``
        highlights). One binding per key: see the comment in ``tui.app.bindings``."""
        row = self.article_list.current
        story = row.story if isinstance(row, (StoryListRow, MemberRow)) else None
        if story is None or story not in self.expanded_stories or not self.article_list.has_focus:
            return False
        self.action_story_collapse()
        return True
