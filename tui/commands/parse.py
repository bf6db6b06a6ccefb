"""``newsdesk parse PATH...``: print the article model of dump files, offsets included."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, TextIO

from tui import exitcodes
from tui.terminal_safe import json_text, terminal_safe
from tui.text import count_of, one_line

if TYPE_CHECKING:
    from tui.model import Article

NAME = "parse"
HELP = "parse dump files and print their articles (JSON, JSON lines or text)"
ORDER = 10
DESCRIPTION = (
    "Parse news dumps into articles and print them: kind (story or brief), title, kicker,\n"
    "dek, date, paragraphs, captions, related links, boilerplate, entities and quotes.\n"
    "Every span is a pair of character offsets into the file's decoded text (BOM removed,\n"
    "line endings \\n, control characters removed), so `text[start:end]` finds it again.\n"
    "A directory is read recursively (hidden files skipped); '-' reads standard input.\n"
    "CSV/TSV, JSON Lines, HTML pages and RSS/Atom/JSON Feed files are read too: their\n"
    'articles say "text_origin": "extracted" and carry "text", the text taken\n'
    "out of the file; their spans index that extracted text (see 'import --help')."
)
EPILOG = """\
examples:
  newsdesk parse dump.txt                         one JSON array of articles
  newsdesk parse --format jsonl dumps/ > out.jsonl  one article per line, every file under dumps/
  newsdesk parse --format text dump.txt           a readable summary
  cat dump.txt | newsdesk parse -                 read standard input
  newsdesk parse export.csv --map text=body       a CSV whose text column is 'body'
  newsdesk parse dump.txt | jq '.[].title'        just the titles

exit codes: 0 all inputs parsed; 1 some inputs were unreadable (each named on stderr,
the others still printed); 2 usage error.
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="dump file, directory or '-'")
    parser.add_argument(
        "--format",
        choices=("json", "jsonl", "text"),
        default="json",
        help="json: one array (default); jsonl: one article per line; text: a summary",
    )
    from tui.commands._inputs import add_map_option

    add_map_option(parser)


def article_record(article: Article, text: str | None = None) -> dict[str, Any]:
    """An article as plain JSON data (``source`` included, spans as ``{start, end}``).

    An article whose text was extracted (``"text_origin": "extracted"``: a CSV cell, a
    JSON string, an HTML page, a feed entry) also carries ``"text"``: the extracted
    text from ``span.start`` to ``span.end``. Its spans index the document's extracted
    text, so ``text[s - span.start : e - span.start]`` is what a span ``(s, e)`` covers.
    """
    from tui.model import to_jsonable

    record = to_jsonable(article)
    if text is not None and article.text_origin == "extracted":
        record["text"] = article.span.of(text)
    return record


def _text_summary(article: Article, out: TextIO) -> None:
    """A readable summary, each line through the terminal-safe function (a line break
    or an escape in a title or a file name is shown, not obeyed)."""
    flags = [article.kind.value]
    if article.truncated:
        flags.append("truncated")
    if article.title_inferred:
        flags.append("title inferred")
    if article.confidence < 1.0:  # split off the text before it on the reader's guess
        doubt = ", doubtful" if article.doubtful_split else ""
        flags.append(f"split confidence {article.confidence:.2f}{doubt}")
    lines = [
        f"{article.source} [{article.span.start}:{article.span.end}] {article.id}",
        f"  {article.title}",
        f"  ({', '.join(flags)})",
    ]
    for label, value in (("kicker", article.kicker), ("dek", article.dek), ("date", article.date)):
        if value:
            lines.append(f"  {label}: {value}")
    lines.append(
        f"  {count_of(len(article.paragraphs), 'paragraph')}, "
        f"{count_of(len(article.captions), 'caption')}, "
        f"{len(article.related)} related, {len(article.boilerplate)} boilerplate, "
        f"{count_of(len(article.entities), 'entity', 'entities')}, "
        f"{count_of(len(article.quotes), 'quote')}"
    )
    for paragraph in article.paragraphs:
        lines.append(f"    {paragraph.span.start:>7}  {one_line(paragraph.text, 76)}")
    out.write("".join(terminal_safe(line) + "\n" for line in lines) + "\n")


def _articles(
    paths: Sequence[str], failures: list[str], mapping: dict[str, str] | None
) -> Iterator[tuple[Article, str]]:
    from tui.commands._inputs import parsed_documents

    for document, articles in parsed_documents(paths, "parse", failures, mapping=mapping):
        for article in articles:
            yield article, document.text


def run(args: argparse.Namespace) -> int:
    from tui.commands._inputs import mapping_of, usage_error

    try:
        mapping = mapping_of(args)
    except ValueError as exc:  # a bad --map: one line, before any output
        return usage_error(NAME, exc)
    failures: list[str] = []
    out = sys.stdout
    articles = _articles(args.paths, failures, mapping)
    if args.format == "json":
        out.write("[")
        for n, (article, text) in enumerate(articles):
            out.write(",\n" if n else "\n")
            out.write(json_text(article_record(article, text)))
        out.write("\n]\n")
    elif args.format == "jsonl":
        for article, text in articles:
            out.write(json_text(article_record(article, text)) + "\n")
    else:
        for article, _text in articles:
            _text_summary(article, out)
    out.flush()
    return exitcodes.SOME_INPUTS_UNREADABLE if failures else exitcodes.OK
