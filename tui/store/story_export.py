"""A story as Markdown: one section per outlet, then the comparison of the outlets.

``newsdesk export --story ID`` writes it; the comparison is
:func:`tui.extract.story_compare.compare`: each speaker's quotes side by side across
outlets, quotes aligned when they are the same words and flagged when the wording
differs, and the sentences only one outlet has.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.extract.story_compare import Comparison, compare
from tui.model import Article
from tui.store.export import md_text
from tui.store.stories import StoryRow, article_outlet

if TYPE_CHECKING:
    from tui.store.library import Library


def _one_line(text: str | None) -> str:
    """Article or user text as one line of Markdown shown as typed: escaped (no forged
    headings, links or HTML), controls and bidi overrides made visible."""
    return md_text(" ".join((text or "").split()))


def _quote_line(outlet: str, text: str) -> str:
    return f"- *{_one_line(outlet)}*: {_one_line(text)}"


def story_markdown(story: StoryRow, articles: list[Article], comparison: Comparison) -> str:
    """The story's Markdown document."""
    out = [f"# {_one_line(story.title) or '(untitled)'}", ""]
    out.append(f"Story {story.id}: {len(articles)} articles from {len(story.outlets)} outlets.")
    out.append("")
    for article in articles:
        outlet = article_outlet(article)
        out += [f"## {_one_line(outlet)}: {_one_line(article.title) or '(untitled)'}", ""]
        meta = [f"article `{article.id}`"] + ([_one_line(article.date)] if article.date else [])
        out += [" · ".join(meta), ""]
        for paragraph in article.paragraphs:
            out += [_one_line(paragraph.text), ""]
    out += ["## Comparison", ""]
    if comparison.side_by_side:
        out += ["### Speakers quoted by several outlets", ""]
        for speaker in comparison.side_by_side:
            out += [f"**{_one_line(speaker.speaker)}**", ""]
            for outlet, quotes in speaker.by_outlet.items():
                out += [_quote_line(outlet, q.text) for q in quotes]
            out.append("")
    if comparison.shared_quotes:
        out += ["### Quotes in more than one outlet", ""]
        for shared in comparison.shared_quotes:
            flag = "same words" if shared.same_words else "worded differently"
            out += [f"**{_one_line(shared.speaker or 'unattributed')}** ({flag})", ""]
            out += [_quote_line(q.outlet, q.text) for q in shared.quotes]
            out.append("")
    if comparison.own_sentences:
        out += ["### Only in one outlet", ""]
        out += [_quote_line(s.outlet, s.text) for s in comparison.own_sentences]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def export_story(library: Library, story: StoryRow) -> str:
    """Read the story's articles and write its Markdown."""
    articles = library.get_articles(story.article_ids)
    return story_markdown(story, articles, compare(articles, article_outlet))
