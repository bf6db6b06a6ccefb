"""A watched folder's files and a refresh's entries are placed into stories as they are
stored, as ``newsdesk import`` places a file's articles: not left to the next look
(the reader stops grouping a backlog of thousands itself)."""

from __future__ import annotations

import threading
from html import escape
from pathlib import Path

from tui.samples import __file__ as samples_init
from tui.store import Library
from tui.store.feeds import Feed, add_feed
from tui.store.stories import story_ids, ungrouped
from tui.subscribe import all_feeds
from tui.subscribe.fetch import FetchResult
from tui.subscribe.refresh import refresh
from tui.subscribe.watch import follow

SAMPLES = Path(samples_init).parent
#: Two outlets' reports of one development (Nordvik Energi's tidal plant), and other news.
TIDAL = ("001_harbour_tidal_plant.txt", "002_tidal_plant_second_outlet.txt")
OTHER = "005_river_flood.txt"


def _placed(path: Path) -> tuple[dict[str, str], dict[str, int], int]:
    """Title -> article id, article id -> story (as stored, nothing placed by reading),
    and how many articles wait to be placed."""
    with Library.open(path) as lib:
        titles = {a.title: a.id for a in lib.get_articles(lib.article_ids())}
        return titles, story_ids(lib), ungrouped(lib)


def test_a_watched_folders_files_are_placed_into_stories_as_they_are_imported(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (*TIDAL, OTHER):
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    lines: list[str] = []
    stop = threading.Event()
    with Library.open(tmp_path / "lib.db") as library:
        # The files already there are imported before ``on_ready``, which ends it.
        follow(
            library,
            [str(folder)],
            lambda i: lines.append(i.line()),
            stop=stop,
            on_ready=stop.set,
            poll=True,
        )
    assert len(lines) == 3 and all("stories not grouped" not in line for line in lines)
    titles, stories, waiting = _placed(tmp_path / "lib.db")
    assert waiting == 0
    assert set(stories) == set(titles.values())  # every article placed, none left over
    _assert_one_story(titles, stories)


def _assert_one_story(titles: dict[str, str], stories: dict[str, int]) -> None:
    """The two tidal-plant reports in one story, the other news (the flood, the first
    outlet's brief on the grid) not in it."""
    tidal = [stories[i] for t, i in titles.items() if "Nordvik" in t]
    others = [stories[i] for t, i in titles.items() if "Nordvik" not in t]
    assert len(tidal) == 2 and len(set(tidal)) == 1, titles
    assert others and tidal[0] not in others


def _rss(title: str, text: str, link: str) -> bytes:
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in text.splitlines() if line)
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>{link}</link><item><title>"
        f"{escape(text.splitlines()[0][:60])}</title><link>{link}/1</link>"
        "<pubDate>Tue, 03 Dec 2024 08:00:00 GMT</pubDate>"
        f"<description>{escape(paragraphs)}</description></item></channel></rss>"
    ).encode()


def test_a_refreshs_entries_are_placed_into_stories_as_each_feed_is_stored(
    tmp_path: Path,
) -> None:
    bodies = {
        f"http://feeds.test/{n}.xml": _rss(
            f"Outlet {n}", (SAMPLES / name).read_text(), f"http://o{n}.test"
        )
        for n, name in enumerate((*TIDAL, OTHER))
    }

    def fetcher(url: str, **_kwargs: object) -> FetchResult:
        return FetchResult(url, body=bodies[url])

    with Library.open(tmp_path / "lib.db") as library:
        with library.write() as conn:
            for url in bodies:
                add_feed(conn, Feed(url))
        summary = refresh(library, all_feeds(library.connection), fetcher=fetcher)
    assert summary.line() == "3 feeds, 3 new"
    titles, stories, waiting = _placed(tmp_path / "lib.db")
    assert waiting == 0 and set(stories) == set(titles.values())
    _assert_one_story(titles, stories)
