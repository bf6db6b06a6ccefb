"""The structured readers: CSV/TSV, JSON Lines and arrays, HTML pages, RSS/Atom/JSON Feed.

Fixtures in ``fixtures/inputs/`` were written for these tests (invented outlets,
people and events); the Wikinews tests read ``../shared`` and skip without it.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tui.errors import InputError
from tui.extract.pipeline import ParsedDocument, parse_bytes, parse_text
from tui.ingest.files import load_document
from tui.ingest.formats import sniff
from tui.ingest.records import parse_mapping
from tui.model import Article

INPUTS = Path(__file__).parent / "fixtures" / "inputs"
HTML_PAGES = sorted(INPUTS.glob("*.html"))

BODY = (
    "The council of Valdora approved a new tram line on Monday, the mayor said.\n"
    "“It will carry 20,000 people a day,” said Mayor Lena Sorvik.\n"
    "Photo: Staff\n"
    "Work starts in the spring and should take three years."
)


def parse_file(path: Path | str, **kwargs) -> ParsedDocument:
    document = load_document(str(path))
    return parse_text(document.text, document.source, **kwargs)


def assert_offsets_hold(parsed: ParsedDocument) -> None:
    """Every span of every article indexes the text the parse returned."""
    text = parsed.text
    for article in parsed.articles:
        assert article.text_origin == "extracted"
        assert article.span.end <= len(text)
        for paragraph in (*article.paragraphs, *article.captions, *article.related):
            assert paragraph.span.of(text) == paragraph.text
            assert article.span.contains(paragraph.span)
        for quote in article.quotes:
            assert quote.span.of(text) == quote.text


def write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


# -- CSV / TSV ---------------------------------------------------------------------------


def test_csv_rows_are_articles_with_their_metadata(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "export.txt",  # content decides, not the name
        ["Headline", "Published", "Link", "Byline", "Publisher", "Body"],
        [
            ["Tram line approved", "2024-03-04T10:00:00Z", "https://v.example/t", "A. B", "", BODY],
            ["Second story", "5 March 2024", "", "", "Valdora Post", "Short text of a story."],
        ],
    )
    parsed = parse_file(path)
    assert parsed.format == "csv" and parsed.problems == []
    first, second = parsed.articles
    assert (first.title, first.date, first.url, first.author) == (
        "Tram line approved",
        "2024-03-04",
        "https://v.example/t",
        "A. B",
    )
    assert first.outlet == "v.example"  # the URL's host when no outlet column says
    assert second.outlet == "Valdora Post" and second.date == "2024-03-05"
    # The dump reader's paragraph rules apply to the cell: the credit is a caption.
    assert [c.text for c in first.captions] == ["Photo: Staff"]
    assert len(first.paragraphs) == 3 and first.quotes
    assert_offsets_hold(parsed)


def test_tsv_and_file_name_as_outlet(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "desk.tsv", ["title", "text"], [["T", BODY]], delimiter="\t")
    parsed = parse_file(path)
    assert parsed.format == "tsv"
    assert parsed.articles[0].outlet == "desk.tsv"


def test_map_overrides_the_usual_names(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "a.csv", ["text", "story", "when"], [["not this", BODY, "2024-01-02"]]
    )
    parsed = parse_file(path, mapping=parse_mapping("text=story,date=when"))
    [article] = parsed.articles
    assert article.date == "2024-01-02"
    assert "tram line" in article.paragraphs[0].text


def test_map_names_an_unknown_field() -> None:
    with pytest.raises(ValueError, match="unknown field 'body'"):
        parse_mapping("body=text")
    with pytest.raises(ValueError, match="FIELD=COLUMN"):
        parse_mapping("text")


def test_a_map_to_a_column_that_is_not_there_names_that_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", ["title", "body"], [["T", BODY]])
    with pytest.raises(InputError) as caught:
        parse_file(path, mapping=parse_mapping("text=story"))
    message = str(caught.value)
    assert "no column 'story' (--map text=story)" in message and "'body'" in message
    assert "name the text column" not in message  # the user did: the name is wrong


def test_a_host_name_as_outlet_is_its_registrable_domain(tmp_path: Path) -> None:
    """news-please's ``source_domain`` is a host: ``www.`` or not, one outlet."""
    rows = [["A", BODY, "www.valdora-post.co.uk"], ["B", "Another story.", "Valdora Post"]]
    path = write_csv(tmp_path / "a.csv", ["title", "text", "source_domain"], rows)
    assert [a.outlet for a in parse_file(path).articles] == ["valdora-post.co.uk", "Valdora Post"]


