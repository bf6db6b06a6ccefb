"""The outlet a URL names: its registrable domain (``https://edition.cnn.com/x`` ->
``cnn.com``, ``https://www.bbc.co.uk/news`` -> ``bbc.co.uk``).

The subdomain is the site's own business (``www``, ``edition``, ``en``, ``rss``) and
split one outlet into several (``www.nytimes.com`` beside ``nytimes.com``) in the list,
in ``source:`` and in the stories' outlet counts. Where the public suffix ends is not a
rule of thumb (``co.uk``, ``com.au``, ``blogspot.com``): the Public Suffix List says,
read from the snapshot bundled with ``tld`` (no network), loaded once, on the first URL.
A host with no public suffix (``localhost``, an address, an intranet name) is kept.
"""

from __future__ import annotations

import functools
import os
import urllib.parse


def url_host(url: str | None) -> str | None:
    """The outlet of ``url``: its registrable domain, lower-case; None with no host."""
    if not url:
        return None
    try:
        host = urllib.parse.urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return registrable(host)


@functools.lru_cache(maxsize=4096)
def registrable(host: str) -> str:
    """``host`` without its subdomains, as the Public Suffix List cuts it."""
    from tld import get_fld

    host = host.rstrip(".").lower()
    found = get_fld(host, fix_protocol=True, fail_silently=True)
    return found if isinstance(found, str) else host.removeprefix("www.")


def source_name(source: str) -> str:
    """What ``source:`` matches of an article's source: a file by its name (not the
    folders above it), a feed's address by its outlet (not its path)."""
    if "://" in source:
        return url_host(source) or source
    return os.path.basename(source) or source


#: Extensions a source label drops (an outlet such as ``example.org`` keeps its dot).
_FILE_EXTENSIONS = frozenset(
    [
        "txt",
        "text",
        "csv",
        "tsv",
        "json",
        "jsonl",
        "ndjson",
        "html",
        "htm",
        "xml",
        "rss",
        "atom",
        "md",
    ]
)


def source_label(source: str) -> str:
    """What tells sources apart at a glance: an outlet as it is (``AP/Reuters`` is a
    name, not a path), a feed address by its outlet (the registrable domain
    ``url_host`` gives ``source:`` and the stories' outlet counts: ``edition.cnn.com``
    and ``rss.cnn.com`` are both ``cnn.com``), a file by its name without folder and
    extension (a file imported by a relative path is stored as given: ``dumps/a.txt``
    is a file by its extension, ``AP/Reuters`` an outlet)."""
    if "://" in source:
        return url_host(source) or source
    name = os.path.basename(source) or source
    stem, _dot, ext = name.rpartition(".")
    if stem and ext.lower() in _FILE_EXTENSIONS:
        return stem
    return name if os.path.isabs(source) else source
