"""CSV and TSV files with a header row -> records.

Columns are matched to article fields by name (:data:`tui.ingest.records.FIELD_NAMES`,
case-insensitive, ``--map`` first). A file with no text column is refused in one line
naming the columns it has. A row with more or fewer cells than the header (a ragged
row, often a cut or badly quoted line) is named with its line and left out; the other
rows are read.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from tui.errors import InputError
from tui.ingest.records import Record, missing_text_message, resolve_columns, value_text

#: A cell may hold a whole article: far more than csv's default 128 KB.
_FIELD_LIMIT = 1 << 30


def delimiter_of(header_line: str) -> str:
    """Tab when the header line has tabs and no more commas than tabs, else comma."""
    tabs, commas = header_line.count("\t"), header_line.count(",")
    return "\t" if tabs and tabs >= commas else ","


def read_table(
    text: str, source: str, mapping: Mapping[str, str] | None = None
) -> tuple[list[Record], list[str]]:
    """The records of a CSV/TSV ``text``, and one problem line per bad row."""
    csv.field_size_limit(_FIELD_LIMIT)
    first_line = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text), delimiter=delimiter_of(first_line))
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise InputError(source, f"line 1: not a readable CSV header ({exc})") from None
    if not header:
        raise InputError(source, "empty CSV file: no header row")
    columns = resolve_columns(header, mapping)
    if "text" not in columns:
        raise InputError(source, missing_text_message(header, mapping=mapping))
    index = {field: header.index(column) for field, column in columns.items()}
    records: list[Record] = []
    problems: list[str] = []
    row_number = 1
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(f"line {line}: not readable as CSV ({exc}); row left out")
            break
        row_number += 1
        if not row or (len(row) == 1 and not row[0].strip()):
            continue  # a blank line
        if len(row) != len(header):
            problems.append(
                f"line {line} (row {row_number}): {_cells(len(row))} where the header has "
                f"{len(header)}; row left out"
            )
            continue
        body = row[index["text"]]
        if not body.strip():
            problems.append(f"line {line} (row {row_number}): empty text cell; row left out")
            continue
        values = {field: value_text(row[i]) for field, i in index.items() if field != "text"}
        records.append(Record(text=body, where=f"line {line}", **values))
    return records, problems


def _cells(count: int) -> str:
    return f"{count} cell{'s' if count != 1 else ''}"
