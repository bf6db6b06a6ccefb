"""Saved HTML article pages -> one record each, via trafilatura.

trafilatura finds the page's main text and its metadata (title, date, author, URL, site
name) and leaves out navigation, adverts, comments and cookie banners. A page in which
it finds no article text (an index page, a log-in wall, an empty body) is refused in
one line. :func:`fragment_text` is the same reading for an HTML fragment with no page
around it (a feed entry's content): block elements become lines, scripts and styles go.
"""

from __future__ import annotations

import re

from tui.errors import InputError
from tui.ingest.records import Record

#: Elements that start a new line of text.
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "figure",
        "figcaption",
        "dd",
        "dt",
        "dl",
        "hr",
    ]
)
_DROP = ("script", "style", "noscript", "template", "iframe")
_SPACES = re.compile(r"[ \t\u00a0]+")
#: Fewer words than this is link text or a caption, not an article.
MIN_WORDS = 20


def read_html(text: str, source: str) -> Record:
    """The article of one saved page; :class:`InputError` when it has none."""
    import trafilatura  # imported on first use: most imports never see HTML

    try:
        found = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
        )
    except Exception as exc:  # a library failing on hostile markup: one line, not a crash
        raise InputError(source, f"HTML that could not be read ({type(exc).__name__})") from None
    body = getattr(found, "text", None) if found is not None else None
    if not body or len(body.split()) < MIN_WORDS:
        raise InputError(
            source, "HTML page with no article text (an index page, or an empty body?)"
        )
    return Record(
        text=body,
        title=_clean(getattr(found, "title", None)),
        date=_clean(getattr(found, "date", None)),
        url=_clean(getattr(found, "url", None)),
        author=_clean(getattr(found, "author", None)),
        outlet=_clean(getattr(found, "sitename", None) or getattr(found, "hostname", None))
        or title_site(text, getattr(found, "title", None)),
        where="page",
    )


_TITLE_ELEMENT = re.compile(r"<title[^>]*>([^<]{1,500})</title", re.IGNORECASE)
#: What pages put between the headline and the site's name in ``<title>``.
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")


def title_site(page: str, headline: str | None) -> str | None:
    """The site's name from a ``<title>`` of the form ``HEADLINE | Site`` (or ``-``,
    ``–``, ``—``, ``::``, ``·``) when the page names it nowhere else: what a saved page
    with no ``og:site_name`` still tells."""
    import html as html_lib

    match = _TITLE_ELEMENT.search(page, 0, 65536)
    if match is None or not headline:
        return None
    title = " ".join(html_lib.unescape(match.group(1)).split())
    headline = " ".join(headline.split())
    if not title.startswith(headline):
        return None
    rest = title[len(headline) :]
    for separator in _TITLE_SEPARATORS:
        if rest.startswith(separator):
            site = rest[len(separator) :].strip()
            return site if site and len(site.split()) <= 6 else None
    return None


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    value = " ".join(str(value).split())
    return value or None


def fragment_text(fragment: str) -> str:
    """The text of an HTML fragment, one line per block element."""
    import lxml.html
    from lxml import etree

    if "<" not in fragment:
        import html as html_lib

        return html_lib.unescape(fragment).strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*_DROP)):
        element.drop_tree()  # keeps the text that follows it
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    lines = (_SPACES.sub(" ", line).strip() for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
