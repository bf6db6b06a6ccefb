"""The reader's keys about what is in an article: highlights, notes, quotes and stories.

Mixed into :class:`~tui.app.screens.reader.ReaderScreen`. What ``h`` and ``c`` act on
is decided by :mod:`tui.app.annotating` (plain functions); what ``y`` copies by
:mod:`tui.app.attribution`. A failed write raises out of its worker and is said in one
line by the screen's worker-error handler.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work

from tui.app.attribution import full_title, quote_with_attribution
from tui.app.textsafe import visible

if TYPE_CHECKING:
    from tui.app.screens.story import StoryJump
    from tui.app.widgets.article_list import ArticleList
    from tui.app.widgets.article_view import ArticleView
    from tui.app.widgets.quotes_pane import QuotesPane
    from tui.model import Annotation, Article, Quote
    from tui.store.library import Library


class NotesActions:
    """Highlights, notes, quotes and stories of the reader screen (see the module doc)."""

    # Provided by ReaderScreen.
    app: Any
    focused: Any
    current_id: str | None
    current_article: Article | None
    current_annotations: list[Annotation]
    say: Callable[[str], None]
    notify: Callable[..., None]
    open_article: Any
    refresh_rows: Any
    rows_for: Any
    set_flag_shown: Any
    focus_widget: Any
    listed_rows: Any
    tag_articles: Any
    action_undo: Any
    fold_open_story: Any
    undoes: Callable[[], str]

    if TYPE_CHECKING:  # the screen's panes (properties of ReaderScreen)

        @property
        def article_list(self) -> ArticleList: ...
        @property
        def article_view(self) -> ArticleView: ...
        @property
        def quotes_pane(self) -> QuotesPane: ...

    @work(group="writes", exit_on_error=False)
    async def action_highlight(self) -> None:
        """Highlight what the cursor is on; on a highlight, remove it (u brings it back).
        In the list on an open story, fold it instead (``l`` opens, ``h`` folds)."""
        from tui.app.annotating import highlight_at

        if self.fold_open_story():
            return

        target = self.article_view.target()
        if target is None or self.current_id is None:
            self.notify("Open an article and move to a paragraph or quote first", markup=False)
            return
        kind, span, _text = target
        article_id = self.current_id
        existing = highlight_at(self.current_annotations, span)
        if existing is not None:
            await self.write_annotation(
                article_id,
                f"highlight on the {kind} removed {self.undoes()}",
                lambda library: library.delete_annotation(existing.id),
            )
        else:
            await self.write_annotation(
                article_id,
                f"highlighted the {kind} {self.undoes()}",
                lambda library: library.add_highlight(article_id, span),
            )

    def note_context(self) -> tuple[str, Annotation | None, str, str] | None:
        """(article id, annotation edited or None, its text, what the dialog says it is on)."""
        if self.current_id is None or self.current_article is None:
            return None
        from tui.app.annotating import note_target

        target = self.article_view.target()
        annotation, text = note_target(self.current_annotations, target[1] if target else None)
        about = f"On: {visible(self.current_article.title)}"
        if annotation is not None and annotation.kind == "highlight":
            quoted = visible(annotation.anchor_text).replace("\n", " ")
            about = f"On the highlight: {quoted}"
        return self.current_id, annotation, text, about

    def _save_note_later(
        self, article_id: str, annotation: Annotation | None
    ) -> Callable[[str | None], None]:
        def answered(text: str | None) -> None:
            if text is not None:
                self.save_note(article_id, annotation, text)

        return answered

    def action_note(self) -> None:
        """Write the note of the highlight under the cursor, else the article's note
        (the one there is, to edit; emptied, it is removed)."""
        context = self.note_context()
        if context is None:
            return
        from tui.app.screens.note_editor import NoteEditor

        article_id, annotation, text, about = context
        self.app.push_screen(NoteEditor(about, text), self._save_note_later(article_id, annotation))

    def action_note_in_editor(self) -> None:
        """As ``c``, in $EDITOR; if the editor fails, the note dialog opens with what
        there is, and one line says which editor failed and why."""
        context = self.note_context()
        if context is None:
            return
        from tui.app.screens.note_editor import NoteEditor, run_editor

        article_id, annotation, text, about = context
        outcome = run_editor(self.app, text)
        self.app.refresh(layout=True)
        if outcome.problem is None:
            if outcome.text is not None:
                self.save_note(article_id, annotation, outcome.text)
            return
        self.notify(
            f"{outcome.problem}; write the note here instead", severity="error", markup=False
        )
        kept = outcome.text if outcome.text and outcome.text.strip() else text
        self.app.push_screen(NoteEditor(about, kept), self._save_note_later(article_id, annotation))

    @work(group="writes", exit_on_error=False)
    async def save_note(self, article_id: str, annotation: Annotation | None, text: str) -> None:
        from tui.app.annotating import note_change

        change = note_change(article_id, annotation, text)
        if change is not None:
            words, call = change
            await self.write_annotation(article_id, f"{words} {self.undoes()}", call)

    async def write_annotation(
        self, article_id: str, done: str, call: Callable[[Library], object]
    ) -> None:
        """Run one annotation change in the library thread, then show it."""
        self.say("")  # u would undo this now, not what the last message named
        await self.app.gateway.change(call)
        self.say(done)
        # A note is no triage: the row stays where it is (the open article with it).
        await self.refresh_rows([article_id], follow_view=False)
        if article_id == self.current_id:
            self.open_article(article_id, keep_place=True)

    # -- quotes --------------------------------------------------------------------------

    def current_quote_ref(self) -> tuple[Quote, str] | None:
        """(quote, article title/source info) for ``y``: the quotes pane's or the article's."""
        pane = self.quotes_pane
        if self.focused is pane and pane.current_ref is not None:
            ref = pane.current_ref
            if ref.article_id == self.current_id and self.current_article is not None:
                return ref.quote, full_title(self.current_article)
            return ref.quote, ref.title
        quote = self.article_view.current_quote
        article = self.current_article
        if quote is None and article is not None and article.quotes:
            quote = article.quotes[0]
        if quote is None:
            return None
        return quote, full_title(article) if article is not None else ""

    def action_copy_quote(self) -> None:
        found = self.current_quote_ref()
        if found is None:
            self.notify("No quote here to copy", markup=False)
            return
        quote, title = found
        text = quote_with_attribution(quote, title)
        self.app.copy_to_clipboard(text)
        self.say(f"copied: {text}")

    def action_toggle_speaker_index(self) -> None:
        pane = self.quotes_pane
        pane.speaker_index = not pane.speaker_index
        pane.border_title = "Quotes by speaker" if pane.speaker_index else "Quotes"
        if pane.speaker_index:
            self.load_speaker_index()
        else:
            pane.show_article(self.current_article)

    @work(exclusive=True, group="speakers", exit_on_error=False)
    async def load_speaker_index(self) -> None:
        from tui.app.widgets.quotes_pane import refs_of
        from tui.search.views import speaker_index_ids

        ids = speaker_index_ids(self.listed_rows())
        articles = await self.app.gateway.call(
            lambda library: library.get_articles(ids, reported=True)  # as shown
        )
        self.quotes_pane.show_index(refs_of(articles))

    # -- stories (tui.app.screens.story) -------------------------------------------------

    @work(group="story", exit_on_error=False)
    async def action_story(self) -> None:
        """Compare the outlets of the current article's story."""
        from tui.app.screens.story import StoryScreen, load_story_view

        row = self.article_list.current
        if row is None:
            return
        view = await self.app.gateway.call(load_story_view, row.id)
        if view is None:
            self.notify("No other outlet has reported this story", markup=False)
            return

        def jumped(jump: StoryJump | None) -> None:
            if jump is None:
                return
            position = self.article_list.place_of(jump.article_id)  # or its story row
            if position is not None:
                self.article_list.cursor = position
            self.open_article(jump.article_id, at_offset=jump.offset)
            self.focus_widget(self.article_view)

        self.app.push_screen(
            StoryScreen(
                view,
                self.story_triage,
                on_tag=lambda ids: self.tag_articles(ids, f"the story's {len(ids)} articles"),
                on_undo=self.action_undo,
            ),
            jumped,
        )

    def story_triage(self, ids: list[str], flag: str) -> None:
        """Read, star, archive or mark every article of a story: one undo step."""
        rows = self.rows_for(ids)
        value = not all(getattr(row, flag) for row in rows) if len(rows) == len(ids) else True
        state = flag if value else f"not {flag}"
        self.set_flag_shown(ids, flag, value, f"Story: {len(ids)} articles {state}")
