"""The input loop batch commands share: expand PATHs, read each file, parse it.

Every unreadable input is named on stderr in one line and collected in ``failures`` (so
the command can exit 1) while the other files are still processed, as DESIGN.md asks.
Progress goes to stderr only on a terminal (:class:`~tui.commands._progress.Progress`).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui import exitcodes
from tui.commands._progress import Progress
from tui.terminal_safe import terminal_safe

if TYPE_CHECKING:
    from tui.ingest.files import Document, Inputs
    from tui.model import Article


MAP_HELP = (
    "CSV/JSON columns to read as fields (title, text, date, url, outlet, author),"
    " e.g. text=body,date=when"
)


def add_map_option(parser: argparse.ArgumentParser) -> None:
    """``--map FIELD=COLUMN,...``: every command that reads files takes it."""
    parser.add_argument("--map", metavar="FIELD=COLUMN,...", help=MAP_HELP)


def mapping_of(args: argparse.Namespace) -> dict[str, str] | None:
    """The ``--map`` of ``args``; ``ValueError`` (one line) for a bad one."""
    from tui.ingest.records import parse_mapping

    spec = getattr(args, "map", None)
    return parse_mapping(spec) if spec else None


def usage_error(command: str, exc: Exception) -> int:
    """Say a bad option in one line on stderr; the exit code of a usage error."""
    print(f"newsdesk {command}: {terminal_safe(str(exc))}", file=sys.stderr)
    return exitcodes.USAGE


def expanded_inputs(raw_paths: Sequence[str], command: str) -> Inputs:
    """The files ``raw_paths`` name (folders walked), after saying on stderr which folder
    holds no file and what the walk skipped (links, pipes, files named as not text)."""
    from tui.ingest.files import expand_paths

    prefix = f"newsdesk {command}"
    for raw in raw_paths:
        if raw != "-" and Path(raw).is_dir() and not expand_paths([raw]):
            print(f"{prefix}: {terminal_safe(raw)}: no files in this directory", file=sys.stderr)
    paths = expand_paths(raw_paths)
    if skipped := paths.skipped_summary():
        print(f"{prefix}: {skipped}", file=sys.stderr)
    return paths


def parsed_documents(
    raw_paths: Sequence[str],
    command: str,
    failures: list[str],
    *,
    all_quotes: bool = False,
    reported: bool = True,
    mapping: dict[str, str] | None = None,
) -> Iterator[tuple[Document, list[Article]]]:
    """``(document, articles)`` for each readable input of ``newsdesk COMMAND PATH...``.

    Any input format is read (:func:`tui.extract.pipeline.parse_text`); for a structured
    one (CSV, JSON, HTML, feed) ``document.text`` is the extracted text the spans index.
    A record left out (a ragged CSV row, a JSON line that does not parse) is named on
    stderr with its line and counts as a failure; the other records are yielded.

    ``all_quotes`` keeps the quotes below the confidence threshold too; ``reported``
    finds reported speech as well (what the commands show; parsing for the library
    leaves it for later: :func:`tui.extract.pipeline.with_reported`). ``mapping`` is
    ``--map``: CSV/JSON columns named for fields.
    """
    from tui.errors import InputError
    from tui.extract.pipeline import parse_text
    from tui.ingest.files import load_document

    prefix = f"newsdesk {command}"
    paths = expanded_inputs(raw_paths, command)
    progress = Progress("parsing")
    for done, path in enumerate(paths, start=1):
        try:
            document = load_document(path)
        except InputError as exc:
            failures.append(str(exc))
            progress.finish()
            print(f"{prefix}: {exc}", file=sys.stderr)
            continue
        try:
            parsed = parse_text(
                document.text,
                document.source,
                mapping=mapping,
                all_quotes=all_quotes,
                reported=reported,
            )
        except InputError as exc:
            failures.append(str(exc))
            progress.finish()
            print(f"{prefix}: {exc}", file=sys.stderr)
            continue
        for problem in parsed.problems:  # records left out: named, the rest is read
            failures.append(f"{path}: {problem}")
            progress.finish()
            print(f"{prefix}: {terminal_safe(path)}: {problem}", file=sys.stderr)
        articles = parsed.articles
        blank = not document.text.strip()  # the words import uses (ImportReport.note_empty)
        if parsed.text is not document.text:  # spans index the extracted text
            document = dataclasses.replace(document, text=parsed.text)
        if not articles:
            progress.finish()
            reason = "empty file, no articles" if blank else "no articles found"
            print(f"{prefix}: {terminal_safe(path)}: {reason}", file=sys.stderr)
        yield document, articles
        progress(done, len(paths), path)
    progress.finish()
