"""An outlet taken from a URL is its registrable name (``edition.cnn.com`` was an outlet
of its own beside ``cnn.com``), cut where the Public Suffix List says, with no network."""

from __future__ import annotations

import socket

import pytest

from tui.extract.pipeline import parse_text
from tui.ingest.outlet import registrable, source_name, url_host


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.nytimes.com/2019/01/02/us/politics/budget.html", "nytimes.com"),
        ("https://edition.cnn.com/2019/01/02/weather/storm.html", "cnn.com"),
        ("https://www.bbc.co.uk/news/uk-politics-123", "bbc.co.uk"),
        ("https://www.abc.net.au/news/x", "abc.net.au"),
        ("https://en.wikinews.org/wiki/Some_story", "wikinews.org"),
        ("HTTPS://WWW.Reuters.COM:443/world", "reuters.com"),
        ("http://localhost:8000/feed", "localhost"),  # no public suffix: kept as it is
        ("http://192.168.1.20/rss", "192.168.1.20"),
        ("https://www.intranet/news", "intranet"),
        ("not a url", None),
        ("", None),
    ],
)
def test_the_outlet_of_a_url_is_its_registrable_name(url: str, outlet: str | None) -> None:
    assert url_host(url) == outlet


def test_the_public_suffix_list_is_read_without_the_network(monkeypatch) -> None:
    def no_network(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the outlet rule went to the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    registrable.cache_clear()
    assert url_host("https://news.example.co.uk/a") == "example.co.uk"


def test_a_record_without_an_outlet_column_gets_the_registrable_name() -> None:
    text = (
        '{"title": "Storm hits coast", "url": "https://edition.cnn.com/2019/storm.html",'
        ' "text": "A storm hit the coast on Monday, cutting power to thousands of homes."}\n'
    )
    (article,) = parse_text(text, "news.jsonl").articles
    assert article.outlet == "cnn.com"


@pytest.mark.parametrize(
    ("source", "name"),
    [
        ("/data/politics/2019/story.txt", "story.txt"),
        ("https://rss.nytimes.com/services/xml/rss/nyt/Politics.xml", "nytimes.com"),
        ("-", "-"),
    ],
)
def test_source_names_a_file_by_its_name_and_a_feed_by_its_outlet(source, name) -> None:
    assert source_name(source) == name
