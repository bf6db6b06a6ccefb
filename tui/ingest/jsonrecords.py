"""JSON Lines and JSON arrays of article objects -> records.

What news-please, trafilatura and newspaper scripts write: one object per line, or
one array of objects (a bare object, or one wrapping its list as ``articles``,
``items``, ``data`` or ``results``, as news APIs answer, works too). Keys are matched
to article fields as CSV columns are (:data:`tui.ingest.records.FIELD_NAMES`,
``--map`` first), and a nested ``source: {"name": ...}`` gives the outlet. A line that
does not parse, or an object with no text, is named with its line and left out.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from tui.errors import InputError
from tui.ingest.records import Record, missing_text_message, resolve_columns, value_text

_WRAPPERS = ("articles", "items", "data", "results")


def _sort(found: Record | str, records: list[Record], problems: list[str]) -> None:
    """A record read goes with the records, a problem (its message) with the problems."""
    if isinstance(found, Record):
        records.append(found)
    else:
        problems.append(found)


def _record(obj: object, where: str, mapping: Mapping[str, str] | None) -> Record | str:
    """A record, or the reason this value is not one."""
    if not isinstance(obj, dict):
        return f"{where}: a JSON {type(obj).__name__}, not an object; left out"
    keys = resolve_columns(obj.keys(), mapping)
    if "text" not in keys:
        return f"{where}: {missing_text_message(obj.keys(), 'keys', mapping)}; left out"
    body = value_text_raw(obj[keys["text"]])
    if not body.strip():
        return f"{where}: empty text; left out"
    values = {field: value_text(obj[key]) for field, key in keys.items() if field != "text"}
    if obj.get("title_inferred") is True and "title" not in (mapping or {}):
        values.pop("title", None)  # Newsdesk's export: a title it made up, inferred again
    return Record(text=body, where=where, **values)


def value_text_raw(value: Any) -> str:
    """The text field as written (line breaks kept): strings as they are, lists of
    paragraphs one per line (a paragraph object, as Newsdesk's JSON export writes,
    by its ``text``)."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return "\n".join(value_text_raw(v) for v in value if v is not None)
    if isinstance(value, dict):
        return value_text_raw(value.get("text"))
    return "" if value is None else str(value)


def _json_lines(text: str) -> Iterator[tuple[int, object | None, str | None]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line), None
        except ValueError as exc:
            yield number, None, f"line {number}: not valid JSON ({exc.args[0]}); left out"
        except RecursionError:
            yield number, None, f"line {number}: JSON nested too deeply; left out"


def is_json_lines(text: str) -> bool:
    """Does the first non-blank line hold a whole JSON object (JSON Lines)?"""
    for line in text.split("\n", 50)[:50]:
        if line.strip():
            try:
                return isinstance(json.loads(line), dict)
            except (ValueError, RecursionError):
                return False
    return False


def read_json_records(
    text: str, source: str, mapping: Mapping[str, str] | None = None
) -> tuple[list[Record], list[str]]:
    """The records of a JSON Lines or JSON ``text``, and one problem line per bad one."""
    records: list[Record] = []
    problems: list[str] = []
    if text.lstrip().startswith("[") or not is_json_lines(text):
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise InputError(source, f"not valid JSON ({exc}); nothing read") from None
        except RecursionError:
            raise InputError(source, "JSON nested too deeply; nothing read") from None
        if isinstance(data, dict):
            wrapped = _wrapped(data, mapping)
            data = wrapped if wrapped is not None else [data]
        if not isinstance(data, list):
            raise InputError(source, "JSON, but not an array of article objects; nothing read")
        for number, obj in enumerate(data, start=1):
            _sort(_record(obj, f"item {number}", mapping), records, problems)
        return records, problems
    for number, obj, problem in _json_lines(text):
        if problem is not None:
            problems.append(problem)
            continue
        items = _wrapped(obj, mapping)
        if items is None:
            _sort(_record(obj, f"line {number}", mapping), records, problems)
            continue
        for index, item in enumerate(items, start=1):  # a wrapper written on one line
            _sort(_record(item, f"line {number}, item {index}", mapping), records, problems)
    return records, problems


def _wrapped(obj: object, mapping: Mapping[str, str] | None) -> list[Any] | None:
    """The list an object wraps (``{"articles": [...]}``, as a news API answers), when
    it is not an article itself (it has no text key); else None."""
    if not isinstance(obj, dict) or "text" in resolve_columns(obj.keys(), mapping):
        return None
    return next((obj[k] for k in _WRAPPERS if isinstance(obj.get(k), list)), None)
