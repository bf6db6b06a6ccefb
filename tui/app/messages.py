"""The messages the reader's panes send up to the reader screen, as dataclasses.

One module lists what a pane can tell the screen (toolong's ``messages.py``): a pane
posts one of these and the :class:`~tui.app.screens.reader.ReaderScreen` handles it
with ``@on(messages.X)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from tui.app.widgets.article_list import ArticleList
    from tui.app.widgets.list_rows import Row
    from tui.app.widgets.quotes_pane import QuoteRef
    from tui.search.hit import Hit


@dataclass
class _FromList(Message):
    """A message of the article list; ``control`` is the list (for ``@on`` selectors)."""

    article_list: ArticleList

    @property
    def control(self) -> ArticleList:
        return self.article_list


@dataclass
class ArticleHighlighted(_FromList):
    """The article list's cursor moved to another row (None: the list is empty)."""

    row: Row | None


@dataclass
class ArticleSelected(_FromList):
    """Enter on a row of the article list: open its article (or fold its story)."""

    row: Row


@dataclass
class SearchHitChosen(Message):
    """Enter on a search hit: open its article at the match."""

    hit: Hit


@dataclass
class SearchClosed(Message):
    """Escape in the search pane: hide it."""


@dataclass
class QuoteChosen(Message):
    """Enter on a quote in the quotes pane: go to it (opening its article if need be)."""

    ref: QuoteRef


@dataclass
class ArticleTargetChanged(Message):
    """The paragraph or quote under the article view's cursor changed."""

    quote: int | None
