"""``newsdesk quotes PATH...``: every quotation in dump files, with who said it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui import exitcodes
from tui.commands._table import column_widths, fit_line, table_width
from tui.terminal_safe import json_text, terminal_safe
from tui.text import one_line

if TYPE_CHECKING:
    from tui.model import Article, Quote

NAME = "quotes"
HELP = "list the quotations in dump files and who said them (JSON lines or a table)"
ORDER = 20
DESCRIPTION = (
    "Find every quotation in news dumps and attribute it: the speaker's full name\n"
    "(`Ren Zhengfei`, never `he` or `Ren`), or a role (`A Huawei executive`), or nothing.\n"
    "start/end are character offsets into the file's decoded text and cover the quote\n"
    "marks; speaker_start/speaker_end locate the mention the attribution rests on (the\n"
    "pronoun itself when a pronoun was resolved). kind is direct, partial (a few words\n"
    "quoted inside a sentence), continuation (no cue of its own: the previous quote's\n"
    "speaker), indirect (reported speech without quote marks: the reported clause) or\n"
    "interview (a speaker-tagged turn of an interview or transcript: `((WN)) ...`).\n"
    "Scare quotes and titles score below the confidence threshold and are hidden unless\n"
    "--all. A directory is read recursively; '-' reads standard input."
)
EPILOG = """\
examples:
  newsdesk quotes dump.txt                      one JSON object per quote
  newsdesk quotes --format table dumps/         a table of every file under dumps/
  newsdesk quotes --speaker "ren zhengfei" d.txt  Ren Zhengfei's quotes (or: Ren, 任正非)
  newsdesk quotes --all dump.txt                also scare quotes and titles (low confidence)
  newsdesk quotes --kind indirect dump.txt      only reported speech (Ren said the ...)
  newsdesk quotes --kind direct dump.txt        only quotations (no reported speech, no
                                                interview turns)
  newsdesk quotes d.txt | jq -r .speaker | sort | uniq -c    who is quoted most

