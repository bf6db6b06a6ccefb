"""A fixed fixture library for the app's tests, independent of the real parser.

The dump parser and the quote finder are other people's work and still changing; the
app's tests must not move with them. So the library here is imported through a small
fixture parser (``# Title`` lines start articles, one paragraph per line, quotes found
by ``“...,” said Name`` / ``“...,” Name said``), written for these tests. Everything else
is real: the store, the search index, the app.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.model import Article, ArticleKind, Paragraph, ParagraphRole, Quote, QuoteKind, Span
from tui.model import make_article_id

HOSTILE = "[@click=app.quit] [b]bold[/b] unbalanced[/b] \x1b[31mred\x1b[0m"

FILES = {
    "alpha.txt": (
        "# Harbour plan approved\n"
        "@date 2024-03-04\n"
        "The council approved the harbour plan on Monday after a long debate.\n"
        "“We are delighted with the result,” said Ada Lind. “Work starts in spring.”\n"
        "Photo: Harbour Press\n"
        "Critics called the plan “far too costly” and promised to appeal.\n"
        "“The numbers do not add up,” Ben Ortiz said.\n"
        "Related: Ten harbours that changed their cities…\n"
        "# Ferry fares to rise\n"
        "@date 2024-03-02\n"
        "@brief\n"
        "Ferry fares will rise by four percent from June, the operator said, citing fuel\n"
    ),
    "beta.txt": (
        "# Museum reopens after renovation\n"
        "@date 2024-03-03\n"
        "The city museum reopened on Tuesday after five years of work.\n"
        "“Our best pieces finally have windows,” said Cora Diaz.\n"
        "More than four thousand visitors came on the first day.\n"
    ),
    "hostile.txt": (
        f"# Title {HOSTILE}\n"
        "@date 2024-03-01\n"
        f"Body text with {HOSTILE} in it.\n"
        f"“Quote with {HOSTILE},” said Eve [@click=app.quit]Mallory.\n"
    ),
}

_QUOTE = re.compile(r"“[^”]*”(?:,? (?:said (.+?)\.(?:\s|$)|([A-Z][^”]*?) said))?")


def fixture_parse(text: str, source: str) -> list[Article]:
    """The fixture dialect (see the module docstring) into articles with quotes."""
    articles: list[Article] = []
    chunks = [m for m in re.finditer(r"^# .*$", text, flags=re.M)]
    for number, heading in enumerate(chunks):
        end = chunks[number + 1].start() if number + 1 < len(chunks) else len(text)
        title = heading.group(0)[2:]
        date = None
        kind = ArticleKind.STORY
        paragraphs: list[Paragraph] = []
        captions: list[Paragraph] = []
        related: list[Paragraph] = []
        quotes: list[Quote] = []
        for line in re.finditer(r"[^\n]+", text[heading.end() : end]):
            start = heading.end() + line.start()
            body = line.group(0)
            span = Span(start, start + len(body))
            if body.startswith("@date "):
                date = body[6:]
            elif body == "@brief":
                kind = ArticleKind.BRIEF
            elif body.startswith("Photo:"):
                captions.append(Paragraph(body, span, ParagraphRole.CAPTION))
            elif body.startswith("Related:"):
                related.append(Paragraph(body, span, ParagraphRole.RELATED))
            else:
                paragraphs.append(Paragraph(body, span))
                speaker = None
                for match in _QUOTE.finditer(body):
                    speaker = (match.group(1) or match.group(2) or speaker or "").strip() or None
                    close = body.index("”", match.start()) + 1
                    quotes.append(
                        Quote(
                            text=body[match.start() : close],
                            span=Span(start + match.start(), start + close),
                            speaker=speaker,
                            speaker_span=None,
                            cue="said" if speaker else None,
                            kind=QuoteKind.DIRECT,
                            confidence=0.9,
                        )
                    )
        body_text = "\n".join(p.text for p in paragraphs)
        articles.append(
            Article(
                id=make_article_id(title + "\n" + body_text),
                source=source,
                span=Span(heading.start(), end),
                kind=kind,
                title=title,
                title_inferred=False,
                paragraphs=tuple(paragraphs),
                date=date,
                captions=tuple(captions),
                related=tuple(related),
                truncated=kind == ArticleKind.BRIEF,
                quotes=tuple(quotes),
            )
        )
    return articles


@pytest.fixture
def fixture_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    import tui.extract.pipeline as pipeline

    monkeypatch.setattr(pipeline, "parse_document", fixture_parse)


@pytest.fixture
def library_path(tmp_path: Path, fixture_parser: None) -> Path:
    """A library holding the fixture files (4 articles, one of them hostile)."""
    from tui.store import Library

    folder = tmp_path / "dumps"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    path = tmp_path / "library.db"
    with Library.open(path) as library:
        report = library.import_paths([str(folder / name) for name in sorted(FILES)])
        assert not report.errors
    return path