def test_csv_with_no_text_column_is_one_line_naming_the_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", ["title", "summary", "url"], [["T", "S", "U"]])
    with pytest.raises(InputError) as caught:
        parse_file(path)
    message = str(caught.value)
    assert "\n" not in message
    assert "no text column" in message and "'summary'" in message and "--map" in message


def test_ragged_csv_rows_are_named_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(
        "title,text\n"
        'One,"First story text, long enough."\n'
        "Two,second,extra cell\n"
        'Three,"Third\nstory over two lines."\n'
        "Four\n",
        encoding="utf-8",
    )
    parsed = parse_file(path)
    assert [a.title for a in parsed.articles] == ["One", "Three"]
    assert parsed.problems == [
        "line 3 (row 3): 3 cells where the header has 2; row left out",
        "line 6 (row 5): 1 cell where the header has 2; row left out",
    ]
    assert_offsets_hold(parsed)


# -- JSON Lines and arrays ---------------------------------------------------------------


def test_json_lines_with_nested_source_name_and_a_bad_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"title": "Tram", "maintext": BODY, "source": {"id": "v", "name": "Post"}}),
        '{"title": "broken", "text": ',
        json.dumps({"headline": "Ferry", "content": "A ferry story.", "authors": ["A", "B"]}),
        json.dumps({"title": "No text here"}),
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    parsed = parse_file(path)
    assert [a.title for a in parsed.articles] == ["Tram", "Ferry"]
    assert parsed.articles[0].outlet == "Post"
    assert parsed.articles[1].author == "A, B"
    assert [p.split(":")[0] for p in parsed.problems] == ["line 2", "line 4"]
    assert "not valid JSON" in parsed.problems[0]
    assert_offsets_hold(parsed)


def test_json_array_and_wrapped_list(tmp_path: Path) -> None:
    items = [{"title": "A", "body": BODY}, {"title": "B", "body": "Another story here."}]
    for name, data in (("a.json", items), ("b.json", {"status": "ok", "articles": items})):
        path = tmp_path / name
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
        parsed = parse_file(path)
        assert [a.title for a in parsed.articles] == ["A", "B"], name


def test_a_wrapped_list_on_one_line_is_not_taken_for_json_lines(tmp_path: Path) -> None:
    """A news API's answer saved as it came (one line) and one answer per line."""
    items = [
        {"title": "A", "content": ["Para one.", "Para two."], "publishedAt": "2021-01-02T03:04Z"},
        {"title": "B", "content": "Another story here."},
    ]
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"status": "ok", "articles": items}), encoding="utf-8")
    parsed = parse_file(path)
    assert [a.title for a in parsed.articles] == ["A", "B"] and not parsed.problems
    assert parsed.articles[0].date == "2021-01-02"
    assert [p.text for p in parsed.articles[0].paragraphs] == ["Para one.", "Para two."]
    pages = tmp_path / "pages.jsonl"
    pages.write_text(
        json.dumps({"articles": items[:1]}) + "\n" + json.dumps({"articles": [{"x": 1}]}) + "\n",
        encoding="utf-8",
    )
    parsed = parse_file(pages)
    assert [a.title for a in parsed.articles] == ["A"]
    assert parsed.problems[0].startswith("line 2, item 1: no text key")
    assert_offsets_hold(parsed)


def test_newsdesk_json_export_reads_back(tmp_path: Path) -> None:
    """``newsdesk export --format json`` has ``paragraphs`` (objects), no ``text``, and
    ``source`` for the file: its articles come back with their outlet, not the path."""
    exported = [
        {
            "id": "x",
            "source": "/data/desk.csv",
            "title": "Tram",
            "paragraphs": [
                {"text": "The council approved a tram line.", "span": {"start": 0, "end": 33}},
                {"text": "It opens in 2027.", "span": {"start": 34, "end": 51}},
            ],
            "date": "2024-03-04",
            "url": "https://www.valdora.example/tram",
            "outlet": "Valdora Post",
            "text_origin": "extracted",
        }
    ]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    [article] = parse_file(path).articles
    assert (article.title, article.date, article.outlet) == ("Tram", "2024-03-04", "Valdora Post")
    assert [p.text for p in article.paragraphs] == [
        "The council approved a tram line.",
        "It opens in 2027.",
    ]
    # A title the reader inferred (no title line) is inferred again, not taken as given.
    exported[0]["title_inferred"] = True
    exported[0]["title"] = "The council approved a tram line"
    path.write_text(json.dumps(exported), encoding="utf-8")
    [article] = parse_file(path).articles
    assert article.title_inferred


def test_json_that_holds_no_articles_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[{"x": 1}, {"x": 2}]', encoding="utf-8")
    with pytest.raises(InputError, match=r"item 1: no text key .* \(and 1 more like it\)"):
        parse_file(path)


# -- HTML --------------------------------------------------------------------------------