exit codes: 0 all inputs read; 1 some inputs were unreadable (each named on stderr, the
quotes of the others still printed); 2 usage error.
"""

#: Fields of one JSON line, in this order (DESIGN.md).
FIELDS = (
    "file",
    "article",
    "start",
    "end",
    "text",
    "speaker",
    "speaker_start",
    "speaker_end",
    "cue",
    "kind",
    "confidence",
)
#: What each ``--kind`` keeps. An interview's turn is its own kind: it carries no quote
#: marks, so it is neither a quotation nor reported speech (docs/quotes.md).
#: Written as the kinds' values (a QuoteKind is equal to its value): importing the model
#: here would load it, and dataclasses with it, for every command's start and --help.
KIND_GROUPS = {
    "direct": frozenset(("direct", "partial", "continuation")),
    "indirect": frozenset(("indirect",)),
    "interview": frozenset(("interview",)),
}
#: How close a --speaker NAME must be to a name or alias (RapidFuzz ratio, 0-100).
SPEAKER_MATCH = 85


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="dump file, directory or '-'")
    parser.add_argument(
        "--format",
        choices=("jsonl", "table"),
        default="jsonl",
        help="jsonl: one JSON object per quote (default); table: aligned columns to read",
    )
    parser.add_argument(
        "--speaker",
        metavar="NAME",
        help="only quotes by this speaker: the full name or any alias or role, "
        "case-insensitive, small typos forgiven",
    )
    parser.add_argument(
        "--kind",
        choices=tuple(KIND_GROUPS),
        help="direct: quotations only (direct, partial, continuation); indirect: reported "
        "speech only (`Ren said the company would ...`, no quote marks); interview: the "
        "speaker-tagged turns of interviews and transcripts (`Q: ...`, `((WN)) ...`)",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="also quotes below the confidence threshold (scare quotes, titles, fragments)",
    )
    from tui.commands._inputs import add_map_option

    add_map_option(parser)


def quote_record(source: str, article: Article, quote: Quote) -> dict[str, Any]:
    """One quote as the JSON object of DESIGN.md."""
    span, speaker_span = quote.span, quote.speaker_span
    return {
        "file": source,
        "article": article.id,
        "start": span.start,
        "end": span.end,
        "text": quote.text,
        "speaker": quote.speaker,
        "speaker_start": speaker_span.start if speaker_span else None,
        "speaker_end": speaker_span.end if speaker_span else None,
        "cue": quote.cue,
        "kind": quote.kind.value,
        "confidence": quote.confidence,
    }


class _SpeakerFilter:
    """Does a quote's speaker answer to NAME? Its canonical name, any alias the
    entities know for it in *any* file given (``任正非`` learnt in one file finds Ren
    Zhengfei's quotes in another), or a role, compared case-insensitively, then fuzzily."""

    def __init__(self, wanted: str) -> None:
        self.wanted = " ".join(wanted.split()).casefold()
        self.aliases: dict[str, set[str]] = {}

    def learn(self, article: Article) -> None:
        """Remember the aliases of every entity ``article`` names."""
        for entity in article.entities:
            if entity.aliases:
                self.aliases.setdefault(entity.name, set()).update(entity.aliases)

    def __call__(self, article: Article, quote: Quote) -> bool:
        if quote.speaker is None:
            return False
        names = {quote.speaker} | self.aliases.get(quote.speaker, set())
        for entity in article.entities:
            if entity.name == quote.speaker:
                names.update(entity.aliases)
        folded = {" ".join(n.split()).casefold() for n in names}
        if self.wanted in folded:
            return True
        # A single word names a person when it is one of their name's words (`ren`).
        if " " not in self.wanted and any(self.wanted in n.split() for n in folded):
            return True
        from rapidfuzz import fuzz, process

        best = process.extractOne(self.wanted, list(folded), scorer=fuzz.ratio)
        return best is not None and best[1] >= SPEAKER_MATCH


def _quotes(
    paths: Sequence[str], args: argparse.Namespace, failures: list[str]
) -> Iterator[tuple[str, Article, Quote]]:
    from tui.commands._inputs import parsed_documents

    keep = _SpeakerFilter(args.speaker) if args.speaker else None
    kind = getattr(args, "kind", None)
    kinds = KIND_GROUPS[kind] if kind else None
    # Reported speech costs several times what quotations do: found only when shown.
    reported = kinds is None or "indirect" in kinds
    rows = (
        (document.source, article, quote)
        for document, articles in parsed_documents(
            paths,
            "quotes",
            failures,
            all_quotes=args.all,
            reported=reported,
            mapping=getattr(args, "fields", None),
        )
        for article in articles
        for quote in article.quotes
        if kinds is None or quote.kind in kinds
    )
    if keep is None:
        yield from rows
        return
    # Aliases learnt anywhere apply everywhere: read every file before choosing.
    held = []
    seen: set[int] = set()
    for row in rows:
        if id(row[1]) not in seen:
            seen.add(id(row[1]))
            keep.learn(row[1])
        held.append(row)
    yield from (row for row in held if keep(row[1], row[2]))


#: The table's columns (file:offset, speaker, kind and confidence with their gaps, quote)
#: in cells; to a narrower terminal the quote gives way to 40, the file to 20, the
#: speaker to 16, the file to 14, the speaker to 12, the quote to 20 (at 80 columns
#: the quote keeps 33 cells); a wider one gives the quote its spare cells (see
#: :mod:`tui.commands._table`).
TABLE_COLUMNS = (30, 1, 26, 1 + 12 + 1 + 4 + 2, 70)
TABLE_GIVE_WAY = ((4, 40), (0, 20), (2, 16), (0, 14), (2, 12), (4, 20))


def _write_table(rows: Iterator[tuple[str, Article, Quote]]) -> int:
    out = sys.stdout
    width = table_width(out)
    at, _, by, _, text = column_widths(TABLE_COLUMNS, TABLE_GIVE_WAY, width, grow=4)
    header = f"{'FILE:OFFSET':<{at}} {'SPEAKER':<{by}} {'KIND':<12} {'CONF':>4}  QUOTE"
    out.write(fit_line(header, width) + "\n")
    count = 0
    for source, _article, quote in rows:
        offset = f":{quote.span.start}"
        where = Path(source).name + offset
        if at < TABLE_COLUMNS[0]:  # the name is cut, not the offset (piped: kept whole)
            where = one_line(Path(source).name, at - len(offset)) + offset
        speaker = one_line(quote.speaker or "-", by)
        kind = quote.kind.value
        line = (
            f"{where:<{at}} {speaker:<{by}} {kind:<12} {quote.confidence:>4.2f}  "
            f"{one_line(quote.text, text)}"
        )
        out.write(fit_line(terminal_safe(line), width) + "\n")
        count += 1
    out.write(f"{count} quote{'s' if count != 1 else ''}\n")
    return count


def run(args: argparse.Namespace) -> int:
    from tui.commands._inputs import mapping_of, usage_error

    try:
        args.fields = mapping_of(args)
    except ValueError as exc:  # a bad --map: one line, before any output
        return usage_error(NAME, exc)
    if args.speaker is not None and not args.speaker.strip():  # `--speaker "$UNSET"`
        return usage_error(
            NAME, ValueError("--speaker needs a name; leave it out for every speaker")
        )
    failures: list[str] = []
    rows = _quotes(args.paths, args, failures)
    if args.format == "table":
        _write_table(rows)
    else:
        out = sys.stdout
        for source, article, quote in rows:
            out.write(json_text(quote_record(source, article, quote)) + "\n")
    sys.stdout.flush()
    return exitcodes.SOME_INPUTS_UNREADABLE if failures else exitcodes.OK
