"""Which reader an input needs: by its content first, by its name's extension second.

Content decides because names lie (a ``.txt`` export that is really CSV, a ``.xml``
that is an RSS feed); the extension breaks ties the content leaves open (a CSV whose
header names no known column). What is recognised:

- ``feed``: XML whose root is ``<rss>``, ``<feed>`` (Atom) or ``<rdf:RDF>`` (RSS 1.0);
- ``jsonfeed``: a JSON object with a jsonfeed.org ``version``;
- ``html``: a page (``<!doctype html>``, ``<html>``, ``<head>``, ``<body>``);
- ``json``: JSON Lines or a JSON array/object;
- ``csv`` / ``tsv``: a header line of comma- or tab-separated names, one of them an
  article field (``title``, ``text``, ``url``...);
- ``xml``: other XML (a sitemap, an office file's XML): refused, as no reader fits;
- ``dump``: everything else, read by the dump reader; also a file of white space
  alone, whatever its name: an empty ``x.csv`` is an empty file (read, no article),
  not a broken CSV.
"""

from __future__ import annotations

import csv
import os
import re

from tui.errors import InputError
from tui.ingest.feeds import JSON_FEED_VERSION
from tui.ingest.records import FIELD_NAMES, Record

DUMP = "dump"

_EXTENSIONS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".jsonl": "json",
    ".ndjson": "json",
    ".json": "json",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
}
_KNOWN_COLUMNS = frozenset(name for names in FIELD_NAMES.values() for name in names)
_FEED_ROOT = re.compile(r"<(?:rss|feed|rdf:rdf)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title)[\s>/]", re.IGNORECASE)
#: An object with a key, or an array of objects (or empty): text dumps never open so.
_JSON_START = re.compile(r'\{\s*"|\[\s*[{\]]')
_XML_LEAD = re.compile(
    r"(?:<\?xml[^>]*>|<!--.*?-->|<!doctype[^>]*>|\s)*", re.IGNORECASE | re.DOTALL
)


def _table_kind(first_line: str, extra_columns: frozenset[str]) -> str | None:
    """``csv``/``tsv`` when the first line is a header naming an article field."""
    if len(first_line) > 2000:
        return None
    delimiter = "\t" if first_line.count("\t") >= max(1, first_line.count(",")) else ","
    if first_line.count(delimiter) == 0:
        return None
    try:
        cells = next(csv.reader([first_line], delimiter=delimiter))
    except csv.Error:
        return None
    names = {c.strip().casefold() for c in cells}
    if any(not name or len(name) > 40 for name in names):
        return None
    if names & (_KNOWN_COLUMNS | extra_columns):
        return "tsv" if delimiter == "\t" else "csv"
    return None


def sniff(text: str, source: str, mapping: dict[str, str] | None = None) -> str:
    """The format of ``text`` (see the module doc); ``source``'s extension breaks ties."""
    head = text[:4096].lstrip()
    if not head and not text.strip():
        return DUMP  # empty: nothing for a structured reader to refuse
    if head.startswith("<"):
        lead = _XML_LEAD.match(head)
        rest = head[lead.end() if lead else 0 :]
        if _FEED_ROOT.match(rest):
            return "feed"
        if _HTML_START.search(head[:2048]):
            return "html"
        if head.startswith("<?xml") or rest.startswith("<"):
            return "xml"
    if _JSON_START.match(head):
        return "jsonfeed" if JSON_FEED_VERSION in head[:1024] else "json"
    extra = frozenset(c.casefold() for c in (mapping or {}).values())
    first_line = head.split("\n", 1)[0]
    table = _table_kind(first_line, extra)
    if table is not None:
        return table
    extension = os.path.splitext(source)[1].lower()
    return _EXTENSIONS.get(extension, DUMP)


def read_records(
    text: str, source: str, kind: str, mapping: dict[str, str] | None = None
) -> tuple[list[Record], list[str]]:
    """The records of a structured input of format ``kind`` (from :func:`sniff`), and
    one problem line per record left out. Raises :class:`InputError` (one line) when
    nothing at all can be read, or the format is one no reader fits."""
    if kind in ("csv", "tsv"):
        from tui.ingest.table import read_table

        records, problems = read_table(text, source, mapping)
    elif kind == "json":
        from tui.ingest.jsonrecords import read_json_records

        records, problems = read_json_records(text, source, mapping)
    elif kind == "html":
        from tui.ingest.html import read_html

        records, problems = [read_html(text, source)], []
    elif kind == "feed":
        from tui.ingest.feeds import read_rss_atom

        records, problems = read_rss_atom(text, source)
    elif kind == "jsonfeed":
        from tui.ingest.feeds import read_json_feed

        records, problems = read_json_feed(text, source)
    else:
        raise InputError(
            source,
            "XML, but not an RSS or Atom feed; newsdesk reads text dumps, CSV/TSV, "
            "JSON Lines, HTML pages and feeds",
        )
    if not records and problems:
        more = f" (and {len(problems) - 1} more like it)" if len(problems) > 1 else ""
        raise InputError(source, problems[0] + more)
    return records, problems