def test_the_five_saved_pages_read_as_articles() -> None:
    assert len(HTML_PAGES) == 5
    for page in HTML_PAGES:
        parsed = parse_file(page)
        [article] = parsed.articles
        assert parsed.format == "html"
        assert not article.title_inferred and len(article.paragraphs) >= 3, page.name
        assert article.date and article.author, page.name
        body = " ".join(p.text for p in article.paragraphs)
        # Navigation, cookie banners, adverts and comments are left out.
        for furniture in ("cookies", "Advertisement", "First!", "Log in", "Share this"):
            assert furniture not in body, (page.name, furniture)
        # The headline is the title, not also the first paragraph.
        assert article.paragraphs[0].text != article.title
        assert_offsets_hold(parsed)


def test_page_metadata() -> None:
    [article] = parse_file(INPUTS / "gazette_cranes.html").articles
    assert article.title == "Harbour cranes return to Valletta port"
    assert (article.date, article.author, article.outlet) == (
        "2024-03-05",
        "Mira Sorensen",
        "The Harbour Gazette",
    )
    assert article.url == "https://gazette.example.org/2024/03/cranes-return"
    assert "Hugo Brandt" in {q.speaker for q in article.quotes}


def test_a_page_names_its_site_in_its_title_alone() -> None:
    """``<title>Headline - Site</title>`` and no ``og:site_name``: the outlet is the
    site, not the file's name."""
    from tui.ingest.html import title_site

    [article] = parse_file(INPUTS / "wire_ferry.html").articles
    assert article.outlet == "Meridian Wire"
    page = "<html><head><title>{}</title></head></html>"
    assert title_site(page.format("Ferry links | The Post"), "Ferry links") == "The Post"
    assert title_site(page.format("Ferry links"), "Ferry links") is None
    assert title_site(page.format("Other - The Post"), "Ferry links") is None


def test_a_page_with_no_article_says_so() -> None:
    with pytest.raises(InputError, match="HTML page with no article text"):
        parse_file(INPUTS / "bad" / "index_page.html")


# -- feeds -------------------------------------------------------------------------------


def test_rss_entries_with_a_repeated_entry_read_once() -> None:
    parsed = parse_file(INPUTS / "harbour_gazette.rss")
    assert parsed.format == "feed" and parsed.problems == []
    titles = [a.title for a in parsed.articles]
    assert titles == [
        "Fishing fleet returns early as storm nears",
        "Lighthouse museum reopens after repairs",
        "Ferry timetable changes for the spring",
    ]
    fleet = parsed.articles[0]
    assert (fleet.date, fleet.author, fleet.outlet) == (
        "2024-03-11",
        "Nils Orvar",
        "The Harbour Gazette",
    )
    # content:encoded HTML went through the HTML reader: three paragraphs, no tags.
    assert len(fleet.paragraphs) == 3 and "<p>" not in parsed.text
    assert "Elin Tamsin" in {q.speaker for q in fleet.quotes}
    assert_offsets_hold(parsed)


def test_atom_entries() -> None:
    parsed = parse_file(INPUTS / "meridian_wire.atom")
    assert [a.date for a in parsed.articles] == ["2024-04-03", "2024-04-02", "2024-04-01"]
    assert parsed.articles[0].author == "Yara Pellucid"
    assert parsed.articles[0].url == "https://wire.example.net/2024/04/port-strike-ends"
    assert len(parsed.articles[2].paragraphs) == 2  # a text content's own paragraphs
    assert_offsets_hold(parsed)


def test_a_broken_feed_entry_is_named_and_the_rest_read(tmp_path: Path) -> None:
    text = (INPUTS / "harbour_gazette.rss").read_text(encoding="utf-8")
    text = text.replace("<item>", "<item></item><item>", 1)  # an entry with nothing in it
    path = tmp_path / "f.rss"
    path.write_text(text, encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.problems == ["entry 1: no title and no text; left out"]
    assert len(parsed.articles) == 3


def test_feed_xml_that_breaks_part_way_is_named_with_its_line(tmp_path: Path) -> None:
    text = (INPUTS / "meridian_wire.atom").read_text(encoding="utf-8")
    cut = text.index("<entry>", text.index("<entry>") + 1)
    path = tmp_path / "f.atom"
    path.write_text(text[:cut] + "<entry><title>Half</tit", encoding="utf-8")
    parsed = parse_file(path)
    assert [a.title for a in parsed.articles][:1] == ["Port strike ends after pay deal"]
    assert parsed.problems[0].startswith("line ") and "the feed breaks here" in parsed.problems[0]


def test_json_feed(tmp_path: Path) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Valdora Post",
        "items": [
            {
                "id": "1",
                "title": "Tram",
                "content_html": "<p>One.</p><p>Two.</p>",
                "date_published": "2024-03-04T10:00:00Z",
                "authors": [{"name": "L. S"}],
            },
            {"id": "1", "title": "Tram", "content_text": "repeat"},
            {"id": "2", "url": "https://v.example/2", "content_text": BODY},
            "not an item",
        ],
    }
    path = tmp_path / "feed.json"
    path.write_text(json.dumps(feed), encoding="utf-8")
    parsed = parse_file(path)
    assert parsed.format == "jsonfeed"
    first, second = parsed.articles
    assert (first.title, first.date, first.author, first.outlet) == (
        "Tram",
        "2024-03-04",
        "L. S",
        "Valdora Post",
    )
    assert [p.text for p in first.paragraphs] == ["One.", "Two."]
    assert second.title_inferred and second.url == "https://v.example/2"
    assert parsed.problems == ["item 4: not an object; left out"]


