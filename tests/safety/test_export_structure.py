"""Issues 15.2 and 15.3: CSV cells never run as formulas; user text cannot break the
structure of the Markdown export."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest

from tui import exitcodes
from tui.cli import main
from tui.model import Quote, QuoteKind, Span
from tui.store import Library
from tui.store.export import csv_cell, md_text

UNESCAPED_LINK = re.compile(r"(?<!\\)\]\(")
FORMULA_LEADS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("lead", FORMULA_LEADS, ids=repr)
def test_csv_cell_neutralises_each_formula_lead(lead: str) -> None:
    cell = csv_cell(f'{lead}HYPERLINK("http://x","y")')
    assert isinstance(cell, str) and cell.startswith("'")


def test_csv_cell_keeps_plain_text_and_numbers() -> None:
    assert csv_cell("Ren Zhengfei") == "Ren Zhengfei"
    assert csv_cell(42) == 42


def _library_with(
    tmp_path: Path,
    *,
    source: str,
    title: str = "Feed story",
    speaker: str = "Ada",
    quote: str = "“Fine”",
) -> Path:
    from tests.store.conftest import store_lines

    db = tmp_path / "lib.db"
    lines = [title, f"{quote} the director said.", "Another paragraph."]
    text = "\n".join(lines) + "\n"
    start = text.index(quote)
    q = Quote(quote, Span(start, start + len(quote)), speaker, None, "said", QuoteKind.DIRECT, 0.9)
    with Library.open(db) as lib:
        store_lines(lib, lines, source, quotes=(q,))
    return db


@pytest.mark.parametrize("lead", FORMULA_LEADS, ids=repr)
def test_csv_export_neutralises_formulas_in_every_column(lead: str, tmp_path: Path, capsys) -> None:
    db = _library_with(
        tmp_path,
        title=f'{lead}HYPERLINK("http://evil","click") title',
        speaker=f"{lead}1+cmd|' /C calc'!A0",
        quote=f"{lead}SUM(A1:A9)",
        source=f"{lead}cmd.txt",
    )
    assert main(["export", "--format", "csv", "--db", str(db)]) == exitcodes.OK
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out, newline="")))
    assert len(rows) == 1
    for column in ("speaker", "quote", "article_title", "source"):
        assert rows[0][column].startswith("'"), (column, rows[0][column])


def test_markdown_text_escapes_structure_html_and_links() -> None:
    shown = md_text(
        "ok\n## Forged heading\n```\n<script>alert(1)</script>\n"
        "[click](javascript:alert(1))\n1. list\n> quote\n~~~"
    )
    lines = shown.splitlines()
    assert lines[1].startswith("\\#") and lines[2].startswith("\\`")
    assert "<script>" not in shown and "&lt;script&gt;" in shown
    assert not UNESCAPED_LINK.search(shown) and "\\[click\\](javascript:" in shown
    assert lines[5].startswith("1\\.") and lines[6].startswith("&gt;")
    assert lines[7].startswith("\\~")


def test_multi_line_note_stays_inside_its_blockquote(tmp_path: Path, capsys) -> None:
    db = _library_with(
        tmp_path,
        title="Port director spoke about the delay",
        speaker="Lena Sorvik",
        quote="“We are confident\n## Forged quote heading”",
        source="javascript:alert(1)",
    )
    with Library.open(db) as lib:
        (row,) = lib.list_rows()
        lib.add_note(row.id, "first line\n## Forged\n```\n<img src=x onerror=alert(1)>\n")
        text = lib.article_text(row.id)
        start = text.index("Another")
        lib.add_highlight(row.id, Span(start, start + 7), note="line one\n# Top\n\nafter gap")
    assert main(["export", "--db", str(db)]) == exitcodes.OK
    out = capsys.readouterr().out
    headings = [line for line in out.splitlines() if line.startswith("#")]
    assert headings == [
        "## Port director spoke about the delay",
        "### Highlights",
        "### Notes",
        "### Quotes",
    ]
    fences = [line for line in out.splitlines() if line.lstrip("> ").startswith("```")]
    assert fences == []
    assert "<img" not in out and "&lt;img" in out
    assert "> \\## Forged" in out and "> \\# Top" in out and "> after gap" in out
    assert "> first line" in out
    assert "javascript:alert" in out and "<javascript:" not in out  # text, not a link
    assert not UNESCAPED_LINK.search(out)


def test_http_sources_are_links(tmp_path: Path, capsys) -> None:
    db = _library_with(tmp_path, source="https://example.org/story")
    assert main(["export", "--db", str(db)]) == exitcodes.OK
    assert "- Source: <https://example.org/story>" in capsys.readouterr().out


def _csv_library(tmp_path: Path, url: str, author: str) -> Path:
    path = tmp_path / "scraped.csv"
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["title", "text", "url", "outlet", "author"])
        writer.writerow(
            [
                "Harbour plant opens",
                "The harbour tidal plant opened on Monday, the council said.",
                url,
                "Harbour Post",
                author,
            ]
        )
    db = tmp_path / "lib.db"
    assert main(["import", str(path), "--db", str(db)]) == exitcodes.OK
    return db


def test_markdown_names_the_outlet_author_and_address_the_data_gives(
    tmp_path: Path, capsys
) -> None:
    """A scraped page's address, outlet and author were left out of the Markdown: a note
    could not link back to the page it was taken from."""
    db = _csv_library(tmp_path, "https://harbourpost.example/news/plant", "Jane Doe")
    capsys.readouterr()
    assert main(["export", "--db", str(db)]) == exitcodes.OK
    out = capsys.readouterr().out
    assert "- Outlet: Harbour Post\n" in out
    assert "- Author: Jane Doe\n" in out
    assert "- URL: <https://harbourpost.example/news/plant>\n" in out


def test_markdown_address_and_author_from_the_data_are_escaped_not_links(
    tmp_path: Path, capsys
) -> None:
    db = _csv_library(tmp_path, "javascript:alert(1)", "[click](http://evil.example) <b>")
    capsys.readouterr()
    assert main(["export", "--db", str(db)]) == exitcodes.OK
    out = capsys.readouterr().out
    assert "- URL: `javascript:alert(1)`\n" in out  # text, not a link
    assert "<b>" not in out and not UNESCAPED_LINK.search(out)
