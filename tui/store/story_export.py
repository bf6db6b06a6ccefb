"""A story as Markdown: one section per outlet, then the comparison of the outlets.

``newsdesk export --story ID`` writes it; the comparison is
:func:`tui.extract.story_compare.compare`: each speaker's quotes side by side across
outlets (a table, one column per outlet, as the story screen draws them when wide),
quotes aligned when they are the same words and flagged when the wording differs, and
the sentences only one outlet has.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.extract.story_compare import Comparison, SharedQuote, SpeakerQuotes, compare
from tui.extract.story_lines import other_shared, speaker_rows
from tui.model import Article
from tui.store.export import md_source, md_text
from tui.store.stories import StoryRow, article_outlet
from tui.text import count_of

if TYPE_CHECKING:
    from tui.store.library import Library


def _one_line(text: str | None) -> str:
    """Article or user text as one line of Markdown shown as typed: escaped (no forged
    headings, links or HTML), controls and bidi overrides made visible."""
    return md_text(" ".join((text or "").split()))


def _quote_line(outlet: str, text: str) -> str:
    return f"- *{_one_line(outlet)}*: {_one_line(text)}"


def _speaker_table(speaker: SpeakerQuotes, shared: Sequence[SharedQuote]) -> list[str]:
    """A speaker's quotes side by side: a Markdown table, a column per outlet (the rows
    of :func:`~tui.extract.story_lines.speaker_rows`, aligned quotes first)."""
    outlets, rows = speaker_rows(speaker, shared)
    out = [
        "| | " + " | ".join(_one_line(o) for o in outlets) + " |",
        "|---|" + "---|" * len(outlets),
    ]
    for row in rows:
        flag = {None: "", True: "=", False: "≠"}[row.same_words]
        cells = [_one_line(q.text) if q is not None else "" for q in row.cells]
        out.append(f"| {flag} | " + " | ".join(cells) + " |")
    return out


def story_markdown(story: StoryRow, articles: list[Article], comparison: Comparison) -> str:
    """The story's Markdown document."""
    out = [f"# {_one_line(story.title) or '(untitled)'}", ""]
    articles_said = count_of(len(articles), "article")
    out.append(f"Story {story.id}: {articles_said} from {count_of(len(story.outlets), 'outlet')}.")
    out.append("")
    for article in articles:
        outlet = article_outlet(article)
        out += [f"## {_one_line(outlet)}: {_one_line(article.title) or '(untitled)'}", ""]
        meta = [f"article `{article.id}`"] + ([_one_line(article.date)] if article.date else [])
        meta += [md_source(article.url)] if article.url else []
        out += [" · ".join(meta), ""]
        for paragraph in article.paragraphs:
            out += [_one_line(paragraph.text), ""]
    out += ["## Comparison", ""]
    if comparison.side_by_side:
        out += ["### Speakers quoted by several outlets", ""]
        out += ["One column per outlet; `=` the same words, `≠` worded differently.", ""]
        for speaker in comparison.side_by_side:
            out += [f"**{_one_line(speaker.speaker)}**", ""]
            out += _speaker_table(speaker, comparison.shared_quotes)
            out.append("")
    shared_left = other_shared(comparison.side_by_side, comparison.shared_quotes)
    if shared_left:
        out += ["### Quotes in more than one outlet", ""]
        for shared in shared_left:
            flag = "same words" if shared.same_words else "worded differently"
            out += [f"**{_one_line(shared.speaker or 'unattributed')}** ({flag})", ""]
            out += [_quote_line(q.outlet, q.text) for q in shared.quotes]
            out.append("")
    if comparison.own_sentences:
        out += ["### Only in one outlet", ""]
        out += [_quote_line(s.outlet, s.text) for s in comparison.own_sentences]
        out.append("")
    if out[-2:] == ["## Comparison", ""]:  # a heading over nothing reads as a cut file
        alone = len(articles) < 2
        out.append("One article: nothing to compare." if alone else "Nothing to compare.")
    return "\n".join(out).rstrip() + "\n"


def export_story(library: Library, story: StoryRow) -> str:
    """Read the story's articles and write its Markdown."""
    articles = library.get_articles(story.article_ids)
    return story_markdown(story, articles, compare(articles, article_outlet))
