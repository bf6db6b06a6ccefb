"""The reader's triage keys: read, star, archive, mark, tag, undo, join and split.

Every change goes through the store in the library thread and is one undo step there;
then the rows it touched are read again and redrawn. Mixed into
:class:`~tui.app.screens.reader.ReaderScreen`, whose state (the list, the open article,
``say``) it uses. A failed write raises out of its worker; the screen's one worker-error
handler (:mod:`tui.app.worker_errors`) says why in one line.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from textual import work

from tui.app.library_calls import load_rows, set_flag, view_matches

if TYPE_CHECKING:
    from tui.app.widgets.article_list import ArticleList
    from tui.app.widgets.article_view import ArticleView
    from tui.app.widgets.list_rows import Row
    from tui.store.library import Library
    from tui.store.rows import ListRow
    from tui.store.tags import TagEdit

#: What a flag change is called in the status line: (set, cleared).
_FLAG_WORDS = {
    "read": ("marked read", "marked unread"),
    "starred": ("starred", "unstarred"),
    "archived": ("archived", "unarchived"),
    "marked": ("marked", "unmarked"),
}


#: The first word of the undo labels of triage steps (flags and tags): undone or redone,
#: the view's rows follow; a note or highlight undone leaves the rows where they are.
_TRIAGE_STEPS = frozenset(
    word
    for flag in ("read", "starred", "archived", "marked", "tag")
    for word in (flag, f"un{flag}")
)


def flag_done(
    flag: str, value: bool, count: int, undoes: str = "(u undoes)", already: int = 0
) -> str:
    """``archived (u undoes)``, ``3 starred (u undoes)``: the triage confirmation, short
    enough to show whole at 80 columns (``R`` says ``3 marked read (u undoes)`` too);
    ``undoes``: the hint with the undo key as the keymap has it. ``count`` is how many
    articles change, as the undo label counts them (``undo: starred 174 articles``);
    ``already``, how many of those asked for had the flag so already
    (``174 starred, 1 already (u undoes)``)."""
    word = _FLAG_WORDS[flag][0 if value else 1]
    who = f"{count} " if count != 1 or already else ""
    besides = f", {already} already" if already else ""
    return f"{who}{word}{besides} {undoes}"


def changing(rows: Sequence[Any], ids: Sequence[str], flag: str, value: bool) -> tuple[int, int]:
    """(how many of ``ids`` setting ``flag`` to ``value`` changes, how many have it so
    already), by their listed ``rows``: the library counts the same way."""
    already = sum(1 for row in rows if bool(getattr(row, flag)) == value)
    return len(set(ids)) - already, already


class TriageActions:
    """The triage actions of the reader screen (see the module doc)."""

    # Provided by ReaderScreen.
    app: Any
    current_id: str | None
    pending_marked: bool
    say: Callable[[str], None]
    update_status: Callable[[], None]
    recount: Callable[[], None]
    notify: Callable[..., None]
    reload_rows: Any
    open_article: Any
    listed_rows: Callable[[], list[Any]]
    story_ids_of: Callable[[Any], list[str]]
    update_plain: Callable[[Sequence[Any]], None]
    view: Any
    keep_message: bool
    status_message: str
    undoes: Callable[[], str]
    undo_key: Callable[[], str]

    if TYPE_CHECKING:  # the screen's panes (properties of ReaderScreen)

        @property
        def article_list(self) -> ArticleList: ...
        @property
        def article_view(self) -> ArticleView: ...

    def opened(self, article_id: str) -> None:
        """An article was opened on purpose (Enter, a hit, a quote): mark it read, as
        newsboat does, unless the config says ``mark_read_on_open: false``. The list
        following its cursor only previews, and marks nothing."""
        if not self.app.config.mark_read_on_open:
            return
        position = self.article_list.index_of(article_id)
        row = self.article_list.rows[position] if position is not None else None
        if row is None or not row.read:
            # The row stays while it is read (the Inbox would drop it under the reader);
            # a triage key, or the next view switch, puts the view right.
            self.change(set_flag, [article_id], "read", True, follow_view=False)

    def target_ids(self) -> list[str]:
        """The marked articles after ``;``, else the current one."""
        if self.pending_marked:
            self.pending_marked = False
            ids = [row.id for row in self.listed_rows() if row.marked]
            self.update_status()
            if not ids:
                self.notify("No marked articles (m marks one, M marks all shown)", markup=False)
            return ids
        row = self.article_list.current
        return self.story_ids_of(row) if row is not None else []

    def rows_for(self, ids: Sequence[str]) -> list[ListRow]:
        """The listed rows of ``ids`` (one per article, grouped or not: listed_rows)."""
        wanted = set(ids)
        return [row for row in self.listed_rows() if row.id in wanted]

    @work(group="writes", exit_on_error=False)
    async def change(
        self,
        function: Any,
        ids: Sequence[str],
        *args: Any,
        done: str = "",
        follow_view: bool = True,
        shown: Sequence[Row] = (),
    ) -> None:
        """Run a store change in the library thread, then refresh the rows it touched.

        What it does shows at once: ``shown`` (the rows as the change makes them) and
        ``done`` (its confirmation; ``u``, queued behind it, undoes it) do not wait for
        the library, which another program may hold for long (the change is kept and
        saved when it is free: :mod:`tui.app.library_gateway`). With no ``done`` the
        last confirmation goes: ``u`` would now undo this change, not what it names.
        A change that fails puts the rows back as the library has them.
        """
        if not ids:
            return
        self.say(done)
        if shown:
            self.update_plain(shown)
            self.recount()
        try:
            await self.app.gateway.change(function, list(ids), *args)
        except Exception:
            if self.status_message == done:
                self.say("")
            with contextlib.suppress(Exception):
                await self.refresh_rows(ids, follow_view=False)
            raise
        await self.refresh_rows(ids, follow_view=follow_view)

    async def refresh_rows(
        self, ids: Sequence[str], *, follow_view: bool = True, cursor_to: bool = False
    ) -> None:
        """Read ``ids``' rows again and redraw them (and the counts); with
        ``follow_view``, rows the view's query no longer lists leave and rows it now
        lists come in (:meth:`follow_view`); with ``cursor_to``, the cursor goes to
        (the first row of) ``ids``."""
        rows = await self.app.gateway.call(load_rows, list(ids))
        self.update_plain(rows)
        self.recount()
        if follow_view:
            await self.follow_view(ids, cursor_to=cursor_to)
        elif cursor_to:
            self.cursor_to(ids)

    async def follow_view(self, ids: Sequence[str], *, cursor_to: bool = False) -> None:
        """Keep the rows shown the view's: after a change to ``ids``, the view is read
        again when one of them left its query (unstarred in Starred) or joined it; the
        cursor stays on its row, or goes to the next one left when its own left (with
        ``cursor_to``, to ``ids``: an undo shows the rows it brought back)."""
        listed = {row.id for row in self.listed_rows()}
        matching = await self.app.gateway.call(view_matches, self.view.query, list(ids))
        if matching is None:  # the view's query reads no triage state or tag
            if cursor_to:
                self.cursor_to(ids)
            return
        leaving = {i for i in ids if i in listed and i not in matching}
        coming = [i for i in ids if i not in listed and i in matching]
        if leaving or coming:
            # The confirmation (``unstarred (u undoes)``) outlives the cursor's move to
            # the next row: it is about the row that left.
            self.keep_message = True
            if cursor_to:  # to the first of them the view lists
                self.reload_rows(keep=[i for i in ids if i in matching] or None)
            else:
                self.reload_rows(keep=self.row_kept(leaving))
        elif cursor_to:
            self.cursor_to(ids)

    def first_listed(self, ids: Sequence[str]) -> str | None:
        """Of ``ids``, the one whose row (or story row) comes first in the list."""
        places = [(p, i) for i in ids if (p := self.article_list.place_of(i)) is not None]
        return min(places)[1] if places else None

    def cursor_to(self, ids: Sequence[str]) -> None:
        """Put the cursor on the first row of ``ids`` (an article's, or the story row
        standing for it), the status line's message kept: it is about them."""
        first = self.first_listed(ids)
        position = self.article_list.place_of(first) if first is not None else None
        if position is not None and position != self.article_list.cursor:
            self.keep_message = True
            self.article_list.cursor = position

    def row_kept(self, leaving: set[str]) -> str | None:
        """The id of the row the cursor stays on when ``leaving`` leave the list: its
        own, else the next row that stays, else the one before."""
        rows, cursor = self.article_list.rows, self.article_list.cursor
        order = [*rows[cursor:], *reversed(rows[:cursor])]
        for row in order:
            if not set(self.story_ids_of(row)) <= leaving:
                return str(row.id)
        return None

    def toggle_flag(self, flag: str, ids: list[str]) -> None:
        """Set ``flag`` on ``ids``, or clear it when every one of them has it."""
        rows = self.rows_for(ids)
        value = not all(getattr(row, flag) for row in rows) if rows else True
        count, already = changing(rows, ids, flag, value)
        done = flag_done(flag, value, count, self.undoes(), already)
        self.set_flag_shown(ids, flag, value, done)

    def set_flag_shown(self, ids: Sequence[str], flag: str, value: bool, done: str) -> None:
        """Set ``flag`` on ``ids`` in the library, their rows showing it at once."""
        shown = [row.with_flag(flag, value) for row in self.rows_for(ids)]
        self.change(set_flag, ids, flag, value, done=done, shown=shown)

    def action_toggle_read(self) -> None:
        self.toggle_flag("read", self.target_ids())

    def action_toggle_star(self) -> None:
        self.toggle_flag("starred", self.target_ids())

    def action_toggle_archive(self) -> None:
        self.toggle_flag("archived", self.target_ids())

    def action_toggle_mark(self) -> None:
        current = self.article_list.current
        self.toggle_flag("marked", self.story_ids_of(current) if current else [])

    def action_mark_all_shown(self) -> None:
        self.toggle_flag("marked", [row.id for row in self.listed_rows()])

    def action_apply_to_marked(self) -> None:
        self.pending_marked = not self.pending_marked
        self.update_status()

    def action_mark_all_read(self) -> None:
        if self.pending_marked:
            ids = self.target_ids()
        else:
            ids = [row.id for row in self.listed_rows() if not row.read]
        if not ids:
            self.notify("Nothing unread here", markup=False)
            return

        from tui.app.screens.prompt import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                count, already = changing(self.rows_for(ids), ids, "read", True)
                done = flag_done("read", True, count, self.undoes(), already)
                self.set_flag_shown(ids, "read", True, done)

        key = self.undo_key()
        question = f"Mark {len(ids)} articles read?" + (f" ({key} undoes it)" if key else "")
        self.app.push_screen(ConfirmScreen(question), answered)

    def action_tag(self) -> None:
        marked = self.pending_marked
        ids = self.target_ids()
        if not ids:
            return
        if len(ids) == 1:
            what = "this article"
        else:
            what = f"{len(ids)} marked articles" if marked else f"the story's {len(ids)} articles"
        self.tag_articles(ids, what)

    def tag_articles(self, ids: list[str], what: str) -> None:
        """Ask for tags to add or remove on ``ids`` (``what`` the prompt calls them)."""
        from tui.app.screens.prompt import PromptScreen
        from tui.store.tags import parse_tag_input

        def answered(typed: str | None) -> None:
            edit = parse_tag_input(typed or "")
            if edit.add or edit.remove:
                self.edit_tags(ids, edit)

        self.app.push_screen(
            PromptScreen(
                f'Tag {what}: commas or spaces between tags, "a b" for a space, -tag removes',
                placeholder="energy, norway",
            ),
            answered,
        )

    @work(group="writes", exit_on_error=False)
    async def edit_tags(self, ids: Sequence[str], edit: TagEdit) -> None:
        """Add and remove tags (one undo step for all of them), then say what was stored."""

        def apply(library: Library) -> list[str]:
            counts = library.edit_tags(ids, add=edit.add, remove=edit.remove)
            said = [
                f"#{t}" if n else f"#{t} (already there)"
                for t, n in zip(edit.add, counts, strict=False)
            ]
            said += [
                f"-#{t}" if n else f"-#{t} (was not there)"
                for t, n in zip(edit.remove, counts[len(edit.add) :], strict=True)
            ]
            return said

        self.say("")  # u would undo these tags now, not what the last message named
        said = await self.app.gateway.change(apply)
        await self.refresh_rows(ids)
        where = "" if len(ids) == 1 else f" on {len(ids)} articles"
        self.say(f"tags: {', '.join(said)}{where} {self.undoes()}")
        if self.current_id in ids:
            self.open_article(self.current_id, keep_place=True)

    @work(group="writes", exit_on_error=False)
    async def action_undo(self) -> None:
        await self.undo_redo("undo")

    @work(group="writes", exit_on_error=False)
    async def action_redo(self) -> None:
        await self.undo_redo("redo")

    async def undo_redo(self, which: str) -> None:
        """Undo or redo the last change in the library, then show what it changed: its
        articles' rows read again and, after a triage step, the view's rows put right
        (a star undone in Starred brings its row back); the cursor goes to the row it
        changed (the first, for several), where the user can see it."""

        def step(library: Library) -> tuple[str | None, list[str]]:
            return getattr(library, which)(), sorted(library.step_articles)

        self.say("")
        label, ids = await self.app.gateway.change(step)
        if label is None:
            self.say(f"nothing to {which}")
            return
        self.say(f"{which}: {label}")
        if label in ("join", "split"):  # the file's articles changed: list them again
            self.reload_rows()
            return
        triage = label.split()[0] in _TRIAGE_STEPS
        await self.refresh_rows(ids, follow_view=triage, cursor_to=True)
        if self.current_id in ids:
            self.open_article(self.current_id, keep_place=True)

    # -- joins and splits -------------------------------------------------------------

    @work(group="writes", exit_on_error=False)
    async def action_join_next(self) -> None:
        """Join the open article with the next one of its file (the reader split wrongly)."""
        article_id = self.current_id
        if article_id is None:
            return
        await self.segment_edit(lambda library: library.join_next(article_id), "joined")

    @work(group="writes", exit_on_error=False)
    async def action_split_here(self) -> None:
        """Split the open article where the paragraph under the cursor begins."""
        paragraph = self.article_view.paragraph
        article_id = self.current_id
        if article_id is None or paragraph is None:
            self.notify("Open an article and move to the paragraph to split at", markup=False)
            return
        offset = paragraph.span.start
        await self.segment_edit(lambda library: library.split_at(article_id, offset), "split")

    async def segment_edit(self, edit: Any, done: str) -> None:
        """Run a join or split, then show the list and the article it made."""
        self.say("")  # u would undo this now, not what the last message named
        new_id = await self.app.gateway.change(edit)
        self.notify(f"{done} {self.undoes()}".rstrip(), markup=False, timeout=3)
        self.reload_rows(keep=new_id)
        if new_id is not None:
            self.open_article(new_id)
