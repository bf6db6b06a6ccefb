"""Datelines: a line holding only a date (`Friday, January 4, 2019`), read as ISO 8601."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun)\.?,?\s+"
_MONTH = r"(?P<month>[a-z]{3,9})\.?"
_DATELINE = re.compile(
    rf"""(?ix)
    (?:{_WEEKDAY})?
    (?:
        {_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})      # January 4, 2019
      | (?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>[a-z]{{3,9}})\.?,?\s+(?P<year2>\d{{4}})
      | (?P<iso>\d{{4}}-\d{{2}}-\d{{2}})
    )
    """
)


def parse_dateline(line: str) -> str | None:
    """``YYYY-MM-DD`` when ``line`` is only a date (surrounding spaces/NBSP allowed)."""
    line = line.strip()
    if not line or len(line) > 40 or not line[-1].isdigit():
        return None  # every form ends with the year or the day
    match = _DATELINE.fullmatch(line)
    if match is None:
        return None
    if match["iso"]:
        try:
            return dt.date.fromisoformat(match["iso"]).isoformat()
        except ValueError:
            return None
    month_name = (match["month"] or match["month2"]).lower()
    month = _MONTHS.get(month_name)
    if month is None:
        return None
    try:
        day = int(match["day"] or match["day2"])
        return dt.date(int(match["year"] or match["year2"]), month, day).isoformat()
    except ValueError:
        return None


#: Agencies and outlets a wire dateline names in parentheses (a capitalised word or an
#: acronym is enough: the shape matters, not the list).
_LEAD_DATELINE = re.compile(
    r"""(?x)
    (?:[A-Z][A-Za-z.'’-]*(?:[ \t]+[A-Z][A-Za-z.'’-]*){0,3})       # CITY / New York
    (?:,[ \t]+[A-Z][A-Za-z.'’-]*(?:[ \t]+[A-Z][A-Za-z.'’-]*){0,2})? # , State / Country
    (?:
        [ \t]+\((?:[A-Z][\w&.'’-]*(?:[ \t]+[A-Z][\w&.'’-]*){0,3})\)   # (Reuters)
      | ,[ \t]+[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2}                       # , March 3
        (?:[ \t]+\((?:[A-Z][\w&.'’-]*(?:[ \t]+[A-Z][\w&.'’-]*){0,3})\))?
    )
    [ \t]*[—–-]{1,2}[ \t]*(?=\S)
    """
)


def lead_dateline(text: str) -> bool:
    """Does ``text`` open with a wire dateline (``LONDON (Reuters) —``, ``Paris, May 3 —``)?

    Only the first 80 characters are looked at; a month name must be a real month.
    """
    match = _LEAD_DATELINE.match(text[:80])
    if match is None:
        return False
    month = re.search(r",[ \t]+([A-Z][a-z]{2,8})\.?[ \t]+\d", match.group(0))
    return month is None or month.group(1).lower() in _MONTHS