def test_parse_bytes_is_the_entry_point_for_fetched_feeds() -> None:
    data = (INPUTS / "meridian_wire.atom").read_bytes()
    parsed = parse_bytes(data, "https://wire.example.net/feed")
    assert (
        len(parsed.articles) == 3 and parsed.articles[0].source == "https://wire.example.net/feed"
    )


# -- sniffing ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("url,date,title,text\n", "x.txt", "csv"),
        ("title\ttext\n", "x", "tsv"),
        ('{"title": "a", "text": "b"}\n', "x.txt", "json"),
        ('[{"title": "a"}]', "x", "json"),
        ("<?xml version='1.0'?>\n<rss version='2.0'>", "x.txt", "feed"),
        ("<feed xmlns='http://www.w3.org/2005/Atom'>", "x", "feed"),
        ("<!DOCTYPE html><html>", "x.txt", "html"),
        ("<?xml version='1.0'?><urlset>", "sitemap.xml", "xml"),
        ("Some title, with a comma\n\nA story.", "x.csv", "csv"),  # content unsure: name
        ("Some title, with a comma\n\nA story.", "x.txt", "dump"),
        ("[Photo] A dump that opens with a bracket.", "x.txt", "dump"),
        ('{"version": "https://jsonfeed.org/version/1.1", "items": []}', "x", "jsonfeed"),
    ],
)
def test_sniff_content_first_then_extension(text: str, name: str, kind: str) -> None:
    assert sniff(text, name) == kind


def test_xml_that_is_not_a_feed_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_text("<?xml version='1.0'?>\n<urlset><url>x</url></urlset>\n", encoding="utf-8")
    with pytest.raises(InputError, match="XML, but not an RSS or Atom feed"):
        parse_file(path)


# -- the Wikinews corpus -----------------------------------------------------------------


def wikinews_jsonl(shared_dir: Path, out: Path) -> Path:
    """A JSON Lines export of the Wikinews CSV, as a scraper would write it."""
    with open(shared_dir / "corpora" / "wikinews_2019.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return out


def test_wikinews_csv_is_171_articles_with_titles_dates_and_urls(shared_dir: Path) -> None:
    parsed = parse_file(shared_dir / "corpora" / "wikinews_2019.csv")
    articles: list[Article] = parsed.articles
    assert len(articles) == 171 and parsed.problems == []
    assert all(not a.title_inferred and a.date and a.url for a in articles)
    assert all(a.url.startswith("https://en.wikinews.org/") for a in articles)
    assert articles[0].title.startswith("Magnitogorsk apartment building collapses")
    assert all(len(a.paragraphs) >= 1 for a in articles)
    assert len({a.id for a in articles}) == 171
    assert_offsets_hold(parsed)


def test_wikinews_jsonl_export_gives_the_same_articles(shared_dir: Path, tmp_path: Path) -> None:
    from_csv = parse_file(shared_dir / "corpora" / "wikinews_2019.csv").articles
    from_jsonl = parse_file(wikinews_jsonl(shared_dir, tmp_path / "wikinews.jsonl")).articles
    assert [a.id for a in from_jsonl] == [a.id for a in from_csv]
    assert [(a.title, a.date, a.url) for a in from_jsonl] == [
        (a.title, a.date, a.url) for a in from_csv
    ]


def test_json_nested_too_deeply_is_named_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.jsonl"
    good = json.dumps({"title": "Fine", "text": "A story that parses."})
    path.write_text(good + "\n" + '{"a": ' * 100_000 + "\n", encoding="utf-8")
    parsed = parse_file(path)
    assert [a.title for a in parsed.articles] == ["Fine"]
    assert parsed.problems == ["line 2: JSON nested too deeply; left out"]
    array = tmp_path / "deep.json"
    array.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(InputError, match="nested too deeply"):
        parse_file(array)
